package merkle

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/interopkit/interop"
)

// Tree is a depth-32 Merkle tree that keeps its leaves and every complete inner node, so
// that it can prove any leaf: against its current root (Branch) or against the root it
// had at an earlier size (BranchAt), which is what a Hyperlane relayer needs to prove a
// message against a later signed checkpoint. Its roots equal Incremental's for the same
// leaves.
//
// Memory is two hashes per leaf. Insert costs one hash on average (a node is hashed once,
// when its subtree fills up); Root, Branch and BranchAt hash the partly filled right edge,
// at most 32 hashes. Reads (Root, Branch, BranchAt, Count, Frontier) are safe to run
// concurrently; Insert is not safe to run with anything else.
type Tree struct {
	h     Hasher
	zeros *ZeroHashes
	count uint64
	// start is the number of leading leaves pruned by finalization (see DepositTree).
	start uint64
	// levels[k][j-start>>k] is node j of level k (level 0 holds the leaves), for every
	// node whose subtree is full and not entirely pruned.
	levels [TreeDepth][]interop.Hash
	// pruned[k], for each set bit k of start, is the root of the full subtree of height
	// k that ends at leaf start: the left neighbour of the first unpruned node of level k.
	pruned [TreeDepth]interop.Hash
}

// NewTree returns an empty tree hashed with h.
func NewTree(h Hasher) *Tree {
	return &Tree{h: h, zeros: Zeros(h)}
}

// Insert appends leaf; it fails with ErrTreeFull once MaxLeaves leaves are in.
func (t *Tree) Insert(leaf interop.Hash) error {
	if t.count >= MaxLeaves {
		return fmt.Errorf("%w: %d leaves", ErrTreeFull, t.count)
	}
	j := t.count
	t.count++
	t.levels[0] = append(t.levels[0], leaf)
	node := leaf
	h := bind(t.h)
	defer release(h)
	// A right child completes its parent: hash it in and climb. j < 2^32 - 1, so the
	// climb stops below level 32.
	for k := 0; j&1 == 1; k++ {
		node = h.Pair(*t.node(k, j-1), node)
		j >>= 1
		t.levels[k+1] = append(t.levels[k+1], node)
	}
	return nil
}

// Count returns the number of leaves inserted.
func (t *Tree) Count() uint64 { return t.count }

// Root returns the root of the tree.
func (t *Tree) Root() interop.Hash {
	var e edges
	t.edges(t.count, &e)
	return e[TreeDepth]
}

// DepositRoot returns the root with the leaf count mixed in, as the deposit contract's
// get_deposit_root() does (see MixInLength).
func (t *Tree) DepositRoot() interop.Hash { return MixInLength(t.Root(), t.count) }

// RootAt returns the root the tree had when it held count leaves. count must lie between
// the number of pruned leaves and Count(), else ErrIndex.
func (t *Tree) RootAt(count uint64) (interop.Hash, error) {
	if count < t.start || count > t.count {
		return interop.Hash{}, fmt.Errorf("%w: size %d outside [%d, %d]", ErrIndex, count, t.start, t.count)
	}
	var e edges
	t.edges(count, &e)
	return e[TreeDepth], nil
}

// Branch returns the proof of leaf index against Root(). An index at or past Count() is
// ErrIndex; a pruned one is ErrFinalized.
func (t *Tree) Branch(index uint64) (Branch, error) { return t.BranchAt(index, t.count) }

// BranchAt returns the proof of leaf index against the root the tree had when it held
// count leaves (RootAt(count)). It needs index < count <= Count(), else ErrIndex, and
// an unpruned index, else ErrFinalized.
func (t *Tree) BranchAt(index, count uint64) (Branch, error) {
	var b Branch
	if count > t.count || index >= count {
		return b, fmt.Errorf("%w: leaf %d in a tree of %d leaves (%d inserted)", ErrIndex, index, count, t.count)
	}
	if index < t.start {
		return b, fmt.Errorf("%w: leaf %d, first %d leaves pruned", ErrFinalized, index, t.start)
	}
	var e edges
	t.edges(count, &e)
	for k := 0; k < TreeDepth; k++ {
		sibling := index>>k ^ 1
		switch full := count >> k; {
		case sibling < full:
			b[k] = *t.node(k, sibling)
		case sibling == full:
			b[k] = e[k] // the partly filled right edge (or empty, when count>>k<<k == count)
		default:
			b[k] = t.zeros[k]
		}
	}
	return b, nil
}

// Frontier returns the branch array an Incremental (or the contracts) would hold after
// the same insertions, with zeros where the Incremental holds stale entries.
func (t *Tree) Frontier() Branch {
	var b Branch
	for k := 0; k < TreeDepth; k++ {
		if t.count>>k&1 == 1 {
			b[k] = *t.node(k, t.count>>k-1)
		}
	}
	return b
}

// edges[k] is the node of level k just right of the last full one: the partly filled
// right edge of the tree, or the empty-subtree root when level k has no partial node.
// edges[TreeDepth] is the root.
type edges [TreeDepth + 1]interop.Hash

// edges computes the right edge of the tree of the first count leaves; count must lie in
// [t.start, t.count].
func (t *Tree) edges(count uint64, e *edges) {
	h := bind(t.h)
	defer release(h)
	empty := true
	e[0] = t.zeros[0]
	for k := 0; k < TreeDepth; k++ {
		switch {
		case count>>k&1 == 1:
			e[k+1] = h.Pair(*t.node(k, count>>k-1), e[k])
			empty = false
		case empty:
			e[k+1] = t.zeros[k+1]
		default:
			e[k+1] = h.Pair(e[k], t.zeros[k])
		}
	}
}

// node returns full node j of level k. Below the first unpruned node, the only node ever
// asked for is its left neighbour when bit k of start is set, which pruned keeps.
func (t *Tree) node(k int, j uint64) *interop.Hash {
	off := t.start >> k
	if j < off {
		return &t.pruned[k]
	}
	return &t.levels[k][j-off]
}

// prune forgets the nodes that only the first n leaves need, keeping the roots of the
// maximal full subtrees over them (EIP-4881 finalization). t.start <= n <= t.count.
func (t *Tree) prune(n uint64) {
	var keep [TreeDepth]interop.Hash
	for k := 0; k < TreeDepth; k++ {
		if n>>k&1 == 1 {
			keep[k] = *t.node(k, n>>k-1)
		}
	}
	for k := 0; k < TreeDepth; k++ {
		drop := n>>k - t.start>>k
		if drop == 0 {
			continue
		}
		rest := t.levels[k][drop:]
		// Copy out when most of the backing array is dead, so it can be freed;
		// otherwise the next growth of the slice drops it.
		switch {
		case len(rest) == 0:
			rest = nil
		case uint64(len(rest)) < drop:
			rest = slices.Clone(rest)
		}
		t.levels[k] = rest
	}
	t.pruned = keep
	t.start = n
}

// finalized returns the roots kept for the pruned leaves, highest level first: EIP-4881's
// DepositTreeSnapshot.finalized.
func (t *Tree) finalized() []interop.Hash {
	out := make([]interop.Hash, 0, bits.OnesCount64(t.start))
	for k := TreeDepth - 1; k >= 0; k-- {
		if t.start>>k&1 == 1 {
			out = append(out, t.pruned[k])
		}
	}
	return out
}
