package nmt

import (
	"bytes"
	"fmt"
	"math/bits"
	"sort"
)

// Tree builds a namespaced Merkle tree and proves ranges and namespaces of it. Leaves are
// pushed in non-decreasing namespace order; each is hashed as it is pushed and only the
// leaf hashes are kept. The shape is RFC 6962's (§2.1.1): the left subtree of n leaves
// holds the largest power of two strictly below n.
//
// A Tree is not safe for concurrent use while leaves are pushed; once Root has been
// called, proofs may be taken concurrently.
type Tree struct {
	h       Hasher
	size    int
	leaves  []byte   // leaf hashes, NodeSize bytes each
	levels  [][]byte // levels[k] holds the nodes over 2^k leaves (the last one may be partial); built by Root
	scratch scratch
}

// NewTree returns an empty tree for hasher h.
func NewTree(h Hasher) *Tree {
	return &Tree{h: h}
}

// Hasher returns the tree's hasher.
func (t *Tree) Hasher() Hasher { return t.h }

// Len returns the number of leaves.
func (t *Tree) Len() int { return t.size }

// Grow makes room for n more leaves without reallocating.
func (t *Tree) Grow(n int) {
	if n > 0 {
		t.leaves = growBytes(t.leaves, n*t.h.NodeSize())
	}
}

// Push adds a namespaced leaf, ns ‖ data. A leaf shorter than the namespace, or whose
// namespace sorts below the previous leaf's, is an error (nmt Push).
func (t *Tree) Push(leaf []byte) error {
	if len(leaf) < t.h.n {
		return fmt.Errorf("leaf of %d bytes, namespace size %d: %w", len(leaf), t.h.n, ErrNamespaceSize)
	}
	return t.PushData(leaf[:t.h.n], leaf[t.h.n:])
}

// PushData adds the leaf ns ‖ data without the caller concatenating them.
func (t *Tree) PushData(ns, data []byte) error {
	if len(ns) != t.h.n {
		return fmt.Errorf("namespace of %d bytes, want %d: %w", len(ns), t.h.n, ErrNamespaceSize)
	}
	if t.size == MaxLeaves {
		return fmt.Errorf("tree holds %d leaves: %w", t.size, ErrTooLarge)
	}
	if t.size > 0 {
		last := t.leaves[(t.size-1)*t.h.NodeSize():]
		if bytes.Compare(ns, last[:t.h.n]) < 0 {
			return fmt.Errorf("leaf %d namespace %x below %x: %w", t.size, ns, last[:t.h.n], ErrUnsorted)
		}
	}
	t.leaves = t.scratch.leaf(t.h, t.leaves, ns, data)
	t.size++
	t.levels = nil
	return nil
}

// Root returns the root, min ‖ max ‖ digest; an empty tree has EmptyRoot. The returned
// slice belongs to the tree.
func (t *Tree) Root() []byte {
	if t.size == 0 {
		return t.h.EmptyRoot()
	}
	t.build()
	top := t.levels[len(t.levels)-1]
	return top[:t.h.NodeSize():t.h.NodeSize()]
}

// build hashes level by level, carrying an odd last node up unchanged: that is the RFC
// 6962 shape, since a subtree over a non-power-of-two count is always the rightmost one.
func (t *Tree) build() {
	if t.levels != nil {
		return
	}
	ns := t.h.NodeSize()
	t.levels = append(t.levels, t.leaves)
	cur, count := t.leaves, t.size
	for count > 1 {
		next := make([]byte, 0, (count+1)/2*ns)
		for i := 0; i+1 < count; i += 2 {
			// Leaves were pushed in order, so siblings are ordered and hashNode cannot fail.
			next, _ = t.h.hashNode(next, cur[i*ns:(i+1)*ns], cur[(i+1)*ns:(i+2)*ns])
		}
		if count%2 == 1 {
			next = append(next, cur[(count-1)*ns:count*ns]...)
		}
		t.levels = append(t.levels, next)
		cur, count = next, (count+1)/2
	}
}

