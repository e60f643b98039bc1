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
//
// Resource bound: the counts are checked before anything is allocated (at most
// MaxMultiproofLeaves leaves and len(leaves)*MaxDepth proof nodes); work O(n log n) to sort
// n leaves plus one hash per proof node and per leaf pair; memory 80 bytes per leaf (the
// sorted leaves and a ring of pending parents, at most one per leaf), whatever the depth.
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
	f := newFrontier(known)
	next, peek := f.next, f.peek
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
		f.push(node{n.g / 2, parent})
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

// frontier yields, in decreasing order of generalized index, the known nodes of a
// multiproof (sorted decreasing) merged with the parents computed from them. Parents come
// out in the order their children were consumed, which is decreasing, so a FIFO keeps
// them sorted. A pending parent has a known node below it and no pending parent above or
// below it (nodes are read largest first), so at most len(known) are pending at once: the
// FIFO is a ring of that size, and memory is O(len(known)), not O(len(known) * depth).
type frontier struct {
	known []node
	ring  []node // pending parents: ring[(head+i) % len(ring)] for i < n
	head  int
	n     int
}

func newFrontier(known []node) *frontier {
	return &frontier{known: known, ring: make([]node, max(len(known), 1))}
}

// next removes and returns the largest pending node.
func (f *frontier) next() (node, bool) {
	switch {
	case len(f.known) > 0 && (f.n == 0 || f.known[0].g > f.ring[f.head].g):
		n := f.known[0]
		f.known = f.known[1:]
		return n, true
	case f.n > 0:
		n := f.ring[f.head]
		f.head = (f.head + 1) % len(f.ring)
		f.n--
		return n, true
	}
	return node{}, false
}

// peek returns the largest pending index, or 0 when none is.
func (f *frontier) peek() GeneralizedIndex {
	var g GeneralizedIndex
	if len(f.known) > 0 {
		g = f.known[0].g
	}
	if f.n > 0 && f.ring[f.head].g > g {
		g = f.ring[f.head].g
	}
	return g
}

// push appends a parent, which is below every pending one.
func (f *frontier) push(n node) {
	if f.n == len(f.ring) {
		// Not reached given the bound above; kept so that the FIFO can never overwrite.
		grown := make([]node, 2*len(f.ring))
		for i := range f.n {
			grown[i] = f.ring[(f.head+i)%len(f.ring)]
		}
		f.ring, f.head = grown, 0
	}
	f.ring[(f.head+f.n)%len(f.ring)] = n
	f.n++
}
