package ssz_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
	"github.com/interopkit/interop/proof/ssz/ssztest"
)

// container is what every light-client container offers.
type container interface {
	sszObject
	HashTreeRoot() (interop.Hash, error)
}

// drawContainer draws one container of a random kind, fork and preset, with a fresh
// value to decode into and its reference descriptor.
func drawContainer(t *rapid.T) (container, func([]byte) error, container, styp) {
	f := ssztest.Fork().Draw(t, "fork")
	p := ssztest.Preset().Draw(t, "preset")
	n := p.SyncCommitteeSize
	switch rapid.IntRange(0, 4).Draw(t, "kind") {
	case 0:
		v := ssztest.LightClientHeader(f).Draw(t, "v")
		var x ssz.LightClientHeader
		return &v, func(b []byte) error { return x.UnmarshalSSZ(f, b) }, &x, refLightClientHeader(f)
	case 1:
		v := ssztest.LightClientBootstrap(f, p).Draw(t, "v")
		var x ssz.LightClientBootstrap
		return &v, func(b []byte) error { return x.UnmarshalSSZ(f, p, b) }, &x, refBootstrap(f, n)
	case 2:
		v := ssztest.LightClientUpdate(f, p).Draw(t, "v")
		var x ssz.LightClientUpdate
		return &v, func(b []byte) error { return x.UnmarshalSSZ(f, p, b) }, &x, refUpdate(f, n)
	case 3:
		v := ssztest.LightClientFinalityUpdate(f, p).Draw(t, "v")
		var x ssz.LightClientFinalityUpdate
		return &v, func(b []byte) error { return x.UnmarshalSSZ(f, p, b) }, &x, refFinalityUpdate(f, n)
	default:
		v := ssztest.LightClientOptimisticUpdate(f, p).Draw(t, "v")
		var x ssz.LightClientOptimisticUpdate
		return &v, func(b []byte) error { return x.UnmarshalSSZ(f, p, b) }, &x, refOptimisticUpdate(f, n)
	}
}

func TestPropContainerRoundTripAndRoot(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v, decode, fresh, ref := drawContainer(t)
		enc, err := v.MarshalSSZ()
		if err != nil {
			t.Fatalf("MarshalSSZ: %v", err)
		}
		if len(enc) != v.SizeSSZ() {
			t.Fatalf("SizeSSZ %d, encoding %d", v.SizeSSZ(), len(enc))
		}
		if err := decode(enc); err != nil {
			t.Fatalf("UnmarshalSSZ: %v", err)
		}
		if !reflect.DeepEqual(normalize(v), normalize(fresh)) {
			t.Fatalf("decoded value differs:\n%+v\n%+v", v, fresh)
		}
		root, err := v.HashTreeRoot()
		if err != nil {
			t.Fatalf("HashTreeRoot: %v", err)
		}
		want, err := ref.root(enc)
		if err != nil || root != want {
			t.Fatalf("HashTreeRoot %x, reference %x (%v)", root, want, err)
		}
		// Any strict prefix or extension of a canonical encoding is rejected.
		cut := rapid.IntRange(0, len(enc)-1).Draw(t, "cut")
		if err := decode(enc[:cut]); err == nil {
			if again, _ := fresh.MarshalSSZ(); !bytes.Equal(again, enc[:cut]) {
				t.Fatalf("decoded a %d-byte prefix of %d that is not canonical", cut, len(enc))
			}
		}
		// A longer input decodes only where it is the canonical encoding of what it
		// decodes to (extra_data absorbs trailing bytes up to its limit).
		longer := append(slices.Clone(enc), rapid.Byte().Draw(t, "extra"))
		if err := decode(longer); err == nil {
			if again, _ := fresh.MarshalSSZ(); !bytes.Equal(again, longer) {
				t.Fatalf("decoded a non-canonical extension")
			}
		}
	})
}

// normalize clears the nil/empty slice distinction, which encodings do not carry.
func normalize(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestPropJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v, _, fresh, _ := drawContainer(t)
		a, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if err := json.Unmarshal(a, fresh); err != nil {
			if _, ok := v.(*ssz.LightClientHeader); ok {
				// A bare header's JSON does not name Bellatrix or Electra; it decodes as
				// the fork of the same shape, checked below.
				t.Fatalf("UnmarshalJSON: %v", err)
			}
			t.Fatalf("UnmarshalJSON: %v\n%s", err, a)
		}
		b, _ := json.Marshal(fresh)
		if !bytes.Equal(a, b) {
			t.Fatalf("JSON round trip differs:\n%s\n%s", a, b)
		}
		r1, _ := v.HashTreeRoot()
		r2, _ := fresh.HashTreeRoot()
		if r1 != r2 {
			t.Fatalf("root changed through JSON")
		}
	})
}

func TestPropMerkleizeMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		chunks := rapid.SliceOfN(ssztest.Hash(), 0, 40).Draw(t, "chunks")
		limit := uint64(len(chunks)) + rapid.Uint64Range(0, 1<<20).Draw(t, "extra")
		got, err := ssz.Merkleize(chunks, limit)
		if err != nil {
			t.Fatal(err)
		}
		if want := refMerkleize(chunks, limit); got != want {
			t.Fatalf("Merkleize(%d chunks, %d) = %x, reference %x", len(chunks), limit, got, want)
		}
		if len(chunks) > 0 {
			if _, err := ssz.Merkleize(chunks, uint64(len(chunks)-1)); !errors.Is(err, ssz.ErrTooManyChunks) {
				t.Fatalf("over-limit Merkleize: %v", err)
			}
		}
		b := rapid.SliceOfN(rapid.Byte(), 0, 100).Draw(t, "bytes")
		lr, err := ssz.ByteListRoot(b, 100)
		if err != nil || lr != must(tList{u8, 100}.root(b)) {
			t.Fatalf("ByteListRoot differs from reference (%v)", err)
		}
		if ssz.ByteVectorRoot(b) != must(tBytes{len(b)}.root(b)) && len(b) > 0 {
			t.Fatalf("ByteVectorRoot differs from reference")
		}
	})
}

func must(h interop.Hash, err error) interop.Hash {
	if err != nil {
		panic(err)
	}
	return h
}

func TestPropBranch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tree := ssztest.RandomTree(6).Draw(t, "tree")
		g := ssz.GeneralizedIndex(rapid.Uint64Range(1, (2<<tree.Depth)-1).Draw(t, "gindex"))
		leaf, branch, root := tree.Node(g), tree.Branch(g), tree.Root()
		depth, index := uint64(g.Depth()), ssz.GetSubtreeIndex(g)
		if err := ssz.VerifyMerkleBranch(leaf, branch, depth, index, root); err != nil {
			t.Fatalf("valid branch: %v", err)
		}
		if r, err := ssz.CalculateMerkleRoot(leaf, branch, g); err != nil || r != root {
			t.Fatalf("CalculateMerkleRoot: %x %v", r, err)
		}
		flip := func(h interop.Hash) interop.Hash {
			bit := rapid.IntRange(0, 255).Draw(t, "bit")
			h[bit/8] ^= 1 << (bit % 8)
			return h
		}
		if ssz.IsValidMerkleBranch(flip(leaf), branch, depth, index, root) {
			t.Fatal("flipped leaf verifies")
		}
		if ssz.IsValidMerkleBranch(leaf, branch, depth, index, flip(root)) {
			t.Fatal("flipped root verifies")
		}
		if depth > 0 {
			i := rapid.IntRange(0, len(branch)-1).Draw(t, "node")
			bad := slices.Clone(branch)
			bad[i] = flip(bad[i])
			if ssz.IsValidMerkleBranch(leaf, bad, depth, index, root) {
				t.Fatal("flipped branch node verifies")
			}
		}
		ib := rapid.IntRange(0, 63).Draw(t, "index bit")
		other := index ^ 1<<ib
		// A different index verifies only where the tree really holds the same node.
		if ssz.IsValidMerkleBranch(leaf, branch, depth, other, root) {
			if uint64(ib) >= depth {
				t.Fatal("index with a bit above the depth verifies")
			}
			og := ssz.GeneralizedIndex(1<<depth | other)
			if tree.Node(og) != leaf || !slices.Equal(tree.Branch(og), branch) {
				t.Fatal("flipped index verifies")
			}
		}
		// The normalized form accepts leading zero padding and nothing else.
		padded := append([]interop.Hash{{}}, branch...)
		if !ssz.IsValidNormalizedMerkleBranch(leaf, padded, g, root) {
			t.Fatal("zero-padded branch rejected")
		}
		padded[0][0] = 1
		if ssz.IsValidNormalizedMerkleBranch(leaf, padded, g, root) {
			t.Fatal("non-zero padding accepted")
		}
	})
}

