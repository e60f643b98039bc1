package auction_test

import (
	"errors"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/intent/auction"
)

// TestHardeningLinearInt256 is the auction side of issue 13 finding 3: DutchDecayLib at
// UniswapX HEAD casts the amounts to int256, so start 2^256-1 (-1 there) and end 1 decayed
// over 0..100 gave 0 for times 50..99 — below both amounts. Linear must never return a value
// outside [min(start,end), max(start,end)]; where the reference's casts would, it refuses.
func TestHardeningLinearInt256(t *testing.T) {
	var l auction.Linear
	l.StartAmount.SetAllOne()
	l.EndAmount.SetUint64(1)
	l.DecayEndTime.SetUint64(100)
	for now := uint64(0); now <= 120; now++ {
		for name, f := range map[string]func(uint64) (uint256.Int, error){"At": l.At, "Output": l.Output} {
			got, err := f(now)
			if err != nil {
				if !errors.Is(err, auction.ErrOverflow) {
					t.Fatalf("%s(%d): %v", name, now, err)
				}
				continue
			}
			if got.Lt(&l.EndAmount) || got.Gt(&l.StartAmount) {
				t.Fatalf("%s(%d) = %s, outside [1, 2^256-1]", name, now, got.Dec())
			}
		}
	}
	// An input rising from 1 to 2^255 would be read as falling to -2^255.
	var in auction.Linear
	in.StartAmount.SetUint64(1)
	in.EndAmount.Lsh(in.StartAmount.Clone(), 255)
	in.DecayEndTime.SetUint64(100)
	for now := uint64(0); now <= 120; now++ {
		got, err := in.Input(now)
		if err == nil && (got.Lt(&in.StartAmount) || got.Gt(&in.EndAmount)) {
			t.Fatalf("Input(%d) = %s, outside [1, 2^255]", now, got.Dec())
		}
	}
}
