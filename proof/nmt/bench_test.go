package nmt

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/interopkit/interop"
)

// benchLeaves returns n leaves of 200 data bytes over 64 namespaces of 8 bytes.
func benchLeaves(n int) [][]byte {
	leaves := make([][]byte, n)
	for i := range leaves {
		l := make([]byte, 8+200)
		binary.BigEndian.PutUint64(l, uint64(i*64/n))
		binary.BigEndian.PutUint64(l[8:], uint64(i))
		leaves[i] = l
	}
	return leaves
}

func BenchmarkTreeRoot(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 14} {
		leaves := benchLeaves(n)
		h, _ := NewHasher(8, false)
		b.Run(fmt.Sprint("leaves=", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(n * 208))
			for b.Loop() {
				t := NewTree(h)
				t.Grow(n)
				for _, l := range leaves {
					_ = t.Push(l)
				}
				t.Root()
			}
		})
	}
}

func BenchmarkProveNamespace(b *testing.B) {
	leaves := benchLeaves(1 << 14)
	h, _ := NewHasher(8, false)
	t := NewTree(h)
	for _, l := range leaves {
		_ = t.Push(l)
	}
	t.Root()
	ns := leaves[5000][:8]
	b.ReportAllocs()
	for b.Loop() {
		_, _ = t.ProveNamespace(ns)
	}
}

func BenchmarkVerifyNamespace(b *testing.B) {
	leaves := benchLeaves(1 << 14)
	h, _ := NewHasher(8, false)
	t := NewTree(h)
	for _, l := range leaves {
		_ = t.Push(l)
	}
	root := t.Root()
	ns := leaves[5000][:8]
	p, _ := t.ProveNamespace(ns)
	got := leavesOf(leaves, ns)
	b.ReportAllocs()
	b.SetBytes(int64(len(got) * 208))
	for b.Loop() {
		if err := VerifyNamespace(root, ns, got, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyRFC6962(b *testing.B) {
	leaves := make([][]byte, 1000)
	for i := range leaves {
		leaves[i] = []byte(fmt.Sprint(i))
	}
	root := RFC6962Root(leaves)
	path, _ := RFC6962Path(leaves, 777)
	b.ReportAllocs()
	for b.Loop() {
		if err := VerifyRFC6962(root, leaves[777], 777, 1000, path); err != nil {
			b.Fatal(err)
		}
	}
}

func benchShareProof(b *testing.B) (ShareProof, interop.Hash, []byte) {
	b.Helper()
	proofs, roots := fuzzFixtures(&testing.F{})
	if len(proofs) == 0 {
		b.Fatal("no fixtures")
	}
	sp := proofs[len(proofs)-1]
	enc, _ := sp.AppendProto(nil)
	return sp, roots[len(roots)-1], enc
}

// BenchmarkShareProofVerify: a real one-share, one-row proof against its data root.
func BenchmarkShareProofVerify(b *testing.B) {
	sp, root, _ := benchShareProof(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := sp.Verify(root); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeShareProof: the same proof from its protobuf bytes.
func BenchmarkDecodeShareProof(b *testing.B) {
	_, _, enc := benchShareProof(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(enc)))
	for i := 0; i < b.N; i++ {
		if _, err := DecodeShareProof(enc); err != nil {
			b.Fatal(err)
		}
	}
}
