package ssz

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
)

// MaxMultiproofLeaves bounds the leaves of a multiproof, so that the work and memory of a
// verification stay proportional to what a caller can reasonably mean to check.
const MaxMultiproofLeaves = 1 << 16

type node struct {
	g GeneralizedIndex
	h interop.Hash
}

// CalculateMultiMerkleRoot returns calculate_multi_merkle_root(leaves, proof, indices) of
// merkle-proofs.md: the root that the leaves at the given generalized indices and the
// helper nodes in proof (in the order of GetHelperIndices, decreasing) give.
//
// It is stricter than the spec where the spec's result would not depend on every leaf:
// indices that repeat, or of which one is an ancestor of another (the spec then silently
// ignores the deeper leaf), are ErrProofShape. A zero index is ErrIndex, and
// a proof with too few or too many nodes is ErrProofShape. Leaves and indices must have
// the same length, at least one and at most MaxMultiproofLeaves.
func CalculateMultiMerkleRoot(leaves, proof []interop.Hash, indices []GeneralizedIndex) (interop.Hash, error) {
	if len(leaves) != len(indices) {
		return interop.Hash{}, fmt.Errorf("%w: %d leaves for %d indices", ErrProofShape, len(leaves), len(indices))
	}
	if len(leaves) == 0 || len(leaves) > MaxMultiproofLeaves {
		return interop.Hash{}, fmt.Errorf("%w: %d leaves, want 1 to %d", ErrProofShape, len(leaves), MaxMultiproofLeaves)
	}
	if len(proof) > len(leaves)*MaxDepth {
		return interop.Hash{}, fmt.Errorf("%w: %d proof nodes for %d leaves", ErrProofShape, len(proof), len(leaves))
	}
	known := make([]node, len(leaves))
	for i, g := range indices {
		if g == 0 {
			return interop.Hash{}, fmt.Errorf("%w: zero generalized index at position %d", ErrIndex, i)
		}
		known[i] = node{g, leaves[i]}
	}
	// Deeper nodes have larger indices, so walking from the largest index down meets every
	// node after both its children: the order of the spec's keys = sorted(objects, reverse).
	slices.SortFunc(known, func(a, b node) int { return cmp.Compare(b.g, a.g) })
	for i := 1; i < len(known); i++ {
		if known[i].g == known[i-1].g {
			return interop.Hash{}, fmt.Errorf("%w: generalized index %d repeats", ErrProofShape, known[i].g)
		}
	}
	// Parents computed so far, in decreasing order: they come out in the order their
	// children were consumed, which is decreasing.
	parents := make([]node, 0, len(known))
	pi := 0 // next unread parent
	next := func() (node, bool) {
		switch {
		case len(known) > 0 && (pi == len(parents) || known[0].g > parents[pi].g):
			n := known[0]
			known = known[1:]
			return n, true
		case pi < len(parents):
			n := parents[pi]
			pi++
			return n, true
		}
		return node{}, false
	}
	peek := func() GeneralizedIndex {
		var g GeneralizedIndex
		if len(known) > 0 {
			g = known[0].g
		}
		if pi < len(parents) && parents[pi].g > g {
			g = parents[pi].g
		}
		return g
	}
	used := 0
	for {
		n, ok := next()
		if !ok {
			return interop.Hash{}, fmt.Errorf("%w: no node reaches the root", ErrProofShape)
		}
		if n.g == 1 {
			if peek() != 0 {
				return interop.Hash{}, fmt.Errorf("%w: generalized index %d lies under another", ErrProofShape, peek())
			}
			if used != len(proof) {
				return interop.Hash{}, fmt.Errorf("%w: %d proof nodes, %d used", ErrProofShape, len(proof), used)
			}
			return n.h, nil
		}
		if peek() == n.g {
			// Leaves were deduplicated above, so a second n.g was computed from leaves
			// below a leaf: the spec would ignore those, so refuse to.
			return interop.Hash{}, fmt.Errorf("%w: generalized index %d lies over another", ErrProofShape, n.g)
		}
		var sibling interop.Hash
		if n.g&1 == 1 && peek() == n.g-1 {
			s, _ := next()
			sibling = s.h
		} else {
			// A left node's right sister, had it been known, was larger and would have
			// consumed it already; so the sister is the next helper in the proof.
			if used == len(proof) {
				return interop.Hash{}, fmt.Errorf("%w: proof too short (%d nodes)", ErrProofShape, len(proof))
			}
			sibling = proof[used]
			used++
		}
		var parent interop.Hash
		if n.g&1 == 1 {
			parent = HashPair(sibling, n.h)
		} else {
			parent = HashPair(n.h, sibling)
		}
		parents = append(parents, node{n.g / 2, parent})
	}
}

// VerifyMerkleMultiproof is verify_merkle_multiproof(leaves, proof, indices, root) of
// merkle-proofs.md with the checks of CalculateMultiMerkleRoot; a root other than root is
// ErrInvalidProof.
func VerifyMerkleMultiproof(leaves, proof []interop.Hash, indices []GeneralizedIndex, root interop.Hash) error {
	got, err := CalculateMultiMerkleRoot(leaves, proof, indices)
	if err != nil {
		return err
	}
	if got != root {
		return rootMismatch("multiproof", got, root)
	}
	return nil
}
