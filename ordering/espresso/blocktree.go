package espresso

import (
	"crypto/sha3"
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// Espresso's block Merkle tree (espresso-types BlockMerkleTree = LightWeightSHA3MerkleTree of
// header commitments, jf-merkle-tree-compat): an append-only tree of arity 3 and height
// BlockTreeHeight whose leaf i is the commitment of the header at height i.
//
//   - leaf digest: SHA3-256 of the element's canonical (arkworks) serialization, the 32 raw
//     bytes of a header commitment; the position does not enter it;
//   - branch digest: SHA3-256 of the three children's digests concatenated, an empty child
//     counting as 32 zero bytes;
//   - position p descends by its base-3 digits, least significant first (the digit of the
//     lowest level picks the child there).
//
// The header at height h commits (block_merkle_tree_root) to the tree of heights 0..h-1, and the
// light client contract's blockCommRoot is hash_bytes_to_field of that commitment's 48-byte
// serialization (digest, height and leaf count): see BlockTreeCommitment.BlockCommRoot.
const (
	// BlockTreeHeight is BLOCK_MERKLE_TREE_HEIGHT: the block tree's height in espresso-types.
	BlockTreeHeight = 32
	// BlockTreeArity is the block tree's arity (LightWeightSHA3MerkleTree's ARITY).
	BlockTreeArity = 3
	// MaxBlockTreeHeight bounds the height a decoded commitment or proof may claim: 3^40
	// exceeds 2^63, so every position of a u64-indexed tree has a path of at most 40 levels.
	MaxBlockTreeHeight = 40
	// MaxBlockLeafSize bounds a proof's leaf element (a header commitment is 32 bytes).
	MaxBlockLeafSize = 64
	// BlockTreeCommitmentSize is the length of a commitment's canonical serialization.
	BlockTreeCommitmentSize = 48
)

// BlockTreeCommitment is jellyfish's MerkleTreeCommitment of the block tree: the root digest,
// the tree height and the number of leaves, serialized (arkworks, as hashed into the light
// client state and carried in headers as "MERKLE_COMM~…") as digest ‖ height (u64 LE) ‖
// leaves (u64 LE).
type BlockTreeCommitment struct {
	Digest    interop.Hash
	Height    uint64
	NumLeaves uint64
}

// AppendBinary appends the 48-byte canonical serialization.
func (c BlockTreeCommitment) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, c.Digest[:]...)
	b = binary.LittleEndian.AppendUint64(b, c.Height)
	return binary.LittleEndian.AppendUint64(b, c.NumLeaves), nil
}

// DecodeBlockTreeCommitment decodes the 48-byte serialization. It rejects other lengths, a
// height above MaxBlockTreeHeight and a leaf count above the tree's capacity 3^height
// (ErrBlockTreeCommitment). Bound: reads 48 bytes, allocates nothing.
func DecodeBlockTreeCommitment(b []byte) (BlockTreeCommitment, error) {
	var c BlockTreeCommitment
	if len(b) != BlockTreeCommitmentSize {
		return c, fmt.Errorf("%w: %d bytes, want %d", ErrBlockTreeCommitment, len(b), BlockTreeCommitmentSize)
	}
	copy(c.Digest[:], b[:32])
	c.Height = binary.LittleEndian.Uint64(b[32:40])
	c.NumLeaves = binary.LittleEndian.Uint64(b[40:48])
	if err := c.check(); err != nil {
		return BlockTreeCommitment{}, err
	}
	return c, nil
}

func (c BlockTreeCommitment) check() error {
	if c.Height > MaxBlockTreeHeight {
		return fmt.Errorf("%w: height %d above %d", ErrBlockTreeCommitment, c.Height, MaxBlockTreeHeight)
	}
	if c.NumLeaves > blockTreeCapacity(c.Height) {
		return fmt.Errorf("%w: %d leaves exceed the capacity of a height-%d tree", ErrBlockTreeCommitment, c.NumLeaves, c.Height)
	}
	if c.NumLeaves == 0 && !c.Digest.IsZero() {
		// jellyfish's empty tree has the default (zero) digest.
		return fmt.Errorf("%w: empty tree with digest %s", ErrBlockTreeCommitment, c.Digest)
	}
	return nil
}

// blockTreeCapacity is 3^height, saturated at the largest uint64.
func blockTreeCapacity(height uint64) uint64 {
	c := uint64(1)
	for range height {
		if c > ^uint64(0)/BlockTreeArity {
			return ^uint64(0)
		}
		c *= BlockTreeArity
	}
	return c
}

// MerkleCommTag is the tagged-base64 tag of a tree commitment.
const MerkleCommTag = "MERKLE_COMM"

// ParseBlockTreeCommitment parses the tagged-base64 form "MERKLE_COMM~…" (URL-safe base64
// without padding, a CRC-8 checksum byte last), as headers and the query service carry it.
// Errors wrap ErrBlockTreeCommitment (and the tagged-base64 error beneath). Bound: strings of more than 80 characters are refused
// before decoding; allocates under 100 bytes.
func ParseBlockTreeCommitment(s string) (BlockTreeCommitment, error) {
	if len(s) > 80 {
		return BlockTreeCommitment{}, fmt.Errorf("%w: %d characters", ErrBlockTreeCommitment, len(s))
	}
	t, err := ParseTaggedBase64(s)
	if err != nil {
		return BlockTreeCommitment{}, fmt.Errorf("%w: %w", ErrBlockTreeCommitment, err)
	}
	if t.Tag != MerkleCommTag {
		return BlockTreeCommitment{}, fmt.Errorf("%w: %w: tag %q, want %s", ErrBlockTreeCommitment, ErrTag, t.Tag, MerkleCommTag)
	}
	return DecodeBlockTreeCommitment(t.Value)
}

// String returns the tagged-base64 form.
func (c BlockTreeCommitment) String() string {
	b, _ := c.AppendBinary(make([]byte, 0, BlockTreeCommitmentSize))
	return TaggedBase64{Tag: MerkleCommTag, Value: b}.String()
}

// MarshalText encodes the tagged-base64 form.
func (c BlockTreeCommitment) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes the tagged-base64 form (ParseBlockTreeCommitment).
func (c *BlockTreeCommitment) UnmarshalText(b []byte) error {
	v, err := ParseBlockTreeCommitment(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// BlockCommRoot is the light client state's blockCommRoot for this tree commitment, as the
// contract stores it (a big-endian uint256 below the BN254 scalar modulus):
// hash_bytes_to_field of the 48-byte serialization (hotshot-types light_client; espresso-types
// Header::get_light_client_state), i.e. Rescue-254 over the bytes in 31-byte little-endian
// chunks with a 1 appended. Allocates nothing.
func (c BlockTreeCommitment) BlockCommRoot() [32]byte {
	var buf [BlockTreeCommitmentSize]byte
	copy(buf[:32], c.Digest[:])
	binary.LittleEndian.PutUint64(buf[32:40], c.Height)
	binary.LittleEndian.PutUint64(buf[40:48], c.NumLeaves)
	e := hashBytesToField(buf[:])
	return e.Bytes()
}

// blockLeafDigest is Sha3Digest::digest_leaf: SHA3-256 of the element's serialization.
func blockLeafDigest(elem []byte) interop.Hash {
	return sha3.Sum256(elem)
}

// blockBranchDigest is Sha3Digest::digest over the three children's values.
func blockBranchDigest(children *[BlockTreeArity]interop.Hash) interop.Hash {
	var buf [BlockTreeArity * 32]byte
	for i := range children {
		copy(buf[32*i:], children[i][:])
	}
	return sha3.Sum256(buf[:])
}
