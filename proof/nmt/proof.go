package nmt

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
)

// Proof is an NMT proof of the leaves [Start, End) (nmt Proof). Nodes are the roots of the
// subtrees outside the range, in in-order: left siblings of Start, then right siblings of
// End-1. A namespace proof is one of three kinds:
//   - empty: Start == End, no nodes, no leaf hash; the namespace is outside the root's range;
//   - inclusion: the leaves [Start, End) are all the leaves of the namespace;
//   - absence: LeafHash is the hash of leaf Start, the first leaf above the namespace, and
//     End == Start+1.
//
// IgnoreMaxNamespace records the hasher rule of the tree the proof was taken from.
type Proof struct {
	Start, End         int
	Nodes              [][]byte
	LeafHash           []byte
	IgnoreMaxNamespace bool
}

// IsEmpty reports whether p is an empty-range proof.
func (p *Proof) IsEmpty() bool {
	return p.Start == p.End && len(p.Nodes) == 0 && len(p.LeafHash) == 0
}

// IsAbsence reports whether p is an absence proof.
func (p *Proof) IsAbsence() bool { return len(p.LeafHash) > 0 }

// VerifyNamespace checks that leaves are every leaf of namespace ns in the tree with the
// given root, in order (nmt Proof.VerifyNamespace, docs/spec/nmt.md "Namespace Proof
// Verification"). leaves are namespaced (ns ‖ data), hashed as given: a Celestia share,
// which already begins with its namespace, is the data of a leaf ns ‖ share, so pass
// shares to VerifyNamespaceData, or prefix them; a raw share passed here fails with
// ErrMissingNamespacePrefix beside ErrInvalidProof. The checks, in order:
//
//	a) sizes: len(root) is 2·len(ns)+32, 1 ≤ len(ns) ≤ MaxNamespaceSize (ErrNamespaceSize);
//	   the range is 0 ≤ Start ≤ End ≤ MaxLeaves with at most MaxProofNodes nodes (ErrInvalidRange, ErrTooLarge);
//	b) an empty proof is valid only with no leaves and ns outside the root's [min, max], or
//	   an empty root (ErrInvalidProof);
//	c) an absence proof takes no leaves, and its leaf hash sorts above ns (ErrInvalidProof);
//	   an inclusion proof takes End-Start leaves, each carrying ns (ErrInvalidProof, ErrWrongNamespace);
//	d) completeness: the left nodes must cover exactly [0, Start), each with max < ns, and
//	   every right node must have min > ns (ErrIncomplete);
//	e) the root recomputed from leaves and nodes equals root (ErrInvalidProof, ErrUnsorted);
//	   if it does not, but would with each leaf's namespace prefixed once more, the error
//	   also wraps ErrMissingNamespacePrefix.
//
// Bound: a) to c) come before any hashing or allocation; then one hash per leaf and per
// inner node, memory 2(2n+32) bytes per leaf and 2n+32 per proof node; twice that when
// the root does not match (the prefix check of e).
func VerifyNamespace(root, ns []byte, leaves [][]byte, p *Proof) error {
	return verifyNamespace(root, ns, leaves, nil, p)
}

// VerifyNamespaceData is VerifyNamespace for leaves given without their namespace prefix,
// as a rollup holds its transactions; it saves the caller the concatenation.
func VerifyNamespaceData(root, ns []byte, data [][]byte, p *Proof) error {
	return verifyNamespace(root, ns, nil, data, p)
}

