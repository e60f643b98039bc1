package merkle

import (
	"fmt"

	"github.com/interopkit/interop"
)

// Incremental is the depth-32 incremental Merkle tree of the Ethereum deposit contract and
// of Hyperlane's MerkleLib: it keeps only the frontier (one node per level) and the leaf
// count, so Insert and Root cost at most 32 hashes and the tree takes 1 KiB whatever its
// size. It cannot prove old leaves; build a Tree for that.
//
// Use an Incremental to follow an on-chain tree (see IncrementalFrom) or to compute roots
// cheaply. It is not safe for concurrent use while Insert runs; Root, Count and Frontier
// may run concurrently with each other.
type Incremental struct {
	h      Hasher
	zeros  *ZeroHashes
	branch Branch
	count  uint64
}

// NewIncremental returns an empty incremental tree hashed with h.
func NewIncremental(h Hasher) *Incremental {
	return &Incremental{h: h, zeros: Zeros(h)}
}

// IncrementalFrom resumes a tree from the state a contract stores: its branch array and
// leaf count (MerkleLib.Tree, the deposit contract's branch and deposit_count). Only the
// entries of branch whose bit is set in count are read. A count above MaxLeaves is
// ErrTreeFull.
func IncrementalFrom(h Hasher, branch *Branch, count uint64) (*Incremental, error) {
	if count > MaxLeaves {
		return nil, fmt.Errorf("%w: count %d exceeds %d", ErrTreeFull, count, uint64(MaxLeaves))
	}
	return &Incremental{h: h, zeros: Zeros(h), branch: *branch, count: count}, nil
}

// Insert appends leaf. It is MerkleLib.insert and the tree update of the deposit
// contract's deposit(); it fails with ErrTreeFull once MaxLeaves leaves are in.
func (t *Incremental) Insert(leaf interop.Hash) error {
	if t.count >= MaxLeaves {
		return fmt.Errorf("%w: %d leaves", ErrTreeFull, t.count)
	}
	t.count++
	size := t.count
	node := leaf
	h := bind(t.h)
	defer release(h)
	for i := 0; i < TreeDepth; i++ {
		// The first level whose bit is set in the new count is where node waits for
		// a right sibling; below it every left sibling is complete and hashed in.
		if size&1 == 1 {
			t.branch[i] = node
			return nil
		}
		node = h.Pair(t.branch[i], node)
		size >>= 1
	}
	// Unreachable: count <= MaxLeaves < 2^32 has a set bit below 32.
	return nil
}

// Count returns the number of leaves inserted.
func (t *Incremental) Count() uint64 { return t.count }

// Root returns the tree root: MerkleLib.root, and the deposit contract's root before the
// length is mixed in (see DepositRoot).
func (t *Incremental) Root() interop.Hash {
	return frontierRoot(t.h, t.zeros, &t.branch, t.count)
}

// DepositRoot returns the deposit contract's get_deposit_root(): the root with the leaf
// count mixed in by SHA-256, whatever the tree's own hash (see MixInLength).
func (t *Incremental) DepositRoot() interop.Hash { return MixInLength(t.Root(), t.count) }

// Frontier returns the branch array as the contracts store it. Entries whose bit is not
// set in Count() are stale, as on chain: they do not affect the root.
func (t *Incremental) Frontier() Branch { return t.branch }

// frontierRoot folds a frontier into the root of a tree of count leaves: at level i the
// node is H(branch[i] ‖ node) when bit i of count is set, else H(node ‖ zero[i]).
func frontierRoot(h Hasher, z *ZeroHashes, branch *Branch, count uint64) interop.Hash {
	// Below the lowest set bit the node is the root of an empty subtree: take it from
	// the ladder instead of hashing zeros.
	low := 0
	for low < TreeDepth && count>>low&1 == 0 {
		low++
	}
	node := z[low]
	h = bind(h)
	defer release(h)
	for i := low; i < TreeDepth; i++ {
		if count>>i&1 == 1 {
			node = h.Pair(branch[i], node)
		} else {
			node = h.Pair(node, z[i])
		}
	}
	return node
}
