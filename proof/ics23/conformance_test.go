package ics23

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

// ---- cosmos/ics23 testdata/{iavl,tendermint,smt}/*.json ----

type proofVector struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Root  string `json:"root"`
	Proof string `json:"proof"`
	Items []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"items"`
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatalf("hex %q: %v", s, err)
	}
	return b
}

// specFor names the spec by the vector's folder, as ics23's own tests do.
func specFor(path string) *ProofSpec {
	switch filepath.Base(filepath.Dir(path)) {
	case "iavl":
		return IAVLSpec
	case "tendermint":
		return TendermintSpec
	case "smt":
		return SMTSpec
	}
	return nil
}

func TestConformanceProofs(t *testing.T) {
	ran := 0
	for _, path := range vectors.Files(t, "hub", "ics23/*/*.json") {
		spec := specFor(path)
		if spec == nil {
			t.Errorf("%s: no spec for folder", path)
			continue
		}
		var v proofVector
		if err := json.Unmarshal(vectors.Read(t, path), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			root, proof := unhex(t, v.Root), unhex(t, v.Proof)
			p, err := DecodeCommitmentProof(proof)
			if err != nil {
				t.Fatal(err)
			}
			calc, err := p.Calculate()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(calc, root) {
				t.Fatalf("Calculate = %x, want %x", calc, root)
			}
			if v.Items != nil {
				checkBatch(t, spec, root, proof, &v)
			} else {
				checkSingle(t, spec, root, proof, unhex(t, v.Key), unhex(t, v.Value))
			}
			if !p.Compressed && !bytes.Equal(must(p.AppendBinary(nil)), proof) {
				t.Errorf("AppendBinary does not reproduce the canonical encoding")
			}
			if p.Compressed {
				// Written compressed again, the proof expands to the same entries.
				q, err := DecodeCommitmentProof(must(p.AppendBinary(nil)))
				if err != nil || !q.Compressed {
					t.Fatalf("compressed re-encoding: %v", err)
				}
				plain := func(c *CommitmentProof) []byte {
					return must((&CommitmentProof{Batch: c.Batch, IsBatch: true}).AppendBinary(nil))
				}
				if !bytes.Equal(plain(&q), plain(&p)) {
					t.Errorf("compressed re-encoding changes the entries")
				}
			}
		})
		ran++
	}
	if ran == 0 {
		t.Fatal("no proof vectors")
	}
}

func checkSingle(t *testing.T, spec *ProofSpec, root, proof, key, value []byte) {
	t.Helper()
	badRoot := bytes.Clone(root)
	badRoot[0] ^= 1
	if len(value) == 0 {
		if err := VerifyNonMembership(spec, root, proof, key); err != nil {
			t.Fatal(err)
		}
		if err := VerifyNonMembership(spec, badRoot, proof, key); !errors.Is(err, ErrRootMismatch) {
			t.Fatalf("tampered root: %v", err)
		}
		if err := VerifyMembership(spec, root, proof, key, []byte("v")); !errors.Is(err, ErrNoProofForKey) {
			t.Fatalf("membership from a non-existence proof: %v", err)
		}
		return
	}
	if err := VerifyMembership(spec, root, proof, key, value); err != nil {
		t.Fatal(err)
	}
	bad := append(bytes.Clone(value), 'x')
	if err := VerifyMembership(spec, root, proof, key, bad); !errors.Is(err, ErrValueMismatch) {
		t.Fatalf("tampered value: %v", err)
	}
	if err := VerifyMembership(spec, badRoot, proof, key, value); !errors.Is(err, ErrRootMismatch) {
		t.Fatalf("tampered root: %v", err)
	}
	if err := VerifyNonMembership(spec, root, proof, key); !errors.Is(err, ErrNoProofForKey) {
		t.Fatalf("non-membership of a member: %v", err)
	}
	for _, other := range []*ProofSpec{IAVLSpec, TendermintSpec, SMTSpec} {
		if other != spec {
			if err := VerifyMembership(other, root, proof, key, value); !errors.Is(err, ErrSpec) {
				t.Fatalf("accepted under another spec: %v", err)
			}
		}
	}
}

func checkBatch(t *testing.T, spec *ProofSpec, root, proof []byte, v *proofVector) {
	t.Helper()
	var members []KeyValue
	var absent [][]byte
	for _, it := range v.Items {
		k, val := unhex(t, it.Key), unhex(t, it.Value)
		if len(val) == 0 {
			absent = append(absent, k)
			if err := VerifyNonMembership(spec, root, proof, k); err != nil {
				t.Fatalf("item %x: %v", k, err)
			}
		} else {
			members = append(members, KeyValue{k, val})
			if err := VerifyMembership(spec, root, proof, k, val); err != nil {
				t.Fatalf("item %x: %v", k, err)
			}
		}
	}
	if err := BatchVerifyMembership(spec, root, proof, members); err != nil {
		t.Fatal(err)
	}
	if err := BatchVerifyNonMembership(spec, root, proof, absent); err != nil {
		t.Fatal(err)
	}
	if len(members) > 0 {
		members[0].Value = append(bytes.Clone(members[0].Value), 'x')
		if err := BatchVerifyMembership(spec, root, proof, members); !errors.Is(err, ErrValueMismatch) {
			t.Fatalf("tampered batch value: %v", err)
		}
	}
}

// ---- cosmos/ics23 testdata/Test*Data.json: the unit tables ----

type leafJSON struct {
	Hash         HashOp   `json:"hash"`
	PrehashKey   HashOp   `json:"prehash_key"`
	PrehashValue HashOp   `json:"prehash_value"`
	Length       LengthOp `json:"length"`
	Prefix       []byte   `json:"prefix"`
}

func (l *leafJSON) op() *LeafOp {
	if l == nil {
		return nil
	}
	return &LeafOp{Hash: l.Hash, PrehashKey: l.PrehashKey, PrehashValue: l.PrehashValue, Length: l.Length, Prefix: l.Prefix}
}

type innerJSON struct {
	Hash   HashOp `json:"hash"`
	Prefix []byte `json:"prefix"`
	Suffix []byte `json:"suffix"`
}

func (i innerJSON) op() InnerOp { return InnerOp(i) }

type existJSON struct {
	Key   []byte      `json:"key"`
	Value []byte      `json:"value"`
	Leaf  *leafJSON   `json:"leaf"`
	Path  []innerJSON `json:"path"`
}

func (e *existJSON) proof() *ExistenceProof {
	p := &ExistenceProof{Key: e.Key, Value: e.Value, Leaf: e.Leaf.op()}
	for _, s := range e.Path {
		p.Path = append(p.Path, s.op())
	}
	return p
}

type specJSON struct {
	LeafSpec  *leafJSON `json:"leaf_spec"`
	InnerSpec *struct {
		ChildOrder      []int32 `json:"child_order"`
		ChildSize       int32   `json:"child_size"`
		MinPrefixLength int32   `json:"min_prefix_length"`
		MaxPrefixLength int32   `json:"max_prefix_length"`
		EmptyChild      []byte  `json:"empty_child"`
		Hash            HashOp  `json:"hash"`
	} `json:"inner_spec"`
	MaxDepth                   int32 `json:"max_depth"`
	MinDepth                   int32 `json:"min_depth"`
	PrehashKeyBeforeComparison bool  `json:"prehash_key_before_comparison"`
}

func (s *specJSON) spec() *ProofSpec {
	p := &ProofSpec{LeafSpec: s.LeafSpec.op(), MaxDepth: s.MaxDepth, MinDepth: s.MinDepth, PrehashKeyBeforeComparison: s.PrehashKeyBeforeComparison}
	if is := s.InnerSpec; is != nil {
		p.InnerSpec = &InnerSpec{ChildOrder: is.ChildOrder, ChildSize: is.ChildSize, MinPrefixLength: is.MinPrefixLength,
			MaxPrefixLength: is.MaxPrefixLength, EmptyChild: is.EmptyChild, Hash: is.Hash}
	}
	return p
}

// checkErr compares an outcome with a table's expectation.
func checkErr(t *testing.T, name string, err error, wantErr bool) {
	t.Helper()
	if (err != nil) != wantErr {
		t.Errorf("%s: err = %v, want error %v", name, err, wantErr)
	}
}

func TestConformanceTables(t *testing.T) {
	ran := 0
	for _, path := range vectors.Files(t, "hub", "ics23/Test*Data.json") {
		raw := vectors.Read(t, path)
		base := filepath.Base(path)
		run, ok := tables[strings.TrimSuffix(strings.TrimPrefix(base, "Test"), "Data.json")]
		if !ok {
			t.Logf("%s: no runner for this table", base)
			continue
		}
		t.Run(base, func(t *testing.T) { run(t, raw) })
		ran++
	}
	if ran == 0 {
		t.Fatal("no tables")
	}
}

var tables = map[string]func(*testing.T, []byte){
	"DoHash": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			HashOp       HashOp
			Preimage     string
			ExpectedHash string
		}](t, raw) {
			var s state
			d, err := s.hash(c.HashOp, []byte(c.Preimage))
			if err != nil || hex.EncodeToString(d.bytes()) != c.ExpectedHash {
				t.Errorf("%s: %x, %v; want %s", name, d.bytes(), err, c.ExpectedHash)
			}
		}
	},
	"LeafOp": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			Op         leafJSON
			Key, Value []byte
			IsErr      bool
			Expected   []byte
		}](t, raw) {
			var s state
			d, err := s.applyLeaf(c.Op.op(), c.Key, c.Value)
			checkErr(t, name, err, c.IsErr)
			if err == nil && !bytes.Equal(d.bytes(), c.Expected) {
				t.Errorf("%s: %x, want %x", name, d.bytes(), c.Expected)
			}
		}
	},
	"InnerOp": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			Op       innerJSON
			Child    []byte
			IsErr    bool
			Expected []byte
		}](t, raw) {
			var s state
			op := c.Op.op()
			d, err := s.applyInner(&op, c.Child)
			checkErr(t, name, err, c.IsErr)
			if err == nil && !bytes.Equal(d.bytes(), c.Expected) {
				t.Errorf("%s: %x, want %x", name, d.bytes(), c.Expected)
			}
		}
	},
	"ExistenceProof": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			Proof    existJSON
			IsErr    bool
			Expected []byte
		}](t, raw) {
			var s state
			d, err := c.Proof.proof().calculate(&s, nil)
			checkErr(t, name, err, c.IsErr)
			if err == nil && !bytes.Equal(d.bytes(), c.Expected) {
				t.Errorf("%s: %x, want %x", name, d.bytes(), c.Expected)
			}
		}
	},
	"CheckLeaf": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			Leaf  leafJSON
			Spec  leafJSON
			IsErr bool
		}](t, raw) {
			err := checkLeaf(c.Leaf.op(), &ProofSpec{LeafSpec: c.Spec.op()})
			checkErr(t, name, err, c.IsErr)
		}
	},
	"CheckAgainstSpec": func(t *testing.T, raw []byte) {
		for name, c := range vectors.JSON[map[string]struct {
			Proof existJSON
			Spec  specJSON
			Err   string
		}](t, raw) {
			err := c.Proof.proof().checkAgainstSpec(c.Spec.spec())
			checkErr(t, name, err, c.Err != "")
			if err != nil && !errors.Is(err, ErrSpec) {
				t.Errorf("%s: %v does not wrap ErrSpec", name, err)
			}
		}
	},
	"EmptyBranch": func(t *testing.T, raw []byte) {
		for i, c := range vectors.JSON[[]struct {
			Op              innerJSON
			Spec            specJSON
			IsLeft, IsRight bool
		}](t, raw) {
			spec, op := c.Spec.spec(), c.Op.op()
			if err := checkInner(&op, spec, 1); err != nil {
				t.Errorf("case %d: invalid inner op: %v", i, err)
			}
			if got := leftBranchesAreEmpty(spec.InnerSpec, &op); got != c.IsLeft {
				t.Errorf("case %d: leftBranchesAreEmpty = %v", i, got)
			}
			if got := rightBranchesAreEmpty(spec.InnerSpec, &op); got != c.IsRight {
				t.Errorf("case %d: rightBranchesAreEmpty = %v", i, got)
			}
		}
	},
}
