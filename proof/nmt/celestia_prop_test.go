package nmt_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
	"github.com/interopkit/interop/proof/nmt/nmttest"
)

var celestiaSentinels = []error{nmt.ErrNamespaceSize, nmt.ErrUnsorted, nmt.ErrInvalidNode, nmt.ErrInvalidRange,
	nmt.ErrInvalidProof, nmt.ErrIncomplete, nmt.ErrWrongNamespace, nmt.ErrInvalidEncoding, nmt.ErrTooLarge,
	nmt.ErrMissingNamespacePrefix, nmt.ErrDataRoot, nmt.ErrDataRootTuple}

func named(err error) bool {
	for _, s := range celestiaSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestPropShareProofVerifies: a share proof built from a generated square verifies against
// its data root, and after the protobuf and JSON round trips, which are exact.
func TestPropShareProofVerifies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := nmttest.ShareProof().Draw(t, "block")
		if err := b.Proof.Verify(b.DataRoot); err != nil {
			t.Fatal(err)
		}
		enc, err := b.Proof.AppendProto(nil)
		if err != nil {
			t.Fatal(err)
		}
		back, err := nmt.DecodeShareProof(enc)
		if err != nil {
			t.Fatal(err)
		}
		if err := back.Verify(b.DataRoot); err != nil {
			t.Fatal(err)
		}
		if again, _ := back.AppendProto(nil); !bytes.Equal(again, enc) {
			t.Fatal("protobuf encoding not stable")
		}
		js, err := json.Marshal(b.Proof)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON nmt.ShareProof
		if err := json.Unmarshal(js, &fromJSON); err != nil {
			t.Fatal(err)
		}
		if again, _ := fromJSON.AppendProto(nil); !bytes.Equal(again, enc) {
			t.Fatal("JSON round trip changed the proof")
		}
	})
}

// TestPropShareProofTampered: changing one bit of a share, a row root, an NMT node or a
// row proof aunt is refused with a sentinel.
func TestPropShareProofTampered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := nmttest.ShareProof().Draw(t, "block")
		sp := b.Proof
		bit := byte(1) << rapid.IntRange(0, 7).Draw(t, "bit")
		switch what := rapid.IntRange(0, 3).Draw(t, "what"); what {
		case 0:
			i := rapid.IntRange(0, len(sp.Data)-1).Draw(t, "share")
			j := rapid.IntRange(0, len(sp.Data[i])-1).Draw(t, "byte")
			sp.Data = append([][]byte{}, sp.Data...)
			sp.Data[i] = bytes.Clone(sp.Data[i])
			sp.Data[i][j] ^= bit
		case 1:
			i := rapid.IntRange(0, len(sp.RowProof.RowRoots)-1).Draw(t, "row")
			j := rapid.IntRange(0, len(sp.RowProof.RowRoots[i])-1).Draw(t, "byte")
			sp.RowProof.RowRoots = append([][]byte{}, sp.RowProof.RowRoots...)
			sp.RowProof.RowRoots[i] = bytes.Clone(sp.RowProof.RowRoots[i])
			sp.RowProof.RowRoots[i][j] ^= bit
		case 2:
			i := rapid.IntRange(0, len(sp.ShareProofs)-1).Draw(t, "proof")
			if len(sp.ShareProofs[i].Nodes) == 0 {
				t.Skip("a row proven whole has no nodes")
			}
			sp.ShareProofs = append([]nmt.Proof{}, sp.ShareProofs...)
			sp.ShareProofs[i] = nmttest.MutateProof(t, sp.ShareProofs[i], 2*nmt.CelestiaNamespaceSize+32)
		default:
			i := rapid.IntRange(0, len(sp.RowProof.Proofs)-1).Draw(t, "rowProof")
			p := sp.RowProof.Proofs[i]
			p.Aunts = append([]interop.Hash{}, p.Aunts...)
			j := rapid.IntRange(0, len(p.Aunts)-1).Draw(t, "aunt")
			p.Aunts[j][rapid.IntRange(0, 31).Draw(t, "byte")] ^= bit
			sp.RowProof.Proofs = append([]nmt.MerkleProof{}, sp.RowProof.Proofs...)
			sp.RowProof.Proofs[i] = p
		}
		err := sp.Verify(b.DataRoot)
		if err == nil || !named(err) {
			t.Fatalf("tampered proof: %v", err)
		}
	})
}

