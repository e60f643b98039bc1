// Package ics23test builds CometBFT simple-Merkle trees (RFC 6962 hashing, the format of
// ics23.TendermintSpec) and IAVL trees (ics23.IAVLSpec) over sorted keys, and Cosmos SDK
// application states that commit IAVL stores in a simple-Merkle multistore, and proves
// membership and absence in them (single CommitmentProofs, chained MerkleProofs and the
// ProofOps of an ABCI query), with rapid generators of each, for property tests of code
// that consumes ICS-23 proofs. It shares no code with package ics23's verifier except the
// proof types and their encoder; its RFC 6962 root is proof/nmt's.
package ics23test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
	"sort"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/nmt"
)

// Tree is a simple Merkle tree over key-value pairs sorted by key.
type Tree struct {
	Keys, Values [][]byte
	Root         []byte
}

// New builds the tree of the given pairs; keys must be distinct and non-empty and
// values non-empty. The pairs are sorted by key.
func New(keys, values [][]byte) *Tree {
	t := &Tree{}
	t.Keys, t.Values = sorted(keys, values)
	leaves := make([][]byte, len(t.Keys))
	for i := range leaves {
		leaves[i] = LeafHash(t.Keys[i], t.Values[i])
	}
	t.Root = root(leaves)
	return t
}

// LeafHash is the TendermintSpec leaf: sha256(0x00 ‖ uvarint(len k) ‖ k ‖ 0x20 ‖ sha256(v)).
func LeafHash(key, value []byte) []byte {
	vh := sha256.Sum256(value)
	var b []byte
	b = append(b, 0)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = append(b, 32)
	b = append(b, vh[:]...)
	h := sha256.Sum256(b)
	return h[:]
}

// split is RFC 6962's k: the largest power of two below n.
func split(n int) int { return 1 << (bits.Len(uint(n-1)) - 1) }

// root is the RFC 6962 root of leaf hashes (nmt's, the one copy in the module).
func root(leaves [][]byte) []byte {
	hs := make([]interop.Hash, len(leaves))
	for i, l := range leaves {
		hs[i] = interop.Hash(l)
	}
	r := nmt.RFC6962RootOfLeafHashes(hs)
	return r[:]
}

// path returns the inner ops from leaf i up to the root.
func path(leaves [][]byte, i int) []ics23.InnerOp {
	if len(leaves) <= 1 {
		return nil
	}
	k := split(len(leaves))
	if i < k {
		return append(path(leaves[:k], i), ics23.InnerOp{Hash: ics23.SHA256, Prefix: []byte{1}, Suffix: root(leaves[k:])})
	}
	return append(path(leaves[k:], i-k), ics23.InnerOp{Hash: ics23.SHA256, Prefix: append([]byte{1}, root(leaves[:k])...)})
}

// Exist returns the existence proof of the i-th key in sorted order.
func (t *Tree) Exist(i int) *ics23.ExistenceProof {
	leaves := make([][]byte, len(t.Keys))
	for j := range leaves {
		leaves[j] = LeafHash(t.Keys[j], t.Values[j])
	}
	return &ics23.ExistenceProof{
		Key:   t.Keys[i],
		Value: t.Values[i],
		Leaf:  &ics23.LeafOp{Hash: ics23.SHA256, PrehashValue: ics23.SHA256, Length: ics23.VarProto, Prefix: []byte{0}},
		Path:  path(leaves, i),
	}
}

// Index returns the position of key in sorted order and whether it is present.
func (t *Tree) Index(key []byte) (int, bool) { return index(t.Keys, key) }

// NonExist returns the non-existence proof of an absent key: its neighbours' existence
// proofs. It returns nil for a present key.
func (t *Tree) NonExist(key []byte) *ics23.NonExistenceProof { return nonExist(t.Keys, key, t.Exist) }

func index(keys [][]byte, key []byte) (int, bool) {
	i := sort.Search(len(keys), func(i int) bool { return bytes.Compare(keys[i], key) >= 0 })
	return i, i < len(keys) && bytes.Equal(keys[i], key)
}

// nonExist builds the non-existence proof of key from the existence proofs of its
// neighbours among the sorted keys, with the key set (as iavl sets it); nil if present.
func nonExist(keys [][]byte, key []byte, exist func(int) *ics23.ExistenceProof) *ics23.NonExistenceProof {
	i, ok := index(keys, key)
	if ok {
		return nil
	}
	p := &ics23.NonExistenceProof{Key: key}
	if i > 0 {
		p.Left = exist(i - 1)
	}
	if i < len(keys) {
		p.Right = exist(i)
	}
	return p
}

// ProveMembership returns the encoded CommitmentProof of the i-th key.
func (t *Tree) ProveMembership(i int) []byte {
	b, _ := (&ics23.CommitmentProof{Exist: t.Exist(i)}).AppendBinary(nil) // never fails
	return b
}

// ProveNonMembership returns the encoded CommitmentProof of an absent key.
func (t *Tree) ProveNonMembership(key []byte) []byte {
	b, _ := (&ics23.CommitmentProof{Nonexist: t.NonExist(key)}).AppendBinary(nil) // never fails
	return b
}

// Key generates short non-empty keys over a small alphabet, so that generated absent
// keys often fall between present ones and share prefixes with them.
func Key() *rapid.Generator[[]byte] {
	return rapid.SliceOfN(rapid.ByteRange('a', 'f'), 1, 6)
}

// Generate draws a tree of 1 to max distinct keys with non-empty values.
func Generate(max int) *rapid.Generator[*Tree] {
	return rapid.Custom(func(t *rapid.T) *Tree {
		keys := rapid.SliceOfNDistinct(Key(), 1, max, func(k []byte) string { return string(k) }).Draw(t, "keys")
		values := make([][]byte, len(keys))
		for i := range values {
			values[i] = rapid.SliceOfN(rapid.Byte(), 1, 40).Draw(t, "value")
		}
		return New(keys, values)
	})
}
