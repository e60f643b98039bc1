package ics23test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"sort"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/ics23"
)

// IAVL is a tree in cosmos/iavl's node hashing (the format of ics23.IAVLSpec) over sorted
// keys: a leaf hashes varint(0) ‖ varint(1) ‖ varint(version) ‖ the length-prefixed key
// ‖ the length-prefixed sha256 of the value; an inner node hashes varint(height) ‖
// varint(size) ‖ varint(version) ‖ the length-prefixed left and right hashes (signed
// varints, as iavl's node.writeHashBytes writes them). The shape is balanced, split as
// Tree splits, with every node at one version.
type IAVL struct {
	Keys, Values [][]byte
	Version      int64
	Root         []byte
}

// NewIAVL builds the tree of the given pairs at version 1; keys must be distinct and
// non-empty, values non-empty, and there must be at least one pair.
func NewIAVL(keys, values [][]byte) *IAVL {
	t := &IAVL{Version: 1}
	t.Keys, t.Values = sorted(keys, values)
	t.Root = t.node(0, len(t.Keys)).hash
	return t
}

func sorted(keys, values [][]byte) (k, v [][]byte) {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return bytes.Compare(keys[idx[a]], keys[idx[b]]) < 0 })
	for _, i := range idx {
		k = append(k, keys[i])
		v = append(v, values[i])
	}
	return k, v
}

type iavlNode struct {
	hash         []byte
	height, size int64
}

func (t *IAVL) varints(height, size int64) []byte {
	b := binary.AppendVarint(nil, height)
	b = binary.AppendVarint(b, size)
	return binary.AppendVarint(b, t.Version)
}

func (t *IAVL) leafPrefix() []byte { return t.varints(0, 1) }

// node returns the subtree over keys [lo, hi).
func (t *IAVL) node(lo, hi int) iavlNode {
	if hi-lo == 1 {
		vh := sha256.Sum256(t.Values[lo])
		b := t.leafPrefix()
		b = binary.AppendUvarint(b, uint64(len(t.Keys[lo])))
		b = append(b, t.Keys[lo]...)
		b = append(b, 32)
		b = append(b, vh[:]...)
		h := sha256.Sum256(b)
		return iavlNode{hash: h[:], size: 1}
	}
	k := lo + split(hi-lo)
	l, r := t.node(lo, k), t.node(k, hi)
	n := iavlNode{height: max(l.height, r.height) + 1, size: l.size + r.size}
	b := t.varints(n.height, n.size)
	b = append(append(b, 32), l.hash...)
	b = append(append(b, 32), r.hash...)
	h := sha256.Sum256(b)
	n.hash = h[:]
	return n
}

// path returns the inner ops from leaf i of [lo, hi) up to that subtree's root.
func (t *IAVL) path(lo, hi, i int) []ics23.InnerOp {
	if hi-lo == 1 {
		return nil
	}
	k := lo + split(hi-lo)
	l, r := t.node(lo, k), t.node(k, hi)
	pre := t.varints(max(l.height, r.height)+1, l.size+r.size)
	if i < k {
		return append(t.path(lo, k, i), ics23.InnerOp{Hash: ics23.SHA256, Prefix: append(pre, 32), Suffix: append([]byte{32}, r.hash...)})
	}
	return append(t.path(k, hi, i), ics23.InnerOp{Hash: ics23.SHA256, Prefix: append(append(append(pre, 32), l.hash...), 32)})
}

// Exist returns the existence proof of the i-th key in sorted order.
func (t *IAVL) Exist(i int) *ics23.ExistenceProof {
	return &ics23.ExistenceProof{
		Key:   t.Keys[i],
		Value: t.Values[i],
		Leaf:  &ics23.LeafOp{Hash: ics23.SHA256, PrehashValue: ics23.SHA256, Length: ics23.VarProto, Prefix: t.leafPrefix()},
		Path:  t.path(0, len(t.Keys), i),
	}
}

// Index returns the position of key in sorted order and whether it is present.
func (t *IAVL) Index(key []byte) (int, bool) { return index(t.Keys, key) }

// NonExist returns the non-existence proof of an absent key (nil for a present one): its
// neighbours' existence proofs, with the key set as iavl sets it.
func (t *IAVL) NonExist(key []byte) *ics23.NonExistenceProof { return nonExist(t.Keys, key, t.Exist) }

