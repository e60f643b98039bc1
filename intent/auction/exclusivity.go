package auction

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
)

// BPS is the basis-point denominator of exclusivityOverrideBps.
const BPS = 10_000

// HasFillingRights is ExclusivityLib.hasFillingRights: a filler may fill when the order has
// no exclusive filler (the zero address), when now is strictly after exclusivityEnd, or when
// it is the exclusive filler. exclusivityEnd is a timestamp (V1, V2) or a block (V3); now is
// in the same unit. At now == exclusivityEnd others are still excluded.
func HasFillingRights(exclusive, filler interop.Address, exclusivityEnd *uint256.Int, now uint64) bool {
	if exclusive.IsZero() || exclusive == filler {
		return true
	}
	var t uint256.Int
	t.SetUint64(now)
	return t.Gt(exclusivityEnd)
}

// ExclusiveOverride applies ExclusivityLib._handleExclusiveOverride to a resolved order's
// output amounts, in place:
//
//	a) a filler with filling rights leaves the outputs as they are;
//	b) otherwise overrideBps == 0 means strict exclusivity: ErrNoExclusiveOverride;
//	c) otherwise each amount becomes mulDivUp(amount, 10000 + overrideBps, 10000), rounded
//	   up so the swapper gets the override in full.
//
// An overflow of 10000 + overrideBps or of a product is ErrOverflow; on any error the
// outputs are left unchanged, as the reverting transaction would leave them. Work O(n) in
// the n outputs (two passes), no allocation.
func ExclusiveOverride(outputs []uint256.Int, exclusive, filler interop.Address, exclusivityEnd *uint256.Int, now uint64, overrideBps *uint256.Int) error {
	if HasFillingRights(exclusive, filler, exclusivityEnd, now) {
		return nil
	}
	if overrideBps.IsZero() {
		return fmt.Errorf("%w: exclusive filler %s until %s, filler %s at %d", ErrNoExclusiveOverride, exclusive, exclusivityEnd.Dec(), filler, now)
	}
	var num, den uint256.Int
	den.SetUint64(BPS)
	if _, over := num.AddOverflow(overrideBps, &den); over {
		return fmt.Errorf("%w: 10000 + overrideBps %s", ErrOverflow, overrideBps.Dec())
	}
	var scratch uint256.Int
	for i := range outputs {
		if err := mulDiv(&scratch, &outputs[i], &num, &den, true); err != nil {
			return fmt.Errorf("output %d: %w", i, err)
		}
	}
	for i := range outputs {
		// Cannot fail: the first pass checked every product.
		_ = mulDiv(&outputs[i], &outputs[i], &num, &den, true)
	}
	return nil
}
