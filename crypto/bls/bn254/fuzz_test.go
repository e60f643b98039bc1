package bn254

import (
	"bytes"
	"testing"
)

// FuzzPublicKeyFromBytes: no panic; an accepted key is in G2, not infinity, and re-encodes
// to its input in the same form.
func FuzzPublicKeyFromBytes(f *testing.F) {
	pk := testKey(f, 1).PublicKey()
	b, c := pk.Bytes(), pk.BytesCompressed()
	f.Add(b[:])
	f.Add(c[:])
	f.Add(make([]byte, 128))
	f.Fuzz(func(t *testing.T, in []byte) {
		k, err := PublicKeyFromBytes(in)
		if err != nil {
			return
		}
		if k.p.IsInfinity() || !k.p.IsOnCurve() || !k.p.IsInSubGroup() {
			t.Fatalf("accepted invalid key %x", in)
		}
		var got []byte
		if len(in) == PublicKeySize {
			e := k.Bytes()
			got = e[:]
		} else {
			e := k.BytesCompressed()
			got = e[:]
		}
		if !bytes.Equal(got, in) {
			t.Fatalf("accepted %x, re-encodes as %x", in, got)
		}
	})
}

// FuzzSignatureFromBytes: no panic; an accepted signature is on the curve, not infinity,
// and re-encodes to its input.
func FuzzSignatureFromBytes(f *testing.F) {
	s := testKey(f, 1).Sign([]byte("seed"))
	b, c := s.Bytes(), s.BytesCompressed()
	f.Add(b[:])
	f.Add(c[:])
	f.Fuzz(func(t *testing.T, in []byte) {
		sig, err := SignatureFromBytes(in)
		if err != nil {
			return
		}
		if sig.p.IsInfinity() || !sig.p.IsOnCurve() {
			t.Fatalf("accepted invalid signature %x", in)
		}
		var got []byte
		if len(in) == SignatureSize {
			e := sig.Bytes()
			got = e[:]
		} else {
			e := sig.BytesCompressed()
			got = e[:]
		}
		if !bytes.Equal(got, in) {
			t.Fatalf("accepted %x, re-encodes as %x", in, got)
		}
	})
}

// FuzzParseTagged: no panic; an accepted tagged key or signature prints back to its input.
func FuzzParseTagged(f *testing.F) {
	sk := testKey(f, 2)
	f.Add(sk.PublicKey().String())
	f.Add(sk.Sign(nil).String())
	f.Add("BLS_SIG~")
	f.Fuzz(func(t *testing.T, s string) {
		if pk, err := ParsePublicKey(s); err == nil && pk.String() != s {
			t.Fatalf("key %q prints as %q", s, pk)
		}
		if sig, err := ParseSignature(s); err == nil && sig.String() != s {
			t.Fatalf("signature %q prints as %q", s, sig)
		}
	})
}

// FuzzVerify: no panic on any key, message and signature bytes; a verifying triple's
// signature also verifies through FastAggregateVerify of the single key.
func FuzzVerify(f *testing.F) {
	sk := testKey(f, 3)
	pk, sig := sk.PublicKey().Bytes(), sk.Sign([]byte("m")).Bytes()
	f.Add(pk[:], []byte("m"), sig[:])
	f.Fuzz(func(t *testing.T, pkb, msg, sigb []byte) {
		k, err1 := PublicKeyFromBytes(pkb)
		s, err2 := SignatureFromBytes(sigb)
		if err1 != nil || err2 != nil {
			return
		}
		if Verify(k, msg, s) != FastAggregateVerify([]*PublicKey{k}, msg, s) {
			t.Fatal("Verify and FastAggregateVerify disagree")
		}
	})
}