// TestPropProtoProofRoundTrip: every nmt proof a tree emits survives the protobuf and JSON
// forms unchanged and still verifies.
func TestPropProtoProofRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "hasher")
		leaves := nmttest.Leaves(h.NamespaceSize(), 20).Draw(t, "leaves")
		tree := nmttest.Tree(h, leaves)
		ns := nmttest.Namespace(h.NamespaceSize()).Draw(t, "ns")
		p, err := tree.ProveNamespace(ns)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := p.AppendProto(nil)
		if err != nil {
			t.Fatal(err)
		}
		q, err := nmt.DecodeProtoProof(enc)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]byte
		for _, l := range leaves {
			if bytes.Equal(l[:h.NamespaceSize()], ns) {
				got = append(got, l)
			}
		}
		if p.IsAbsence() || p.IsEmpty() { // IgnoreMaxNamespace hides the 0xFF namespace
			got = nil
		}
		if err := nmt.VerifyNamespace(tree.Root(), ns, got, &q); err != nil {
			t.Fatal(err)
		}
		if again, _ := q.AppendProto(nil); !bytes.Equal(again, enc) {
			t.Fatal("protobuf encoding not stable")
		}
		js, _ := json.Marshal(p)
		var r nmt.Proof
		if err := json.Unmarshal(js, &r); err != nil {
			t.Fatal(err)
		}
		if again, _ := r.AppendProto(nil); !bytes.Equal(again, enc) {
			t.Fatal("JSON round trip changed the proof")
		}
	})
}

// TestPropRawLeavesHint: leaves given without their repeated namespace prefix, where the
// tree holds ns ‖ leaf, fail with ErrMissingNamespacePrefix.
func TestPropRawLeavesHint(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := nmttest.Hasher().Draw(t, "hasher")
		n := h.NamespaceSize()
		leaves := nmttest.Leaves(n, 12).Draw(t, "leaves")
		if len(leaves) == 0 {
			t.Skip("empty tree")
		}
		tree := nmt.NewTree(h)
		for _, l := range leaves {
			if err := tree.PushData(l[:n], l); err != nil { // Celestia's leaf: ns ‖ share
				t.Fatal(err)
			}
		}
		lo := rapid.IntRange(0, len(leaves)-1).Draw(t, "lo")
		hi := rapid.IntRange(lo+1, len(leaves)).Draw(t, "hi")
		p, err := tree.ProveRange(lo, hi)
		if err != nil {
			t.Fatal(err)
		}
		err = nmt.VerifyRange(tree.Root(), n, leaves[lo:hi], &p)
		if !errors.Is(err, nmt.ErrMissingNamespacePrefix) || !errors.Is(err, nmt.ErrInvalidProof) {
			t.Fatalf("raw leaves: %v", err)
		}
		if err := nmt.VerifyRangeSize(tree.Root(), n, len(leaves), leaves[lo:hi], &p); !errors.Is(err, nmt.ErrMissingNamespacePrefix) {
			t.Fatalf("raw leaves, sized: %v", err)
		}
	})
}

// TestPropDataRootTuple: a tuple proves at its key in a generated tuple tree, and at no
// other key, height or data root.
func TestPropDataRootTuple(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "tuples")
		first := rapid.Uint64Range(0, 1<<40).Draw(t, "firstHeight")
		tuples := make([]nmt.DataRootTuple, n)
		leaves := make([][]byte, n)
		for i := range tuples {
			tuples[i].Height = first + uint64(i)
			copy(tuples[i].DataRoot[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "dataRoot"))
			l := tuples[i].Leaf()
			leaves[i] = l[:]
		}
		root := nmt.RFC6962Root(leaves)
		key := rapid.IntRange(0, n-1).Draw(t, "key")
		path, _ := nmt.RFC6962Path(leaves, key)
		p := nmt.MerkleProof{Total: int64(n), Index: int64(key), Aunts: path}
		if err := tuples[key].Verify(root, &p); err != nil {
			t.Fatal(err)
		}
		bad := tuples[key]
		bad.Height++
		if err := bad.Verify(root, &p); !errors.Is(err, nmt.ErrDataRootTuple) {
			t.Fatalf("next height: %v", err)
		}
		if n > 1 {
			other := (key + 1) % n
			if err := tuples[other].Verify(root, &p); !errors.Is(err, nmt.ErrDataRootTuple) {
				t.Fatalf("another tuple at key %d: %v", key, err)
			}
		}
	})
}
