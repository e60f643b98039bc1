package merkle

import (
	"fmt"

	"github.com/interopkit/interop"
)

const (
	// TreeDepth is the depth of the incremental trees: DEPOSIT_CONTRACT_TREE_DEPTH of the
	// deposit contract and TREE_DEPTH of Hyperlane's MerkleLib.
	TreeDepth = 32
	// MaxLeaves is the number of leaves a depth-32 tree accepts. Both contracts stop one
	// short of 2^32 (deposit contract MAX_DEPOSIT_COUNT, MerkleLib MAX_LEAVES), so that
	// the last insertion still finds a free branch slot; the trees here agree with them.
	MaxLeaves = 1<<TreeDepth - 1
	// MaxBranchDepth bounds the branches VerifyBranch accepts: a leaf index is a uint64.
	MaxBranchDepth = 64
)

// Branch is a depth-32 Merkle branch: the siblings of a leaf's path, leaf level first.
// It is the proof Hyperlane's MerkleRootMultisigIsm carries and the first 32 nodes of a
// deposit proof.
type Branch [TreeDepth]interop.Hash

// Root returns the root that the branch leads to from leaf at index. It is MerkleLib's
// branchRoot; it cannot fail, since every uint32 index is a leaf of a depth-32 tree.
func (b *Branch) Root(leaf interop.Hash, index uint32, h Hasher) interop.Hash {
	return fold(leaf, b[:], uint64(index), h)
}

// BranchRoot returns the root that branch leads to from leaf at index, in a tree of depth
// len(branch). It fails with ErrDepth when len(branch) > MaxBranchDepth and with ErrIndex
// when index >= 2^len(branch).
func BranchRoot(leaf interop.Hash, branch []interop.Hash, index uint64, h Hasher) (interop.Hash, error) {
	depth := len(branch)
	if depth > MaxBranchDepth {
		return interop.Hash{}, fmt.Errorf("%w: %d nodes, at most %d", ErrDepth, depth, MaxBranchDepth)
	}
	// is_valid_merkle_branch would ignore index bits above the depth; we reject them, so
	// that one proof cannot be presented for several indices.
	if depth < 64 && index>>depth != 0 {
		return interop.Hash{}, fmt.Errorf("%w: index %d in a tree of depth %d", ErrIndex, index, depth)
	}
	return fold(leaf, branch, index, h), nil
}

// fold climbs from leaf to the root along branch.
func fold(leaf interop.Hash, branch []interop.Hash, index uint64, h Hasher) interop.Hash {
	h = bind(h)
	defer release(h)
	node := leaf
	for i := range branch {
		// MerkleLib.branchRoot, is_valid_merkle_branch: bit i of the index says whether
		// the node at level i is a right child.
		if index>>i&1 == 1 {
			node = h.Pair(branch[i], node)
		} else {
			node = h.Pair(node, branch[i])
		}
	}
	return node
}

// VerifyBranch checks that branch proves leaf at index under root, in a binary tree of
// depth len(branch) hashed with h. It is consensus-specs' is_valid_merkle_branch with the
// depth taken from the branch. The checks, in order:
//
//	a) len(branch) <= MaxBranchDepth, else ErrDepth;
//	b) index < 2^len(branch), else ErrIndex;
//	c) the root computed from leaf and branch equals root, else ErrInvalidProof.
//
// A deposit proof (depth 33, length mixed in) is verified with SHA256 against the deposit
// root; a Hyperlane proof with Keccak256 against the merkle tree hook's root.
//
// Bound: a) and b) before any hashing; at most 64 hashes; nothing allocated.
func VerifyBranch(leaf interop.Hash, branch []interop.Hash, index uint64, root interop.Hash, h Hasher) error {
	got, err := BranchRoot(leaf, branch, index, h)
	if err != nil {
		return err
	}
	if got != root {
		return fmt.Errorf("%w: leaf %v at index %d leads to %v, want %v", ErrInvalidProof, leaf, index, got, root)
	}
	return nil
}
