package bls_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/crypto/bls/blstest"
	"github.com/interopkit/interop/internal/vectors"
)

// TestMain lowers rapid's default of 100 cases to 25: signing and pairing cost about a
// millisecond each, and the package's tests should stay fast. An explicit -rapid.checks wins.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		if err := flag.Set("rapid.checks", "25"); err != nil {
			panic(err)
		}
	}
	os.Exit(vectors.Main(m))
}

func check(t *testing.T, prop func(*rapid.T)) {
	t.Helper()
	rapid.Check(t, prop)
}

func TestPropSignVerify(t *testing.T) {
	check(t, func(t *rapid.T) {
		s := blstest.SignedMessage().Draw(t, "signed")
		if !bls.Verify(s.PK, s.Msg, s.Sig) {
			t.Fatal("valid signature rejected")
		}
		other := blstest.Message().Draw(t, "other")
		if !bytes.Equal(other, s.Msg) && bls.Verify(s.PK, other, s.Sig) {
			t.Fatal("signature verified for another message")
		}
		sk2 := blstest.SecretKey().Draw(t, "sk2")
		if !sk2.PublicKey().Equal(s.PK) && bls.Verify(sk2.PublicKey(), s.Msg, s.Sig) {
			t.Fatal("signature verified under another key")
		}
		// The ciphersuite is deterministic: signing twice gives the same bytes.
		if a, b := s.SK.Sign(s.Msg).Bytes(), s.Sig.Bytes(); a != b {
			t.Fatal("signing is not deterministic")
		}
	})
}

func TestPropBytesRoundTrip(t *testing.T) {
	check(t, func(t *rapid.T) {
		s := blstest.SignedMessage().Draw(t, "signed")
		skb := s.SK.Bytes()
		sk, err := bls.SecretKeyFromBytes(skb[:])
		if err != nil || sk.Bytes() != skb {
			t.Fatalf("secret key round trip: %v", err)
		}
		pkb := s.PK.Bytes()
		pk, err := bls.PublicKeyFromBytes(pkb[:])
		if err != nil || !pk.Equal(s.PK) || pk.Bytes() != pkb {
			t.Fatalf("public key round trip: %v", err)
		}
		sigb := s.Sig.Bytes()
		sig, err := bls.SignatureFromBytes(sigb[:])
		if err != nil || !sig.Equal(s.Sig) || sig.Bytes() != sigb {
			t.Fatalf("signature round trip: %v", err)
		}
	})
}

func TestPropFastAggregateVerify(t *testing.T) {
	check(t, func(t *rapid.T) {
		sks := blstest.Committee(1, 6).Draw(t, "committee")
		msg := blstest.Message().Draw(t, "msg")
		pks := make([]*bls.PublicKey, len(sks))
		sigs := make([]*bls.Signature, len(sks))
		for i, sk := range sks {
			pks[i], sigs[i] = sk.PublicKey(), sk.Sign(msg)
		}
		agg, err := bls.Aggregate(sigs)
		if err != nil {
			t.Fatal(err)
		}
		apk, err := bls.AggregatePublicKeys(pks)
		if err != nil {
			t.Fatal(err)
		}
		want := bls.Verify(apk, msg, agg)
		if got := bls.FastAggregateVerify(pks, msg, agg); got != want || !got {
			t.Fatalf("FastAggregateVerify %v, Verify with the aggregate key %v", got, want)
		}
		if !bls.EthFastAggregateVerify(pks, msg, agg) {
			t.Fatal("EthFastAggregateVerify rejected a valid aggregate")
		}
		if len(pks) > 1 {
			drop := rapid.IntRange(0, len(pks)-1).Draw(t, "drop")
			fewer := append(append([]*bls.PublicKey{}, pks[:drop]...), pks[drop+1:]...)
			if bls.FastAggregateVerify(fewer, msg, agg) {
				t.Fatal("aggregate verified with a signer missing")
			}
		}
		if bls.FastAggregateVerify(nil, msg, agg) {
			t.Fatal("empty key list verified")
		}
	})
}

func TestPropAggregateVerify(t *testing.T) {
	check(t, func(t *rapid.T) {
		sks := blstest.Committee(1, 5).Draw(t, "committee")
		pool := rapid.SliceOfN(blstest.Message(), 1, 3).Draw(t, "messages")
		pks := make([]*bls.PublicKey, len(sks))
		msgs := make([][]byte, len(sks))
		sigs := make([]*bls.Signature, len(sks))
		for i, sk := range sks {
			// Messages repeat on purpose: the PoP scheme allows it.
			msgs[i] = pool[rapid.IntRange(0, len(pool)-1).Draw(t, "pick")]
			pks[i], sigs[i] = sk.PublicKey(), sk.Sign(msgs[i])
		}
		agg, err := bls.Aggregate(sigs)
		if err != nil {
			t.Fatal(err)
		}
		if !bls.AggregateVerify(pks, msgs, agg) {
			t.Fatal("valid aggregate rejected")
		}
		i := rapid.IntRange(0, len(msgs)-1).Draw(t, "tamper")
		tampered := append([][]byte{}, msgs...)
		tampered[i] = append(append([]byte{}, msgs[i]...), 0x01)
		if bls.AggregateVerify(pks, tampered, agg) {
			t.Fatal("aggregate verified with a changed message")
		}
		if bls.AggregateVerify(pks, msgs[:len(msgs)-1], agg) {
			t.Fatal("mismatched lists verified")
		}
	})
}