func verifyNamespace(root, ns []byte, leaves, data [][]byte, p *Proof) error {
	h, err := NewHasher(len(ns), p.IgnoreMaxNamespace)
	if err != nil {
		return err
	}
	n := h.n
	if len(root) != h.NodeSize() {
		return fmt.Errorf("%w: root of %d bytes, namespace size %d", ErrNamespaceSize, len(root), n)
	}
	if err := checkShape(p); err != nil {
		return err
	}
	count := len(leaves) + len(data)
	if p.Start == p.End {
		if len(p.Nodes) != 0 || len(p.LeafHash) != 0 || count != 0 {
			return fmt.Errorf("%w: empty range with %d nodes, %d leaves", ErrInvalidProof, len(p.Nodes), count)
		}
		if bytes.Compare(ns, root[:n]) < 0 || bytes.Compare(ns, root[n:2*n]) > 0 || bytes.Equal(root, h.EmptyRoot()) {
			return nil
		}
		return fmt.Errorf("%w: empty proof for namespace %x inside root range [%x, %x]", ErrIncomplete, ns, root[:n], root[n:2*n])
	}
	w := h.NodeSize()
	var hashes []byte
	if p.IsAbsence() {
		if count != 0 {
			return fmt.Errorf("%w: absence proof with %d leaves", ErrInvalidProof, count)
		}
		if p.End-p.Start != 1 {
			return fmt.Errorf("%w: absence proof over [%d, %d)", ErrInvalidProof, p.Start, p.End)
		}
		if err := h.checkNode(p.LeafHash); err != nil {
			return fmt.Errorf("absence leaf hash: %w", err)
		}
		if !bytes.Equal(p.LeafHash[:n], p.LeafHash[n:2*n]) || bytes.Compare(p.LeafHash[:n], ns) <= 0 {
			return fmt.Errorf("%w: absence leaf hash namespace %x not above %x", ErrInvalidProof, p.LeafHash[:n], ns)
		}
		hashes = p.LeafHash
	} else {
		if count != p.End-p.Start {
			return fmt.Errorf("%w: %d leaves for range [%d, %d)", ErrInvalidProof, count, p.Start, p.End)
		}
		hashes = make([]byte, 0, count*w)
		var s scratch
		for i, leaf := range leaves {
			if len(leaf) < n || !bytes.Equal(leaf[:n], ns) {
				return fmt.Errorf("%w: leaf %d (%d bytes) not in namespace %x", ErrWrongNamespace, i, len(leaf), ns)
			}
			hashes = s.leaf(h, hashes, ns, leaf[n:])
		}
		for _, d := range data {
			hashes = s.leaf(h, hashes, ns, d)
		}
	}
	if err := checkCompleteness(h, ns, p); err != nil {
		return err
	}
	err = verifyRoot(h, root, hashes, p)
	if err != nil && len(leaves) > 0 {
		return prefixHint(err, func() error { return verifyRoot(h, root, prefixedHashes(h, leaves), p) })
	}
	return err
}

// prefixHint turns a root mismatch into ErrMissingNamespacePrefix when retry, the same
// check over the leaves with their namespace prefixed once more, succeeds: the caller
// passed raw Celestia shares. It runs only on failure and costs one more hash per leaf
// and inner node.
func prefixHint(err error, retry func() error) error {
	if !errors.Is(err, ErrInvalidProof) {
		return err
	}
	if retry() == nil {
		return fmt.Errorf("leaves lead to the root only with their namespace prefixed once more (leaf = namespace ‖ share): %w: %w", ErrInvalidProof, ErrMissingNamespacePrefix)
	}
	return err
}

// prefixedHashes returns the leaf hashes of ns ‖ leaf for each leaf, ns its own first n
// bytes (leaves were length-checked by the caller).
func prefixedHashes(h Hasher, leaves [][]byte) []byte {
	hashes := make([]byte, 0, len(leaves)*h.NodeSize())
	var s scratch
	for _, leaf := range leaves {
		hashes = s.leaf(h, hashes, leaf[:h.n], leaf)
	}
	return hashes
}

// checkShape bounds what the verifier will walk before it touches any node.
func checkShape(p *Proof) error {
	if p.Start < 0 || p.End < p.Start || p.End > MaxLeaves {
		return fmt.Errorf("%w: range [%d, %d)", ErrInvalidRange, p.Start, p.End)
	}
	if len(p.Nodes) > MaxProofNodes {
		return fmt.Errorf("%w: %d proof nodes", ErrTooLarge, len(p.Nodes))
	}
	return nil
}

// checkCompleteness is nmt's ValidateCompleteness with the GHSA-r9fq-g486-v8pg fix: the
// left walk takes one node per aligned subtree of [0, Start) and must land exactly on
// Start. Without that, a proof cut short after its first nodes leaves the left checks
// vacuous while the root still has a chance to match a differently shaped walk.
func checkCompleteness(h Hasher, ns []byte, p *Proof) error {
	n := h.n
	idx := uint64(0)
	i := 0
	for idx != uint64(p.Start) {
		if i == len(p.Nodes) {
			return fmt.Errorf("%w: left nodes cover [0, %d), range starts at %d", ErrIncomplete, idx, p.Start)
		}
		node := p.Nodes[i]
		if err := h.checkNode(node); err != nil {
			return fmt.Errorf("proof node %d: %w", i, err)
		}
		if bytes.Compare(node[n:2*n], ns) >= 0 {
			return fmt.Errorf("%w: left node %d max %x not below %x", ErrIncomplete, i, node[n:2*n], ns)
		}
		idx += nextSubtreeSize(idx, uint64(p.Start))
		i++
	}
	for j := i; j < len(p.Nodes); j++ {
		node := p.Nodes[j]
		if err := h.checkNode(node); err != nil {
			return fmt.Errorf("proof node %d: %w", j, err)
		}
		if bytes.Compare(node[:n], ns) <= 0 {
			return fmt.Errorf("%w: right node %d min %x not above %x", ErrIncomplete, j, node[:n], ns)
		}
	}
	return nil
}

