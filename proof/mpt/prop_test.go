package mpt_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop/proof/mpt"
	"github.com/interopkit/interop/proof/mpt/mpttest"
	"pgregory.net/rapid"
)

func TestPropPresentKeysProveTheirValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.Trie(40).Draw(t, "trie")
		for i, k := range f.Keys {
			got, err := mpt.VerifyProof(f.Root, k, f.Trie.Prove(k))
			if err != nil || !bytes.Equal(got, f.Values[i]) {
				t.Fatalf("key %x: got %x, %v; want %x", k, got, err, f.Values[i])
			}
		}
	})
}

func TestPropAbsentKeysProveAbsence(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.Trie(40).Draw(t, "trie")
		k := mpttest.AbsentKey(f).Draw(t, "absent")
		got, err := mpt.VerifyProof(f.Root, k, f.Trie.Prove(k))
		if err != nil || got != nil {
			t.Fatalf("absent key %x: got %x, %v", k, got, err)
		}
	})
}

func TestPropDeleteGivesRootWithoutKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.Trie(30).Draw(t, "trie")
		if len(f.Keys) == 0 {
			return
		}
		gone := mpttest.PresentKey(f).Draw(t, "gone")
		var without mpt.Trie
		for i, k := range f.Keys {
			if !bytes.Equal(k, gone) {
				without.Update(k, f.Values[i])
			}
		}
		f.Trie.Delete(gone)
		if got, want := f.Trie.Root(), without.Root(); got != want {
			t.Fatalf("delete %x: root %s, rebuilt without it %s", gone, got, want)
		}
		// Deleting an absent key changes nothing.
		f.Trie.Delete(gone)
		if got := f.Trie.Root(); got != without.Root() {
			t.Fatalf("second delete changed the root")
		}
	})
}

func TestPropInsertionOrderIrrelevant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.Trie(30).Draw(t, "trie")
		var sorted mpt.Trie
		for i, k := range f.Keys {
			sorted.Update(k, f.Values[i])
		}
		if sorted.Root() != f.Root {
			t.Fatalf("root depends on insertion order")
		}
	})
}

// TestPropTamperedProofNeverLies: a one-byte change to a proof node or to the root makes
// VerifyProof fail, or (for a byte inside the value) return a different value; it never
// returns the original value's place to a wrong value with a nil error, nor turns a present
// key absent.
func TestPropTamperedProofNeverLies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.Trie(40).Draw(t, "trie")
		if len(f.Keys) == 0 {
			return
		}
		key := mpttest.PresentKey(f).Draw(t, "key")
		want, _ := f.Has(key)
		proof := f.Trie.Prove(key)
		root := f.Root
		if rapid.IntRange(0, 9).Draw(t, "tamperRoot") == 0 {
			root[rapid.IntRange(0, 31).Draw(t, "rb")] ^= byte(rapid.IntRange(1, 255).Draw(t, "rx"))
		} else {
			i := rapid.IntRange(0, len(proof)-1).Draw(t, "node")
			j := rapid.IntRange(0, len(proof[i])-1).Draw(t, "byte")
			proof[i] = append([]byte(nil), proof[i]...)
			proof[i][j] ^= byte(rapid.IntRange(1, 255).Draw(t, "x"))
		}
		got, err := mpt.VerifyProof(root, key, proof)
		if err == nil && bytes.Equal(got, want) {
			t.Fatalf("tampered proof still proves the original value %x", want)
		}
		if err == nil && got == nil {
			t.Fatalf("tampered proof of a present key proves absence")
		}
	})
}

func TestPropDeriveRootMatchesTrie(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(mpttest.Value(), 0, 300).Draw(t, "items")
		var tr mpt.Trie
		for i, it := range items {
			tr.Update(mpt.IndexKey(uint64(i)), it)
		}
		if got, want := mpt.DeriveRoot(items), tr.Root(); got != want {
			t.Fatalf("DeriveRoot %s, trie %s", got, want)
		}
		if len(items) == 0 {
			return
		}
		i := rapid.IntRange(0, len(items)-1).Draw(t, "i")
		got, err := mpt.VerifyTransaction(tr.Root(), uint64(i), tr.Prove(mpt.IndexKey(uint64(i))))
		if err != nil || !bytes.Equal(got, items[i]) {
			t.Fatalf("item %d: %x, %v", i, got, err)
		}
	})
}
