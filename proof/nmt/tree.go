package nmt

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// Tree builds a namespaced Merkle tree and proves ranges and namespaces of it. Leaves are
// pushed in non-decreasing namespace order; each is hashed as it is pushed and only the
// leaf hashes are kept. The shape is RFC 6962's (§2.1.1): the left subtree of n leaves
// holds the largest power of two strictly below n.
//
// A Tree is safe for concurrent use: its methods hold an internal lock, since Root and
// the proofs build the inner levels on first use. Do not copy a Tree after first use.
//
// Memory is about 2n+33 bytes per leaf (its hash, in pair form) plus a sixteenth of that
// for the levels kept; Push hashes its leaf once; Root hashes each inner node once;
// ProveRange and ProveNamespace return at most 2·32 nodes, recomputing at most 16 leaves
// per node below the kept levels.
//
// Every level is stored in "pair form": node 2j and 2j+1 follow a 0x01 byte, so the input
// of their parent, 0x01 ‖ left ‖ right, already lies contiguous in memory and is hashed
// with one sha256.Sum256 and no copy.
type Tree struct {
	mu      sync.Mutex
	h       Hasher
	size    int
	leaves  []byte   // leaf hashes in pair form
	levels  [][]byte // levels[k] holds the nodes over 2^k leaves (the last one may be partial), in pair form; built by Root
	scratch scratch
}

// at returns node i of a level in pair form.
func (t *Tree) at(level []byte, i int) []byte {
	w := t.h.NodeSize()
	o := (i/2)*(1+2*w) + 1 + (i%2)*w
	return level[o : o+w : o+w]
}

// pairPrefix appends the 0x01 that opens pair i/2 of a level in pair form, before node i
// when i is even.
func pairPrefix(dst []byte, i int) []byte {
	if i%2 == 0 {
		dst = append(dst, NodePrefix)
	}
	return dst
}

// NewTree returns an empty tree for hasher h.
func NewTree(h Hasher) *Tree {
	return &Tree{h: h}
}

// Hasher returns the tree's hasher.
func (t *Tree) Hasher() Hasher { return t.h }

// Len returns the number of leaves.
func (t *Tree) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.size
}

// Grow makes room for n more leaves without reallocating.
func (t *Tree) Grow(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n > 0 {
		t.leaves = growBytes(t.leaves, n*t.h.NodeSize()+(n+1)/2+1)
	}
}

// Push adds a namespaced leaf, ns ‖ data. A leaf shorter than the namespace, or whose
// namespace sorts below the previous leaf's, is an error (nmt Push).
func (t *Tree) Push(leaf []byte) error {
	if len(leaf) < t.h.n {
		return fmt.Errorf("%w: leaf of %d bytes, namespace size %d", ErrNamespaceSize, len(leaf), t.h.n)
	}
	return t.PushData(leaf[:t.h.n], leaf[t.h.n:])
}

// PushData adds the leaf ns ‖ data without the caller concatenating them.
func (t *Tree) PushData(ns, data []byte) error {
	if len(ns) != t.h.n {
		return fmt.Errorf("%w: namespace of %d bytes, want %d", ErrNamespaceSize, len(ns), t.h.n)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.size == MaxLeaves {
		return fmt.Errorf("%w: tree holds %d leaves", ErrTooLarge, t.size)
	}
	if t.size > 0 {
		last := t.at(t.leaves, t.size-1)
		if bytes.Compare(ns, last[:t.h.n]) < 0 {
			return fmt.Errorf("%w: leaf %d namespace %x below %x", ErrUnsorted, t.size, ns, last[:t.h.n])
		}
	}
	t.leaves = t.scratch.leaf(t.h, pairPrefix(t.leaves, t.size), ns, data)
	t.size++
	t.levels = nil
	return nil
}

// Root returns the root, min ‖ max ‖ digest; an empty tree has EmptyRoot. The returned
// slice belongs to the tree.
func (t *Tree) Root() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.root()
}

func (t *Tree) root() []byte {
	if t.size == 0 {
		return t.h.EmptyRoot()
	}
	t.build()
	return t.at(t.levels[len(t.levels)-1], 0)
}

// build hashes level by level, carrying an odd last node up unchanged: that is the RFC
// 6962 shape, since a subtree over a non-power-of-two count is always the rightmost one.
//
// Levels 1 to skipLevels are not kept: each group of 2^(skipLevels+1) leaves is reduced
// in a small buffer straight to its level-(skipLevels+1) node, and a proof that needs a
// node below that recomputes it from at most 2^skipLevels leaves. That keeps the tree's
// memory to the leaves plus a sixteenth, which is most of the cost of building beyond the
// hashing itself.
func (t *Tree) build() {
	if t.levels != nil {
		return
	}
	w := t.h.NodeSize()
	t.levels = append(t.levels, t.leaves)
	cur, count := t.leaves, t.size
	if count > 1<<(skipLevels+1) {
		const group = 1 << (skipLevels + 1)
		groups := (count + group - 1) / group
		next := make([]byte, 0, groups*w+(groups+1)/2)
		var bufs [2][]byte
		for g := 0; g < groups; g++ {
			lo, hi := g*group, min((g+1)*group, count)
			next = append(pairPrefix(next, g), t.reduceLeaves(&bufs, lo, hi)...)
		}
		t.levels = append(t.levels, make([][]byte, skipLevels)...)
		t.levels = append(t.levels, next)
		cur, count = next, groups
	}
	for count > 1 {
		next := t.h.reduce(nil, cur, count)
		t.levels = append(t.levels, next)
		cur, count = next, (count+1)/2
	}
}

