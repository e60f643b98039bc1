package nmt

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// DataRootTuple is Blobstream's commitment to one Celestia block (blobstream-contracts
// DataRootTuple.sol): its height and data root. A Blobstream contract stores, per nonce,
// the RFC 6962 root (CometBFT simple Merkle, sha256) over the tuples of a range of heights;
// celestia-core's data_root_inclusion_proof and celestia-node's blobstream API serve the
// Merkle proof of one tuple in it.
type DataRootTuple struct {
	Height   uint64
	DataRoot interop.Hash
}

// Leaf returns the tuple's leaf, abi.encode(uint256 height, bytes32 dataRoot): the height
// big-endian in 32 bytes, then the data root (blobstream-contracts Blobstream.sol
// verifyAttestation, celestia-core EncodeDataRootTuple).
func (t DataRootTuple) Leaf() [64]byte {
	var leaf [64]byte
	binary.BigEndian.PutUint64(leaf[24:32], t.Height)
	copy(leaf[32:], t.DataRoot[:])
	return leaf
}

// Verify checks that the tuple is committed to by tupleRoot, the data root tuple root a
// Blobstream contract holds, as BinaryMerkleTree.verify does: p.Index is the tuple's key
// (its height minus the range's first height), p.Total the number of tuples, p.Aunts the
// side nodes bottom-up, exactly as long as the key's path. Blobstream's
// BinaryMerkleProof carries no leaf hash, so an empty LeafHash is not checked; a present
// one (CometBFT's proof has it) must be sha256(0x00 ‖ leaf). Errors: ErrInvalidRange for
// a key outside the tree, ErrTooLarge for more than 64 aunts, ErrDataRootTuple beside
// ErrInvalidProof otherwise. Bound: 65 hashes, nothing allocated.
func (t DataRootTuple) Verify(tupleRoot interop.Hash, p *MerkleProof) error {
	leaf := t.Leaf()
	if err := p.verify(tupleRoot, leaf[:], false); err != nil {
		return fmt.Errorf("data root tuple (height %d, data root %x): %w: %w", t.Height, t.DataRoot, ErrDataRootTuple, err)
	}
	return nil
}
