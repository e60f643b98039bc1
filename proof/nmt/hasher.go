package nmt

import (
	"bytes"
	"crypto/sha256"
	"fmt"
)

const (
	// LeafPrefix and NodePrefix domain-separate leaf and inner-node hashes (nmt hasher.go,
	// as RFC 6962 §2.1 does for plain Merkle trees).
	LeafPrefix = 0x00
	NodePrefix = 0x01
	// DefaultNamespaceSize is nmt's default namespace size, 8 bytes.
	DefaultNamespaceSize = 8
	// CelestiaNamespaceSize is a Celestia share namespace: 1 version byte and a 28-byte id.
	CelestiaNamespaceSize = 29
	// MaxNamespaceSize bounds the namespace size so that nodes fit fixed stack buffers.
	MaxNamespaceSize = 64
	// MaxLeaves is the largest tree this package builds or verifies proofs against.
	MaxLeaves = 1<<32 - 1
	// MaxProofNodes bounds the nodes of a decoded or verified proof: at most 32 left
	// siblings and 64 right ones (siblings inside the range's subtree, then those above it).
	MaxProofNodes = 128

	maxNodeSize = 2*MaxNamespaceSize + sha256.Size
)

// Hasher holds the two parameters of an NMT: the namespace size n and whether the
// IgnoreMaxNamespace rule applies. A node is min(n) ‖ max(n) ‖ sha256 digest, 2n+32 bytes.
// The zero Hasher is invalid; build one with NewHasher.
//
// IgnoreMaxNamespace is Celestia's rule for parity shares: an inner node whose right child
// starts at the all-0xFF namespace takes its max from the left child, so the root's range
// hides that namespace. A namespace proof for all-0xFF then comes out empty although leaves
// carry it; VerifyNamespace accepts that empty proof, as nmt does. Users who give the
// all-0xFF namespace to real data must either disable the rule or reject that namespace.
type Hasher struct {
	n         int
	ignoreMax bool
}

// NewHasher returns the hasher for namespaces of n bytes, 1 ≤ n ≤ MaxNamespaceSize.
func NewHasher(n int, ignoreMaxNamespace bool) (Hasher, error) {
	if n < 1 || n > MaxNamespaceSize {
		return Hasher{}, fmt.Errorf("%w: namespace size %d", ErrNamespaceSize, n)
	}
	return Hasher{n: n, ignoreMax: ignoreMaxNamespace}, nil
}

// NamespaceSize returns n.
func (h Hasher) NamespaceSize() int { return h.n }

// NodeSize returns 2n+32, the length of every node, leaf hash and root.
func (h Hasher) NodeSize() int { return 2*h.n + sha256.Size }

// IgnoreMaxNamespace reports whether the IgnoreMaxNamespace rule applies.
func (h Hasher) IgnoreMaxNamespace() bool { return h.ignoreMax }

// EmptyRoot returns the root of a tree with no leaves: 0^2n ‖ sha256("") (nmt
// Hasher.EmptyRoot).
func (h Hasher) EmptyRoot() []byte {
	r := make([]byte, h.NodeSize())
	d := sha256.Sum256(nil)
	copy(r[2*h.n:], d[:])
	return r
}

// HashLeaf appends ns ‖ ns ‖ sha256(0x00 ‖ leaf) to dst, where leaf = ns ‖ data is a
// namespaced leaf (nmt Hasher.HashLeaf). A leaf shorter than n is an error.
func (h Hasher) HashLeaf(dst, leaf []byte) ([]byte, error) {
	if len(leaf) < h.n {
		return dst, fmt.Errorf("%w: leaf of %d bytes, namespace size %d", ErrNamespaceSize, len(leaf), h.n)
	}
	var s scratch
	return s.leaf(h, dst, leaf[:h.n], leaf[h.n:]), nil
}

// HashNode appends the parent of left and right to dst (nmt Hasher.HashNode):
// min(l.min, r.min) ‖ max ‖ sha256(0x01 ‖ l ‖ r), where max is max(l.max, r.max) unless
// IgnoreMaxNamespace applies. Nodes of the wrong size, with min above max, or with
// l.max > r.min are errors.
func (h Hasher) HashNode(dst, left, right []byte) ([]byte, error) {
	if err := h.checkNode(left); err != nil {
		return dst, err
	}
	if err := h.checkNode(right); err != nil {
		return dst, err
	}
	return h.hashNode(dst, left, right)
}