// skipLevels is how many levels above the leaves build does not keep.
const skipLevels = 3

// reduce appends, in pair form, the level above count nodes held in pair form in cur.
func (h Hasher) reduce(dst, cur []byte, count int) []byte {
	w := h.NodeSize()
	half := (count + 1) / 2
	if dst == nil {
		dst = make([]byte, 0, half*w+(half+1)/2)
	}
	for i := 0; i+1 < count; i += 2 {
		// Leaves were pushed in order, so siblings are ordered (left min is the pair's min).
		o := (i / 2) * (1 + 2*w)
		dst = h.pair(pairPrefix(dst, i/2), cur[o:o+1+2*w])
	}
	if count%2 == 1 {
		o := (count/2)*(1+2*w) + 1
		dst = append(pairPrefix(dst, count/2), cur[o:o+w]...)
	}
	return dst
}

// reduceLeaves returns the root of leaves [lo, hi), lo even and hi-lo ≤ 2^(skipLevels+1),
// computed in two small buffers; the result is valid until the next call.
func (t *Tree) reduceLeaves(bufs *[2][]byte, lo, hi int) []byte {
	w := t.h.NodeSize()
	o := (lo / 2) * (1 + 2*w)
	cur, count := t.leaves[o:], hi-lo
	for k := 0; count > 1; k++ {
		if bufs[k%2] == nil {
			bufs[k%2] = make([]byte, 0, (1<<skipLevels)*(1+2*w))
		}
		cur = t.h.reduce(bufs[k%2][:0], cur, count)
		count = (count + 1) / 2
	}
	return cur[1 : 1+w : 1+w]
}

// subtree returns the node over leaves [lo, hi) of an RFC 6962 split: lo is a multiple of
// 2^k, where 2^k is hi-lo rounded up to a power of two, and hi-lo < 2^k only for the
// rightmost subtree, which the level arrays hold as a carried-up node.
func (t *Tree) subtree(lo, hi int) []byte {
	k := bits.Len(uint(hi - lo - 1))
	if t.levels[k] == nil {
		var bufs [2][]byte
		return slices.Clone(t.reduceLeaves(&bufs, lo, hi))
	}
	return t.at(t.levels[k], lo>>k)
}

// ProveRange returns a proof of the leaves [start, end), 0 ≤ start < end ≤ Len(): the
// roots of the subtrees left of start and right of end-1, in in-order (nmt ProveRange).
func (t *Tree) ProveRange(start, end int) (Proof, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.proveRange(start, end)
}

func (t *Tree) proveRange(start, end int) (Proof, error) {
	if start < 0 || start >= end || end > t.size {
		return Proof{}, fmt.Errorf("%w: range [%d, %d) of %d leaves", ErrInvalidRange, start, end, t.size)
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
		return Proof{}, fmt.Errorf("%w: namespace of %d bytes, want %d", ErrNamespaceSize, len(ns), n)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	root := t.root()
	if t.size == 0 || bytes.Compare(ns, root[:n]) < 0 || bytes.Compare(ns, root[n:2*n]) > 0 {
		return Proof{IgnoreMaxNamespace: t.h.ignoreMax}, nil
	}
	start, end := t.namespaceRange(ns)
	if start < end {
		return t.proveRange(start, end)
	}
	p, err := t.proveRange(start, start+1)
	if err != nil {
		return Proof{}, err
	}
	p.LeafHash = t.leafHash(start)
	return p, nil
}

// NamespaceRange returns the leaves [start, end) that carry ns; start == end when there
// are none, and then start is where ns would be inserted.
func (t *Tree) NamespaceRange(ns []byte) (start, end int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.namespaceRange(ns)
}

func (t *Tree) namespaceRange(ns []byte) (start, end int) {
	n := t.h.n
	start = sort.Search(t.size, func(i int) bool { return bytes.Compare(t.at(t.leaves, i)[:n], ns) >= 0 })
	end = start + sort.Search(t.size-start, func(i int) bool {
		return bytes.Compare(t.at(t.leaves, start+i)[:n], ns) > 0
	})
	return start, end
}

func (t *Tree) leafHash(i int) []byte { return t.at(t.leaves, i) }

// LeafHash returns the hash of leaf i, which belongs to the tree.
func (t *Tree) LeafHash(i int) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i < 0 || i >= t.size {
		return nil, fmt.Errorf("%w: leaf %d of %d", ErrInvalidRange, i, t.size)
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
