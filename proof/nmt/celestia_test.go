package nmt

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
)

// celestiaFixture is a real Celestia block's facts, transcribed from upstream tests into
// the shapes celestia-core serves (testdata/SOURCES.md).
type celestiaFixture struct {
	Source      string          `json:"source"`
	Height      uint64          `json:"height"`
	DataRoot    hexBytes        `json:"data_root"`
	RowRoots    []hexBytes      `json:"row_roots"`
	ColumnRoots []hexBytes      `json:"column_roots"`
	ShareProof  json.RawMessage `json:"share_proof"`
	TupleRoot   hexBytes        `json:"data_root_tuple_root"`
	TupleProof  json.RawMessage `json:"data_root_tuple_proof"`
}

// celestiaFixtures walks testdata for files holding a share proof.
func celestiaFixtures(t *testing.T) map[string]celestiaFixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]celestiaFixture{}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var fx celestiaFixture
		if err := json.Unmarshal(b, &fx); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if fx.ShareProof != nil {
			out[filepath.Base(path)] = fx
		}
	}
	if len(out) == 0 {
		t.Fatal("no Celestia fixtures under testdata")
	}
	return out
}

// TestConformanceCelestiaShareProof: each real share proof, as served in JSON, verifies
// against its block's data root, which is the RFC 6962 root of the row roots then the
// column roots; it survives the protobuf and JSON round trips.
func TestConformanceCelestiaShareProof(t *testing.T) {
	for name, fx := range celestiaFixtures(t) {
		t.Run(name, func(t *testing.T) {
			dataRoot := interop.Hash(fx.DataRoot)
			var all [][]byte
			for _, r := range append(append([]hexBytes{}, fx.RowRoots...), fx.ColumnRoots...) {
				all = append(all, r)
			}
			if len(all) == 0 {
				t.Log("no row and column roots listed; the row proof carries the row up")
			} else if got := RFC6962Root(all); got != dataRoot {
				t.Fatalf("data root of rows ‖ columns %x, want %x", got, dataRoot)
			}
			var sp ShareProof
			if err := json.Unmarshal(fx.ShareProof, &sp); err != nil {
				t.Fatal(err)
			}
			if err := sp.Verify(dataRoot); err != nil {
				t.Fatal(err)
			}
			enc, err := sp.AppendProto(nil)
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeShareProof(enc)
			if err != nil {
				t.Fatal(err)
			}
			if err := back.Verify(dataRoot); err != nil {
				t.Fatalf("after the protobuf round trip: %v", err)
			}
			if again, _ := back.AppendProto(nil); !bytes.Equal(again, enc) {
				t.Fatalf("protobuf re-encoding differs")
			}
			js, err := json.Marshal(sp)
			if err != nil {
				t.Fatal(err)
			}
			var fromJSON ShareProof
			if err := json.Unmarshal(js, &fromJSON); err != nil {
				t.Fatalf("%v in %s", err, js)
			}
			if err := fromJSON.Verify(dataRoot); err != nil {
				t.Fatalf("after the JSON round trip: %v", err)
			}
			// The row proof alone, and in its own protobuf form.
			rp, err := sp.RowProof.AppendProto(nil)
			if err != nil {
				t.Fatal(err)
			}
			rpBack, err := DecodeRowProof(rp)
			if err != nil {
				t.Fatal(err)
			}
			if err := rpBack.Verify(dataRoot); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestConformanceCelestiaTamper: a one-byte change anywhere in a real share proof's
// protobuf encoding, in the data root, or in the JSON's share is refused with a sentinel.
func TestConformanceCelestiaTamper(t *testing.T) {
	for name, fx := range celestiaFixtures(t) {
		t.Run(name, func(t *testing.T) {
			var sp ShareProof
			if err := json.Unmarshal(fx.ShareProof, &sp); err != nil {
				t.Fatal(err)
			}
			dataRoot := interop.Hash(fx.DataRoot)
			enc, _ := sp.AppendProto(nil)
			for i := range enc {
				bad := bytes.Clone(enc)
				bad[i] ^= 0x01
				err := verifyEncoded(bad, dataRoot)
				if err == nil || !isSentinel(err) {
					t.Fatalf("byte %d of %d flipped: %v", i, len(enc), err)
				}
			}
			for i := range dataRoot {
				bad := dataRoot
				bad[i] ^= 0x80
				if err := sp.Verify(bad); !errors.Is(err, ErrDataRoot) {
					t.Fatalf("data root byte %d flipped: %v", i, err)
				}
			}
			// A share byte: the row's NMT refuses it.
			share := sp.Data[0]
			for _, i := range []int{0, CelestiaNamespaceSize, len(share) / 2, len(share) - 1} {
				sp.Data[0] = bytes.Clone(share)
				sp.Data[0][i] ^= 0x01
				if err := sp.Verify(dataRoot); !errors.Is(err, ErrInvalidProof) && !errors.Is(err, ErrUnsorted) {
					t.Fatalf("share byte %d flipped: %v", i, err)
				}
			}
			sp.Data[0] = share
		})
	}
}

func verifyEncoded(b []byte, root interop.Hash) error {
	sp, err := DecodeShareProof(b)
	if err != nil {
		return err
	}
	return sp.Verify(root)
}

// TestConformanceBlobstreamTuple: each real data root tuple proves under the tuple root a
// Blobstream contract stored; a one-byte change to the tuple, the root or a side node is
// refused with ErrDataRootTuple.
func TestConformanceBlobstreamTuple(t *testing.T) {
	for name, fx := range celestiaFixtures(t) {
		if fx.TupleProof == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var p MerkleProof
			if err := json.Unmarshal(fx.TupleProof, &p); err != nil {
				t.Fatal(err)
			}
			tuple := DataRootTuple{Height: fx.Height, DataRoot: interop.Hash(fx.DataRoot)}
			root := interop.Hash(fx.TupleRoot)
			if err := tuple.Verify(root, &p); err != nil {
				t.Fatal(err)
			}
			// With CometBFT's leaf hash present, and through the protobuf form.
			leaf := tuple.Leaf()
			lh := RFC6962LeafHash(leaf[:])
			withHash := p
			withHash.LeafHash = lh[:]
			enc, _ := withHash.AppendProto(nil)
			back, err := DecodeMerkleProof(enc)
			if err != nil {
				t.Fatal(err)
			}
			if err := tuple.Verify(root, &back); err != nil {
				t.Fatal(err)
			}
			if err := back.Verify(root, leaf[:]); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 64; i++ {
				bad := tuple
				if i < 32 {
					bad.DataRoot[i] ^= 1
				} else {
					bad.Height ^= 1 << (i - 32)
				}
				if err := bad.Verify(root, &p); !errors.Is(err, ErrDataRootTuple) {
					t.Fatalf("tuple change %d: %v", i, err)
				}
				badRoot := root
				badRoot[i%32] ^= 1
				if err := tuple.Verify(badRoot, &p); !errors.Is(err, ErrDataRootTuple) {
					t.Fatalf("root byte %d: %v", i%32, err)
				}
			}
			for j := range p.Aunts {
				q := p
				q.Aunts = append([]interop.Hash{}, p.Aunts...)
				q.Aunts[j][7] ^= 1
				if err := tuple.Verify(root, &q); !errors.Is(err, ErrDataRootTuple) {
					t.Fatalf("side node %d: %v", j, err)
				}
			}
			wrongHash := withHash
			wrongHash.LeafHash = bytes.Clone(lh[:])
			wrongHash.LeafHash[0] ^= 1
			if err := tuple.Verify(root, &wrongHash); !errors.Is(err, ErrDataRootTuple) {
				t.Fatalf("wrong leaf hash: %v", err)
			}
		})
	}
}

// TestRawShareHint: a real share passed as an NMT leaf without its namespace prefix fails
// with ErrMissingNamespacePrefix (and ErrInvalidProof), not a bare root mismatch.
func TestRawShareHint(t *testing.T) {
	for name, fx := range celestiaFixtures(t) {
		t.Run(name, func(t *testing.T) {
			var sp ShareProof
			if err := json.Unmarshal(fx.ShareProof, &sp); err != nil {
				t.Fatal(err)
			}
			ns, _ := sp.Namespace()
			root := sp.RowProof.RowRoots[0]
			p := sp.ShareProofs[0]
			p.IgnoreMaxNamespace = true
			raw := sp.Data[:p.End-p.Start]
			for _, verify := range []struct {
				name string
				f    func([][]byte) error
			}{
				{"VerifyRange", func(l [][]byte) error { return VerifyRange(root, CelestiaNamespaceSize, l, &p) }},
				{"VerifyRangeSize", func(l [][]byte) error {
					return VerifyRangeSize(root, CelestiaNamespaceSize, sp.RowProof.squareWidth(), l, &p)
				}},
			} {
				err := verify.f(raw)
				if !errors.Is(err, ErrMissingNamespacePrefix) || !errors.Is(err, ErrInvalidProof) {
					t.Errorf("%s of raw shares: %v", verify.name, err)
				}
				var prefixed [][]byte
				for _, s := range raw {
					prefixed = append(prefixed, append(append([]byte{}, ns...), s...))
				}
				if err := verify.f(prefixed); err != nil {
					t.Errorf("%s of namespace ‖ share: %v", verify.name, err)
				}
			}
			// Both fixtures prove every share of their namespace, so the namespace proofs
			// hold: with the data form, and not with raw shares as leaves.
			if err := VerifyNamespaceData(root, ns, raw, &p); err != nil {
				t.Errorf("VerifyNamespaceData of shares: %v", err)
			}
			if err := VerifyNamespace(root, ns, raw, &p); !errors.Is(err, ErrMissingNamespacePrefix) {
				t.Errorf("VerifyNamespace of raw shares: %v", err)
			}
		})
	}
}

// TestProtoProofStrict: the protobuf decoder refuses what a canonical encoder never emits.
func TestProtoProofStrict(t *testing.T) {
	node := bytes.Repeat([]byte{1}, 48)
	good, err := (&Proof{Start: 1, End: 3, Nodes: [][]byte{node, node}, IgnoreMaxNamespace: true}).AppendProto(nil)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := DecodeProtoProof(good); err != nil || p.Start != 1 || p.End != 3 || len(p.Nodes) != 2 || !p.IgnoreMaxNamespace {
		t.Fatalf("%+v %v", p, err)
	}
	for _, c := range []struct {
		name string
		hex  string
		want error
	}{
		{"unknown wire type 1", "0901", ErrInvalidEncoding},
		{"wire type 5", "0d01000000", ErrInvalidEncoding},
		{"start twice", "08010802", ErrInvalidEncoding},
		{"fields out of order", "10020801", ErrInvalidEncoding},
		{"explicit zero start", "0800", ErrInvalidEncoding},
		{"overlong varint", "088100", ErrInvalidEncoding},
		{"overlong length", "1a8000", ErrInvalidEncoding},
		{"length past the end", "1a05aa", ErrInvalidEncoding},
		{"unknown field 6", "3001", ErrInvalidEncoding},
		{"field 0", "0001", ErrInvalidEncoding},
		{"bool 2", "2802", ErrInvalidEncoding},
		{"leaf hash empty", "2200", ErrInvalidEncoding},
		{"negative start", "08ffffffffffffffffff01", ErrInvalidRange},
		{"end below start", "08051002", ErrInvalidRange},
		{"truncated key", "88", ErrInvalidEncoding},
		{"start as bytes", "0a0101", ErrInvalidEncoding},
	} {
		b, _ := hex.DecodeString(c.hex)
		if _, err := DecodeProtoProof(b); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	var many []byte
	for i := 0; i <= MaxProofNodes; i++ {
		many = append(many, 0x1a, 0)
	}
	if _, err := DecodeProtoProof(many); !errors.Is(err, ErrTooLarge) {
		t.Errorf("%d nodes: %v", MaxProofNodes+1, err)
	}
}

// TestShareProofChecks: the structural checks of ShareProof.Verify and RowProof.Verify,
// each row named for the rule it guards, on a real proof.
func TestShareProofChecks(t *testing.T) {
	fx := celestiaFixtures(t)["blobstream_rollup_height21.json"]
	if fx.ShareProof == nil {
		t.Skip("fixture missing")
	}
	root := interop.Hash(fx.DataRoot)
	load := func() ShareProof {
		var sp ShareProof
		if err := json.Unmarshal(fx.ShareProof, &sp); err != nil {
			t.Fatal(err)
		}
		return sp
	}
	for _, c := range []struct {
		name string
		edit func(*ShareProof)
		want error
	}{
		{"no shares", func(sp *ShareProof) { sp.Data = nil }, ErrInvalidProof},
		{"extra share", func(sp *ShareProof) { sp.Data = append(sp.Data, sp.Data[0]) }, ErrInvalidProof},
		{"proof per row", func(sp *ShareProof) { sp.ShareProofs = append(sp.ShareProofs, sp.ShareProofs[0]) }, ErrInvalidProof},
		{"empty range", func(sp *ShareProof) { sp.ShareProofs[0].End = sp.ShareProofs[0].Start }, ErrInvalidProof},
		{"namespace version 256", func(sp *ShareProof) { sp.NamespaceVersion = 256 }, ErrNamespaceSize},
		{"namespace id short", func(sp *ShareProof) { sp.NamespaceID = sp.NamespaceID[1:] }, ErrNamespaceSize},
		{"other namespace", func(sp *ShareProof) { sp.NamespaceID = bytes.Repeat([]byte{0}, 28) }, ErrUnsorted},
		{"start row moved", func(sp *ShareProof) { sp.RowProof.StartRow, sp.RowProof.EndRow = 1, 1 }, ErrInvalidRange},
		{"end before start", func(sp *ShareProof) { sp.RowProof.StartRow = 1 }, ErrInvalidProof},
		{"column, not row", func(sp *ShareProof) {
			sp.RowProof.Proofs[0].Index = sp.RowProof.Proofs[0].Total / 2
			sp.RowProof.StartRow, sp.RowProof.EndRow = uint32(sp.RowProof.Proofs[0].Index), uint32(sp.RowProof.Proofs[0].Index)
		}, ErrInvalidRange},
		{"leaf hash missing", func(sp *ShareProof) { sp.RowProof.Proofs[0].LeafHash = nil }, ErrDataRoot},
		{"aunt dropped", func(sp *ShareProof) { sp.RowProof.Proofs[0].Aunts = sp.RowProof.Proofs[0].Aunts[1:] }, ErrDataRoot},
		{"total not 4 per row", func(sp *ShareProof) { sp.RowProof.Proofs[0].Total = 6 }, ErrInvalidRange},
		{"nmt leaf hash present", func(sp *ShareProof) { sp.ShareProofs[0].LeafHash = bytes.Repeat([]byte{0}, 90) }, ErrInvalidProof},
		{"nmt node dropped", func(sp *ShareProof) { sp.ShareProofs[0].Nodes = sp.ShareProofs[0].Nodes[1:] }, ErrUnsorted},
		{"share shifted in its row", func(sp *ShareProof) { sp.ShareProofs[0].Start, sp.ShareProofs[0].End = 0, 1 }, ErrUnsorted},
	} {
		sp := load()
		c.edit(&sp)
		if err := sp.Verify(root); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if sp := load(); sp.Verify(root) != nil {
		t.Fatal("fixture does not verify")
	}
}

// TestShareProofJSONStrict: the JSON decoders refuse unknown fields, bad base64 and hex,
// and non-canonical integers, and accept CometBFT's quoted integers.
func TestShareProofJSONStrict(t *testing.T) {
	for _, c := range []struct {
		name, in string
		ok       bool
	}{
		{"quoted ints", `{"total":"4","index":"2","leaf_hash":null,"aunts":[]}`, true},
		{"numbers", `{"total":4,"index":2}`, true},
		{"leading zero", `{"total":04,"index":2}`, false},
		{"plus sign", `{"total":"+4","index":2}`, false},
		{"fraction", `{"total":4.0,"index":2}`, false},
		{"unknown field", `{"total":4,"index":2,"x":1}`, false},
		{"unpadded base64", `{"total":4,"index":2,"aunts":["AA"]}`, false},
		{"aunt of 31 bytes", `{"total":4,"index":2,"aunts":["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="]}`, false},
		{"negative", `{"total":-4,"index":2}`, false},
		{"trailing data", `{"total":4,"index":2} {}`, false},
	} {
		var p MerkleProof
		err := p.UnmarshalJSON([]byte(c.in))
		if (err == nil) != c.ok || (err != nil && !isSentinel(err)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	var rp RowProof
	if err := rp.UnmarshalJSON([]byte(`{"row_roots":["0x00"],"proofs":[],"start_row":0,"end_row":0}`)); !errors.Is(err, ErrInvalidEncoding) {
		t.Errorf("0x-prefixed hex: %v", err)
	}
	var sp ShareProof
	if err := sp.UnmarshalJSON([]byte(`{"data":[],"share_proofs":[],"namespace_id":"","namespace_version":0}`)); !errors.Is(err, ErrInvalidEncoding) {
		t.Errorf("missing row proof: %v", err)
	}
}