// checkNode rejects what no tree can contain: a wrong length, or min > max (every leaf has
// min = max and every parent keeps min ≤ max).
func (h Hasher) checkNode(node []byte) error {
	if len(node) != h.NodeSize() {
		return fmt.Errorf("%w: node of %d bytes, want %d", ErrInvalidNode, len(node), h.NodeSize())
	}
	if bytes.Compare(node[:h.n], node[h.n:2*h.n]) > 0 {
		return fmt.Errorf("%w: node %x: min namespace above max", ErrInvalidNode, node[:2*h.n])
	}
	return nil
}

// hashNode is HashNode for nodes already known to have the right size.
func (h Hasher) hashNode(dst, left, right []byte) ([]byte, error) {
	n := h.n
	lmin, lmax := left[:n], left[n:2*n]
	rmin, rmax := right[:n], right[n:2*n]
	if bytes.Compare(lmax, rmin) > 0 {
		return dst, fmt.Errorf("%w: left max %x above right min %x", ErrUnsorted, lmax, rmin)
	}
	var buf [1 + 2*maxNodeSize]byte
	buf[0] = NodePrefix
	ns := len(left)
	copy(buf[1:], left)
	copy(buf[1+ns:], right)
	digest := sha256.Sum256(buf[:1+2*ns])
	dst = append(dst, minNs(lmin, rmin)...)
	switch {
	// nmt HashNode: with IgnoreMaxNamespace a node whose left child starts at the max
	// namespace is all max namespace; one whose right child starts there takes the
	// left child's max, so parity data never widens the range.
	case h.ignoreMax && isMax(lmin):
		dst = append(dst, lmin...)
	case h.ignoreMax && isMax(rmin):
		dst = append(dst, lmax...)
	default:
		dst = append(dst, maxNs(lmax, rmax)...)
	}
	return append(dst, digest[:]...), nil
}

func minNs(a, b []byte) []byte {
	if bytes.Compare(a, b) <= 0 {
		return a
	}
	return b
}

func maxNs(a, b []byte) []byte {
	if bytes.Compare(a, b) >= 0 {
		return a
	}
	return b
}

// isMax reports whether ns is all 0xFF, the parity namespace.
func isMax(ns []byte) bool {
	for _, b := range ns {
		if b != 0xFF {
			return false
		}
	}
	return true
}

// scratch is a reusable buffer for leaf hashing: the leaf input 0x00 ‖ ns ‖ data is
// copied once into it and hashed with one sha256.Sum256, which measures faster than
// streaming the parts through a hash.Hash (no interface calls, no state copy in Sum).
type scratch struct{ buf []byte }

// leaf appends ns ‖ ns ‖ sha256(0x00 ‖ ns ‖ data) to dst.
func (s *scratch) leaf(h Hasher, dst, ns, data []byte) []byte {
	s.buf = append(append(append(s.buf[:0], LeafPrefix), ns...), data...)
	d := sha256.Sum256(s.buf)
	dst = append(dst, ns...)
	dst = append(dst, ns...)
	return append(dst, d[:]...)
}

// pair appends the parent of two ordered siblings given in pair form, in = 0x01 ‖ left ‖
// right, which is exactly the digest's input: one sha256.Sum256, no copy.
func (h Hasher) pair(dst, in []byte) []byte {
	n, w := h.n, h.NodeSize()
	left, right := in[1:1+w], in[1+w:]
	dst = append(dst, left[:n]...)
	switch {
	case h.ignoreMax && isMax(left[:n]):
		dst = append(dst, left[:n]...)
	case h.ignoreMax && isMax(right[:n]):
		dst = append(dst, left[n:2*n]...)
	default:
		dst = append(dst, maxNs(left[n:2*n], right[n:2*n])...)
	}
	d := sha256.Sum256(in)
	return append(dst, d[:]...)
}
