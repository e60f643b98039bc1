// Package mpttest provides rapid generators of Merkle-Patricia tries, keys and proofs for
// property tests of code built on proof/mpt.
//
// Generators may be drawn from concurrently (each draw uses its own *rapid.T); a Fixture's
// Trie holds a lock, like every mpt.Trie, and its key set is read-only once drawn.
package mpttest

import (
	"sort"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

// Fixture is a trie with the key/value set it holds.
type Fixture struct {
	Trie *mpt.Trie
	// Keys are the present keys, sorted; Values[i] is the value of Keys[i].
	Keys   [][]byte
	Values [][]byte
	Root   interop.Hash
}

// Has reports whether key is present, and its value.
func (f *Fixture) Has(key []byte) ([]byte, bool) {
	i := sort.Search(len(f.Keys), func(i int) bool { return string(f.Keys[i]) >= string(key) })
	if i < len(f.Keys) && string(f.Keys[i]) == string(key) {
		return f.Values[i], true
	}
	return nil, false
}

// Key generates raw trie keys: mostly 32-byte (as in the secure state and storage tries),
// sometimes short and of varied length, so that keys share prefixes and end at branches.
func Key() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		if rapid.IntRange(0, 3).Draw(t, "short") == 0 {
			n := rapid.IntRange(0, 4).Draw(t, "len")
			return rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 0x01, 0x10, 0x11, 0xff}), n, n).Draw(t, "key")
		}
		return rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "key")
	})
}

// Value generates non-empty values: one-byte values (which give embedded leaves), short
// ones, and values long enough to force hashed nodes.
func Value() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		n := rapid.SampledFrom([]int{1, 1, 2, 5, 31, 32, 33, 80}).Draw(t, "vlen")
		return rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "value")
	})
}

// Trie generates a trie of up to maxKeys keys, built by Update in a random order.
func Trie(maxKeys int) *rapid.Generator[*Fixture] {
	return rapid.Custom(func(t *rapid.T) *Fixture {
		kv := rapid.MapOfN(rapid.Map(Key(), func(b []byte) string { return string(b) }), Value(), 0, maxKeys).Draw(t, "kv")
		f := &Fixture{Trie: new(mpt.Trie)}
		for k := range kv {
			f.Keys = append(f.Keys, []byte(k))
		}
		sort.Slice(f.Keys, func(i, j int) bool { return string(f.Keys[i]) < string(f.Keys[j]) })
		order := rapid.Permutation(f.Keys).Draw(t, "order")
		for _, k := range order {
			f.Trie.Update(k, kv[string(k)])
		}
		for _, k := range f.Keys {
			f.Values = append(f.Values, kv[string(k)])
		}
		f.Root = f.Trie.Root()
		return f
	})
}

// PresentKey draws a key present in f; f must not be empty.
func PresentKey(f *Fixture) *rapid.Generator[[]byte] {
	return rapid.SampledFrom(f.Keys)
}

// AbsentKey draws a key absent from f: a fresh key, or a present key with one byte
// changed, cut short or extended (the hard cases for absence proofs).
func AbsentKey(f *Fixture) *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		for {
			var k []byte
			if len(f.Keys) > 0 && rapid.Bool().Draw(t, "nearby") {
				k = append([]byte(nil), rapid.SampledFrom(f.Keys).Draw(t, "base")...)
				switch rapid.IntRange(0, 2).Draw(t, "how") {
				case 0:
					if len(k) > 0 {
						k[rapid.IntRange(0, len(k)-1).Draw(t, "i")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
					}
				case 1:
					if len(k) > 0 {
						k = k[:len(k)-1]
					}
				default:
					k = append(k, rapid.Byte().Draw(t, "extra"))
				}
			} else {
				k = Key().Draw(t, "fresh")
			}
			if _, ok := f.Has(k); !ok {
				return k
			}
		}
	})
}
