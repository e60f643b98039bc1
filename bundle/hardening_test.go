package bundle_test

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/lightclient"
)

// TestHardeningWindowSpanWrap: a window whose span MaxHeight-MinHeight+1 wraps (to 0 for
// [0, 2^64-1], or past it for a window that never opens) must not let an empty Absent list
// prove a leg Missing without a single root consulted.
func TestHardeningWindowSpanWrap(t *testing.T) {
	leg := bundle.Leg{Chain: 1, Tx: []byte{0x02, 0xaa}, Window: bundle.Window{MinHeight: 0, MaxHeight: math.MaxUint64}}
	v := bundle.ReceiptVerifier{Roots: &lightclient.Memory{}}
	empty := bundle.LegEvidence{Chain: 1, Absent: []bundle.BlockTxs{}}

	// The repro, through the verifier and through CheckExecution.
	if out, fin, err := v.VerifyLeg(&leg, &empty); err == nil {
		t.Fatalf("window [0, 2^64-1], no absence blocks: proved %s at %s", out, fin)
	} else if !errors.Is(err, bundle.ErrEvidence) || !errors.Is(err, bundle.ErrAbsenceWindow) {
		t.Fatalf("window [0, 2^64-1]: %v, want ErrEvidence and ErrAbsenceWindow", err)
	}
	b := bundle.Bundle{Legs: []bundle.Leg{leg}}
	if ex, err := bundle.CheckExecution(&b, v, []bundle.LegEvidence{empty}); err == nil {
		t.Fatalf("CheckExecution gave %s at %s on no evidence", ex.Status, ex.Finality)
	}

	for _, tc := range []struct {
		name string
		w    bundle.Window
		ev   []bundle.BlockTxs
	}{
		{"full range, one block", bundle.Window{MinHeight: 0, MaxHeight: math.MaxUint64}, []bundle.BlockTxs{{Block: 0}}},
		{"top of the range", bundle.Window{MinHeight: 1, MaxHeight: math.MaxUint64}, []bundle.BlockTxs{}},
		// Called directly (not through CheckExecution's Validate), a window that never
		// opens must not wrap its span to zero either.
		{"never opens by one", bundle.Window{MinHeight: 11, MaxHeight: 10}, []bundle.BlockTxs{}},
		{"never opens", bundle.Window{MinHeight: math.MaxUint64, MaxHeight: 1}, []bundle.BlockTxs{}},
		{"single height, nothing listed", bundle.Window{MinHeight: 7, MaxHeight: 7}, []bundle.BlockTxs{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := leg
			l.Window = tc.w
			ev := bundle.LegEvidence{Chain: 1, Absent: tc.ev}
			if out, _, err := v.VerifyLeg(&l, &ev); err == nil {
				t.Fatalf("window %+v with %d absence blocks proved %s", tc.w, len(tc.ev), out)
			} else if !errors.Is(err, bundle.ErrEvidence) {
				t.Fatalf("window %+v: %v, want ErrEvidence", tc.w, err)
			}
		})
	}
}

// TestHardeningMissingConfiguration: verifiers without what they verify against refuse
// with ErrEvidence instead of panicking.
func TestHardeningMissingConfiguration(t *testing.T) {
	b := bundle.Bundle{Legs: []bundle.Leg{{Chain: 1, Tx: []byte{1}, Window: bundle.Window{MinHeight: 1, MaxHeight: 1}}}}
	ev := bundle.LegEvidence{Chain: 1, Absent: []bundle.BlockTxs{{Block: 1}}}
	if _, _, err := (bundle.ReceiptVerifier{}).VerifyLeg(&b.Legs[0], &ev); !errors.Is(err, bundle.ErrEvidence) {
		t.Errorf("ReceiptVerifier without roots: %v", err)
	}
	if _, err := bundle.CheckExecution(&b, nil, []bundle.LegEvidence{ev}); !errors.Is(err, bundle.ErrEvidence) {
		t.Errorf("CheckExecution without a verifier: %v", err)
	}
	if _, err := bundle.VerifyOrdered(nil, nil, nil); !errors.Is(err, bundle.ErrEvidence) {
		t.Errorf("VerifyOrdered without a committee: %v", err)
	}
}

