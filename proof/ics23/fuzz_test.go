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

// seedCompressed adds a compressed batch with an existence and a non-existence entry, so
// that the fuzzer starts from the lookup-table paths.
func seedCompressed(add func(proof []byte)) {
	exist := pb(nil).bytes(1, compressedExist([]byte("k"), 3))
	nonexist := pb(nil).bytes(2, pb(nil).bytes(2, compressedExist([]byte("a"), 2)).bytes(3, compressedExist([]byte("z"), 2)))
	add(compressedBatch(exist, nonexist))
}

// FuzzDecodeCommitmentProof: the protobuf reader never panics; what it accepts re-encodes to bytes
// that decode to the same encoding (the canonical encoding is a fixed point); and the
// depth-limited decoder of the Verify functions accepts exactly what DecodeCommitmentProof accepts.
func FuzzDecodeCommitmentProof(f *testing.F) {
	f.Add([]byte{0x0a, 0x00})
	seedProofs(f, func(proof, _, _ []byte) { f.Add(proof) })
	seedCompressed(func(proof []byte) { f.Add(proof) })
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeCommitmentProof(b)
		for _, limit := range []int{0, 2, defaultMaxDepth} {
			if _, lerr := unmarshal(b, limit); (lerr == nil) != (err == nil) {
				t.Fatalf("limit %d: %v, unlimited: %v", limit, lerr, err)
			}
		}
		if err != nil {
			return
		}
		enc := must(p.AppendBinary(nil))
		q, err := DecodeCommitmentProof(enc)
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if string(must(q.AppendBinary(nil))) != string(enc) {
			t.Fatal("encoding not stable")
		}
		_, _ = p.Calculate()
	})
}

// FuzzVerifyMembership: no panic on any proof under any of the three specs; the package
// function (fast path, then the depth-limited decoder) agrees with the decoded proof's
// method and with a one-item batch; and an accepted proof re-verifies after re-encoding.
func FuzzVerifyMembership(f *testing.F) {
	seedProofs(f, func(proof, key, value []byte) { f.Add(proof, key, value, uint8(0)) })
	seedCompressed(func(proof []byte) { f.Add(proof, []byte("k"), []byte("v"), uint8(1)) })
	f.Fuzz(func(t *testing.T, proof, key, value []byte, which uint8) {
		spec := []*ProofSpec{IAVLSpec, TendermintSpec, SMTSpec}[which%3]
		p, err := DecodeCommitmentProof(proof)
		if err != nil {
			return
		}
		root, err := p.Calculate()
		if err != nil {
			return
		}
		err = VerifyMembership(spec, root, proof, key, value)
		if merr := p.VerifyMembership(spec, root, key, value); (merr == nil) != (err == nil) {
			t.Fatalf("package function %v, method %v", err, merr)
		}
		if berr := BatchVerifyMembership(spec, root, proof, []KeyValue{{key, value}}); (berr == nil) != (err == nil) {
			t.Fatalf("single %v, batch %v", err, berr)
		}
		if err == nil {
			if err := VerifyMembership(spec, root, must(p.AppendBinary(nil)), key, value); err != nil {
				t.Fatalf("accepted, but not after re-encoding: %v", err)
			}
		}
	})
}

// FuzzVerifyNonMembership: no panic on any proof, in particular on neighbour paths that
// are empty, identical or fit no child slot, where ics23/go panics; the package function,
// the method and a one-key batch agree; an accepted proof re-verifies after re-encoding.
func FuzzVerifyNonMembership(f *testing.F) {
	seedProofs(f, func(proof, key, _ []byte) { f.Add(proof, key, uint8(0)) })
	seedCompressed(func(proof []byte) { f.Add(proof, []byte("m"), uint8(1)) })
	f.Fuzz(func(t *testing.T, proof, key []byte, which uint8) {
		spec := []*ProofSpec{IAVLSpec, TendermintSpec, SMTSpec}[which%3]
		p, err := DecodeCommitmentProof(proof)
		if err != nil {
			return
		}
		root, err := p.Calculate()
		if err != nil {
			return
		}
		err = VerifyNonMembership(spec, root, proof, key)
		if merr := p.VerifyNonMembership(spec, root, key); (merr == nil) != (err == nil) {
			t.Fatalf("package function %v, method %v", err, merr)
		}
		if berr := BatchVerifyNonMembership(spec, root, proof, [][]byte{key, key}); (berr == nil) != (err == nil) {
			t.Fatalf("single %v, batch %v", err, berr)
		}
		if err == nil {
			if err := VerifyNonMembership(spec, root, must(p.AppendBinary(nil)), key); err != nil {
				t.Fatalf("accepted, but not after re-encoding: %v", err)
			}
		}
	})
}
