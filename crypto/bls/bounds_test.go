package bls_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/hostile"
)

// logged runs hostile.Bounded and logs the allocation per input byte, for the record.
func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

type fixture struct {
	sks  []*bls.SecretKey
	pks  []*bls.PublicKey
	msgs [][]byte
	sigs []*bls.Signature
	agg  *bls.Signature // aggregate of sigs
	same *bls.Signature // aggregate of every key's signature of msgs[0]
}

func newFixture(t testing.TB, n int) *fixture {
	t.Helper()
	f := &fixture{}
	var same []*bls.Signature
	for i := range n {
		var b [bls.SecretKeySize]byte
		b[31], b[30] = byte(i+1), byte((i+1)>>8)
		sk, err := bls.SecretKeyFromBytes(b[:])
		if err != nil {
			t.Fatal(err)
		}
		msg := []byte{byte(i), byte(i >> 8), 0xaa}
		f.sks = append(f.sks, sk)
		f.pks = append(f.pks, sk.PublicKey())
		f.msgs = append(f.msgs, msg)
		f.sigs = append(f.sigs, sk.Sign(msg))
		same = append(same, sk.Sign(f.msgs[0]))
	}
	var err error
	if f.agg, err = bls.Aggregate(f.sigs); err != nil {
		t.Fatal(err)
	}
	if f.same, err = bls.Aggregate(same); err != nil {
		t.Fatal(err)
	}
	return f
}

// Decoders take fixed sizes and refuse any other length before looking at the bytes;
// verifiers take decoded values and cost at most a few hundred bytes per key or message,
// so an input's size is its encoding: 48 bytes per key, 96 per signature, plus messages.
func TestBoundsAllocPerInputByte(t *testing.T) {
	f := newFixture(t, 8)
	pk0, sig0 := f.pks[0].Bytes(), f.sigs[0].Bytes()
	huge := bytes.Repeat([]byte{0xc0}, 1<<20)
	logged(t, "PublicKeyFromBytes valid", len(pk0), func() { _, _ = bls.PublicKeyFromBytes(pk0[:]) })
	logged(t, "PublicKeyFromBytes 1 MiB", len(huge), func() { _, _ = bls.PublicKeyFromBytes(huge) })
	logged(t, "SignatureFromBytes valid", len(sig0), func() { _, _ = bls.SignatureFromBytes(sig0[:]) })
	logged(t, "SignatureFromBytes 1 MiB", len(huge), func() { _, _ = bls.SignatureFromBytes(huge) })
	logged(t, "SecretKeyFromBytes 1 MiB", len(huge), func() { _, _ = bls.SecretKeyFromBytes(huge) })
	bad := append([]byte{0xc1}, make([]byte, 95)...)
	logged(t, "SignatureFromBytes bad flags", len(bad), func() { _, _ = bls.SignatureFromBytes(bad) })

	// A 1 MiB message is hashed once, not copied per step.
	logged(t, "Verify 1 MiB message", len(huge)+48+96, func() { _ = bls.Verify(f.pks[0], huge, f.sigs[0]) })

	// Long lists: the same key and signature repeated (the cheapest input an attacker can
	// make), at 2^12 entries.
	const n = 1 << 12
	pks := make([]*bls.PublicKey, n)
	sigs := make([]*bls.Signature, n)
	msgs := make([][]byte, n)
	for i := range pks {
		pks[i], sigs[i], msgs[i] = f.pks[0], f.sigs[0], f.msgs[0]
	}
	listIn := n * (bls.PublicKeySize + len(f.msgs[0]))
	logged(t, "FastAggregateVerify 2^12 keys", listIn, func() { _ = bls.FastAggregateVerify(pks, f.msgs[0], f.sigs[0]) })
	logged(t, "AggregatePublicKeys 2^12 keys", listIn, func() { _, _ = bls.AggregatePublicKeys(pks) })
	logged(t, "Aggregate 2^12 signatures", n*bls.SignatureSize, func() { _, _ = bls.Aggregate(sigs) })
	logged(t, "AggregateVerify 2^12 pairs, one message", listIn, func() { _ = bls.AggregateVerify(pks, msgs, f.sigs[0]) })
	logged(t, "VerifyBatch 2^12 triples, one message", listIn+n*bls.SignatureSize, func() { _ = bls.VerifyBatch(pks, msgs, sigs, nil) })
	// Distinct messages: one hash to G2 and one Miller loop each.
	m := 1 << 10
	distinct := make([][]byte, m)
	for i := range distinct {
		distinct[i] = []byte{byte(i), byte(i >> 8)}
	}
	logged(t, "AggregateVerify 2^10 distinct messages", m*(bls.PublicKeySize+2), func() { _ = bls.AggregateVerify(pks[:m], distinct, f.sigs[0]) })
	logged(t, "VerifyBatch 2^10 distinct messages", m*(bls.PublicKeySize+bls.SignatureSize+2), func() { _ = bls.VerifyBatch(pks[:m], distinct, sigs[:m], nil) })
	// Mismatched lengths are refused before anything is allocated for them.
	logged(t, "AggregateVerify mismatched", listIn, func() {
		if bls.AggregateVerify(pks, msgs[:n-1], f.sigs[0]) {
			t.Error("mismatched lengths verified")
		}
	})
	logged(t, "VerifyBatch mismatched", listIn, func() {
		if bls.VerifyBatch(pks, msgs, sigs[:n-1], nil) {
			t.Error("mismatched lengths verified")
		}
	})
}

