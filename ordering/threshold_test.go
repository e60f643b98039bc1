package ordering

import (
	"math/big"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"
)

func stakeGen() *rapid.Generator[*uint256.Int] {
	return rapid.Custom(func(t *rapid.T) *uint256.Int {
		var z uint256.Int
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			z.SetUint64(rapid.Uint64Range(1, 1000).Draw(t, "small"))
		case 1:
			z.SetAllOne()
			z.SubUint64(&z, rapid.Uint64Range(0, 1000).Draw(t, "nearMax"))
		default:
			z.SetBytes(rapid.SliceOfN(rapid.Byte(), 1, 32).Draw(t, "bytes"))
		}
		if z.IsZero() {
			z.SetOne()
		}
		return &z
	})
}

// TestPropThresholds: SuccessThreshold is ⌊2t/3⌋+1 below U256::MAX/2 and HotShot's
// ⌊t/3⌋·2+2 above, never overflowing; a fraction num/den gives ⌈t·num/den⌉, checked
// against math/big.
func TestPropThresholds(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		total := stakeGen().Draw(rt, "total")
		bt := total.ToBig()
		want := new(big.Int)
		if total.Cmp(maxHalf) >= 0 {
			want.Div(bt, big.NewInt(3)).Mul(want, big.NewInt(2)).Add(want, big.NewInt(2))
		} else {
			want.Mul(bt, big.NewInt(2)).Div(want, big.NewInt(3)).Add(want, big.NewInt(1))
		}
		if got := SuccessThreshold(total); got.ToBig().Cmp(want) != 0 {
			rt.Fatalf("success(%s) = %s, want %s", total.Dec(), got.Dec(), want)
		}
		den := rapid.Uint64Range(1, 1<<40).Draw(rt, "den")
		num := rapid.Uint64Range(1, den).Draw(rt, "num")
		prod := new(big.Int).Mul(bt, new(big.Int).SetUint64(num))
		d := new(big.Int).SetUint64(den)
		ceil := new(big.Int).Add(prod, new(big.Int).Sub(d, big.NewInt(1)))
		ceil.Div(ceil, d)
		if got := fractionThreshold(total, Threshold{Num: num, Den: den}); got.ToBig().Cmp(ceil) != 0 {
			rt.Fatalf("⌈%s·%d/%d⌉ = %s, want %s", total.Dec(), num, den, got.Dec(), ceil)
		}
	})
}
