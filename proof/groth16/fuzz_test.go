package groth16

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

// sentinels are the errors every decoder and verifier must wrap.
var sentinels = []error{ErrMalformed, ErrFieldRange, ErrNotOnCurve, ErrNotInSubgroup, ErrInvalidKey,
	ErrInvalidProof, ErrInputCount, ErrInputRange, ErrVerification, ErrSP1}

func wrapsSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func checkErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil && !wrapsSentinel(err) {
		t.Fatalf("%s: error wraps no sentinel: %v", what, err)
	}
}

// seedFiles adds every vector file matching pattern as a seed, when vectors are present.
func seedFiles(f *testing.F, pattern string) [][]byte {
	var out [][]byte
	root := vectors.Root()
	_ = filepath.WalkDir(filepath.Join(root, "zk"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if ok, _ := filepath.Match(pattern, d.Name()); ok {
			if b, err := os.ReadFile(path); err == nil {
				out = append(out, b)
			}
		}
		return nil
	})
	return out
}

// FuzzParseGnarkVerifyingKey: no panic; an accepted key re-encodes to the same bytes in
// its own form, and the other form parses to the same key.
func FuzzParseGnarkVerifyingKey(f *testing.F) {
	for _, b := range seedFiles(f, "groth16_vk.bin") {
		f.Add(b)
		if vk, err := ParseGnarkVerifyingKey(b); err == nil {
			f.Add(vk.GnarkBytes(false))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		vk, err := ParseGnarkVerifyingKey(b)
		checkErr(t, "parse", err)
		if err != nil {
			return
		}
		c, raw := vk.GnarkBytes(true), vk.GnarkBytes(false)
		if !bytes.Equal(c, b) && !bytes.Equal(raw, b) {
			// Mixed forms are accepted; they must still round-trip through either form.
			vk2, err := ParseGnarkVerifyingKey(c)
			if err != nil || !bytes.Equal(vk2.GnarkBytes(false), raw) {
				t.Fatalf("mixed-form key does not round-trip: %v", err)
			}
		}
		if _, err := ParseGnarkVerifyingKey(raw); err != nil {
			t.Fatalf("raw re-encoding refused: %v", err)
		}
	})
}

// FuzzParseGnarkProof: no panic; an accepted proof round-trips through both forms.
func FuzzParseGnarkProof(f *testing.F) {
	for _, fx := range seedFiles(f, "fixture.json") {
		var v struct {
			Derived *struct {
				ProofEVM string `json:"groth16_proof_evm"`
			} `json:"derived"`
		}
		if json.Unmarshal(fx, &v) != nil || v.Derived == nil {
			continue
		}
		if p, err := ParseEVMProof(unhex(f, v.Derived.ProofEVM)); err == nil {
			f.Add(p.GnarkBytes(true))
			f.Add(p.GnarkBytes(false))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseGnarkProof(b)
		checkErr(t, "parse", err)
		if err != nil {
			return
		}
		for _, compressed := range []bool{true, false} {
			q, err := ParseGnarkProof(p.GnarkBytes(compressed))
			if err != nil || !bytes.Equal(q.GnarkBytes(true), p.GnarkBytes(true)) {
				t.Fatalf("round trip (compressed %v): %v", compressed, err)
			}
		}
	})
}

// FuzzParseSnarkJS: no panic on any three JSON documents; errors wrap sentinels; an
// accepted set either verifies or fails with a sentinel.
func FuzzParseSnarkJS(f *testing.F) {
	vks := seedFiles(f, "verification_key.json")
	proofs := seedFiles(f, "proof.json")
	pubs := seedFiles(f, "public.json")
	for i := range min(len(vks), len(proofs), len(pubs)) {
		f.Add(vks[i], proofs[i], pubs[i])
	}
	f.Fuzz(func(t *testing.T, vk, proof, public []byte) {
		k, p, pub, err := ParseSnarkJS(vk, proof, public)
		checkErr(t, "parse", err)
		if err == nil && k != nil && p != nil && pub != nil {
			err := Verify(k, p, pub)
			checkErr(t, "verify", err)
			if err == nil {
				// Accepted ⇒ the proof re-encoded as calldata verifies again.
				q, err := ParseEVMProof(ptr256(p.EVMBytes()))
				if err != nil || Verify(k, q, pub) != nil {
					t.Fatalf("verified proof fails after re-encoding: %v", err)
				}
			}
		}
	})
}