// nextSubtreeSize is the size of the largest aligned subtree that starts at start and ends
// at or before end (nmt nextSubtreeSize).
func nextSubtreeSize(start, end uint64) uint64 {
	ideal := bits.TrailingZeros64(start)
	limit := bits.Len64(end-start) - 1
	return 1 << min(ideal, limit)
}

// VerifyRange checks that the namespaced leaves are the leaves [Start, End) of the tree
// with the given root, for namespaces of nsSize bytes (nmt VerifyLeafHashes without
// completeness). It proves inclusion and order, not that a namespace is complete: use
// VerifyNamespace for that; nor, where the tree's size is not a power of two, the leaves'
// index: use VerifyRangeSize for that. Bound: as VerifyNamespace (range, node count and leaf count
// checked first; one hash per leaf and inner node; 2(2n+32) bytes per leaf).
func VerifyRange(root []byte, nsSize int, leaves [][]byte, p *Proof) error {
	h, err := NewHasher(nsSize, p.IgnoreMaxNamespace)
	if err != nil {
		return err
	}
	hashes, err := rangeLeafHashes(h, root, leaves, p)
	if err != nil {
		return err
	}
	if err := verifyRoot(h, root, hashes, p); err != nil {
		return prefixHint(err, func() error { return verifyRoot(h, root, prefixedHashes(h, leaves), p) })
	}
	return nil
}

// rangeLeafHashes makes the checks of a range proof that come before the root: sizes,
// shape, leaf count, node form; and returns the leaves' hashes.
func rangeLeafHashes(h Hasher, root []byte, leaves [][]byte, p *Proof) ([]byte, error) {
	nsSize := h.n
	if len(root) != h.NodeSize() {
		return nil, fmt.Errorf("%w: root of %d bytes, namespace size %d", ErrNamespaceSize, len(root), nsSize)
	}
	if err := checkShape(p); err != nil {
		return nil, err
	}
	if p.Start == p.End || len(p.LeafHash) != 0 {
		return nil, fmt.Errorf("%w: range proof over [%d, %d) with leaf hash %t", ErrInvalidProof, p.Start, p.End, len(p.LeafHash) != 0)
	}
	if len(leaves) != p.End-p.Start {
		return nil, fmt.Errorf("%w: %d leaves for range [%d, %d)", ErrInvalidProof, len(leaves), p.Start, p.End)
	}
	hashes := make([]byte, 0, len(leaves)*h.NodeSize())
	var s scratch
	for i, leaf := range leaves {
		if len(leaf) < nsSize {
			return nil, fmt.Errorf("%w: leaf %d of %d bytes", ErrNamespaceSize, i, len(leaf))
		}
		hashes = s.leaf(h, hashes, leaf[:nsSize], leaf[nsSize:])
	}
	for i, node := range p.Nodes {
		if err := h.checkNode(node); err != nil {
			return nil, fmt.Errorf("proof node %d: %w", i, err)
		}
	}
	return hashes, nil
}

// VerifyRangeSize is VerifyRange for a tree whose size (its number of leaves) the caller
// knows, such as Celestia's row and column trees: it also checks that the proof holds
// exactly the nodes a tree of size leaves needs, so that the leaves are at [Start, End)
// and nowhere else.
//
// VerifyRange cannot promise that: a proof carries no tree size, and where the size is
// not a power of two the last leaves are carried up unpaired, so a leaf on that right edge
// has the same proof as a position in a smaller, full tree (in a tree of 11 leaves, the
// proof of leaf 10 also verifies as the range [3, 4)). Its leaves are proven present, in
// order; their index only by this function.
//
// Checks: 1 ≤ size ≤ MaxLeaves and End ≤ size (ErrInvalidRange), then those of
// VerifyRange, with the root recomputed over the RFC 6962 shape of size leaves and every
// node used exactly once (ErrInvalidProof). Bound: as VerifyRange.
func VerifyRangeSize(root []byte, nsSize, size int, leaves [][]byte, p *Proof) error {
	if size < 1 || size > MaxLeaves || p.End > size {
		return fmt.Errorf("%w: range [%d, %d) in a tree of %d leaves", ErrInvalidRange, p.Start, p.End, size)
	}
	h, err := NewHasher(nsSize, p.IgnoreMaxNamespace)
	if err != nil {
		return err
	}
	hashes, err := rangeLeafHashes(h, root, leaves, p)
	if err != nil {
		return err
	}
	if err := verifySized(h, root, size, hashes, p); err != nil {
		return prefixHint(err, func() error { return verifySized(h, root, size, prefixedHashes(h, leaves), p) })
	}
	return nil
}

