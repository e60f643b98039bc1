package nmt

import (
	"bytes"
	"fmt"

	"github.com/interopkit/interop"
)

// Celestia's share proofs, as celestia-app (pkg/proof, proto/celestia/core/v1/proof/
// proof.proto) and celestia-core (types/share_proof.go, types/row_proof.go) define them and
// celestia-node serves them: shares under NMT row roots, row roots under the block's data
// root. The data root is the CometBFT simple Merkle root (RFC 6962, crypto/merkle
// HashFromByteSlices) of the extended square's row roots followed by its column roots.

// CelestiaNamespaceIDSize is the size of a Celestia namespace id, the namespace without its
// version byte.
const CelestiaNamespaceIDSize = CelestiaNamespaceSize - 1

// MerkleProof is CometBFT's crypto/merkle Proof (tendermint.crypto.Proof {total, index,
// leaf_hash, aunts}): the audit path of leaf Index in an RFC 6962 tree of Total leaves,
// aunts bottom-up.
type MerkleProof struct {
	Total, Index int64
	LeafHash     []byte
	Aunts        []interop.Hash
}

// Verify checks that leaf is leaf Index of the tree with the given root, as crypto/merkle
// Proof.Verify does: a) 0 ≤ Index < Total (ErrInvalidRange); b) LeafHash is
// sha256(0x00 ‖ leaf) (ErrInvalidProof); c) the aunts are exactly the path of a tree of
// Total leaves (at most 64: ErrTooLarge) and lead to root (ErrInvalidProof). Bound: 65
// hashes, nothing allocated.
func (p *MerkleProof) Verify(root interop.Hash, leaf []byte) error {
	return p.verify(root, leaf, true)
}

func (p *MerkleProof) verify(root interop.Hash, leaf []byte, needLeafHash bool) error {
	if p.Total < 1 || p.Index < 0 || p.Index >= p.Total {
		return fmt.Errorf("%w: merkle proof of leaf %d of %d", ErrInvalidRange, p.Index, p.Total)
	}
	if needLeafHash || len(p.LeafHash) != 0 {
		if lh := RFC6962LeafHash(leaf); !bytes.Equal(p.LeafHash, lh[:]) {
			return fmt.Errorf("%w: merkle proof leaf hash %x, leaf hashes to %x", ErrInvalidProof, p.LeafHash, lh)
		}
	}
	return VerifyRFC6962(root, leaf, uint64(p.Index), uint64(p.Total), p.Aunts)
}

// RowProof proves NMT row roots of an extended data square under the block's data root
// (celestia-app RowProof): RowRoots are rows StartRow..EndRow inclusive, Proofs[i] the
// Merkle proof of RowRoots[i]. Root is field 3 of celestia-app's message, which
// celestia-core's JSON form lacks; it is carried, not trusted: Verify takes the data root.
type RowProof struct {
	RowRoots         [][]byte
	Proofs           []MerkleProof
	Root             []byte
	StartRow, EndRow uint32
}

// Verify checks the row roots under dataRoot as celestia-app RowProof.Validate does, and
// binds their positions, which celestia-app leaves to its callers:
//
//	a) EndRow ≥ StartRow, EndRow−StartRow+1 row roots, at least one, one proof per row
//	   root (ErrInvalidProof);
//	b) every proof is over the same tree of 2w leaves, the w row roots then the w column
//	   roots of an extended square of width w = 2k (so 2w is a multiple of 4), and proof i
//	   is of leaf StartRow+i, a row (< w) (ErrInvalidRange);
//	c) each proof verifies as MerkleProof.Verify, leaf hash included (ErrDataRoot beside
//	   the cause).
//
// Bound: one Merkle path of at most 64 hashes per row root; nothing allocated.
func (rp *RowProof) Verify(dataRoot interop.Hash) error {
	if rp.EndRow < rp.StartRow || uint64(rp.EndRow)-uint64(rp.StartRow)+1 != uint64(len(rp.RowRoots)) {
		return fmt.Errorf("%w: rows %d..%d with %d row roots", ErrInvalidProof, rp.StartRow, rp.EndRow, len(rp.RowRoots))
	}
	if len(rp.Proofs) != len(rp.RowRoots) {
		return fmt.Errorf("%w: %d proofs for %d row roots", ErrInvalidProof, len(rp.Proofs), len(rp.RowRoots))
	}
	total := rp.Proofs[0].Total
	if total < 4 || total%4 != 0 {
		return fmt.Errorf("%w: row proof over %d roots, not 4 per row of an extended square", ErrInvalidRange, total)
	}
	for i := range rp.Proofs {
		p := &rp.Proofs[i]
		if p.Total != total || p.Index != int64(rp.StartRow)+int64(i) || p.Index >= total/2 {
			return fmt.Errorf("%w: row proof %d of leaf %d of %d, want row %d of %d", ErrInvalidRange, i, p.Index, p.Total, int64(rp.StartRow)+int64(i), total)
		}
		if err := p.Verify(dataRoot, rp.RowRoots[i]); err != nil {
			return fmt.Errorf("row %d: %w: %w", p.Index, ErrDataRoot, err)
		}
	}
	return nil
}

