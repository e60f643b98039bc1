package nmt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

func logUsage(t *testing.T, name string, n int, u hostile.Usage) {
	t.Helper()
	t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, n, u.Bytes, float64(u.Bytes)/float64(n))
}

// TestHardeningTreeConcurrentFirstRoot: Root and the proofs build the tree's inner levels
// on first use, so 16 goroutines proving from a tree whose root nobody had asked for yet
// wrote t.levels at once (go test -race). The tree now holds a lock.
func TestHardeningTreeConcurrentFirstRoot(t *testing.T) {
	tree, leaves := fuzzTree(8)
	ref, _ := fuzzTree(8)
	root := bytes.Clone(ref.Root())
	hostile.Concurrent(t, 1, func(g int) {
		ns := []byte{0, 0, 0, 0, 0, 0, 0, byte(g % 5)}
		p, err := tree.ProveNamespace(ns)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
			return
		}
		if err := VerifyNamespace(root, ns, leavesOf(leaves, ns), &p); err != nil {
			t.Errorf("goroutine %d: namespace %x: %v", g, ns, err)
		}
	})
}

// TestConcurrentTree mixes every read method of a Tree across 16 goroutines, with pushes
// onto a second tree sharing nothing but the code.
func TestConcurrentTree(t *testing.T) {
	tree, leaves := fuzzTree(8)
	root := bytes.Clone(tree.Root())
	hostile.Concurrent(t, 4, func(g int) {
		if !bytes.Equal(tree.Root(), root) {
			t.Errorf("goroutine %d: root changed", g)
		}
		i := g % len(leaves)
		p, err := tree.ProveRange(i, i+1)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
			return
		}
		if err := VerifyRange(root, 8, leaves[i:i+1], &p); err != nil {
			t.Errorf("goroutine %d: leaf %d: %v", g, i, err)
		}
		if lh, err := tree.LeafHash(i); err != nil || len(lh) != tree.Hasher().NodeSize() {
			t.Errorf("goroutine %d: leaf hash %x, %v", g, lh, err)
		}
		if s, e := tree.NamespaceRange(leaves[i][:8]); s > i || e <= i || tree.Len() != len(leaves) {
			t.Errorf("goroutine %d: namespace range [%d, %d) misses leaf %d", g, s, e, i)
		}
	})
}

// TestBoundsAllocPerInputByte feeds each decoder and verifier input at its bounds.
func TestBoundsAllocPerInputByte(t *testing.T) {
	h1, _ := NewHasher(1, false)
	// DecodeProof: the most nodes a proof may carry, and a header claiming 255.
	{
		w := h1.NodeSize()
		b := []byte{0, 0, 0, 0, 0, 0, 0, 0, 1, MaxProofNodes}
		b = append(b, make([]byte, MaxProofNodes*w)...)
		var err error
		u := hostile.Bounded(t, "DecodeProof at MaxProofNodes", len(b), func() { _, err = DecodeProof(b, 1) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, "DecodeProof at MaxProofNodes", len(b), u)
		b[9] = 255
		u = hostile.Bounded(t, "DecodeProof claiming 255 nodes", len(b), func() { _, err = DecodeProof(b, 1) })
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("255 nodes: %v", err)
		}
		logUsage(t, "DecodeProof claiming 255 nodes", len(b), u)
	}
	// Ranges as wide as the tree may be, with one leaf: refused before hashing.
	{
		leaf := []byte{7, 1}
		for _, p := range []Proof{{Start: 0, End: MaxLeaves}, {Start: MaxLeaves - 1, End: MaxLeaves}, {Start: 0, End: MaxLeaves + 1}, {Start: -1, End: 0}} {
			var err error
			u := hostile.Bounded(t, "huge range", len(leaf), func() {
				err = VerifyRange(h1.EmptyRoot(), 1, [][]byte{leaf}, &p)
			})
			if err == nil {
				t.Errorf("range [%d, %d) with one leaf accepted", p.Start, p.End)
			}
			_ = u
		}
		enc := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32([]byte{flagAbsence}, MaxLeaves-1), MaxLeaves)
		enc = append(append(enc, 0), make([]byte, h1.NodeSize())...)
		enc[len(enc)-1] = 1
		enc[headerSize], enc[headerSize+1] = 9, 9 // leaf hash of namespace 9
		p, err := DecodeProof(enc, 1)
		if err != nil {
			t.Fatal(err)
		}
		u := hostile.Bounded(t, "absence proof at the last leaf", len(enc), func() { err = VerifyNamespace(h1.EmptyRoot(), []byte{1}, nil, &p) })
		if err == nil {
			t.Error("absence proof at the last leaf accepted against the empty root")
		}
		logUsage(t, "absence proof at the last leaf", len(enc), u)
	}
	// Range and namespace proofs of many one-byte leaves (the most leaves per byte,
	// counted with their slice headers, which the caller holds).
	for _, n := range []int{1 << 10, 1 << 16} {
		tree := NewTree(h1)
		leaves := make([][]byte, n)
		for i := range leaves {
			leaves[i] = []byte{5}
			_ = tree.Push(leaves[i])
		}
		root := tree.Root()
		p, err := tree.ProveRange(0, n)
		if err != nil {
			t.Fatal(err)
		}
		in := n * (1 + 24)
		name := fmt.Sprintf("VerifyRange of %d one-byte leaves", n)
		u := hostile.Bounded(t, name, in, func() { err = VerifyRange(root, 1, leaves, &p) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, name, in, u)
		name = fmt.Sprintf("VerifyNamespace of %d one-byte leaves", n)
		u = hostile.Bounded(t, name, in, func() { err = VerifyNamespace(root, []byte{5}, leaves, &p) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, name, in, u)
	}
	// Paths far longer than any tree: refused before the nodes are read.
	{
		path := make([][]byte, 1_000_000)
		for i := range path {
			path[i] = make([]byte, h1.NodeSize())
		}
		var err error
		u := hostile.Bounded(t, "VerifyLeafPath with 10^6 nodes", len(path)*h1.NodeSize(), func() {
			err = VerifyLeafPath(h1, h1.EmptyRoot(), []byte{1}, 0, 1<<63, path)
		})
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("10^6 nodes: %v", err)
		}
		logUsage(t, "VerifyLeafPath with 10^6 nodes", len(path)*h1.NodeSize(), u)
	}
}

