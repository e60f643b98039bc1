package ssz

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
)

// A GeneralizedIndex names a node of a binary Merkle tree: the root is 1 and the children
// of node i are 2i and 2i+1 (ssz/merkle-proofs.md, "Generalized Merkle tree index"). Zero
// names no node.
type GeneralizedIndex uint64

// FloorLog2 returns floorlog2(x) of the specs: the index of the highest set bit of x. It
// returns -1 for zero, which the specs leave undefined.
func FloorLog2(x uint64) int {
	return bits.Len64(x) - 1
}

// Depth returns get_generalized_index_length(g): how many levels below the root g lies,
// which is the length of its Merkle branch. Depth(0) is -1.
func (g GeneralizedIndex) Depth() int { return FloorLog2(uint64(g)) }

// Bit returns get_generalized_index_bit(g, position): whether the path to g turns right
// at the given height above g (position 0 is g's own side).
func (g GeneralizedIndex) Bit(position int) bool {
	return position >= 0 && position < 64 && g>>uint(position)&1 == 1
}

// Sibling returns generalized_index_sibling(g). The root has no sibling and zero names
// no node: both give 0.
func (g GeneralizedIndex) Sibling() GeneralizedIndex {
	if g <= 1 {
		return 0
	}
	return g ^ 1
}

// Child returns generalized_index_child(g, rightSide). A node MaxDepth levels down has no
// child a uint64 can name (2g would wrap, and 2g+1 would name the root), and zero has none:
// both give 0, which names no node.
func (g GeneralizedIndex) Child(rightSide bool) GeneralizedIndex {
	if g == 0 || g.Depth() >= MaxDepth {
		return 0
	}
	if rightSide {
		return 2*g + 1
	}
	return 2 * g
}

// Parent returns generalized_index_parent(g).
func (g GeneralizedIndex) Parent() GeneralizedIndex { return g / 2 }

// GetSubtreeIndex returns get_subtree_index(g) (altair light-client sync-protocol.md):
// g modulo 2^floorlog2(g), the index of the node among those at its depth, which is the
// index argument of IsValidMerkleBranch. It is 0 for g = 0.
func GetSubtreeIndex(g GeneralizedIndex) uint64 {
	if g == 0 {
		return 0
	}
	return uint64(g) &^ (1 << uint(g.Depth()))
}

// ConcatGeneralizedIndices returns concat_generalized_indices(indices...): the index of a
// node reached by following each index in turn from the root of the previous one's
// subtree. An empty list gives the root, 1. A zero index, or a result deeper than
// MaxDepth, is an error (ErrIndex), checked before each step, so the arithmetic never
// wraps. Work O(len(indices)); it allocates nothing.
func ConcatGeneralizedIndices(indices ...GeneralizedIndex) (GeneralizedIndex, error) {
	o := GeneralizedIndex(1)
	depth := 0
	for _, i := range indices {
		if i == 0 {
			return 0, fmt.Errorf("%w: zero generalized index", ErrIndex)
		}
		d := i.Depth()
		depth += d
		if depth > MaxDepth {
			return 0, fmt.Errorf("%w: concatenation is %d levels deep, max %d", ErrIndex, depth, MaxDepth)
		}
		// merkle-proofs.md: o = o * get_power_of_two_floor(i) + (i - get_power_of_two_floor(i))
		floor := GeneralizedIndex(1) << uint(d)
		o = o*floor + (i - floor)
	}
	return o, nil
}

// GetBranchIndices returns get_branch_indices(g): the generalized indices of the sister
// nodes on the path from g to the root, bottom-up, which is the order of a Merkle branch.
// It returns nil for the root and for zero. The result has at most MaxDepth entries.
func GetBranchIndices(g GeneralizedIndex) []GeneralizedIndex {
	if g <= 1 {
		return nil
	}
	out := make([]GeneralizedIndex, 0, g.Depth())
	for ; g > 1; g = g.Parent() {
		out = append(out, g.Sibling())
	}
	return out
}

// GetPathIndices returns get_path_indices(g): g and its ancestors, bottom-up, without the
// root. It returns nil for the root and for zero. The result has at most MaxDepth
// entries.
func GetPathIndices(g GeneralizedIndex) []GeneralizedIndex {
	if g <= 1 {
		return nil
	}
	out := make([]GeneralizedIndex, 0, g.Depth())
	for ; g > 1; g = g.Parent() {
		out = append(out, g)
	}
	return out
}

// GetHelperIndices returns get_helper_indices(indices): the nodes a multiproof of the
// given indices must carry, sorted in decreasing order, which is the order of the proof.
// These are the sisters of every path node that are not path nodes themselves. Zero
// indices (and the root, which has no path) are ignored.
//
// Resource bound: at most MaxMultiproofLeaves indices, as a multiproof has (more is
// ErrProofShape), each at most MaxDepth levels deep (a GeneralizedIndex is a uint64); work
// O(n log n + n * MaxDepth) for n indices, memory O(n) besides the result, which is
// allocated once at its final size (at most MaxDepth helpers per index).
func GetHelperIndices(indices []GeneralizedIndex) ([]GeneralizedIndex, error) {
	if len(indices) > MaxMultiproofLeaves {
		return nil, fmt.Errorf("%w: %d indices, max %d", ErrProofShape, len(indices), MaxMultiproofLeaves)
	}
	known := make([]node, 0, len(indices))
	for _, g := range indices {
		if g > 1 {
			known = append(known, node{g: g})
		}
	}
	slices.SortFunc(known, func(a, b node) int { return cmp.Compare(b.g, a.g) })
	known = slices.CompactFunc(known, func(a, b node) bool { return a.g == b.g })
	n := walkHelpers(known, nil)
	if n == 0 {
		return nil, nil
	}
	out := make([]GeneralizedIndex, 0, n)
	walkHelpers(known, func(g GeneralizedIndex) { out = append(out, g) })
	return out, nil
}

// walkHelpers visits every path node of the known nodes (sorted decreasing, distinct)
// from the deepest up, and calls emit, when not nil, with each sister that is not itself
// a path node, in decreasing order. It returns how many there are. A path node's sister
// that is a path node is always the next pending node: its descendants are all larger, so
// it has been pushed by the time the walk reaches it.
func walkHelpers(known []node, emit func(GeneralizedIndex)) int {
	f := newFrontier(known)
	count := 0
	for {
		n, ok := f.next()
		if !ok || n.g == 1 {
			return count
		}
		// A known node may also be the parent of others (indices that nest): once is enough.
		for f.peek() == n.g {
			f.next()
		}
		if n.g&1 == 1 && f.peek() == n.g-1 {
			s, _ := f.next()
			for f.peek() == s.g {
				f.next()
			}
		} else {
			count++
			if emit != nil {
				emit(n.g.Sibling())
			}
		}
		f.push(node{g: n.g.Parent()})
	}
}
