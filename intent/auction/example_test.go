package auction_test

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
)

// A UniswapX V2 Dutch output decays from 2000 to 1000 tokens over two minutes; a filler
// without exclusivity pays the 3% override during the exclusive window.
func ExampleLinear() {
	var l auction.Linear
	l.StartAmount.SetUint64(2000)
	l.EndAmount.SetUint64(1000)
	l.DecayStartTime.SetUint64(1_700_000_000)
	l.DecayEndTime.SetUint64(1_700_000_120)
	amt, err := l.Output(1_700_000_030)
	if err != nil {
		panic(err)
	}
	fmt.Println("decayed output:", amt.Dec())

	outputs := []uint256.Int{amt}
	exclusive, filler := interop.Address{1}, interop.Address{2}
	var bps uint256.Int
	bps.SetUint64(300)
	// V2 uses decayStartTime as the end of exclusivity.
	if err := auction.ExclusiveOverride(outputs, exclusive, filler, &l.DecayStartTime, 1_699_999_990, &bps); err != nil {
		panic(err)
	}
	fmt.Println("with override:", outputs[0].Dec())
	// Output:
	// decayed output: 1750
	// with override: 1803
}

// A CoW solution is validated against its auction and scored.
func ExampleValidate() {
	a, err := auction.DecodeAuction([]byte(seedAuction))
	if err != nil {
		panic(err)
	}
	sols, err := auction.DecodeSolutions([]byte(seedSolutions))
	if err != nil {
		panic(err)
	}
	execs, err := auction.Validate(a, &sols[0], nil)
	if err != nil {
		panic(err)
	}
	score, err := auction.Score(a, execs)
	if err != nil {
		panic(err)
	}
	fmt.Println("bought:", execs[0].Bought.Dec())
	fmt.Println("surplus:", execs[0].Surplus.Dec())
	fmt.Println("score (wei):", score.Dec())
	// Output:
	// bought: 6043910341261930467761
	// surplus: 43910341261930467761
	// score (wei): 2332742700887771
}
