package mpt

import (
	"testing"

	"pgregory.net/rapid"
)

// Every leaf hashed ahead of the walk is the leaf the walk reaches, at the same depth: the
// walk recomputes each one and compares (checkLeafDepths), over random item counts and
// sizes, empty items (skipped) included.
func TestDeriveRootLeavesHashedAhead(t *testing.T) {
	checkLeafDepths = true
	defer func() { checkLeafDepths = false }()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 700).Draw(t, "n")
		items := make([][]byte, n)
		for i := range items {
			size := rapid.SampledFrom([]int{0, 1, 2, 20, 40, 200}).Draw(t, "size")
			items[i] = make([]byte, size)
			if size > 0 {
				items[i][0] = byte(rapid.IntRange(0, 255).Draw(t, "b"))
			}
		}
		got := DeriveRoot(items)
		var tr Trie
		for i, it := range items {
			if len(it) > 0 {
				tr.Update(IndexKey(uint64(i)), it)
			}
		}
		if want := tr.Root(); got != want {
			t.Fatalf("DeriveRoot %x, trie %x", got, want)
		}
	})
}
