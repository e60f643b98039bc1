package auction

import (
	"fmt"

	"github.com/holiman/uint256"
)

// interpolate sets z = a + delta, where delta moves from a toward b by
// |b-a|·elapsed/duration, all in checked int256 arithmetic as UniswapX's linearDecay and
// v3Linear*Decay compute it. upFalling and upRising pick mulDivUp over mulDivDown when b is
// below, or at or above, a. The caller guarantees 0 ≤ elapsed < duration.
func interpolate(z, a, b, elapsed, duration *uint256.Int, upFalling, upRising bool) error {
	var diff, m uint256.Int
	if b.Slt(a) {
		if err := ssub(&diff, a, b); err != nil {
			return err
		}
		if err := mulDiv(&m, &diff, elapsed, duration, upFalling); err != nil {
			return err
		}
		// m ≤ diff < 2^255, so int256(m) is positive and its negation cannot overflow.
		m.Neg(&m)
	} else {
		if err := ssub(&diff, b, a); err != nil {
			return err
		}
		if err := mulDiv(&m, &diff, elapsed, duration, upRising); err != nil {
			return err
		}
	}
	return sadd(z, a, &m)
}

// Linear is the linear decay of one amount over time, as UniswapX DutchDecayLib.decay
// evaluates it for V1 DutchOrder, ExclusiveDutchOrder and V2DutchOrder. Times are the
// order's uint256 words, so an order that never stops decaying (decayEndTime = 2^256-1) is
// representable.
type Linear struct {
	StartAmount, EndAmount       uint256.Int
	DecayStartTime, DecayEndTime uint256.Int
}

// At returns the amount at block timestamp now, exactly as DutchDecayLib.decay at Uniswap/
// UniswapX 52299e91 computes it:
//
//	a) start == end: start, whatever the times (checked first);
//	b) decayEndTime ≤ decayStartTime: ErrEndBeforeStart;
//	c) now ≥ decayEndTime: end; now ≤ decayStartTime: start;
//	d) otherwise start ± mulDivDown(|end-start|, now-decayStartTime, decayEndTime-decayStartTime),
//	   so the change is rounded toward zero and the result toward start.
//
// Amounts pass through int256 as the reference casts them; a difference or product that
// overflows there, or in mulDivDown (no 512-bit intermediate), is ErrOverflow. An amount of
// 2^255 or more is ErrOverflow in case d): the reference's cast reads it as a negative
// int256 and can return a value outside [min(start,end), max(start,end)] (start 2^256-1,
// end 1 decays to 0), so every result At returns lies between the two amounts, never
// beyond. Constant work, no allocation.
func (l *Linear) At(now uint64) (uint256.Int, error) {
	var z uint256.Int
	if l.StartAmount.Eq(&l.EndAmount) {
		return l.StartAmount, nil
	}
	if !l.DecayStartTime.Lt(&l.DecayEndTime) {
		return z, fmt.Errorf("%w: decayStartTime %s, decayEndTime %s", ErrEndBeforeStart, l.DecayStartTime.Dec(), l.DecayEndTime.Dec())
	}
	var t uint256.Int
	t.SetUint64(now)
	if !t.Lt(&l.DecayEndTime) {
		return l.EndAmount, nil
	}
	if !l.DecayStartTime.Lt(&t) {
		return l.StartAmount, nil
	}
	// DutchDecayLib.linearDecay casts both amounts to int256 without a check; past 2^255-1
	// that reinterprets them as negative, and the "decay" leaves the window.
	if isNeg(&l.StartAmount) || isNeg(&l.EndAmount) {
		return z, fmt.Errorf("%w: linear decay at %d of %s → %s: amounts past 2^255-1 do not fit int256", ErrOverflow, now, l.StartAmount.Dec(), l.EndAmount.Dec())
	}
	var elapsed, duration uint256.Int
	elapsed.Sub(&t, &l.DecayStartTime)
	duration.Sub(&l.DecayEndTime, &l.DecayStartTime)
	// DutchDecayLib.linearDecay: int256(startAmount), int256(endAmount), mulDivDown both ways.
	if err := interpolate(&z, &l.StartAmount, &l.EndAmount, &elapsed, &duration, false, false); err != nil {
		return uint256.Int{}, fmt.Errorf("linear decay at %d: %w", now, err)
	}
	return z, nil
}

// Output returns the decayed amount of a DutchOutput: ErrIncorrectAmounts if the output
// would rise (startAmount < endAmount), else At(now). Constant work, no allocation.
func (l *Linear) Output(now uint64) (uint256.Int, error) {
	if l.StartAmount.Lt(&l.EndAmount) {
		return uint256.Int{}, fmt.Errorf("%w: output start %s < end %s", ErrIncorrectAmounts, l.StartAmount.Dec(), l.EndAmount.Dec())
	}
	return l.At(now)
}

// Input returns the decayed amount of a DutchInput: ErrIncorrectAmounts if the input would
// fall (startAmount > endAmount), else At(now). The input's maxAmount is EndAmount.
// Constant work, no allocation.
func (l *Linear) Input(now uint64) (uint256.Int, error) {
	if l.StartAmount.Gt(&l.EndAmount) {
		return uint256.Int{}, fmt.Errorf("%w: input start %s > end %s", ErrIncorrectAmounts, l.StartAmount.Dec(), l.EndAmount.Dec())
	}
	return l.At(now)
}
