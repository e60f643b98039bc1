package ics23_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// chainFixture is one real chained proof under testdata/chain (see testdata/SOURCES.md):
// MerkleProof bytes, or the ProofOps of an ABCI query as CometBFT's RPC returns them.
type chainFixture struct {
	name     string
	encoding string
	root     []byte
	path     ics23.MerklePath
	value    []byte
	proof    []byte          // MerkleProof bytes, for encoding merkle_proof
	opsJSON  json.RawMessage // for encoding proof_ops_json
	opsProto []byte          // the same ops as protobuf ProofOps
}

func chainFixtures(t *testing.T) []chainFixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "chain", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no chain fixtures: %v", err)
	}
	var out []chainFixture
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Encoding, Root, Value, Proof string
			Path                         []string
			ProofOps                     json.RawMessage `json:"proof_ops"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		f := chainFixture{name: filepath.Base(p), encoding: v.Encoding, root: unhex(t, v.Root), value: unhex(t, v.Value),
			proof: unhex(t, v.Proof), opsJSON: v.ProofOps}
		for _, k := range v.Path {
			f.path.KeyPath = append(f.path.KeyPath, unhex(t, k))
		}
		if f.encoding == "proof_ops_json" {
			var ops struct {
				Ops []struct {
					Type      string
					Key, Data []byte
				}
			}
			if err := json.Unmarshal(v.ProofOps, &ops); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, op := range ops.Ops {
				var m []byte
				m = pbField(m, 1, []byte(op.Type))
				m = pbField(m, 2, op.Key)
				m = pbField(m, 3, op.Data)
				f.opsProto = pbField(f.opsProto, 1, m)
			}
		}
		out = append(out, f)
	}
	return out
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func pbField(b []byte, n uint64, v []byte) []byte {
	b = binary.AppendUvarint(b, n<<3|2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// root0 is root with its first byte changed.
func root0(root []byte) []byte {
	r := bytes.Clone(root)
	r[0] ^= 1
	return r
}

// between reports whether key sorts strictly between the neighbours of np.
func between(np *ics23.NonExistenceProof, key []byte) bool {
	return (np.Left == nil || bytes.Compare(np.Left.Key, key) < 0) && (np.Right == nil || bytes.Compare(key, np.Right.Key) < 0)
}

// verifyChain verifies m as the fixture says: membership of its value, or absence.
func (f *chainFixture) verify(m ics23.MerkleProof, root []byte, path ics23.MerklePath) error {
	if len(f.value) == 0 {
		return m.VerifyNonMembership(ics23.SDKSpecs, root, path)
	}
	return m.VerifyMembership(ics23.SDKSpecs, root, path, f.value)
}

// decode decodes the fixture's bytes in the form given.
func (f *chainFixture) decode(form string, b []byte) (ics23.MerkleProof, error) {
	switch form {
	case "merkle_proof":
		return ics23.DecodeMerkleProof(b)
	case "proof_ops":
		return ics23.DecodeProofOps(b)
	}
	return ics23.DecodeProofOpsJSON(b)
}

var sentinels = []error{ics23.ErrMalformed, ics23.ErrSpec, ics23.ErrNoProofForKey, ics23.ErrValueMismatch,
	ics23.ErrRootMismatch, ics23.ErrInvalidProof, ics23.ErrUnsupported, ics23.ErrPath, ics23.ErrProofOp}

func named(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// Real chained proofs from live chains (a union testnet and devnets, Sei) verify against
// their app hashes, in every form they were served in; and every one-byte change of the
// bytes, of the root, of a path key or of the value is refused with a named sentinel.
func TestConformanceChain(t *testing.T) {
	for _, f := range chainFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			forms := map[string][]byte{}
			switch f.encoding {
			case "merkle_proof":
				forms["merkle_proof"] = f.proof
			case "proof_ops_json":
				forms["proof_ops_json"] = f.opsJSON
				forms["proof_ops"] = f.opsProto
			default:
				t.Fatalf("encoding %q", f.encoding)
			}
			for form, b := range forms {
				m, err := f.decode(form, b)
				if err != nil {
					t.Fatalf("%s: decode: %v", form, err)
				}
				if err := f.verify(m, f.root, f.path); err != nil {
					t.Fatalf("%s: %v", form, err)
				}
				// The decoded chain re-encodes as MerkleProof bytes that verify the same.
				again, err := ics23.DecodeMerkleProof(must(m.AppendBinary(nil)))
				if err != nil || f.verify(again, f.root, f.path) != nil {
					t.Fatalf("%s: re-encoded: %v", form, err)
				}
				if form == "merkle_proof" && !bytes.Equal(must(m.AppendBinary(nil)), b) {
					t.Errorf("served bytes are canonical, re-encoding differs")
				}
				if form == "proof_ops_json" {
					continue // the protobuf form of the same ops is tampered byte by byte
				}
				for i := range b {
					for _, x := range []byte{0x01, 0x80} {
						c := bytes.Clone(b)
						c[i] ^= x
						m, err := f.decode(form, c)
						if err == nil {
							err = f.verify(m, f.root, f.path)
						}
						if err == nil || !named(err) {
							t.Fatalf("%s: byte %d ^ %#x: err %v", form, i, x, err)
						}
					}
				}
			}
			form := f.encoding
			m, _ := f.decode(form, forms[form])
			for i := range f.root {
				r := bytes.Clone(f.root)
				r[i] ^= 1
				if err := f.verify(m, r, f.path); !errors.Is(err, ics23.ErrRootMismatch) {
					t.Fatalf("root byte %d: %v", i, err)
				}
			}
			for k := range f.path.KeyPath {
				for i := range f.path.KeyPath[k] {
					p := ics23.MerklePath{KeyPath: append([][]byte(nil), f.path.KeyPath...)}
					p.KeyPath[k] = bytes.Clone(p.KeyPath[k])
					p.KeyPath[k][i] ^= 1
					err := f.verify(m, f.root, p)
					if err == nil && len(f.value) == 0 && k == len(p.KeyPath)-1 && between(m.Proofs[0].Nonexist, p.KeyPath[k]) {
						continue // another key in the same gap is absent too
					}
					if !named(err) {
						t.Fatalf("path key %d byte %d: %v", k, i, err)
					}
				}
			}
			for i := range f.value {
				v := bytes.Clone(f.value)
				v[i] ^= 1
				if err := m.VerifyMembership(ics23.SDKSpecs, f.root, f.path, v); !errors.Is(err, ics23.ErrValueMismatch) {
					t.Fatalf("value byte %d: %v", i, err)
				}
			}
			// The wrong kind of check is refused: absence of a present key, presence of an
			// absent one.
			if len(f.value) > 0 {
				if err := m.VerifyNonMembership(ics23.SDKSpecs, f.root, f.path); !errors.Is(err, ics23.ErrInvalidProof) {
					t.Errorf("non-membership of a present key: %v", err)
				}
			} else if err := m.VerifyMembership(ics23.SDKSpecs, f.root, f.path, []byte{1}); !errors.Is(err, ics23.ErrInvalidProof) {
				t.Errorf("membership of an absent key: %v", err)
			}
		})
	}
}

// A chain from a key in a module store to the app hash verifies from every form it is
// carried in (the decoded chain, its MerkleProof bytes, the ABCI query's ProofOps), and a
// changed value, key, store, root or path length is refused with the sentinel that names
// the mismatch.
func TestPropChainMembership(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		app := ics23test.GenerateApp(5, 30).Draw(t, "app")
		s := rapid.IntRange(0, len(app.Stores)-1).Draw(t, "store")
		st := app.Stores[s]
		i := rapid.IntRange(0, len(st.Keys)-1).Draw(t, "key")
		path := ics23.NewMerklePath(app.Names[s], st.Keys[i])
		m := app.ProveMembership(s, i)
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, st.Values[i]); err != nil {
			t.Fatalf("generated chain: %v", err)
		}
		dec, err := ics23.DecodeMerkleProof(must(m.AppendBinary(nil)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(must(dec.AppendBinary(nil)), must(m.AppendBinary(nil))) {
			t.Fatal("MerkleProof bytes do not round-trip")
		}
		ops, err := ics23.DecodeProofOps(app.ProofOps(s, m))
		if err != nil {
			t.Fatalf("proof ops: %v", err)
		}
		if !bytes.Equal(must(ops.AppendBinary(nil)), must(m.AppendBinary(nil))) {
			t.Fatal("ProofOps carry another chain")
		}
		// The byte-level check (its streaming path) agrees with the method.
		if err := ics23.VerifyMerkleMembership(ics23.SDKSpecs, app.AppHash, must(m.AppendBinary(nil)), path, st.Values[i]); err != nil {
			t.Fatalf("VerifyMerkleMembership: %v", err)
		}
		for _, c := range []ics23.MerkleProof{dec, ops} {
			if err := c.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, st.Values[i]); err != nil {
				t.Fatalf("decoded chain: %v", err)
			}
		}

		// Every one-byte change of the bytes gets the same answer from both paths.
		enc := must(m.AppendBinary(nil))
		for range 8 {
			c := bytes.Clone(enc)
			c[rapid.IntRange(0, len(c)-1).Draw(t, "byte")] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
			fast := ics23.VerifyMerkleMembership(ics23.SDKSpecs, app.AppHash, c, path, st.Values[i])
			var slow error
			if d, err := ics23.DecodeMerkleProof(c); err != nil {
				slow = err
			} else {
				slow = d.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, st.Values[i])
			}
			if (fast == nil) != (slow == nil) || fast != nil && fast.Error() != slow.Error() {
				t.Fatalf("tampered bytes: streaming %v, decoded %v", fast, slow)
			}
		}

		other := append(bytes.Clone(st.Values[i]), 0)
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, other); !errors.Is(err, ics23.ErrValueMismatch) {
			t.Fatalf("other value: %v", err)
		}
		if err := ics23.VerifyMerkleMembership(ics23.SDKSpecs, app.AppHash, enc, path, other); !errors.Is(err, ics23.ErrValueMismatch) {
			t.Fatalf("other value, from bytes: %v", err)
		}
		if err := ics23.VerifyMerkleMembership(ics23.SDKSpecs, root0(app.AppHash), enc, path, st.Values[i]); !errors.Is(err, ics23.ErrRootMismatch) {
			t.Fatalf("other root, from bytes: %v", err)
		}
		if j := (i + 1) % len(st.Keys); j != i {
			wrongKey := ics23.NewMerklePath(app.Names[s], st.Keys[j])
			if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, wrongKey, st.Values[i]); !errors.Is(err, ics23.ErrNoProofForKey) {
				t.Fatalf("other key: %v", err)
			}
		}
		wrongStore := ics23.NewMerklePath(append(bytes.Clone(app.Names[s]), '0'), st.Keys[i])
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, wrongStore, st.Values[i]); !errors.Is(err, ics23.ErrNoProofForKey) {
			t.Fatalf("other store: %v", err)
		}
		root := bytes.Clone(app.AppHash)
		root[rapid.IntRange(0, len(root)-1).Draw(t, "root byte")] ^= 1
		if err := m.VerifyMembership(ics23.SDKSpecs, root, path, st.Values[i]); !errors.Is(err, ics23.ErrRootMismatch) {
			t.Fatalf("other root: %v", err)
		}
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, ics23.NewMerklePath(st.Keys[i]), st.Values[i]); !errors.Is(err, ics23.ErrPath) {
			t.Fatalf("short path: %v", err)
		}
		// The store's own proof alone proves the value to the store root, not to the app hash.
		single := ics23.MerkleProof{Proofs: m.Proofs[:1]}
		if err := single.VerifyMembership(ics23.SDKSpecs[:1], app.AppHash, ics23.NewMerklePath(st.Keys[i]), st.Values[i]); !errors.Is(err, ics23.ErrRootMismatch) {
			t.Fatalf("store proof against the app hash: %v", err)
		}
		if err := single.VerifyMembership(ics23.SDKSpecs[:1], st.Root, ics23.NewMerklePath(st.Keys[i]), st.Values[i]); err != nil {
			t.Fatalf("store proof against the store root: %v", err)
		}
		// Specs swapped: the IAVL proof is not a simple-Merkle proof.
		swapped := []*ics23.ProofSpec{ics23.TendermintSpec, ics23.IAVLSpec}
		if err := m.VerifyMembership(swapped, app.AppHash, path, st.Values[i]); !errors.Is(err, ics23.ErrSpec) {
			t.Fatalf("swapped specs: %v", err)
		}
	})
}

// Absence of a key from a module store, chained to the app hash, verifies; a present key
// cannot be proven absent, nor an absent key present.
func TestPropChainNonMembership(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		app := ics23test.GenerateApp(4, 30).Draw(t, "app")
		s := rapid.IntRange(0, len(app.Stores)-1).Draw(t, "store")
		st := app.Stores[s]
		key := ics23test.Key().Filter(func(k []byte) bool { _, ok := st.Index(k); return !ok }).Draw(t, "absent")
		path := ics23.NewMerklePath(app.Names[s], key)
		m := app.ProveNonMembership(s, key)
		if err := m.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, path); err != nil {
			t.Fatalf("generated chain: %v", err)
		}
		ops, err := ics23.DecodeProofOps(app.ProofOps(s, m))
		if err != nil {
			t.Fatal(err)
		}
		if err := ops.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, path); err != nil {
			t.Fatalf("from proof ops: %v", err)
		}
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, []byte{1}); !errors.Is(err, ics23.ErrInvalidProof) {
			t.Fatalf("membership from a non-existence proof: %v", err)
		}
		i := rapid.IntRange(0, len(st.Keys)-1).Draw(t, "present")
		present := ics23.NewMerklePath(app.Names[s], st.Keys[i])
		if err := m.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, present); err == nil {
			t.Fatal("a present key proven absent with another key's proof")
		}
		member := app.ProveMembership(s, i)
		if err := member.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, present); !errors.Is(err, ics23.ErrInvalidProof) {
			t.Fatalf("non-membership from an existence proof: %v", err)
		}
		root := bytes.Clone(app.AppHash)
		root[0] ^= 1
		if err := m.VerifyNonMembership(ics23.SDKSpecs, root, path); !errors.Is(err, ics23.ErrRootMismatch) {
			t.Fatalf("other root: %v", err)
		}
	})
}

// Hand-made chains that ibc-go's argument checks refuse.
func TestMerkleProofArguments(t *testing.T) {
	app := ics23test.NewApp([][]byte{[]byte("ibc"), []byte("acc")}, []*ics23test.IAVL{
		ics23test.NewIAVL([][]byte{[]byte("a"), []byte("b")}, [][]byte{[]byte("1"), []byte("2")}),
		ics23test.NewIAVL([][]byte{[]byte("c")}, [][]byte{[]byte("3")}),
	})
	s := 1 // "ibc" sorts after "acc"
	m := app.ProveMembership(s, 0)
	path := ics23.NewMerklePath([]byte("ibc"), []byte("a"))
	if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, []byte("1")); err != nil {
		t.Fatal(err)
	}
	batch := ics23.MerkleProof{Proofs: []ics23.CommitmentProof{{IsBatch: true, Batch: []ics23.BatchEntry{{Exist: m.Proofs[0].Exist}}}, m.Proofs[1]}}
	for _, c := range []struct {
		name  string
		m     ics23.MerkleProof
		specs []*ics23.ProofSpec
		root  []byte
		path  ics23.MerklePath
		value []byte
		want  error
	}{
		{"no proofs", ics23.MerkleProof{}, nil, app.AppHash, ics23.MerklePath{}, []byte("1"), ics23.ErrPath},
		{"fewer specs than proofs", m, ics23.SDKSpecs[:1], app.AppHash, path, []byte("1"), ics23.ErrPath},
		{"longer path than proofs", m, ics23.SDKSpecs, app.AppHash, ics23.NewMerklePath([]byte("x"), []byte("ibc"), []byte("a")), []byte("1"), ics23.ErrPath},
		{"nil spec", m, []*ics23.ProofSpec{ics23.IAVLSpec, nil}, app.AppHash, path, []byte("1"), ics23.ErrSpec},
		{"empty root", m, ics23.SDKSpecs, nil, path, []byte("1"), ics23.ErrInvalidProof},
		{"empty value", m, ics23.SDKSpecs, app.AppHash, path, nil, ics23.ErrInvalidProof},
		{"a batch in the chain", batch, ics23.SDKSpecs, app.AppHash, path, []byte("1"), ics23.ErrInvalidProof},
		{"an empty proof in the chain", ics23.MerkleProof{Proofs: []ics23.CommitmentProof{m.Proofs[0], {}}}, ics23.SDKSpecs, app.AppHash, path, []byte("1"), ics23.ErrInvalidProof},
		{"proofs in the wrong order", ics23.MerkleProof{Proofs: []ics23.CommitmentProof{m.Proofs[1], m.Proofs[0]}}, ics23.SDKSpecs, app.AppHash, path, []byte("1"), ics23.ErrSpec},
	} {
		if err := c.m.VerifyMembership(c.specs, c.root, c.path, c.value); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := (ics23.MerkleProof{}).VerifyNonMembership(ics23.SDKSpecs, app.AppHash, path); !errors.Is(err, ics23.ErrPath) {
		t.Errorf("non-membership of no proofs: %v", err)
	}
}

// A MerkleProof or ProofOps handed to the CommitmentProof decoder is named as what it is,
// instead of the bare "oneof twice" a generic protobuf reading gives.
func TestUnmarshalNamesWrappers(t *testing.T) {
	for _, f := range chainFixtures(t) {
		b, want := f.proof, ics23.ErrIsMerkleProof
		if f.encoding == "proof_ops_json" {
			b, want = f.opsProto, ics23.ErrIsProofOps
		}
		_, err := ics23.DecodeCommitmentProof(b)
		if !errors.Is(err, want) || !errors.Is(err, ics23.ErrMalformed) {
			t.Errorf("%s: DecodeCommitmentProof: %v, want %v", f.name, err, want)
		}
		err = ics23.VerifyMembership(ics23.IAVLSpec, f.root, b, f.path.KeyPath[1], f.value)
		if !errors.Is(err, want) {
			t.Errorf("%s: VerifyMembership: %v, want %v", f.name, err, want)
		}
	}
	// A plain malformed proof is not mistaken for a wrapper.
	_, err := ics23.DecodeCommitmentProof([]byte{0x0a, 0x00, 0x0a, 0x00})
	if !errors.Is(err, ics23.ErrMalformed) || errors.Is(err, ics23.ErrIsMerkleProof) || errors.Is(err, ics23.ErrIsProofOps) {
		t.Errorf("two empty existence proofs: %v", err)
	}
}

// ProofOps whose ops are not the ICS-23 commitment ops they claim are refused.
func TestProofOpsRefused(t *testing.T) {
	tr := ics23test.NewIAVL([][]byte{[]byte("k")}, [][]byte{[]byte("v")})
	data := must((&ics23.CommitmentProof{Exist: tr.Exist(0)}).AppendBinary(nil))
	op := func(typ string, key, data []byte) []byte {
		var m []byte
		m = pbField(m, 1, []byte(typ))
		m = pbField(m, 2, key)
		m = pbField(m, 3, data)
		return pbField(nil, 1, m)
	}
	batch := must((&ics23.CommitmentProof{IsBatch: true, Batch: []ics23.BatchEntry{{Exist: tr.Exist(0)}}}).AppendBinary(nil))
	for _, c := range []struct {
		name string
		b    []byte
		want error
	}{
		{"legacy iavl:v op", op("iavl:v", []byte("k"), data), ics23.ErrProofOp},
		{"another key", op(ics23.ProofOpIAVL, []byte("x"), data), ics23.ErrProofOp},
		{"a batch", op(ics23.ProofOpIAVL, []byte("k"), batch), ics23.ErrProofOp},
		{"no proof", op(ics23.ProofOpIAVL, []byte("k"), nil), ics23.ErrProofOp},
		{"data not a proof", op(ics23.ProofOpIAVL, []byte("k"), []byte{0xff}), ics23.ErrMalformed},
		{"type twice", pbField(nil, 1, pbField(pbField(nil, 1, []byte("a")), 1, []byte("b"))), ics23.ErrMalformed},
	} {
		if _, err := ics23.DecodeProofOps(c.b); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	for _, j := range []string{
		`{"ops":[],"extra":1}`,
		`{"ops":[]} {}`,
		`{"ops":[{"type":"ics23:iavl","key":"!!","data":""}]}`,
	} {
		if _, err := ics23.DecodeProofOpsJSON([]byte(j)); !errors.Is(err, ics23.ErrMalformed) {
			t.Errorf("%s: %v", j, err)
		}
	}
}

func BenchmarkMerkleProofVerifyMembership(b *testing.B) {
	app := benchApp()
	path := ics23.NewMerklePath(app.Names[0], app.Stores[0].Keys[100])
	proof := must(app.ProveMembership(0, 100).AppendBinary(nil))
	value := app.Stores[0].Values[100]
	b.ReportAllocs()
	for b.Loop() {
		m, err := ics23.DecodeMerkleProof(proof)
		if err != nil {
			b.Fatal(err)
		}
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, value); err != nil {
			b.Fatal(err)
		}
	}
}

// benchApp is an application of 20 stores, the first of 1,000 keys.
func benchApp() *ics23test.App {
	var names [][]byte
	var stores []*ics23test.IAVL
	for s := range 20 {
		n := 1
		if s == 0 {
			n = 1000
		}
		var keys, values [][]byte
		for i := range n {
			keys = append(keys, []byte{'k', byte(s), byte(i >> 8), byte(i)})
			values = append(values, bytes.Repeat([]byte{byte(i)}, 32))
		}
		names = append(names, []byte{'s', 't', byte('a' + s)})
		stores = append(stores, ics23test.NewIAVL(keys, values))
	}
	return ics23test.NewApp(names, stores)
}

// The byte-level functions give each real chain the answer the decoded chain gets.
func TestConformanceChainFromBytes(t *testing.T) {
	for _, f := range chainFixtures(t) {
		b := f.proof
		if f.encoding != "merkle_proof" {
			m, err := ics23.DecodeProofOps(f.opsProto)
			if err != nil {
				t.Fatal(err)
			}
			b = must(m.AppendBinary(nil))
		}
		var err error
		if len(f.value) == 0 {
			err = ics23.VerifyMerkleNonMembership(ics23.SDKSpecs, f.root, b, f.path)
		} else {
			err = ics23.VerifyMerkleMembership(ics23.SDKSpecs, f.root, b, f.path, f.value)
			if e := ics23.VerifyMerkleMembership(ics23.SDKSpecs, root0(f.root), b, f.path, f.value); !errors.Is(e, ics23.ErrRootMismatch) {
				t.Errorf("%s: other root: %v", f.name, e)
			}
		}
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
}

// A MerkleProof of one proof decodes as a CommitmentProof (its field 1 read as an
// existence proof); verifying it as one names what it is.
func TestVerifyNamesOneProofWrapper(t *testing.T) {
	tr := ics23test.NewIAVL([][]byte{[]byte("a"), []byte("b")}, [][]byte{{1}, {2}})
	single := must(ics23.MerkleProof{Proofs: []ics23.CommitmentProof{{Exist: tr.Exist(1)}}}.AppendBinary(nil))
	err := ics23.VerifyMembership(ics23.IAVLSpec, tr.Root, single, []byte("b"), []byte{2})
	if !errors.Is(err, ics23.ErrIsMerkleProof) || !errors.Is(err, ics23.ErrNoProofForKey) {
		t.Errorf("membership: %v", err)
	}
	absent := must(ics23.MerkleProof{Proofs: []ics23.CommitmentProof{{Nonexist: tr.NonExist([]byte("c"))}}}.AppendBinary(nil))
	if err := ics23.VerifyNonMembership(ics23.IAVLSpec, tr.Root, absent, []byte("c")); !errors.Is(err, ics23.ErrIsMerkleProof) {
		t.Errorf("non-membership: %v", err)
	}
	// The same proof unwrapped verifies.
	if err := ics23.VerifyMembership(ics23.IAVLSpec, tr.Root, must((&ics23.CommitmentProof{Exist: tr.Exist(1)}).AppendBinary(nil)), []byte("b"), []byte{2}); err != nil {
		t.Error(err)
	}
}
