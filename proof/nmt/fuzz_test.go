package nmt

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

func fuzzTree(nsSize int) (*Tree, [][]byte) {
	h, _ := NewHasher(nsSize, true)
	t := NewTree(h)
	var leaves [][]byte
	for i := 0; i < 11; i++ {
		leaf := make([]byte, nsSize+3)
		leaf[nsSize-1] = byte(i / 3)
		leaf[nsSize] = byte(i)
		_ = t.Push(leaf)
		leaves = append(leaves, leaf)
	}
	return t, leaves
}

// FuzzDecodeProof: decoding never panics, rejects with a sentinel, and what decodes
// re-encodes to the same bytes.
func FuzzDecodeProof(f *testing.F) {
	tree, _ := fuzzTree(8)
	for _, ns := range [][]byte{{0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 9}, {9, 9, 9, 9, 9, 9, 9, 9}} {
		p, _ := tree.ProveNamespace(ns)
		b, _ := p.AppendBinary(nil, 8)
		f.Add(b, 8)
	}
	f.Add([]byte{3, 0, 0, 0, 1, 0, 0, 0, 2, 0}, 1)
	f.Fuzz(func(t *testing.T, b []byte, nsSize int) {
		p, err := DecodeProof(b, nsSize)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		enc, err := p.AppendBinary(nil, nsSize)
		if err != nil || string(enc) != string(b) {
			t.Fatalf("re-encoding %x (%v), input %x", enc, err, b)
		}
	})
}

