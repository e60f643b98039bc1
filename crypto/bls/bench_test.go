package bls

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/interopkit/interop"
)

// benchKeys returns n deterministic keys, their public keys, and their signatures of msg.
func benchKeys(b testing.TB, n int, msg []byte) ([]*SecretKey, []*PublicKey, []*Signature) {
	b.Helper()
	sks := make([]*SecretKey, n)
	pks := make([]*PublicKey, n)
	sigs := make([]*Signature, n)
	for i := range n {
		var raw [32]byte
		raw[0] = 0x11
		raw[30], raw[31] = byte(i>>8), byte(i)
		sk, err := SecretKeyFromBytes(raw[:])
		if err != nil {
			b.Fatal(err)
		}
		sks[i], pks[i] = sk, sk.PublicKey()
		if msg != nil {
			sigs[i] = sk.Sign(msg)
		}
	}
	return sks, pks, sigs
}

var benchMsg = []byte("signing root of an attested header.")

func BenchmarkPublicKeyFromBytes(b *testing.B) {
	_, pks, _ := benchKeys(b, 1, nil)
	enc := pks[0].Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PublicKeyFromBytes(enc[:]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignatureFromBytes(b *testing.B) {
	_, _, sigs := benchKeys(b, 1, benchMsg)
	enc := sigs[0].Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SignatureFromBytes(enc[:]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	sks, _, _ := benchKeys(b, 1, nil)
	b.ReportAllocs()
	for b.Loop() {
		sks[0].Sign(benchMsg)
	}
}

func BenchmarkVerify(b *testing.B) {
	_, pks, sigs := benchKeys(b, 1, benchMsg)
	b.ReportAllocs()
	for b.Loop() {
		if !Verify(pks[0], benchMsg, sigs[0]) {
			b.Fatal("rejected")
		}
	}
}

// BenchmarkFastAggregateVerify512 is a full sync-committee update with the committee's keys
// already decoded: aggregate 512 keys, hash, one 2-pairing.
func BenchmarkFastAggregateVerify512(b *testing.B) {
	_, pks, sigs := benchKeys(b, 512, benchMsg)
	agg, err := Aggregate(sigs)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !FastAggregateVerify(pks, benchMsg, agg) {
			b.Fatal("rejected")
		}
	}
}

func BenchmarkAggregatePublicKeys512(b *testing.B) {
	_, pks, _ := benchKeys(b, 512, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AggregatePublicKeys(pks); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAggregateVerify(b *testing.B) {
	for _, n := range []int{4, 16} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			sks, pks, _ := benchKeys(b, n, nil)
			msgs := make([][]byte, n)
			sigs := make([]*Signature, n)
			for i := range n {
				msgs[i] = fmt.Appendf(nil, "message %d", i)
				sigs[i] = sks[i].Sign(msgs[i])
			}
			agg, err := Aggregate(sigs)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !AggregateVerify(pks, msgs, agg) {
					b.Fatal("rejected")
				}
			}
		})
	}
}

// BenchmarkVerifyBatch64 verifies 64 triples with distinct messages on one and two workers,
// against 64 Verify calls.
func BenchmarkVerifyBatch64(b *testing.B) {
	const n = 64
	sks, pks, _ := benchKeys(b, n, nil)
	msgs := make([][]byte, n)
	sigs := make([]*Signature, n)
	for i := range n {
		msgs[i] = fmt.Appendf(nil, "message %d", i)
		sigs[i] = sks[i].Sign(msgs[i])
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("batch/workers=%d", w), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !VerifyBatch(pks, msgs, sigs, rand.Reader, interop.Workers(w)) {
					b.Fatal("rejected")
				}
			}
		})
	}
	b.Run("individual", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range n {
				if !Verify(pks[i], msgs[i], sigs[i]) {
					b.Fatal("rejected")
				}
			}
		}
	})
}
