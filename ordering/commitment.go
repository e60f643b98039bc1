package ordering

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

// NamespaceSize is the NMT namespace size ordering uses: a rollup's namespace is its
// ChainID as 8 big-endian bytes (nmt's default size).
const NamespaceSize = 8

// RootSize is the size of an NMT root over 8-byte namespaces: min ‖ max ‖ sha256 digest.
const RootSize = 2*NamespaceSize + 32

// CommitmentSize is the length of a Commitment's encoding.
const CommitmentSize = 8 + 32 + 8 + 8 + RootSize

// hasher is the NMT hasher of every ordering tree. IgnoreMaxNamespace is off: rollup
// namespaces are chain ids and the all-0xFF one (chain id 2^64-1) is as provable as any
// other, so the parity-namespace trap of proof/nmt cannot hide a rollup's transactions.
var hasher, _ = nmt.NewHasher(NamespaceSize, false)

// Namespace returns the NMT namespace of a rollup: its chain id, big-endian.
func Namespace(rollup interop.ChainID) [NamespaceSize]byte {
	var ns [NamespaceSize]byte
	binary.BigEndian.PutUint64(ns[:], uint64(rollup))
	return ns
}

// Root is the root of a height's namespaced Merkle tree, min ‖ max ‖ digest.
type Root [RootSize]byte

// Commitment is what a shared sequencer commits to at a height: the order of every
// rollup's transactions (Root), linked to the previous commitment and naming the committee
// epoch whose quorum certifies it. It says nothing about execution.
type Commitment struct {
	Height    uint64
	Parent    interop.Hash // Hash of the commitment at Height-1
	Timestamp uint64       // seconds since the Unix epoch
	Epoch     uint64       // committee epoch
	Root      Root
}

// commitmentDomain separates commitment hashes from every other hash in the library.
var commitmentDomain = []byte("interop/ordering/commitment/v1\x00")

// AppendBinary appends the canonical encoding: height, parent, timestamp, epoch, root, with
// integers as 8 big-endian bytes.
func (c *Commitment) AppendBinary(dst []byte) []byte {
	dst = binary.BigEndian.AppendUint64(dst, c.Height)
	dst = append(dst, c.Parent[:]...)
	dst = binary.BigEndian.AppendUint64(dst, c.Timestamp)
	dst = binary.BigEndian.AppendUint64(dst, c.Epoch)
	return append(dst, c.Root[:]...)
}

// Hash returns sha256(domain ‖ encoding), the message a QC signs.
func (c *Commitment) Hash() interop.Hash {
	var buf [64 + CommitmentSize]byte
	b := append(buf[:0], commitmentDomain...)
	b = c.AppendBinary(b)
	return sha256.Sum256(b)
}

// DecodeCommitment decodes exactly CommitmentSize bytes. A root whose min namespace is
// above its max cannot come from any tree and is rejected. It allocates nothing.
func DecodeCommitment(b []byte) (Commitment, error) {
	if len(b) != CommitmentSize {
		return Commitment{}, fmt.Errorf("%w: commitment of %d bytes, want %d", ErrInvalidEncoding, len(b), CommitmentSize)
	}
	// Namespaces are 8 big-endian bytes: compared as integers, read from the input so that
	// the error does not make the commitment escape (decoding allocates nothing).
	lo, hi := binary.BigEndian.Uint64(b[56:]), binary.BigEndian.Uint64(b[56+NamespaceSize:])
	if lo > hi {
		return Commitment{}, fmt.Errorf("%w: root range [%016x, %016x]", ErrInvalidEncoding, lo, hi)
	}
	var c Commitment
	c.Height = binary.BigEndian.Uint64(b)
	copy(c.Parent[:], b[8:40])
	c.Timestamp = binary.BigEndian.Uint64(b[40:])
	c.Epoch = binary.BigEndian.Uint64(b[48:])
	copy(c.Root[:], b[56:])
	return c, nil
}
