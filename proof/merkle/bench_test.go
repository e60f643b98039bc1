package merkle_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/merkle"
)

var hashers = []struct {
	name string
	h    merkle.Hasher
}{{"keccak256", merkle.Keccak256{}}, {"sha256", merkle.SHA256{}}}

func benchLeaves(n int) []interop.Hash {
	leaves := make([]interop.Hash, n)
	for i := range leaves {
		leaves[i] = interop.Hash{byte(i), byte(i >> 8), byte(i >> 16), 0xaa}
	}
	return leaves
}

func BenchmarkPair(b *testing.B) {
	for _, hc := range hashers {
		b.Run(hc.name, func(b *testing.B) {
			b.ReportAllocs()
			var x, y interop.Hash
			for b.Loop() {
				x = hc.h.Pair(x, y)
			}
		})
	}
}

// inserter is what the insertion benchmarks need of Incremental and Tree.
type inserter interface {
	Insert(interop.Hash) error
	Count() uint64
}

func benchInsert(b *testing.B, fresh func(merkle.Hasher) inserter) {
	leaves := benchLeaves(1 << 12)
	for _, hc := range hashers {
		b.Run(hc.name, func(b *testing.B) {
			b.ReportAllocs()
			t := fresh(hc.h)
			i := 0
			for b.Loop() {
				if t.Count() == 1<<20 {
					t = fresh(hc.h)
				}
				_ = t.Insert(leaves[i&(len(leaves)-1)])
				i++
			}
		})
	}
}

func BenchmarkIncrementalInsert(b *testing.B) {
	benchInsert(b, func(h merkle.Hasher) inserter { return merkle.NewIncremental(h) })
}

func BenchmarkTreeInsert(b *testing.B) {
	benchInsert(b, func(h merkle.Hasher) inserter { return merkle.NewTree(h) })
}

func BenchmarkIncrementalRoot(b *testing.B) {
	for _, hc := range hashers {
		b.Run(hc.name, func(b *testing.B) {
			t := merkle.NewIncremental(hc.h)
			for _, l := range benchLeaves(1000) {
				_ = t.Insert(l)
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = t.Root()
			}
		})
	}
}

func BenchmarkTreeBranch(b *testing.B) {
	for _, hc := range hashers {
		b.Run(hc.name, func(b *testing.B) {
			t := merkle.NewTree(hc.h)
			for _, l := range benchLeaves(1000) {
				_ = t.Insert(l)
			}
			b.ReportAllocs()
			i := uint64(0)
			for b.Loop() {
				_, _ = t.Branch(i % 1000)
				i += 7
			}
		})
	}
}

func BenchmarkVerifyBranch(b *testing.B) {
	for _, hc := range hashers {
		b.Run(hc.name, func(b *testing.B) {
			t := merkle.NewTree(hc.h)
			leaves := benchLeaves(1000)
			for _, l := range leaves {
				_ = t.Insert(l)
			}
			br, _ := t.Branch(377)
			root := t.Root()
			b.ReportAllocs()
			for b.Loop() {
				if err := merkle.VerifyBranch(leaves[377], br[:], 377, root, hc.h); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDepositProof(b *testing.B) {
	d := merkle.NewDepositTree()
	for _, l := range benchLeaves(1000) {
		_ = d.Insert(l)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = d.Proof(999)
	}
}

func BenchmarkSnapshotUnmarshalSSZ(b *testing.B) {
	s := merkle.Snapshot{Finalized: make([]interop.Hash, 16), DepositCount: 0xffff}
	enc, _ := s.MarshalSSZ()
	b.ReportAllocs()
	for b.Loop() {
		var out merkle.Snapshot
		_ = out.UnmarshalSSZ(enc)
	}
}
