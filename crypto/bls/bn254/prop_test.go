package bn254_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/crypto/bls/bn254/bn254test"
)

// TestPropSignVerify: a signature verifies under its key and message, through every encoding,
// and not under another message or key.
func TestPropSignVerify(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := bn254test.SignedMessage().Draw(t, "signed")
		if !bn254.Verify(s.PK, s.Msg, s.Sig) {
			t.Fatal("valid signature refused")
		}
		sb := s.Sig.BytesCompressed()
		sig, err := bn254.SignatureFromBytes(sb[:])
		if err != nil || !bn254.Verify(s.PK, s.Msg, sig) {
			t.Fatalf("compressed round trip: %v", err)
		}
		pk, err := bn254.ParsePublicKey(s.PK.String())
		if err != nil || !bn254.Verify(pk, s.Msg, s.Sig) {
			t.Fatalf("tagged round trip: %v", err)
		}
		other := append(append([]byte(nil), s.Msg...), 0)
		if bn254.Verify(s.PK, other, s.Sig) {
			t.Fatal("verifies another message")
		}
		sk2 := bn254test.SecretKey().Draw(t, "sk2")
		if !sk2.PublicKey().Equal(s.PK) && bn254.Verify(sk2.PublicKey(), s.Msg, s.Sig) {
			t.Fatal("verifies under another key")
		}
	})
}

// TestPropAggregate: the aggregate of n signatures on one message verifies under the n keys,
// and not with a key dropped or the message changed.
func TestPropAggregate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "n")
		msg := bn254test.Message().Draw(t, "msg")
		var pks []*bn254.PublicKey
		var sigs []*bn254.Signature
		for i := range n {
			sk := bn254test.SecretKey().Draw(t, "sk"+string(rune('0'+i)))
			pks = append(pks, sk.PublicKey())
			sigs = append(sigs, sk.Sign(msg))
		}
		agg, err := bn254.Aggregate(sigs)
		if err != nil {
			t.Fatal(err)
		}
		apk, err := bn254.AggregatePublicKeys(pks)
		if err != nil {
			t.Skip("keys cancel") // only with generated duplicates and negations
		}
		if !bn254.FastAggregateVerify(pks, msg, agg) || !bn254.Verify(apk, msg, agg) {
			t.Fatal("aggregate refused")
		}
		if n > 1 && bn254.FastAggregateVerify(pks[1:], msg, agg) {
			drop := pks[0].Equal(pks[1])
			if !drop {
				t.Fatal("aggregate verifies with a key dropped")
			}
		}
		if bn254.FastAggregateVerify(pks, append(msg, 1), agg) {
			t.Fatal("aggregate verifies another message")
		}
	})
}
