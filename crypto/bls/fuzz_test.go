package bls

import (
	"bytes"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
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

// FuzzAggregateVerify: keys, messages (often repeated) and an aggregate drawn from the
// input, sometimes with one signature swapped for a wrong one. AggregateVerify must agree
// with the reference product of one pairing per pair, accept exactly the honest
// aggregates, and give the same answer after every key and the signature are re-encoded
// and decoded; VerifyBatch must agree with Verify on each triple.
func FuzzAggregateVerify(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 4, 5, 6, 7, 8}, byte(0))
	f.Add([]byte{1, 9, 9, 9, 9}, byte(0x10))
	f.Add([]byte{0, 0}, byte(0x31))
	f.Fuzz(func(t *testing.T, data []byte, flags byte) {
		if len(data) < 2 || len(data) > 64 {
			return
		}
		n := 1 + int(data[0])%4
		pool := [][]byte{data[1:2], data[1:], nil}
		var pks []*PublicKey
		var msgs [][]byte
		var sigs []*Signature
		for i := range n {
			var b [SecretKeySize]byte
			b[31], b[30] = data[(1+i)%len(data)]|1, byte(i)
			sk, err := SecretKeyFromBytes(b[:])
			if err != nil {
				t.Fatal(err)
			}
			msg := pool[int(data[(2+i)%len(data)])%len(pool)]
			pks = append(pks, sk.PublicKey())
			msgs = append(msgs, msg)
			sigs = append(sigs, sk.Sign(msg))
		}
		honest := flags&0x10 == 0
		if !honest {
			// Sign a different message in one slot.
			var b [SecretKeySize]byte
			b[31] = 7
			sk, _ := SecretKeyFromBytes(b[:])
			sigs[int(flags)%n] = sk.Sign(append([]byte{0xff}, msgs[int(flags)%n]...))
		}
		agg, err := Aggregate(sigs)
		if err != nil {
			t.Fatal(err)
		}
		// Reference: ∏ e(PKᵢ, H(mᵢ)) · e(-P, σ) == 1, one pairing per pair.
		ps := make([]bls12381.G1Affine, 0, n+1)
		qs := make([]bls12381.G2Affine, 0, n+1)
		for i := range n {
			ps = append(ps, pks[i].p)
			qs = append(qs, hashToG2(msgs[i], dstSig))
		}
		want := pairingIsOne(append(ps, negG1), append(qs, agg.p))
		if got := AggregateVerify(pks, msgs, agg); got != want {
			t.Fatalf("AggregateVerify %v, reference %v", got, want)
		}
		if honest && !want {
			t.Fatal("honest aggregate refused")
		}
		// Re-encode everything: the verdict must not change.
		re := make([]*PublicKey, n)
		for i, pk := range pks {
			b := pk.Bytes()
			if re[i], err = PublicKeyFromBytes(b[:]); err != nil {
				t.Fatal(err)
			}
		}
		ab := agg.Bytes()
		agg2, err := SignatureFromBytes(ab[:])
		if err != nil {
			t.Fatal(err)
		}
		if got := AggregateVerify(re, msgs, agg2); got != want {
			t.Fatalf("after re-encoding: %v, before %v", got, want)
		}
		all := true
		for i := range n {
			all = all && Verify(pks[i], msgs[i], sigs[i])
		}
		if got := VerifyBatch(re, msgs, sigs, nil); got != all {
			t.Fatalf("VerifyBatch %v, each Verify %v", got, all)
		}
		if AggregateVerify(pks[:n-1], msgs, agg) || (n > 1 && AggregateVerify(pks[:n-1], msgs[:n-1], agg) && honest && msgsDistinctFrom(msgs, n-1)) {
			t.Fatal("accepted with a pair dropped")
		}
	})
}

// msgsDistinctFrom reports whether no other message equals msgs[i] (so dropping pair i
// from an honest aggregate must make it fail).
func msgsDistinctFrom(msgs [][]byte, i int) bool {
	for j := range msgs {
		if j != i && bytes.Equal(msgs[j], msgs[i]) {
			return false
		}
	}
	return true
}
