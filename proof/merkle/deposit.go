package merkle

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// MixInLength returns sha256(root ‖ uint256_le(length)): SSZ's mix_in_length, with which
// the deposit contract's get_deposit_root() binds the deposit count to the tree root.
func MixInLength(root interop.Hash, length uint64) interop.Hash {
	var buf [64]byte
	copy(buf[:32], root[:])
	binary.LittleEndian.PutUint64(buf[32:40], length)
	return sha256.Sum256(buf[:])
}

// DepositDataRoot returns hash_tree_root(DepositData{pubkey, withdrawal_credentials,
// amount, signature}), the leaf the deposit contract inserts (its deposit_data_root
// check). amount is in Gwei.
func DepositDataRoot(pubkey *[48]byte, withdrawalCredentials interop.Hash, amount uint64, signature *[96]byte) interop.Hash {
	var buf [64]byte
	// pubkey: Bytes48 packs into two chunks, the second zero-padded.
	copy(buf[:48], pubkey[:])
	pubkeyRoot := sha256.Sum256(buf[:])
	// signature: Bytes96 is three chunks, padded to four.
	sigLeft := sha256.Sum256(signature[:64])
	buf = [64]byte{}
	copy(buf[:32], signature[64:])
	sigRight := sha256.Sum256(buf[:])
	copy(buf[:32], sigLeft[:])
	copy(buf[32:], sigRight[:])
	sigRoot := sha256.Sum256(buf[:])
	// The container's four field roots.
	copy(buf[:32], pubkeyRoot[:])
	copy(buf[32:], withdrawalCredentials[:])
	left := sha256.Sum256(buf[:])
	buf = [64]byte{}
	binary.LittleEndian.PutUint64(buf[:8], amount)
	copy(buf[32:], sigRoot[:])
	right := sha256.Sum256(buf[:])
	copy(buf[:32], left[:])
	copy(buf[32:], right[:])
	return sha256.Sum256(buf[:])
}

// Eth1Data is the consensus layer's view of the deposit contract at an execution block.
type Eth1Data struct {
	DepositRoot  interop.Hash
	DepositCount uint64
	BlockHash    interop.Hash
}

// DepositProof is a deposit's proof as consensus-specs' process_deposit checks it: the
// 32 siblings of the leaf, then the deposit count as a little-endian uint256, so that it
// verifies at depth 33 against the deposit root (VerifyBranch with SHA256).
type DepositProof [TreeDepth + 1]interop.Hash

// DepositTree is the deposit contract's tree as a consensus client keeps it, with EIP-4881
// finalization: once deposits are finalized, only the roots of the full subtrees over them
// are kept, and the tree can be exported as a DepositTreeSnapshot and rebuilt from one.
// Proofs stay available for every deposit that is not finalized.
//
// Concurrency is as for Tree: reads may run together, Insert and Finalize alone.
type DepositTree struct {
	tree Tree
	// The execution block of the last finalization; none before the first.
	finalizedBlock  interop.Hash
	finalizedHeight uint64
	isFinalized     bool
}

// NewDepositTree returns an empty deposit tree (DepositTree.new).
func NewDepositTree() *DepositTree {
	return &DepositTree{tree: Tree{h: SHA256{}, zeros: Zeros(SHA256{})}}
}

// DepositTreeFromSnapshot rebuilds a tree from an EIP-4881 snapshot (from_snapshot). The
// snapshot must be consistent (Snapshot.Verify); the rebuilt tree holds DepositCount
// finalized deposits and takes new ones with Insert.
func DepositTreeFromSnapshot(s *Snapshot) (*DepositTree, error) {
	if err := s.Verify(); err != nil {
		return nil, err
	}
	d := NewDepositTree()
	d.tree.count = s.DepositCount
	d.tree.start = s.DepositCount
	i := 0
	for k := TreeDepth - 1; k >= 0; k-- {
		if s.DepositCount>>k&1 == 1 {
			d.tree.pruned[k] = s.Finalized[i]
			i++
		}
	}
	d.finalizedBlock = s.ExecutionBlockHash
	d.finalizedHeight = s.ExecutionBlockHeight
	d.isFinalized = true
	return d, nil
}

// Insert appends a deposit's DepositDataRoot (push_leaf); ErrTreeFull past MaxLeaves.
func (d *DepositTree) Insert(leaf interop.Hash) error { return d.tree.Insert(leaf) }

// Count returns the number of deposits, finalized or not.
func (d *DepositTree) Count() uint64 { return d.tree.count }

// FinalizedCount returns the number of finalized deposits.
func (d *DepositTree) FinalizedCount() uint64 { return d.tree.start }

// Root returns the deposit root, with the count mixed in (get_root). It equals
// Eth1Data.DepositRoot for the same deposits.
func (d *DepositTree) Root() interop.Hash { return d.tree.DepositRoot() }

// Finalize marks the first eth1.DepositCount deposits finalized (finalize), recording the
// execution block eth1.BlockHash at executionBlockHeight for the next Snapshot. It
// returns ErrFinalize, leaving the tree unchanged, when
//
//	a) eth1.DepositCount exceeds Count(),
//	b) eth1.DepositCount is below FinalizedCount() (finalization never goes back), or
//	c) eth1.DepositRoot is not the deposit root after eth1.DepositCount deposits.
//
// EIP-4881's reference checks none of these; a tree finalized on bad data would hand out
// snapshots and proofs that no other client accepts.
func (d *DepositTree) Finalize(eth1 Eth1Data, executionBlockHeight uint64) error {
	n := eth1.DepositCount
	if n > d.tree.count {
		return fmt.Errorf("%w: deposit count %d exceeds the %d deposits in the tree", ErrFinalize, n, d.tree.count)
	}
	if n < d.tree.start {
		return fmt.Errorf("%w: deposit count %d is below the %d already finalized", ErrFinalize, n, d.tree.start)
	}
	var e edges
	d.tree.edges(n, &e)
	if root := MixInLength(e[TreeDepth], n); root != eth1.DepositRoot {
		return fmt.Errorf("%w: deposit root %v after %d deposits, eth1 data says %v", ErrFinalize, root, n, eth1.DepositRoot)
	}
	d.tree.prune(n)
	d.finalizedBlock = eth1.BlockHash
	d.finalizedHeight = executionBlockHeight
	d.isFinalized = true
	return nil
}

// Snapshot returns the EIP-4881 snapshot of the finalized part of the tree (get_snapshot);
// ErrNotFinalized before the first Finalize or DepositTreeFromSnapshot.
func (d *DepositTree) Snapshot() (Snapshot, error) {
	if !d.isFinalized {
		return Snapshot{}, ErrNotFinalized
	}
	var e edges
	d.tree.edges(d.tree.start, &e)
	return Snapshot{
		Finalized:            d.tree.finalized(),
		DepositRoot:          MixInLength(e[TreeDepth], d.tree.start),
		DepositCount:         d.tree.start,
		ExecutionBlockHash:   d.finalizedBlock,
		ExecutionBlockHeight: d.finalizedHeight,
	}, nil
}

// Proof returns deposit index's leaf and its proof against Root() (get_proof). A
// finalized index is ErrFinalized and one at or past Count() is ErrIndex.
func (d *DepositTree) Proof(index uint64) (leaf interop.Hash, proof DepositProof, err error) {
	b, err := d.tree.Branch(index)
	if err != nil {
		return leaf, proof, err
	}
	copy(proof[:TreeDepth], b[:])
	binary.LittleEndian.PutUint64(proof[TreeDepth][:8], d.tree.count)
	return *d.tree.node(0, index), proof, nil
}