// FuzzVerifyNamespace: verification of an arbitrary decoded proof and leaves never panics,
// always names a sentinel, and accepts only the true leaves of the namespace.
func FuzzVerifyNamespace(f *testing.F) {
	tree, leaves := fuzzTree(8)
	root := tree.Root()
	for q := byte(0); q < 6; q++ {
		ns := []byte{0, 0, 0, 0, 0, 0, 0, q}
		p, _ := tree.ProveNamespace(ns)
		b, _ := p.AppendBinary(nil, 8)
		var data []byte
		for _, l := range leaves {
			if l[7] == q {
				data = append(data, l[8:]...)
			}
		}
		f.Add(b, q, data)
	}
	f.Fuzz(func(t *testing.T, proof []byte, q byte, data []byte) {
		p, err := DecodeProof(proof, 8)
		if err != nil {
			return
		}
		ns := []byte{0, 0, 0, 0, 0, 0, 0, q}
		// Leaves of this fuzz tree carry 3 bytes of data; cut the input into such leaves.
		var got [][]byte
		for i := 0; i+3 <= len(data) && len(got) < 16; i += 3 {
			got = append(got, data[i:i+3])
		}
		err = VerifyNamespaceData(root, ns, got, &p)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		var want [][]byte
		for _, l := range leaves {
			if l[7] == q {
				want = append(want, l[8:])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("accepted %d leaves for namespace %d, tree has %d", len(got), q, len(want))
		}
		for i := range got {
			if string(got[i]) != string(want[i]) {
				t.Fatalf("accepted leaf %d %x, tree has %x", i, got[i], want[i])
			}
		}
		// Accepted ⇒ re-encoded, decoded again, the proof still verifies.
		enc, err := p.AppendBinary(nil, 8)
		if err != nil {
			t.Fatalf("accepted proof does not encode: %v", err)
		}
		back, err := DecodeProof(enc, 8)
		if err != nil {
			t.Fatalf("re-encoded proof %x does not decode: %v", enc, err)
		}
		if err := VerifyNamespaceData(root, ns, got, &back); err != nil {
			t.Fatalf("verified, then failed after re-encoding: %v", err)
		}
	})
}

// FuzzVerifyLeafPath: bottom-up paths with arbitrary index, size and nodes never panic.
func FuzzVerifyLeafPath(f *testing.F) {
	tree, leaves := fuzzTree(8)
	f.Add(leaves[3], uint64(3), uint64(11), []byte{})
	f.Fuzz(func(t *testing.T, leaf []byte, index, size uint64, nodes []byte) {
		h := tree.Hasher()
		var path [][]byte
		for i := 0; i+h.NodeSize() <= len(nodes) && len(path) < 70; i += h.NodeSize() {
			path = append(path, nodes[i:i+h.NodeSize()])
		}
		err := VerifyLeafPath(h, tree.Root(), leaf, index, size, path)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		// Accepted ⇒ the leaf is a leaf of the tree (RFC 6962 paths fix the position, not
		// the size: a path may fit several sizes).
		for _, l := range leaves {
			if string(l) == string(leaf) {
				return
			}
		}
		t.Fatalf("accepted leaf %x at %d of %d, not in the tree", leaf, index, size)
	})
}

// TestBadInput guards each rejection with its sentinel.
func TestBadInput(t *testing.T) {
	tree, leaves := fuzzTree(8)
	root := tree.Root()
	ns := []byte{0, 0, 0, 0, 0, 0, 0, 1}
	p, _ := tree.ProveNamespace(ns)
	good := leavesOf(leaves, ns)
	h := tree.Hasher()
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"namespace size zero", func() error { _, err := NewHasher(0, false); return err }(), ErrNamespaceSize},
		{"namespace size too big", func() error { _, err := NewHasher(MaxNamespaceSize+1, false); return err }(), ErrNamespaceSize},
		{"wrong namespace size", VerifyNamespace(root, ns[:7], good, &p), ErrNamespaceSize},
		{"unsorted push", func() error { t2 := NewTree(h); _ = t2.Push(leaves[5]); return t2.Push(leaves[0]) }(), ErrUnsorted},
		{"short leaf", tree.Push([]byte{1}), ErrNamespaceSize},
		{"negative start", VerifyNamespace(root, ns, good, &Proof{Start: -1, End: 2}), ErrInvalidRange},
		{"too many nodes", VerifyNamespace(root, ns, good, &Proof{Start: 3, End: 6, Nodes: make([][]byte, MaxProofNodes+1)}), ErrTooLarge},
		{"leaf of other namespace", VerifyNamespace(root, ns, leaves[:3], &p), ErrWrongNamespace},
		{"truncated left walk", VerifyNamespace(root, ns, good, &Proof{Start: p.Start, End: p.End, Nodes: p.Nodes[:1]}), ErrIncomplete},
		{"short node", VerifyNamespace(root, ns, good, &Proof{Start: p.Start, End: p.End, Nodes: [][]byte{{1}}}), ErrInvalidNode},
		{"unordered siblings", func() error { _, err := h.HashNode(nil, tree.leafHash(5), tree.leafHash(0)); return err }(), ErrUnsorted},
		{"range past tree", func() error { _, err := tree.ProveRange(3, 99); return err }(), ErrInvalidRange},
		{"decode flags", func() error { _, err := DecodeProof([]byte{4, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8); return err }(), ErrInvalidEncoding},
		{"decode reversed", func() error { _, err := DecodeProof([]byte{0, 0, 0, 0, 2, 0, 0, 0, 1, 0}, 8); return err }(), ErrInvalidEncoding},
		{"decode trailing", func() error { _, err := DecodeProof([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8); return err }(), ErrInvalidEncoding},
		{"zero-leaf path", VerifyLeafPath(h, root, leaves[0], 0, 0, nil), ErrInvalidRange},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
	}
}

func leavesOf(leaves [][]byte, ns []byte) [][]byte {
	var out [][]byte
	for _, l := range leaves {
		if string(l[:len(ns)]) == string(ns) {
			out = append(out, l)
		}
	}
	return out
}

// FuzzVerifyRange: a range proof accepted against the fuzz tree's root proves a run of its
// leaves, and, with the tree's size (VerifyRangeSize), exactly its leaves [Start, End).
func FuzzVerifyRange(f *testing.F) {
	tree, leaves := fuzzTree(8)
	root := tree.Root()
	for _, r := range [][2]int{{0, 1}, {2, 7}, {10, 11}, {0, 11}} {
		p, _ := tree.ProveRange(r[0], r[1])
		if r[0] == 10 {
			// The proof of leaf 10 also fits the range [3, 4) of a smaller shape.
			forged := Proof{Start: 3, End: 4, Nodes: p.Nodes, IgnoreMaxNamespace: p.IgnoreMaxNamespace}
			fb, _ := forged.AppendBinary(nil, 8)
			f.Add(fb, leaves[10])
		}
		b, _ := p.AppendBinary(nil, 8)
		var data []byte
		for _, l := range leaves[r[0]:r[1]] {
			data = append(data, l...)
		}
		f.Add(b, data)
	}
	f.Fuzz(func(t *testing.T, proof, data []byte) {
		p, err := DecodeProof(proof, 8)
		if err != nil {
			return
		}
		var got [][]byte
		for i := 0; i+11 <= len(data) && len(got) < 16; i += 11 {
			got = append(got, data[i:i+11])
		}
		sized := VerifyRangeSize(root, 8, len(leaves), got, &p)
		if sized != nil && !isSentinel(sized) {
			t.Fatalf("unwrapped error %v", sized)
		}
		if err := VerifyRange(root, 8, got, &p); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped error %v", err)
			}
			if sized == nil {
				t.Fatalf("VerifyRangeSize accepted what VerifyRange refuses: %v", err)
			}
			return
		}
		// VerifyRange ⇒ the leaves are a run of the tree's leaves, in order (their index
		// is not bound: see VerifyRangeSize).
		run := false
		for s := 0; s+len(got) <= len(leaves) && !run; s++ {
			run = true
			for i, l := range got {
				run = run && string(l) == string(leaves[s+i])
			}
		}
		if !run {
			t.Fatalf("accepted %d leaves that are no run of the tree", len(got))
		}
		// VerifyRangeSize ⇒ they are exactly the leaves [Start, End).
		if sized == nil {
			for i, l := range got {
				if string(l) != string(leaves[p.Start+i]) {
					t.Fatalf("accepted %x as leaf %d of %d, tree has %x", l, p.Start+i, len(leaves), leaves[p.Start+i])
				}
			}
		}
	})
}

// FuzzVerifyRFC6962: an accepted audit path proves a leaf of the tree it claims.
func FuzzVerifyRFC6962(f *testing.F) {
	var leaves [][]byte
	for i := range 7 {
		leaves = append(leaves, []byte{byte(i), 0xaa})
	}
	root := RFC6962Root(leaves)
	for i := range leaves {
		path, _ := RFC6962Path(leaves, i)
		var nodes []byte
		for _, h := range path {
			nodes = append(nodes, h[:]...)
		}
		f.Add(leaves[i], uint64(i), uint64(len(leaves)), nodes)
	}
	f.Fuzz(func(t *testing.T, leaf []byte, index, size uint64, nodes []byte) {
		var path []interop.Hash
		for i := 0; i+32 <= len(nodes) && len(path) < 70; i += 32 {
			path = append(path, interop.Hash(nodes[i:i+32]))
		}
		if err := VerifyRFC6962(root, leaf, index, size, path); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		// With the true size the index is bound too (RFC 9162 §2.1.3.2).
		if size == uint64(len(leaves)) && string(leaf) != string(leaves[index]) {
			t.Fatalf("accepted %x as leaf %d, tree has %x", leaf, index, leaves[index])
		}
		for _, l := range leaves {
			if string(l) == string(leaf) {
				return
			}
		}
		t.Fatalf("accepted %x at %d of %d, not a leaf", leaf, index, size)
	})
}
