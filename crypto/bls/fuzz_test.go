package bls

import (
	"bytes"
	"strings"
	"testing"
)

const (
	seedPK  = "a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a"
	seedMsg = "0000000000000000000000000000000000000000000000000000000000000000"
	// The valid signature of seedMsg by seedPK (eth_fast_aggregate_verify_valid_0).
	seedSig = "b6ed936746e01f8ecf281f020953fbf1f01debd5657c4a383940b020b26507f6076334f91e2366c96e9ab279fb5158090352ea1c5b0c9274504f4f0e7053af24802e51e4568d164fe986834f41e55c8e850ce1f98458c0cfc9ab380b55285a55"
)

// FuzzPublicKeyFromBytes: no panic; an accepted key is valid and re-encodes to its input.
func FuzzPublicKeyFromBytes(f *testing.F) {
	f.Add(unhex(f, seedPK))
	f.Add(unhex(f, "c0"+strings.Repeat("00", 47)))
	f.Add(unhex(f, "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pk, err := PublicKeyFromBytes(b)
		if err != nil {
			return
		}
		if !pk.valid() || !pk.p.IsInSubGroup() {
			t.Fatalf("accepted invalid key %x", b)
		}
		if got := pk.Bytes(); !bytes.Equal(got[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, got)
		}
	})
}

// FuzzSignatureFromBytes: no panic; an accepted signature is in G2 and re-encodes to its input.
func FuzzSignatureFromBytes(f *testing.F) {
	f.Add(unhex(f, seedSig))
	f.Add(unhex(f, "c0"+strings.Repeat("00", 95)))
	f.Fuzz(func(t *testing.T, b []byte) {
		sig, err := SignatureFromBytes(b)
		if err != nil {
			return
		}
		if !sig.p.IsInSubGroup() {
			t.Fatalf("accepted signature outside G2: %x", b)
		}
		if got := sig.Bytes(); !bytes.Equal(got[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, got)
		}
	})
}

// FuzzVerify: no panic on any bytes, and the single-signature forms of every verification
// function agree with Verify.
func FuzzVerify(f *testing.F) {
	f.Add(unhex(f, seedPK), unhex(f, seedMsg), unhex(f, seedSig))
	f.Add(unhex(f, seedPK), []byte{}, unhex(f, seedSig))
	f.Add(unhex(f, "c0"+strings.Repeat("00", 47)), unhex(f, seedMsg), unhex(f, "c0"+strings.Repeat("00", 95)))
	f.Fuzz(func(t *testing.T, pkb, msg, sigb []byte) {
		pk, errPK := PublicKeyFromBytes(pkb)
		sig, errSig := SignatureFromBytes(sigb)
		if errPK != nil || errSig != nil {
			// Verification functions take decoded values only; nil ones must give false.
			if Verify(pk, msg, sig) || FastAggregateVerify([]*PublicKey{pk}, msg, sig) ||
				AggregateVerify([]*PublicKey{pk}, [][]byte{msg}, sig) ||
				VerifyBatch([]*PublicKey{pk}, [][]byte{msg}, []*Signature{sig}, nil) {
				t.Fatal("verified with an undecodable input")
			}
			return
		}
		want := Verify(pk, msg, sig)
		if got := FastAggregateVerify([]*PublicKey{pk}, msg, sig); got != want {
			t.Fatalf("FastAggregateVerify %v, Verify %v", got, want)
		}
		if got := AggregateVerify([]*PublicKey{pk}, [][]byte{msg}, sig); got != want {
			t.Fatalf("AggregateVerify %v, Verify %v", got, want)
		}
		if got := VerifyBatch([]*PublicKey{pk}, [][]byte{msg}, []*Signature{sig}, nil); got != want {
			t.Fatalf("VerifyBatch %v, Verify %v", got, want)
		}
	})
}

// FuzzSecretKeyFromBytes: no panic; an accepted key round-trips and signs verifiably.
func FuzzSecretKeyFromBytes(f *testing.F) {
	f.Add(unhex(f, "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138"))
	f.Add(make([]byte, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		sk, err := SecretKeyFromBytes(b)
		if err != nil {
			return
		}
		if got := sk.Bytes(); !bytes.Equal(got[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, got)
		}
		if sk.s.IsZero() {
			t.Fatal("accepted zero")
		}
	})
}
