package nmt_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
	"github.com/interopkit/interop/proof/nmt/nmttest"
)

// refRoot is the RFC 6962 recursion of docs/spec/nmt.md written directly, independent of
// the level-by-level builder.
func refRoot(h nmt.Hasher, leaves [][]byte) []byte {
	switch len(leaves) {
	case 0:
		return h.EmptyRoot()
	case 1:
		r, _ := h.HashLeaf(nil, leaves[0])
		return r
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	r, err := h.HashNode(nil, refRoot(h, leaves[:k]), refRoot(h, leaves[k:]))
	if err != nil {
		panic(err)
	}
	return r
}

func namespaces(leaves [][]byte, n int) [][]byte {
	var out [][]byte
	for _, l := range leaves {
		if len(out) == 0 || !bytes.Equal(out[len(out)-1], l[:n]) {
			out = append(out, l[:n])
		}
	}
	return out
}

func leavesOf(leaves [][]byte, ns []byte) [][]byte {
	var out [][]byte
	for _, l := range leaves {
		if bytes.HasPrefix(l, ns) {
			out = append(out, l)
		}
	}
	return out
}

// TestPropRootMatchesReference: the builder's root equals the spec's recursion.
func TestPropRootMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "h")
		leaves := nmttest.Leaves(h.NamespaceSize(), 40).Draw(t, "leaves")
		if got, want := nmttest.Tree(h, leaves).Root(), refRoot(h, leaves); !bytes.Equal(got, want) {
			t.Fatalf("root %x, reference %x", got, want)
		}
	})
}

// TestPropNamespaceProofComplete: for every namespace in the tree, and for absent ones,
// the namespace proof verifies with exactly the namespace's leaves, and with any other
// list (one omitted, one inserted, two swapped, one changed) it fails; a namespace hidden
// by IgnoreMaxNamespace is the documented exception and gets an empty proof.
func TestPropNamespaceProofComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "h")
		n := h.NamespaceSize()
		leaves := nmttest.Leaves(n, 40).Draw(t, "leaves")
		tree := nmttest.Tree(h, leaves)
		root := tree.Root()
		queries := append(namespaces(leaves, n), nmttest.Namespace(n).Draw(t, "extra"))
		for _, ns := range queries {
			p, err := tree.ProveNamespace(ns)
			if err != nil {
				t.Fatal(err)
			}
			want := leavesOf(leaves, ns)
			if p.IsEmpty() && len(want) > 0 {
				if !h.IgnoreMaxNamespace() || !bytes.Equal(ns, bytes.Repeat([]byte{0xFF}, n)) {
					t.Fatalf("empty proof for present namespace %x", ns)
				}
				want = nil
			}
			if err := nmt.VerifyNamespace(root, ns, want, &p); err != nil {
				t.Fatalf("namespace %x (%d leaves): %v", ns, len(want), err)
			}
			if len(want) > 0 {
				if err := nmt.VerifyNamespace(root, ns, want[1:], &p); err == nil {
					t.Fatalf("namespace %x: omitted first leaf accepted", ns)
				}
				if err := nmt.VerifyNamespace(root, ns, want[:len(want)-1], &p); err == nil {
					t.Fatalf("namespace %x: omitted last leaf accepted", ns)
				}
				bad := slices.Clone(want)
				i := rapid.IntRange(0, len(bad)-1).Draw(t, "i")
				bad[i] = append(slices.Clone(bad[i]), 0x42)
				if err := nmt.VerifyNamespace(root, ns, bad, &p); err == nil {
					t.Fatalf("namespace %x: changed leaf accepted", ns)
				}
				for j := range want {
					if !bytes.Equal(want[i], want[j]) {
						sw := slices.Clone(want)
						sw[i], sw[j] = sw[j], sw[i]
						if err := nmt.VerifyNamespace(root, ns, sw, &p); err == nil {
							t.Fatalf("namespace %x: reordered leaves accepted", ns)
						}
						break
					}
				}
			}
			extra := append(slices.Clone(ns), rapid.SliceOfN(rapid.Byte(), 0, 4).Draw(t, "ins")...)
			ins := slices.Insert(slices.Clone(want), rapid.IntRange(0, len(want)).Draw(t, "at"), extra)
			if err := nmt.VerifyNamespace(root, ns, ins, &p); err == nil {
				t.Fatalf("namespace %x: inserted leaf accepted", ns)
			}
			q := nmttest.MutateProof(t, p, h.NodeSize())
			if err := nmt.VerifyNamespace(root, ns, want, &q); err == nil {
				t.Fatalf("namespace %x: mutated proof %+v accepted", ns, q)
			}
		}
	})
}