// TestBoundsBatchLimit: VerifyBatch refuses more than 2^20 triples before allocating.
func TestBoundsBatchLimit(t *testing.T) {
	f := newFixture(t, 1)
	n := 1<<20 + 1
	pks := make([]*bls.PublicKey, n)
	sigs := make([]*bls.Signature, n)
	msgs := make([][]byte, n)
	for i := range pks {
		pks[i], sigs[i], msgs[i] = f.pks[0], f.sigs[0], f.msgs[0]
	}
	hostile.Proportional(t, "VerifyBatch over the limit", n, 0, 1<<10, func() {
		if bls.VerifyBatch(pks, msgs, sigs, nil) {
			t.Error("verified over the limit")
		}
	})
}

// TestConcurrentPublicKey: decoded keys are read-only; 16 goroutines encode, compare,
// aggregate and verify with the same keys at once.
func TestConcurrentPublicKey(t *testing.T) {
	f := newFixture(t, 4)
	want := f.pks[1].Bytes()
	hostile.Concurrent(t, 3, func(g int) {
		pk := f.pks[g%len(f.pks)]
		b := pk.Bytes()
		back, err := bls.PublicKeyFromBytes(b[:])
		if err != nil || !back.Equal(pk) {
			t.Errorf("goroutine %d: round trip %v", g, err)
		}
		if f.pks[1].Bytes() != want {
			t.Errorf("goroutine %d: key bytes changed", g)
		}
		if !bls.Verify(pk, f.msgs[g%len(f.pks)], f.sigs[g%len(f.pks)]) {
			t.Errorf("goroutine %d: Verify failed", g)
		}
		if !bls.FastAggregateVerify(f.pks, f.msgs[0], f.same) {
			t.Errorf("goroutine %d: FastAggregateVerify failed", g)
		}
		if _, err := bls.AggregatePublicKeys(f.pks); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	})
}

// TestConcurrentSignature: signatures shared by 16 goroutines that aggregate, encode and
// verify them, alone and in batches.
func TestConcurrentSignature(t *testing.T) {
	f := newFixture(t, 4)
	hostile.Concurrent(t, 3, func(g int) {
		s := f.sigs[g%len(f.sigs)]
		b := s.Bytes()
		back, err := bls.SignatureFromBytes(b[:])
		if err != nil || !back.Equal(s) {
			t.Errorf("goroutine %d: round trip %v", g, err)
		}
		agg, err := bls.Aggregate(f.sigs)
		if err != nil || !agg.Equal(f.agg) {
			t.Errorf("goroutine %d: aggregate %v", g, err)
		}
		if !bls.AggregateVerify(f.pks, f.msgs, f.agg) {
			t.Errorf("goroutine %d: AggregateVerify failed", g)
		}
	})
}

// TestConcurrentVerifyBatch: batches over the same keys, messages and signatures at once,
// each goroutine with its own randomness (crypto/rand), one with a bad triple.
func TestConcurrentVerifyBatch(t *testing.T) {
	f := newFixture(t, 4)
	bad := append([]*bls.Signature(nil), f.sigs...)
	bad[2] = f.sigs[3]
	hostile.Concurrent(t, 2, func(g int) {
		if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil) {
			t.Errorf("goroutine %d: valid batch refused", g)
		}
		if bls.VerifyBatch(f.pks, f.msgs, bad, nil) {
			t.Errorf("goroutine %d: bad batch accepted", g)
		}
	})
}

// TestConcurrentSecretKey: one secret key signing, deriving its public key and proving
// possession on 16 goroutines.
func TestConcurrentSecretKey(t *testing.T) {
	f := newFixture(t, 1)
	sk := f.sks[0]
	want := f.sigs[0].Bytes()
	hostile.Concurrent(t, 2, func(g int) {
		if got := sk.Sign(f.msgs[0]).Bytes(); got != want {
			t.Errorf("goroutine %d: signature differs", g)
		}
		if !sk.PublicKey().Equal(f.pks[0]) {
			t.Errorf("goroutine %d: public key differs", g)
		}
		if !bls.PopVerify(f.pks[0], sk.PopProve()) {
			t.Errorf("goroutine %d: proof of possession failed", g)
		}
		if sk.Bytes() == ([bls.SecretKeySize]byte{}) {
			t.Errorf("goroutine %d: secret key bytes", g)
		}
	})
}