// TestPropBatchEqualsIndividual checks VerifyBatch against the AND of Verify, with and
// without one bad triple (a wrong message, a signature from another triple, or two
// signatures with a point moved between them).
func TestPropBatchEqualsIndividual(t *testing.T) {
	check(t, func(t *rapid.T) {
		triples := rapid.SliceOfN(blstest.SignedMessage(), 1, 5).Draw(t, "triples")
		pks := make([]*bls.PublicKey, len(triples))
		msgs := make([][]byte, len(triples))
		sigs := make([]*bls.Signature, len(triples))
		for i, s := range triples {
			pks[i], msgs[i], sigs[i] = s.PK, s.Msg, s.Sig
		}
		i := rapid.IntRange(0, len(triples)-1).Draw(t, "victim")
		switch rapid.IntRange(0, 3).Draw(t, "corruption") {
		case 1:
			msgs[i] = append(append([]byte{}, msgs[i]...), 0xff)
		case 2:
			sigs[i] = sigs[(i+1)%len(sigs)]
		case 3:
			if len(sigs) > 1 {
				// Forged pair: σᵢ + X and σⱼ - X still sum to the same aggregate.
				x := blstest.SecretKey().Draw(t, "x").Sign([]byte("X"))
				neg := negate(t, x)
				j := (i + 1) % len(sigs)
				sigs[i] = mustAggregate(t, sigs[i], x)
				sigs[j] = mustAggregate(t, sigs[j], neg)
			}
		}
		all := true
		for k := range pks {
			all = all && bls.Verify(pks[k], msgs[k], sigs[k])
		}
		if got := bls.VerifyBatch(pks, msgs, sigs, nil); got != all {
			t.Fatalf("VerifyBatch %v, individual verification %v", got, all)
		}
	})
}

// negate returns -s through the encoding: flipping the sign flag of a compressed point
// selects -y.
func negate(t *rapid.T, s *bls.Signature) *bls.Signature {
	b := s.Bytes()
	b[0] ^= 0x20
	n, err := bls.SignatureFromBytes(b[:])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustAggregate(t *rapid.T, sigs ...*bls.Signature) *bls.Signature {
	a, err := bls.Aggregate(sigs)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPropProofOfPossession(t *testing.T) {
	check(t, func(t *rapid.T) {
		sk := blstest.SecretKey().Draw(t, "sk")
		pk := sk.PublicKey()
		proof := sk.PopProve()
		if !bls.PopVerify(pk, proof) {
			t.Fatal("valid proof of possession rejected")
		}
		other := blstest.SecretKey().Draw(t, "other").PublicKey()
		if !other.Equal(pk) && bls.PopVerify(other, proof) {
			t.Fatal("proof verified for another key")
		}
		// Domain separation: a signature of the key's bytes under the signing DST is not a
		// proof of possession, and a proof is not a signature.
		pkb := pk.Bytes()
		if bls.PopVerify(pk, sk.Sign(pkb[:])) {
			t.Fatal("an ordinary signature passed as a proof of possession")
		}
		if bls.Verify(pk, pkb[:], proof) {
			t.Fatal("a proof of possession passed as a signature")
		}
	})
}

// TestPropDecodeRejectsOrRoundTrips: an adversarial encoding either fails with one of the
// package's sentinels or decodes to a point that re-encodes to the same bytes, so no point
// has two accepted encodings.
func TestPropDecodeRejectsOrRoundTrips(t *testing.T) {
	sentinels := []error{bls.ErrInvalidEncoding, bls.ErrNotCanonical, bls.ErrNotOnCurve, bls.ErrNotInSubgroup, bls.ErrInfinity}
	isSentinel := func(err error) bool {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return true
			}
		}
		return false
	}
	rapid.Check(t, func(t *rapid.T) {
		b := blstest.PublicKeyEncoding().Draw(t, "pk")
		pk, err := bls.PublicKeyFromBytes(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unexpected error %v", err)
			}
		} else if got := pk.Bytes(); !bytes.Equal(got[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, got)
		}
	})
	rapid.Check(t, func(t *rapid.T) {
		b := blstest.SignatureEncoding().Draw(t, "sig")
		sig, err := bls.SignatureFromBytes(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unexpected error %v", err)
			}
		} else if got := sig.Bytes(); !bytes.Equal(got[:], b) {
			t.Fatalf("accepted %x, re-encodes as %x", b, got)
		}
	})
}