// App is the state of a Cosmos SDK application: module stores (IAVL trees) committed by
// name in the multistore's simple Merkle tree (a Tree whose values are the store roots),
// whose root is the app hash a CometBFT header carries.
type App struct {
	Names   [][]byte // sorted
	Stores  []*IAVL  // Stores[i] is the store named Names[i]
	Multi   *Tree
	AppHash []byte
}

// NewApp commits the stores under their names; names must be distinct and non-empty.
func NewApp(names [][]byte, stores []*IAVL) *App {
	a := &App{}
	byName := map[string]*IAVL{}
	for i, n := range names {
		byName[string(n)] = stores[i]
	}
	roots := make([][]byte, len(names))
	for i, s := range stores {
		roots[i] = s.Root
	}
	a.Multi = New(names, roots)
	a.Names = a.Multi.Keys
	for _, n := range a.Names {
		a.Stores = append(a.Stores, byName[string(n)])
	}
	a.AppHash = a.Multi.Root
	return a
}

// ProveMembership returns the MerkleProof (IAVL then simple) of the i-th key of store s,
// for the path (Names[s], key).
func (a *App) ProveMembership(s, i int) ics23.MerkleProof {
	return ics23.MerkleProof{Proofs: []ics23.CommitmentProof{
		{Exist: a.Stores[s].Exist(i)},
		{Exist: a.Multi.Exist(s)},
	}}
}

// ProveNonMembership returns the MerkleProof of an absent key of store s: its absence from
// the store, then the store's root in the app hash.
func (a *App) ProveNonMembership(s int, key []byte) ics23.MerkleProof {
	return ics23.MerkleProof{Proofs: []ics23.CommitmentProof{
		{Nonexist: a.Stores[s].NonExist(key)},
		{Exist: a.Multi.Exist(s)},
	}}
}

// ProofOps encodes m as the tendermint.crypto.ProofOps an ABCI query returns for store s
// (an ics23:iavl op keyed by the proof's key, then an ics23:simple op keyed by the store
// name), with this package's own protobuf writer.
func (a *App) ProofOps(s int, m ics23.MerkleProof) []byte {
	var out []byte
	for i, p := range m.Proofs {
		typ, key := ics23.ProofOpSimple, a.Names[s]
		if i == 0 {
			typ = ics23.ProofOpIAVL
			if p.Exist != nil {
				key = p.Exist.Key
			} else if p.Nonexist != nil {
				key = p.Nonexist.Key
			}
		}
		var op []byte
		op = field(op, 1, []byte(typ))
		op = field(op, 2, key)
		enc, _ := p.AppendBinary(nil) // never fails
		op = field(op, 3, enc)
		out = field(out, 1, op)
	}
	return out
}

func field(b []byte, n uint64, v []byte) []byte {
	b = binary.AppendUvarint(b, n<<3|2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// GenerateIAVL draws an IAVL tree of 1 to max distinct keys with non-empty values.
func GenerateIAVL(max int) *rapid.Generator[*IAVL] {
	return rapid.Custom(func(t *rapid.T) *IAVL {
		keys := rapid.SliceOfNDistinct(Key(), 1, max, func(k []byte) string { return string(k) }).Draw(t, "keys")
		values := make([][]byte, len(keys))
		for i := range values {
			values[i] = rapid.SliceOfN(rapid.Byte(), 1, 40).Draw(t, "value")
		}
		return NewIAVL(keys, values)
	})
}

// GenerateApp draws an application of 1 to maxStores stores (named as SDK modules are,
// short lowercase words), each of 1 to maxKeys keys.
func GenerateApp(maxStores, maxKeys int) *rapid.Generator[*App] {
	return rapid.Custom(func(t *rapid.T) *App {
		names := rapid.SliceOfNDistinct(rapid.SliceOfN(rapid.ByteRange('a', 'z'), 1, 8), 1, maxStores,
			func(k []byte) string { return string(k) }).Draw(t, "names")
		stores := make([]*IAVL, len(names))
		for i := range stores {
			stores[i] = GenerateIAVL(maxKeys).Draw(t, "store")
		}
		return NewApp(names, stores)
	})
}
