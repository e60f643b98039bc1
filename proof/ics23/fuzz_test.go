package ics23

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

// seedProofs adds the vector proofs, when present, as fuzz seeds. It globs the folder
// itself: vectors.Files would skip the whole fuzz target when the vectors are absent.
func seedProofs(f *testing.F, add func(proof, key, value []byte)) {
	paths, _ := filepath.Glob(filepath.Join(vectors.Root(), "hub", "ics23", "*", "*.json"))
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var v struct{ Key, Value, Proof string }
		if json.Unmarshal(raw, &v) != nil {
			continue
		}
		proof, _ := hex.DecodeString(v.Proof)
		key, _ := hex.DecodeString(v.Key)
		value, _ := hex.DecodeString(v.Value)
		add(proof, key, value)
	}
}

// FuzzUnmarshal: the protobuf reader never panics, and what it accepts re-encodes to bytes
// that decode to the same encoding.
func FuzzUnmarshal(f *testing.F) {
	f.Add([]byte{0x0a, 0x00})
	seedProofs(f, func(proof, _, _ []byte) { f.Add(proof) })
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Unmarshal(b)
		if err != nil {
			return
		}
		enc := p.Marshal()
		q, err := Unmarshal(enc)
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if string(q.Marshal()) != string(enc) {
			t.Fatal("encoding not stable")
		}
		_, _ = p.Calculate()
	})
}

// FuzzVerifyMembership: no panic on any proof under any of the three specs.
func FuzzVerifyMembership(f *testing.F) {
	seedProofs(f, func(proof, key, value []byte) { f.Add(proof, key, value, uint8(0)) })
	f.Fuzz(func(t *testing.T, proof, key, value []byte, which uint8) {
		spec := []*ProofSpec{IAVLSpec, TendermintSpec, SMTSpec}[which%3]
		p, err := Unmarshal(proof)
		if err != nil {
			return
		}
		root, err := p.Calculate()
		if err != nil {
			return
		}
		_ = VerifyMembership(spec, root, proof, key, value)
	})
}

// FuzzVerifyNonMembership: no panic on any proof, in particular on neighbour paths that
// are empty, identical or fit no child slot, where ics23/go panics.
func FuzzVerifyNonMembership(f *testing.F) {
	seedProofs(f, func(proof, key, _ []byte) { f.Add(proof, key, uint8(0)) })
	f.Fuzz(func(t *testing.T, proof, key []byte, which uint8) {
		spec := []*ProofSpec{IAVLSpec, TendermintSpec, SMTSpec}[which%3]
		p, err := Unmarshal(proof)
		if err != nil {
			return
		}
		root, err := p.Calculate()
		if err != nil {
			return
		}
		_ = VerifyNonMembership(spec, root, proof, key)
	})
}