// TestPropOtherNamespaceRejected: a namespace's proof and leaves never verify for another
// namespace (no cross-namespace swap).
func TestPropOtherNamespaceRejected(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "h")
		n := h.NamespaceSize()
		leaves := nmttest.Leaves(n, 30).Draw(t, "leaves")
		nss := namespaces(leaves, n)
		if len(nss) < 2 {
			return
		}
		tree := nmttest.Tree(h, leaves)
		i := rapid.IntRange(0, len(nss)-1).Draw(t, "a")
		j := rapid.IntRange(0, len(nss)-1).Filter(func(j int) bool { return j != i }).Draw(t, "b")
		p, _ := tree.ProveNamespace(nss[i])
		if err := nmt.VerifyNamespace(tree.Root(), nss[j], leavesOf(leaves, nss[i]), &p); err == nil {
			t.Fatalf("proof of %x accepted for %x", nss[i], nss[j])
		}
		pj, _ := tree.ProveNamespace(nss[j])
		if err := nmt.VerifyNamespace(tree.Root(), nss[j], leavesOf(leaves, nss[i]), &pj); err == nil {
			t.Fatalf("leaves of %x accepted under proof of %x", nss[i], nss[j])
		}
	})
}

// TestPropRangeProof: every range proof verifies with its leaves and fails with others.
func TestPropRangeProof(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "h")
		leaves := nmttest.Leaves(h.NamespaceSize(), 40).Draw(t, "leaves")
		if len(leaves) == 0 {
			return
		}
		tree := nmttest.Tree(h, leaves)
		start := rapid.IntRange(0, len(leaves)-1).Draw(t, "start")
		end := rapid.IntRange(start+1, len(leaves)).Draw(t, "end")
		p, err := tree.ProveRange(start, end)
		if err != nil {
			t.Fatal(err)
		}
		if err := nmt.VerifyRange(tree.Root(), h.NamespaceSize(), leaves[start:end], &p); err != nil {
			t.Fatalf("[%d,%d) of %d: %v", start, end, len(leaves), err)
		}
		q := nmttest.MutateProof(t, p, h.NodeSize())
		if err := nmt.VerifyRange(tree.Root(), h.NamespaceSize(), leaves[start:end], &q); err == nil {
			t.Fatal("mutated range proof accepted")
		}
		enc, err := p.AppendBinary(nil, h.NamespaceSize())
		if err != nil {
			t.Fatal(err)
		}
		dec, err := nmt.DecodeProof(enc, h.NamespaceSize())
		if err != nil || dec.Start != p.Start || dec.End != p.End || len(dec.Nodes) != len(p.Nodes) {
			t.Fatalf("round trip: %+v, %v", dec, err)
		}
		if err := nmt.VerifyRange(tree.Root(), h.NamespaceSize(), leaves[start:end], &dec); err != nil {
			t.Fatalf("decoded proof: %v", err)
		}
	})
}

// TestPropRFC6962Path: every audit path verifies, at no other index or size.
func TestPropRFC6962Path(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 0, 8), 1, 40).Draw(t, "leaves")
		i := rapid.IntRange(0, len(leaves)-1).Draw(t, "i")
		root := nmt.RFC6962Root(leaves)
		path, err := nmt.RFC6962Path(leaves, i)
		if err != nil {
			t.Fatal(err)
		}
		if err := nmt.VerifyRFC6962(root, leaves[i], uint64(i), uint64(len(leaves)), path); err != nil {
			t.Fatal(err)
		}
		j := rapid.IntRange(0, len(leaves)-1).Draw(t, "j")
		if !bytes.Equal(leaves[i], leaves[j]) {
			if err := nmt.VerifyRFC6962(root, leaves[j], uint64(i), uint64(len(leaves)), path); err == nil {
				t.Fatal("other leaf accepted")
			}
		}
		if len(path) > 0 {
			bad := slices.Clone(path)
			bad[0] = interop.Hash{1}
			if err := nmt.VerifyRFC6962(root, leaves[i], uint64(i), uint64(len(leaves)), bad); !errors.Is(err, nmt.ErrInvalidProof) {
				t.Fatalf("tampered path: %v", err)
			}
		}
	})
}