// subtree returns the node over leaves [lo, hi) of an RFC 6962 split: lo is a multiple of
// 2^k, where 2^k is hi-lo rounded up to a power of two, and hi-lo < 2^k only for the
// rightmost subtree, which the level arrays hold as a carried-up node.
func (t *Tree) subtree(lo, hi int) []byte {
	k := bits.Len(uint(hi - lo - 1))
	ns := t.h.NodeSize()
	i := lo >> k
	return t.levels[k][i*ns : (i+1)*ns : (i+1)*ns]
}

// ProveRange returns a proof of the leaves [start, end), 0 ≤ start < end ≤ Len(): the
// roots of the subtrees left of start and right of end-1, in in-order (nmt ProveRange).
func (t *Tree) ProveRange(start, end int) (Proof, error) {
	if start < 0 || start >= end || end > t.size {
		return Proof{}, fmt.Errorf("range [%d, %d) of %d leaves: %w", start, end, t.size, ErrInvalidRange)
	}
	t.build()
	p := Proof{Start: start, End: end, IgnoreMaxNamespace: t.h.ignoreMax}
	t.collect(&p.Nodes, 0, t.size, start, end)
	return p, nil
}

func (t *Tree) collect(dst *[][]byte, lo, hi, start, end int) {
	if hi <= start || lo >= end {
		*dst = append(*dst, t.subtree(lo, hi))
		return
	}
	if start <= lo && hi <= end {
		return
	}
	k := splitPoint(hi - lo)
	t.collect(dst, lo, lo+k, start, end)
	t.collect(dst, lo+k, hi, start, end)
}

// ProveNamespace returns the namespace proof of ns (nmt ProveNamespace):
//   - an empty proof when ns is outside the root's [min, max] range or the tree is empty;
//   - an inclusion proof of exactly the leaves carrying ns, when there are any;
//   - otherwise an absence proof: the range proof of the first leaf above ns, with that
//     leaf's hash, which shows the namespace would sit just before it.
func (t *Tree) ProveNamespace(ns []byte) (Proof, error) {
	n := t.h.n
	if len(ns) != n {
		return Proof{}, fmt.Errorf("namespace of %d bytes, want %d: %w", len(ns), n, ErrNamespaceSize)
	}
	root := t.Root()
	if t.size == 0 || bytes.Compare(ns, root[:n]) < 0 || bytes.Compare(ns, root[n:2*n]) > 0 {
		return Proof{IgnoreMaxNamespace: t.h.ignoreMax}, nil
	}
	start, end := t.NamespaceRange(ns)
	if start < end {
		return t.ProveRange(start, end)
	}
	p, err := t.ProveRange(start, start+1)
	if err != nil {
		return Proof{}, err
	}
	p.LeafHash = t.leafHash(start)
	return p, nil
}

// NamespaceRange returns the leaves [start, end) that carry ns; start == end when there
// are none, and then start is where ns would be inserted.
func (t *Tree) NamespaceRange(ns []byte) (start, end int) {
	n, w := t.h.n, t.h.NodeSize()
	start = sort.Search(t.size, func(i int) bool { return bytes.Compare(t.leaves[i*w:i*w+n], ns) >= 0 })
	end = start + sort.Search(t.size-start, func(i int) bool {
		j := start + i
		return bytes.Compare(t.leaves[j*w:j*w+n], ns) > 0
	})
	return start, end
}

func (t *Tree) leafHash(i int) []byte {
	w := t.h.NodeSize()
	return t.leaves[i*w : (i+1)*w : (i+1)*w]
}

// LeafHash returns the hash of leaf i, which belongs to the tree.
func (t *Tree) LeafHash(i int) ([]byte, error) {
	if i < 0 || i >= t.size {
		return nil, fmt.Errorf("leaf %d of %d: %w", i, t.size, ErrInvalidRange)
	}
	return t.leafHash(i), nil
}

// splitPoint is k of RFC 6962 §2.1.1: the largest power of two strictly less than n ≥ 2.
func splitPoint(n int) int {
	return 1 << (bits.Len(uint(n-1)) - 1)
}

func growBytes(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), len(b)+n)
	copy(nb, b)
	return nb
}