// TestHardeningPackerCapacityOverflow: per-chain usage sums must not wrap past 2^64, so
// that "never exceeds capacity" holds for every uint64 capacity and size, on the exact
// path (at most ExactLimit candidates) and on the greedy one.
func TestHardeningPackerCapacityOverflow(t *testing.T) {
	const c = 1
	for _, tc := range []struct {
		name     string
		capacity uint64
		cands    []bundle.Candidate
	}{
		// The two cases.
		{"two full-capacity candidates at 2^63+10", 1<<63 + 10, []bundle.Candidate{
			{ID: interop.Hash{1}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1<<63 + 10}}},
			{ID: interop.Hash{2}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1<<63 + 10}}},
		}},
		{"two legs of 2^63 at 2^64-1", math.MaxUint64, []bundle.Candidate{
			{ID: interop.Hash{1}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1 << 63}}},
			{ID: interop.Hash{2}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1 << 63}}},
		}},
		// The same overflow within one candidate: its two legs on one chain.
		{"one candidate, two legs of 2^63 at 2^64-1", math.MaxUint64, []bundle.Candidate{
			{ID: interop.Hash{1}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1 << 63}, {Chain: c, Size: 1 << 63}}},
		}},
		{"one candidate, three legs near 2^63", 1<<63 + 10, []bundle.Candidate{
			{ID: interop.Hash{1}, Fee: fee(5), Legs: []bundle.PackLeg{{Chain: c, Size: 1<<63 + 10}, {Chain: c, Size: 1 << 62}, {Chain: c, Size: 1<<63 + 9}}},
		}},
	} {
		for _, greedy := range []bool{false, true} {
			name := tc.name + ", exact"
			cands := tc.cands
			if greedy {
				name = tc.name + ", greedy"
				// Pad above ExactLimit with candidates that fit nowhere together with the
				// others: each takes the whole chain.
				for i := len(cands); i <= bundle.ExactLimit; i++ {
					cands = append(cands, bundle.Candidate{ID: interop.Hash{0xf0, byte(i)}, Fee: fee(1), Legs: []bundle.PackLeg{{Chain: c, Size: tc.capacity}}})
				}
			}
			t.Run(name, func(t *testing.T) {
				p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{c: tc.capacity}}
				got, err := p.Pack(cands)
				if err != nil {
					t.Fatal(err)
				}
				if over, ok := overCapacity(p, cands, got.Selected); ok {
					t.Fatalf("selected %v, which needs %s of capacity %d on chain %d (Used %d)", got.Selected, over, tc.capacity, c, got.Used[c])
				}
				// Used is the true total: recomputed exactly it never differs.
				var want uint64
				for _, i := range got.Selected {
					for _, l := range cands[i].Legs {
						want += l.Size // no wrap: overCapacity proved the sum fits
					}
				}
				if got.Used[c] != want {
					t.Fatalf("Used %d, legs sum to %d", got.Used[c], want)
				}
			})
		}
	}
}

func fee(v uint64) uint256.Int { return *uint256.NewInt(v) }

// overCapacity sums each chain's usage of sel exactly (math/big) and reports the first
// chain whose total exceeds its capacity.
func overCapacity(p *bundle.Packer, cands []bundle.Candidate, sel []int) (string, bool) {
	used := map[interop.ChainID]*big.Int{}
	for _, i := range sel {
		for _, l := range cands[i].Legs {
			if used[l.Chain] == nil {
				used[l.Chain] = new(big.Int)
			}
			used[l.Chain].Add(used[l.Chain], new(big.Int).SetUint64(l.Size))
		}
	}
	for ch, u := range used {
		if u.Cmp(new(big.Int).SetUint64(p.Capacity[ch])) > 0 {
			return u.String(), true
		}
	}
	return "", false
}

