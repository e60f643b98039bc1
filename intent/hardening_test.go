package intent_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/intenttest"
)

// exactOwed is the amount a Dutch-decaying output owes at now, computed in math/big in the
// user's favour: start - floor((start-end)·elapsed/duration), clamped to the window.
func exactOwed(d *intent.TransferOrderData, now uint64) *big.Int {
	start, end := d.OutputStartAmount.ToBig(), d.OutputEndAmount.ToBig()
	t0, t1 := uint64(d.DecayStartTime), uint64(d.DecayEndTime)
	switch {
	case start.Cmp(end) == 0 || now <= t0:
		return start
	case now >= t1:
		return end
	}
	diff := new(big.Int).Sub(start, end)
	diff.Mul(diff, new(big.Int).SetUint64(now-t0))
	diff.Quo(diff, new(big.Int).SetUint64(t1-t0))
	return diff.Sub(start, diff)
}

// TestHardeningOwedBelowEnd is issue 13 finding 3: start 2^256-1, end 1, times 0..100 passed
// Check, and Owed returned 0 (the amounts went through int256, where 2^256-1 is -1) for
// fill times 50..99, so an empty fill was paid. Owed must lie between the end and the start
// amount for every uint256 and equal the exact value in the user's favour.
func TestHardeningOwedBelowEnd(t *testing.T) {
	d := sampleTransfer()
	d.OutputStartAmount.SetAllOne()
	d.OutputEndAmount.SetUint64(1)
	d.DecayStartTime, d.DecayEndTime = 0, 100
	if err := d.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	for now := uint64(0); now <= 120; now++ {
		got, err := d.Owed(0, now)
		if err != nil {
			t.Fatalf("Owed at %d: %v", now, err)
		}
		if got.Lt(&d.OutputEndAmount) || got.Gt(&d.OutputStartAmount) {
			t.Fatalf("Owed at %d = %s, outside [%s, %s]", now, got.Dec(), d.OutputEndAmount.Dec(), d.OutputStartAmount.Dec())
		}
	}
	for now := uint64(0); now <= 120; now++ {
		got, _ := d.Owed(0, now)
		if want := exactOwed(&d, now); got.ToBig().Cmp(want) != 0 {
			t.Fatalf("Owed at %d = %s, want %s", now, got.Dec(), want)
		}
	}
}

// TestPropOwedBetweenEndAndStartMonotone: for every uint256 start ≥ end > 0 and every decay
// window, Owed is exact (rounded up, in the user's favour), lies in [end, start] and never
// rises with time.
func TestPropOwedBetweenEndAndStartMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := intenttest.TransferOrderData().Draw(t, "data")
		a := rapid.Uint64Range(0, 1<<33).Draw(t, "now1")
		b := rapid.Uint64Range(a, 1<<33+1).Draw(t, "now2")
		if rapid.Bool().Draw(t, "near window") {
			a = uint64(d.DecayStartTime) + rapid.Uint64Range(0, uint64(d.DecayEndTime-d.DecayStartTime)).Draw(t, "into1")
			b = a + rapid.Uint64Range(0, 3).Draw(t, "step")
		}
		if err := d.Check(); err != nil {
			t.Fatalf("generated data fails Check: %v", err)
		}
		va, err := d.Owed(0, a)
		if err != nil {
			t.Fatalf("Owed at %d: %v", a, err)
		}
		vb, err := d.Owed(0, b)
		if err != nil {
			t.Fatalf("Owed at %d: %v", b, err)
		}
		for _, c := range []struct {
			now uint64
			v   uint256.Int
		}{{a, va}, {b, vb}} {
			if c.v.Lt(&d.OutputEndAmount) || c.v.Gt(&d.OutputStartAmount) {
				t.Fatalf("Owed at %d = %s outside [%s, %s]", c.now, c.v.Dec(), d.OutputEndAmount.Dec(), d.OutputStartAmount.Dec())
			}
			if want := exactOwed(&d, c.now); c.v.ToBig().Cmp(want) != 0 {
				t.Fatalf("Owed at %d = %s, want %s", c.now, c.v.Dec(), want)
			}
		}
		if vb.Gt(&va) {
			t.Fatalf("Owed rises: %s at %d, %s at %d", va.Dec(), a, vb.Dec(), b)
		}
	})
}

// TestHardeningOwedUncheckedData: Owed on data that never went through Check refuses what
// Check refuses instead of computing a value outside the window.
func TestHardeningOwedUncheckedData(t *testing.T) {
	d := sampleTransfer()
	d.OutputEndAmount.SetUint64(2_000_000) // rising
	if _, err := d.Owed(0, 1050); !errors.Is(err, intent.ErrInvalidOrder) {
		t.Errorf("rising output: %v", err)
	}
	d = sampleTransfer()
	d.DecayEndTime = d.DecayStartTime
	if _, err := d.Owed(0, 1050); !errors.Is(err, intent.ErrInvalidOrder) {
		t.Errorf("empty decay window: %v", err)
	}
	if _, err := d.Owed(1, 1050); !errors.Is(err, intent.ErrInvalidOrder) {
		t.Errorf("output 1: %v", err)
	}
}