// squareWidth returns the width of the extended square a verified row proof is over.
func (rp *RowProof) squareWidth() int { return int(rp.Proofs[0].Total / 2) }

// ShareProof proves shares of one namespace in a block (celestia-app ShareProof, served by
// celestia-node and celestia-core): Data are raw 512-byte shares in row-major order,
// ShareProofs[i] the NMT range proof of the shares in row RowProof.StartRow+i, the
// namespace is NamespaceVersion ‖ NamespaceID.
//
// Each share is an NMT leaf with its namespace prefixed once more: Celestia pushes
// namespace ‖ share into a row tree (celestia-app wrapper.ErasuredNamespacedMerkleTree), so
// the share's own first 29 bytes are hashed after a copy of them. Verify builds those leaves.
type ShareProof struct {
	Data             [][]byte
	ShareProofs      []Proof
	NamespaceID      []byte
	RowProof         RowProof
	NamespaceVersion uint32
}

// Namespace returns NamespaceVersion ‖ NamespaceID, or an error if the version is not a
// byte or the id is not CelestiaNamespaceIDSize bytes (ErrNamespaceSize).
func (sp *ShareProof) Namespace() ([]byte, error) {
	if sp.NamespaceVersion > 0xFF || len(sp.NamespaceID) != CelestiaNamespaceIDSize {
		return nil, fmt.Errorf("%w: namespace version %d, id of %d bytes", ErrNamespaceSize, sp.NamespaceVersion, len(sp.NamespaceID))
	}
	return append([]byte{byte(sp.NamespaceVersion)}, sp.NamespaceID...), nil
}

// Verify checks that the shares are in the block with the given data root, as celestia-app
// ShareProof.Validate does (VerifyProof: nmt inclusion with IgnoreMaxNamespace, the
// namespace prefixed to each share), and binds each share's position in its row:
//
//	a) at least one share, one NMT proof per row root, each 0 ≤ Start < End, their lengths
//	   summing to the number of shares (ErrInvalidProof);
//	b) the row roots under dataRoot (RowProof.Verify);
//	c) the namespace: version ≤ 255, a 28-byte id (ErrNamespaceSize);
//	d) each row's shares, as namespace ‖ share, are leaves [Start, End) of its row root in a
//	   row of the square's width (VerifyRangeSize with IgnoreMaxNamespace; a proof that
//	   carries a leaf hash is refused: ErrInvalidProof, ErrInvalidRange, ErrNamespaceSize).
//
// Like celestia-app it proves inclusion, not that the shares are all of their namespace.
// Bound: a) and c) before any hashing; then one Merkle path per row and one hash per share
// and proof node; memory 2·90 bytes per share plus a copy of each share with its
// namespace.
func (sp *ShareProof) Verify(dataRoot interop.Hash) error {
	if len(sp.Data) == 0 {
		return fmt.Errorf("%w: share proof without shares", ErrInvalidProof)
	}
	if len(sp.ShareProofs) != len(sp.RowProof.RowRoots) {
		return fmt.Errorf("%w: %d share proofs for %d row roots", ErrInvalidProof, len(sp.ShareProofs), len(sp.RowProof.RowRoots))
	}
	sum := 0
	for i := range sp.ShareProofs {
		p := &sp.ShareProofs[i]
		if p.Start < 0 || p.End <= p.Start || p.End > MaxLeaves {
			return fmt.Errorf("%w: share proof %d over [%d, %d)", ErrInvalidProof, i, p.Start, p.End)
		}
		sum += p.End - p.Start
		if sum > len(sp.Data) {
			return fmt.Errorf("%w: share proofs cover more than the %d shares", ErrInvalidProof, len(sp.Data))
		}
	}
	if sum != len(sp.Data) {
		return fmt.Errorf("%w: %d shares, share proofs cover %d", ErrInvalidProof, len(sp.Data), sum)
	}
	ns, err := sp.Namespace()
	if err != nil {
		return err
	}
	if err := sp.RowProof.Verify(dataRoot); err != nil {
		return err
	}
	width := sp.RowProof.squareWidth()
	cursor := 0
	for i := range sp.ShareProofs {
		p := sp.ShareProofs[i] // a copy: the rule is Celestia's whatever the message says
		p.IgnoreMaxNamespace = true
		shares := sp.Data[cursor : cursor+p.End-p.Start]
		cursor += p.End - p.Start
		leaves := make([][]byte, len(shares))
		for j, s := range shares {
			leaves[j] = append(append(make([]byte, 0, len(ns)+len(s)), ns...), s...)
		}
		if err := VerifyRangeSize(sp.RowProof.RowRoots[i], CelestiaNamespaceSize, width, leaves, &p); err != nil {
			return fmt.Errorf("shares of row %d: %w", int64(sp.RowProof.StartRow)+int64(i), err)
		}
	}
	return nil
}