// TestHardeningPackerExactWork: the exact search visits up to 2^ExactLimit nodes, so a
// node must cost a constant, not a candidate's size. ExactLimit candidates of MaxLegs legs
// with 64 conflict keys each (2 MiB) and equal fees, of which any 8 fit, took 20 s when
// every node re-read every key; the bitmask search takes milliseconds. The bound is wall
// time with a wide margin (100× the expected), as the cost is work, not memory.
func TestHardeningPackerExactWork(t *testing.T) {
	const capacity = 1 << 20
	p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{1: capacity}}
	var cands []bundle.Candidate
	for i := range bundle.ExactLimit {
		c := bundle.Candidate{ID: interop.Hash{byte(i)}, Fee: fee(1000)}
		for j := range bundle.MaxLegs {
			l := bundle.PackLeg{Chain: 1, Size: capacity / 8 / bundle.MaxLegs}
			for k := range 64 {
				l.Keys = append(l.Keys, bundle.ConflictKey{byte(i), byte(j), byte(k)})
			}
			c.Legs = append(c.Legs, l)
		}
		cands = append(cands, c)
	}
	start := time.Now()
	got, err := p.Pack(cands)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("exact search over %d candidates took %s", len(cands), d)
	}
	if len(got.Selected) != 8 {
		t.Fatalf("selected %d candidates, 8 fit", len(got.Selected))
	}
}

// fixedVerifier answers every leg with the same outcome and finality.
type fixedVerifier struct {
	out bundle.Outcome
	fin lightclient.Finality
}

func (v fixedVerifier) VerifyLeg(*bundle.Leg, *bundle.LegEvidence) (bundle.Outcome, lightclient.Finality, error) {
	return v.out, v.fin, nil
}

// TestHardeningVerifierAnswerOutOfRange: a custom verifier's Outcome(0) (a zero value left
// by a bug) counted as "included" for a MayRevert leg, so a leg that was never proven made
// an AllExecuted verdict; an undefined Finality was carried into the verdict. Both are now
// ErrEvidence.
func TestHardeningVerifierAnswerOutOfRange(t *testing.T) {
	w := bundle.Window{MinHeight: 7, MaxHeight: 7}
	b := &bundle.Bundle{Nonce: 1, Legs: []bundle.Leg{
		{Chain: 901, Tx: []byte("a"), Window: w},
		{Chain: 902, Tx: []byte("b"), Window: w, MayRevert: true},
	}}
	ev := make([]bundle.LegEvidence, 2)
	for _, c := range []fixedVerifier{
		{0, lightclient.Finalized}, {bundle.Missing + 1, lightclient.Finalized}, {255, lightclient.Safe},
		{bundle.Executed, lightclient.Finalized + 1},
	} {
		// Executed for leg 0, the bad answer for leg 1.
		v := legVerifier{bundle.Executed, c}
		if res, err := bundle.CheckExecution(b, v, ev); !errors.Is(err, bundle.ErrEvidence) {
			t.Errorf("answer %v at %v: verdict %v, %v; want ErrEvidence", c.out, c.fin, res.Status, err)
		}
	}
	if res, err := bundle.CheckExecution(b, legVerifier{bundle.Executed, fixedVerifier{bundle.Reverted, lightclient.Safe}}, ev); err != nil || res.Status != bundle.AllExecuted {
		t.Fatalf("a reverted MayRevert leg: %v, %v; want AllExecuted", res.Status, err)
	}
}

// legVerifier answers Executed/Finalized for the first leg (chain 901) and second for the
// others.
type legVerifier struct {
	first  bundle.Outcome
	second fixedVerifier
}

func (v legVerifier) VerifyLeg(l *bundle.Leg, ev *bundle.LegEvidence) (bundle.Outcome, lightclient.Finality, error) {
	if l.Chain == 901 {
		return v.first, lightclient.Finalized, nil
	}
	return v.second.VerifyLeg(l, ev)
}
