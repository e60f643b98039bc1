package bls_test

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/crypto/bls/blstest"
	"github.com/interopkit/interop/internal/hostile"
)

// batchWorkers are the worker counts every batch is checked with: one (the caller's
// goroutine), two (this machine's cores), and more than there are cores or messages.
var batchWorkers = []int{1, 2, 3, 8}

// TestPropVerifyBatchWorkers: on batches whose messages repeat (so a message's triples
// may straddle two workers' pieces), valid or corrupted, VerifyBatch gives the answer of
// Verify on each triple with every worker count, reading the same weights from the same
// rng.
func TestPropVerifyBatchWorkers(t *testing.T) {
	defer bls.SetMinPieceCost(1)() // cut even these small batches
	check(t, func(t *rapid.T) {
		pool := rapid.SliceOfN(blstest.Message(), 1, 3).Draw(t, "messages")
		n := rapid.IntRange(1, 7).Draw(t, "n")
		pks := make([]*bls.PublicKey, n)
		msgs := make([][]byte, n)
		sigs := make([]*bls.Signature, n)
		for i := range n {
			sk := blstest.SecretKey().Draw(t, "sk")
			msgs[i] = pool[rapid.IntRange(0, len(pool)-1).Draw(t, "message")]
			pks[i], sigs[i] = sk.PublicKey(), sk.Sign(msgs[i])
		}
		i := rapid.IntRange(0, n-1).Draw(t, "victim")
		switch rapid.IntRange(0, 3).Draw(t, "corruption") {
		case 1:
			msgs[i] = append(bytes.Clone(msgs[i]), 0xff)
		case 2:
			sigs[i] = sigs[(i+1)%n]
		case 3:
			if n > 1 {
				// σᵢ + X and σⱼ - X: the aggregate is unchanged, only the weights catch it.
				x := blstest.SecretKey().Draw(t, "x").Sign([]byte("X"))
				j := (i + 1) % n
				sigs[i] = mustAggregate(t, sigs[i], x)
				sigs[j] = mustAggregate(t, sigs[j], negate(t, x))
			}
		}
		want := true
		for k := range pks {
			want = want && bls.Verify(pks[k], msgs[k], sigs[k])
		}
		seed := rapid.SliceOfN(rapid.Byte(), 8*n, 8*n).Draw(t, "weights")
		for _, w := range batchWorkers {
			if got := bls.VerifyBatch(pks, msgs, sigs, bytes.NewReader(seed), interop.Workers(w)); got != want {
				t.Fatalf("workers %d: VerifyBatch %v, individual verification %v", w, got, want)
			}
		}
	})
}

// TestVerifyBatchWorkersFixed: a batch of distinct messages and one of a single message,
// each valid and with one bad triple at the start, middle and end, agree across worker
// counts (including 0 and negative, which mean the default).
func TestVerifyBatchWorkersFixed(t *testing.T) {
	defer bls.SetMinPieceCost(1)()
	f := newFixture(t, 9)
	same := make([][]byte, len(f.msgs))
	sameSigs := make([]*bls.Signature, len(f.msgs))
	for i := range same {
		same[i] = f.msgs[0]
		sameSigs[i] = f.sks[i].Sign(f.msgs[0])
	}
	cases := []struct {
		name string
		msgs [][]byte
		sigs []*bls.Signature
	}{{"distinct", f.msgs, f.sigs}, {"one message", same, sameSigs}}
	for _, c := range cases {
		for _, bad := range []int{-1, 0, 4, 8} {
			sigs := append([]*bls.Signature(nil), c.sigs...)
			if bad >= 0 {
				sigs[bad] = c.sigs[(bad+1)%len(sigs)]
			}
			for _, w := range append([]int{-1, 0}, batchWorkers...) {
				if got := bls.VerifyBatch(f.pks, c.msgs, sigs, nil, interop.Workers(w)); got != (bad < 0) {
					t.Errorf("%s, bad triple %d, workers %d: got %v", c.name, bad, w, got)
				}
			}
		}
	}
}

// TestConcurrentVerifyBatchWorkers runs many-worker batches from several goroutines at
// once over shared keys and signatures (run with -race).
func TestConcurrentVerifyBatchWorkers(t *testing.T) {
	defer bls.SetMinPieceCost(1)() // set before the goroutines start, restored after
	f := newFixture(t, 6)
	bad := append([]*bls.Signature(nil), f.sigs...)
	bad[5] = f.sigs[0]
	hostile.Concurrent(t, 1, func(g int) {
		w := interop.Workers(1 + g%4)
		if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil, w) {
			t.Errorf("goroutine %d: valid batch refused", g)
		}
		if bls.VerifyBatch(f.pks, f.msgs, bad, nil, w) {
			t.Errorf("goroutine %d: bad batch accepted", g)
		}
	})
}
