package ssz

import (
	"crypto/sha256"
	"fmt"

	"github.com/interopkit/interop"
)

// VerifyMerkleBranch checks that branch leads from leaf at position index of a tree of
// the given depth to root, as is_valid_merkle_branch does (phase0 beacon-chain.md), and
// returns an error saying why when it does not. It is stricter than the spec in two ways
// that make a proof valid for exactly one (depth, index):
//
//   - a) depth above MaxDepth is ErrIndex;
//   - b) index with bits at or above depth (index >= 2^depth) is ErrIndex, where the
//     spec ignores them;
//   - c) a branch whose length is not depth is ErrProofShape, where the spec ignores extra
//     nodes;
//   - d) a computed root other than root is ErrInvalidProof.
//
// Resource bound: a) and c) come first, so at most MaxDepth (63) hashes; it allocates
// nothing.
func VerifyMerkleBranch(leaf interop.Hash, branch []interop.Hash, depth uint64, index uint64, root interop.Hash) error {
	if depth > MaxDepth {
		return fmt.Errorf("%w: depth %d above %d", ErrIndex, depth, MaxDepth)
	}
	if index>>depth != 0 {
		return fmt.Errorf("%w: index %d does not fit depth %d", ErrIndex, index, depth)
	}
	if uint64(len(branch)) != depth {
		return fmt.Errorf("%w: branch of %d nodes for depth %d", ErrProofShape, len(branch), depth)
	}
	value := leaf
	h := sha256.New() // one digest, reset per level, as the loop is the hot path
	for i := range branch {
		h.Reset()
		// phase0 is_valid_merkle_branch: if index // (2**i) % 2: value = hash(branch[i] + value)
		if index>>uint(i)&1 == 1 {
			h.Write(branch[i][:])
			h.Write(value[:])
		} else {
			h.Write(value[:])
			h.Write(branch[i][:])
		}
		h.Sum(value[:0])
	}
	if value != root {
		return rootMismatch("branch", value, root)
	}
	return nil
}

// rootMismatch builds the error out of line: taking got and want by value keeps the
// caller's copies on its stack, so the success path allocates nothing.
func rootMismatch(what string, got, want interop.Hash) error {
	return fmt.Errorf("%w: %s gives root %x, want %x", ErrInvalidProof, what, got[:8], want[:8])
}

// IsValidMerkleBranch is is_valid_merkle_branch(leaf, branch, depth, index, root) of
// phase0 beacon-chain.md, with the strictness of VerifyMerkleBranch: it reports whether
// VerifyMerkleBranch returns nil.
func IsValidMerkleBranch(leaf interop.Hash, branch []interop.Hash, depth uint64, index uint64, root interop.Hash) bool {
	return VerifyMerkleBranch(leaf, branch, depth, index, root) == nil
}

// VerifyBranchAt checks a branch for the node at generalized index gindex: depth is
// floorlog2(gindex) and index is get_subtree_index(gindex), as the light client computes
// them for each of its gindices. A zero gindex is ErrIndex. Resource bound: at most
// MaxDepth hashes; it allocates nothing.
func VerifyBranchAt(leaf interop.Hash, branch []interop.Hash, gindex GeneralizedIndex, root interop.Hash) error {
	if gindex == 0 {
		return fmt.Errorf("%w: zero generalized index", ErrIndex)
	}
	return VerifyMerkleBranch(leaf, branch, uint64(gindex.Depth()), GetSubtreeIndex(gindex), root)
}

// IsValidNormalizedMerkleBranch is is_valid_normalized_merkle_branch of electra
// light-client sync-protocol.md: branch may be longer than floorlog2(gindex), as when a
// branch is normalized to the depth of a later fork, provided the extra leading nodes
// are zero; the rest must verify at gindex. Resource bound: one pass over the padding,
// then at most MaxDepth hashes; it allocates nothing.
func IsValidNormalizedMerkleBranch(leaf interop.Hash, branch []interop.Hash, gindex GeneralizedIndex, root interop.Hash) bool {
	if gindex == 0 {
		return false
	}
	depth := gindex.Depth()
	extra := len(branch) - depth
	if extra < 0 {
		return false
	}
	for _, n := range branch[:extra] {
		if n != (interop.Hash{}) {
			return false
		}
	}
	return VerifyBranchAt(leaf, branch[extra:], gindex, root) == nil
}

// CalculateMerkleRoot returns calculate_merkle_root(leaf, proof, index) of
// merkle-proofs.md: the root that proof, read bottom-up, gives for leaf at generalized
// index index. The proof must have exactly floorlog2(index) nodes, checked first: at most
// MaxDepth hashes, nothing allocated.
func CalculateMerkleRoot(leaf interop.Hash, proof []interop.Hash, index GeneralizedIndex) (interop.Hash, error) {
	if index == 0 {
		return interop.Hash{}, fmt.Errorf("%w: zero generalized index", ErrIndex)
	}
	if len(proof) != index.Depth() {
		return interop.Hash{}, fmt.Errorf("%w: proof of %d nodes for generalized index %d", ErrProofShape, len(proof), index)
	}
	for i := range proof {
		if index.Bit(i) {
			leaf = HashPair(proof[i], leaf)
		} else {
			leaf = HashPair(leaf, proof[i])
		}
	}
	return leaf, nil
}