// TestHardeningRangePositionRightEdge: a range proof carries no tree size, so in a tree of
// 11 leaves the proof of leaf 10 (carried up unpaired on the right edge) also verified as
// the range [3, 4): VerifyRange said "leaf 3" of a leaf that is not. VerifyRangeSize takes
// the size and refuses every position but the true one.
func TestHardeningRangePositionRightEdge(t *testing.T) {
	tree, leaves := fuzzTree(8) // 11 leaves
	root := tree.Root()
	p, err := tree.ProveRange(10, 11)
	if err != nil {
		t.Fatal(err)
	}
	forged := Proof{Start: 3, End: 4, Nodes: p.Nodes, IgnoreMaxNamespace: p.IgnoreMaxNamespace}
	if err := VerifyRange(root, 8, leaves[10:11], &forged); err != nil {
		t.Logf("VerifyRange no longer accepts the forged position: %v", err)
	}
	if err := VerifyRangeSize(root, 8, 11, leaves[10:11], &forged); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("leaf 10 of 11 shown as [3, 4): %v", err)
	}
	if err := VerifyRangeSize(root, 8, 11, leaves[10:11], &p); err != nil {
		t.Errorf("true proof of leaf 10: %v", err)
	}
	// Every range of every tree up to 20 leaves verifies at its own position and at no
	// other one-leaf position with the same nodes, and not for another size.
	h, _ := NewHasher(8, true)
	for size := 1; size <= 20; size++ {
		tr := NewTree(h)
		var ls [][]byte
		for i := range size {
			l := []byte{0, 0, 0, 0, 0, 0, 0, byte(i / 3), byte(i)}
			ls = append(ls, l)
			_ = tr.Push(l)
		}
		r := tr.Root()
		for start := 0; start < size; start++ {
			for end := start + 1; end <= size; end++ {
				pr, _ := tr.ProveRange(start, end)
				if err := VerifyRangeSize(r, 8, size, ls[start:end], &pr); err != nil {
					t.Fatalf("size %d, [%d, %d): %v", size, start, end, err)
				}
				if end-start != 1 {
					continue
				}
				for j := 0; j < size; j++ {
					f := Proof{Start: j, End: j + 1, Nodes: pr.Nodes, IgnoreMaxNamespace: pr.IgnoreMaxNamespace}
					if j != start && VerifyRangeSize(r, 8, size, ls[start:end], &f) == nil {
						t.Fatalf("size %d: leaf %d verified as leaf %d", size, start, j)
					}
				}
			}
		}
	}
}
