package auction

import (
	"fmt"
	"math"

	"github.com/holiman/uint256"
)

// MaxCurvePoints is the number of uint16 block offsets that fit one packed uint256, and the
// most relative amounts NonlinearDutchDecayLib accepts.
const MaxCurvePoints = 16

// Curve is a V3DutchOrder NonlinearDutchDecay: a piecewise-linear curve of relative amounts
// over block offsets from decayStartBlock. Point i is (RelativeBlocks[i], RelativeAmounts[i]);
// the number of points is len(RelativeAmounts), and only that many block offsets are read.
// Relative amounts are int256 in two's complement (see ParseInt256) and are SUBTRACTED from
// the start amount: positive values lower the amount.
type Curve struct {
	RelativeBlocks  [MaxCurvePoints]uint16
	RelativeAmounts []uint256.Int
}

// SetPackedBlocks unpacks relativeBlocks as the order carries it: one uint256 with
// offset i at bits [16i, 16i+16) (UniswapX Uint16Array).
func (c *Curve) SetPackedBlocks(packed *uint256.Int) {
	for i := range c.RelativeBlocks {
		c.RelativeBlocks[i] = uint16(packed[i/4] >> (16 * (i % 4)))
	}
}

// PackedBlocks returns the block offsets packed into one uint256 as the order carries them.
func (c *Curve) PackedBlocks() uint256.Int {
	var p uint256.Int
	for i, b := range c.RelativeBlocks {
		p[i/4] |= uint64(b) << (16 * (i % 4))
	}
	return p
}

// locate returns the curve segment holding block offset d (NonlinearDutchDecayLib
// locateCurvePosition): before the first point the segment starts at (0, 0); past the last
// point it is the last point twice. Blocks need not ascend: the first point at or after d
// closes the segment.
func (c *Curve) locate(d uint16) (p0, p1 uint16, a0, a1 *uint256.Int) {
	if c.RelativeBlocks[0] >= d {
		return 0, c.RelativeBlocks[0], &zeroInt, &c.RelativeAmounts[0]
	}
	last := len(c.RelativeAmounts) - 1
	for i := 1; i <= last; i++ {
		if c.RelativeBlocks[i] >= d {
			return c.RelativeBlocks[i-1], c.RelativeBlocks[i], &c.RelativeAmounts[i-1], &c.RelativeAmounts[i]
		}
	}
	return c.RelativeBlocks[last], c.RelativeBlocks[last], &c.RelativeAmounts[last], &c.RelativeAmounts[last]
}

// zeroInt is the relative amount at block offset 0; never written.
var zeroInt uint256.Int

// maxUint256 is type(uint256).max, an output's upper bound.
var maxUint256 = uint256.Int{math.MaxUint64, math.MaxUint64, math.MaxUint64, math.MaxUint64}

// decay is NonlinearDutchDecayLib.decay with the rounding of v3LinearOutputDecay (output) or
// v3LinearInputDecay (input):
//
//	a) more than 16 relative amounts: ErrInvalidCurve;
//	b) block ≤ decayStartBlock, or no points: startAmount bounded to [min, max];
//	c) d = min(block - decayStartBlock, 65535); the segment holding d gives the curve delta,
//	   interpolated in checked int256 with the change rounded in the swapper's favour
//	   (outputs: up when the relative amount falls, down when it rises; inputs the reverse);
//	d) startAmount - delta, clamped to min on underflow and to max on overflow, then bounded.
//
// An int256 overflow in c), or a relative amount of -2^255 reached in d), is ErrOverflow.
func (c *Curve) decay(start, decayStartBlock *uint256.Int, block uint64, min, max *uint256.Int, output bool) (uint256.Int, error) {
	if len(c.RelativeAmounts) > MaxCurvePoints {
		return uint256.Int{}, fmt.Errorf("%w: %d relative amounts, at most %d", ErrInvalidCurve, len(c.RelativeAmounts), MaxCurvePoints)
	}
	var b uint256.Int
	b.SetUint64(block)
	if !decayStartBlock.Lt(&b) || len(c.RelativeAmounts) == 0 {
		return bound(start, min, max), nil
	}
	var delta uint256.Int
	delta.Sub(&b, decayStartBlock)
	d := uint16(math.MaxUint16)
	if delta.IsUint64() && delta.Uint64() < math.MaxUint16 {
		d = uint16(delta.Uint64())
	}
	p0, p1, a0, a1 := c.locate(d)
	var curveDelta uint256.Int
	if d >= p1 {
		curveDelta = *a1
	} else {
		var elapsed, duration uint256.Int
		elapsed.SetUint64(uint64(d - p0))
		duration.SetUint64(uint64(p1 - p0))
		// Outputs round the subtracted delta down (up when falling); inputs the reverse.
		if err := interpolate(&curveDelta, a0, a1, &elapsed, &duration, output, !output); err != nil {
			return uint256.Int{}, fmt.Errorf("curve at block offset %d: %w", d, err)
		}
	}
	return boundedSub(start, &curveDelta, min, max)
}

// boundedSub is MathExt.boundedSub: a - b for int256 b, returning min on underflow and max
// on overflow, then bounded to [min, max]. Negating b = -2^255 reverts in the reference.
func boundedSub(a, b, min, max *uint256.Int) (uint256.Int, error) {
	var r uint256.Int
	if isNeg(b) {
		if b.Eq(&minInt256) {
			return r, fmt.Errorf("%w: negating int256 -2^255", ErrOverflow)
		}
		var abs uint256.Int
		abs.Neg(b)
		if _, over := r.AddOverflow(a, &abs); over {
			return *max, nil
		}
	} else {
		if a.Lt(b) {
			return *min, nil
		}
		r.Sub(a, b)
	}
	return bound(&r, min, max), nil
}

// bound is MathExt.bound: min(max(v, lo), hi), so hi wins when lo > hi.
func bound(v, lo, hi *uint256.Int) uint256.Int {
	r := *v
	if r.Lt(lo) {
		r = *lo
	}
	if r.Gt(hi) {
		r = *hi
	}
	return r
}

// V3Output and V3Input do constant work (at most MaxCurvePoints points; more is
// ErrInvalidCurve before any arithmetic) and allocate nothing.
//
// V3Output returns a V3DutchOutput's amount at block: the curve decay of startAmount,
// bounded to [minAmount, 2^256-1] (NonlinearDutchDecayLib.decay(V3DutchOutput)).
// decayStartBlock is the cosigned uint256 word; block is the current block number (or
// Arbitrum's ArbSys block number, as the reactor's blockNumberish).
func (c *Curve) V3Output(startAmount, minAmount, decayStartBlock *uint256.Int, block uint64) (uint256.Int, error) {
	return c.decay(startAmount, decayStartBlock, block, minAmount, &maxUint256, true)
}

// V3Input returns a V3DutchInput's amount at block: the curve decay of startAmount, bounded
// to [0, maxAmount].
func (c *Curve) V3Input(startAmount, maxAmount, decayStartBlock *uint256.Int, block uint64) (uint256.Int, error) {
	var zero uint256.Int
	return c.decay(startAmount, decayStartBlock, block, &zero, maxAmount, false)
}
