package bls_test

import (
	"testing"
	"time"

	"github.com/interopkit/interop/crypto/bls"
)

// AggregateVerify hashed every message to G2 and ran a Miller loop per pair, so n copies
// of one (key, message) pair — 51 bytes each — cost n hashes to the curve: 2^14 copies
// took seconds. The proof-of-possession scheme allows repeated messages, and
// e(PK₁, H(m))·e(PK₂, H(m)) = e(PK₁+PK₂, H(m)): equal messages now share one hash and one
// Miller loop, as in VerifyBatch.
func TestHardeningAggregateVerifyRepeatedMessages(t *testing.T) {
	f := newFixture(t, 2)
	const n = 1 << 14
	pks := make([]*bls.PublicKey, n)
	msgs := make([][]byte, n)
	for i := range pks {
		pks[i], msgs[i] = f.pks[i%2], f.msgs[0]
	}
	// n/2 signatures by each key of msgs[0]: the aggregate is (n/2)·(σ₀+σ₁).
	pair, err := bls.Aggregate([]*bls.Signature{f.sks[0].Sign(f.msgs[0]), f.sks[1].Sign(f.msgs[0])})
	if err != nil {
		t.Fatal(err)
	}
	sigs := make([]*bls.Signature, n/2)
	for i := range sigs {
		sigs[i] = pair
	}
	agg, err := bls.Aggregate(sigs)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if !bls.AggregateVerify(pks, msgs, agg) {
		t.Error("valid aggregate refused")
	}
	if bls.AggregateVerify(pks, msgs, pair) {
		t.Error("wrong aggregate accepted")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("two AggregateVerify calls over %d repeated pairs took %s", n, d)
	}
}