// specMultiRoot transcribes calculate_multi_merkle_root of merkle-proofs.md, with a map
// as the spec's dict.
func specMultiRoot(leaves, proof []interop.Hash, indices []ssz.GeneralizedIndex) (interop.Hash, bool) {
	helpers, err := ssz.GetHelperIndices(indices)
	if err != nil || len(leaves) != len(indices) || len(proof) != len(helpers) {
		return interop.Hash{}, false
	}
	objects := map[ssz.GeneralizedIndex]interop.Hash{}
	for i, g := range indices {
		objects[g] = leaves[i]
	}
	for i, g := range helpers {
		objects[g] = proof[i]
	}
	var keys []ssz.GeneralizedIndex
	for k := range objects {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	slices.Reverse(keys)
	for pos := 0; pos < len(keys); pos++ {
		k := keys[pos]
		_, a := objects[k]
		_, b := objects[k^1]
		_, c := objects[k/2]
		if a && b && !c {
			objects[k/2] = ssz.HashPair(objects[(k|1)^1], objects[k|1])
			keys = append(keys, k/2)
		}
	}
	r, ok := objects[1]
	return r, ok
}

func TestPropMultiproof(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := ssztest.ValidMultiproof(6).Draw(t, "multiproof")
		root := m.Tree.Root()
		if err := ssz.VerifyMerkleMultiproof(m.Leaves, m.Proof, m.Indices, root); err != nil {
			t.Fatalf("valid multiproof: %v", err)
		}
		if r, ok := specMultiRoot(m.Leaves, m.Proof, m.Indices); !ok || r != root {
			t.Fatalf("spec transcription disagrees")
		}
		// Soundness: changing any leaf, proof node or index breaks the proof.
		leaves, proof := slices.Clone(m.Leaves), slices.Clone(m.Proof)
		switch rapid.IntRange(0, 3).Draw(t, "mutation") {
		case 0:
			i := rapid.IntRange(0, len(leaves)-1).Draw(t, "leaf")
			leaves[i][rapid.IntRange(0, 31).Draw(t, "byte")] ^= 1
		case 1:
			if len(proof) == 0 {
				return
			}
			i := rapid.IntRange(0, len(proof)-1).Draw(t, "node")
			proof[i][rapid.IntRange(0, 31).Draw(t, "byte")] ^= 1
		case 2:
			if len(proof) == 0 {
				return
			}
			proof = proof[:len(proof)-1]
		default:
			indices := slices.Clone(m.Indices)
			i := rapid.IntRange(0, len(indices)-1).Draw(t, "index")
			indices[i] ^= 1
			if slices.Contains(m.Indices, indices[i]) {
				return
			}
			err := ssz.VerifyMerkleMultiproof(leaves, proof, indices, root)
			if err == nil && m.Tree.Node(indices[i]) != leaves[i] {
				t.Fatal("multiproof verifies at a moved index")
			}
			return
		}
		if ssz.VerifyMerkleMultiproof(leaves, proof, m.Indices, root) == nil {
			t.Fatal("mutated multiproof verifies")
		}
	})
}

func TestPropConcatGeneralizedIndices(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tree := ssztest.RandomTree(6).Draw(t, "tree")
		a := ssz.GeneralizedIndex(rapid.Uint64Range(1, (2<<tree.Depth)-1).Draw(t, "outer"))
		sub := tree.Depth - a.Depth()
		b := ssz.GeneralizedIndex(rapid.Uint64Range(1, (2<<sub)-1).Draw(t, "inner"))
		g, err := ssz.ConcatGeneralizedIndices(a, b)
		if err != nil {
			t.Fatal(err)
		}
		// The node b of the subtree rooted at a.
		node := a
		for i := b.Depth() - 1; i >= 0; i-- {
			node = node.Child(b.Bit(i))
		}
		if g != node || g.Depth() != a.Depth()+b.Depth() {
			t.Fatalf("concat(%d, %d) = %d, want %d", a, b, g, node)
		}
		path := ssz.GetPathIndices(g)
		br := ssz.GetBranchIndices(g)
		for i := range path {
			if path[i].Sibling() != br[i] {
				t.Fatalf("branch index %d is not the sibling of path index %d", br[i], path[i])
			}
		}
	})
}