func ptr256(b [EVMProofSize]byte) []byte { return b[:] }

// FuzzParseEVMProof: the calldata decoder is canonical: what it accepts re-encodes to the
// same 256 bytes.
func FuzzParseEVMProof(f *testing.F) {
	f.Add(make([]byte, EVMProofSize))
	for _, fx := range seedFiles(f, "fixture.json") {
		var v struct {
			Derived *struct {
				ProofEVM string `json:"groth16_proof_evm"`
			} `json:"derived"`
		}
		if json.Unmarshal(fx, &v) == nil && v.Derived != nil {
			f.Add(unhex(f, v.Derived.ProofEVM))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseEVMProof(b)
		checkErr(t, "parse", err)
		if err != nil {
			return
		}
		if re := p.EVMBytes(); !bytes.Equal(re[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, re)
		}
	})
}

// FuzzSP1: no panic on any proof bytes, program key or public values for the real SP1
// keys; errors wrap sentinels; only the fixtures' valid proofs verify.
func FuzzSP1(f *testing.F) {
	var verifiers []*SP1Verifier
	for _, b := range seedFiles(f, "groth16_vk.bin") {
		if vk, err := ParseGnarkVerifyingKey(b); err == nil && (vk.NumPublic() == 2 || vk.NumPublic() == 5) {
			v, err := NewSP1Verifier(b, [32]byte{})
			if err == nil {
				verifiers = append(verifiers, v)
			}
		}
	}
	if len(verifiers) == 0 {
		f.Skip("no SP1 keys in the vectors")
	}
	for _, fx := range seedFiles(f, "fixture.json") {
		var v struct {
			ProgramVKey  string `json:"program_vkey"`
			PublicValues string `json:"public_values"`
			Cases        []struct {
				ProofBytes   string `json:"proof_bytes"`
				ProgramVKey  string `json:"program_vkey"`
				PublicValues string `json:"public_values"`
			} `json:"cases"`
		}
		if json.Unmarshal(fx, &v) != nil {
			continue
		}
		for _, c := range v.Cases {
			pk, pv := v.ProgramVKey, v.PublicValues
			if c.ProgramVKey != "" {
				pk, pv = c.ProgramVKey, c.PublicValues
			}
			f.Add(uint8(0), unhex(f, pk), unhex(f, pv), unhex(f, c.ProofBytes))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, programVKey, publicValues, proofBytes []byte) {
		v := verifiers[int(which)%len(verifiers)]
		var pk [32]byte
		copy(pk[:], programVKey)
		p, _, err := v.Decode(pk, publicValues, proofBytes)
		checkErr(t, "decode", err)
		verr := v.Verify(pk, publicValues, proofBytes)
		checkErr(t, "verify", verr)
		if verr == nil {
			// Accepted ⇒ the envelope rebuilt around the re-encoded proof verifies again.
			evm := p.EVMBytes()
			again := append(bytes.Clone(proofBytes[:len(proofBytes)-EVMProofSize]), evm[:]...)
			if err := v.Verify(pk, publicValues, again); err != nil {
				t.Fatalf("verified proof fails after re-encoding: %v", err)
			}
		}
	})
}

// FuzzPrecompiles: no panic in the three BN254 precompiles on any input; errors wrap
// sentinels; add is commutative.
func FuzzPrecompiles(f *testing.F) {
	for _, file := range seedFiles(f, "bn256*.json") {
		var cases []precompileCase
		if json.Unmarshal(file, &cases) != nil {
			continue
		}
		for _, c := range cases {
			f.Add(unhex(f, c.Input))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		sum, err := PrecompileAdd(in)
		checkErr(t, "add", err)
		if err == nil {
			var padded [128]byte
			copy(padded[:], in)
			swapped := append(append([]byte(nil), padded[64:]...), padded[:64]...)
			if sum2, err := PrecompileAdd(swapped); err != nil || sum2 != sum {
				t.Fatalf("add not commutative: %v", err)
			}
		}
		_, err = PrecompileScalarMul(in)
		checkErr(t, "mul", err)
		_, err = PrecompilePairing(in)
		checkErr(t, "pairing", err)
	})
}