// verifySized recomputes the root of a tree of size leaves from the range's leaf hashes
// and the proof nodes, each node used exactly once.
func verifySized(h Hasher, root []byte, size int, hashes []byte, p *Proof) error {
	w := h.NodeSize()
	c := computer{h: h, start: p.Start, end: p.End, nodes: p.Nodes, leaves: hashes}
	c.arena = make([]byte, 0, (len(hashes)/w+len(p.Nodes)+1)*w)
	got := c.computeSized(0, size)
	if c.err != nil {
		return c.err
	}
	if len(c.nodes) != 0 {
		return fmt.Errorf("%w: %d proof nodes left over for a tree of %d leaves", ErrInvalidProof, len(c.nodes), size)
	}
	if !bytes.Equal(got, root) {
		return fmt.Errorf("%w: computed root %x, want %x", ErrInvalidProof, got, root)
	}
	return nil
}

// computeSized returns the node over leaves [lo, hi) of the RFC 6962 tree: a proof node
// for a subtree outside the range, a leaf hash inside it, else the parent of the split.
func (c *computer) computeSized(lo, hi int) []byte {
	if c.err != nil {
		return nil
	}
	if hi <= c.start || lo >= c.end {
		n := c.popNode()
		if n == nil {
			c.err = fmt.Errorf("%w: proof lacks the node over leaves [%d, %d)", ErrInvalidProof, lo, hi)
		}
		return n
	}
	if hi-lo == 1 {
		w := c.h.NodeSize()
		leaf := c.leaves[:w:w]
		c.leaves = c.leaves[w:]
		return leaf
	}
	k := splitPoint(hi - lo)
	left := c.computeSized(lo, lo+k)
	right := c.computeSized(lo+k, hi)
	if c.err != nil {
		return nil
	}
	return c.hash(left, right)
}

// verifyRoot recomputes the root from the range's leaf hashes and the proof nodes (nmt
// Proof.ComputeRoot): the range lies in the leftmost subtree of 2^⌈log2 End⌉ leaves, whose
// missing right parts are absent, and every node left over is a right sibling further up.
// Nodes were size-checked by the caller.
func verifyRoot(h Hasher, root, hashes []byte, p *Proof) error {
	w := h.NodeSize()
	c := computer{h: h, start: p.Start, end: p.End, nodes: p.Nodes, leaves: hashes}
	// One arena for every parent computed: at most one per leaf and per node.
	c.arena = make([]byte, 0, (len(hashes)/w+len(p.Nodes)+1)*w)
	width := 1
	if p.End > 1 {
		width = 2 * splitPoint(p.End)
	}
	got := c.compute(0, width)
	for c.err == nil && len(c.nodes) > 0 {
		got = c.hash(got, c.nodes[0])
		c.nodes = c.nodes[1:]
	}
	if c.err != nil {
		return c.err
	}
	if got == nil || !bytes.Equal(got, root) {
		return fmt.Errorf("%w: computed root %x, want %x", ErrInvalidProof, got, root)
	}
	return nil
}

type computer struct {
	h          Hasher
	start, end int
	nodes      [][]byte
	leaves     []byte
	arena      []byte
	err        error
}

func (c *computer) popNode() []byte {
	if len(c.nodes) == 0 {
		return nil
	}
	n := c.nodes[0]
	c.nodes = c.nodes[1:]
	return n
}

func (c *computer) compute(lo, hi int) []byte {
	if c.err != nil {
		return nil
	}
	if hi-lo == 1 && lo >= c.start && lo < c.end {
		w := c.h.NodeSize()
		leaf := c.leaves[:w:w]
		c.leaves = c.leaves[w:]
		return leaf
	}
	if hi <= c.start || lo >= c.end {
		return c.popNode()
	}
	k := splitPoint(hi - lo)
	left := c.compute(lo, lo+k)
	right := c.compute(lo+k, hi)
	if right == nil {
		return left
	}
	return c.hash(left, right)
}

func (c *computer) hash(left, right []byte) []byte {
	if c.err != nil {
		return nil
	}
	if left == nil {
		c.err = fmt.Errorf("%w: proof leaves a gap left of a node", ErrInvalidProof)
		return nil
	}
	mark := len(c.arena)
	var err error
	c.arena, err = c.h.hashNode(c.arena, left, right)
	if err != nil {
		c.err = err
		return nil
	}
	return c.arena[mark:len(c.arena):len(c.arena)]
}
