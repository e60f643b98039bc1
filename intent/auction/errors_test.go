package auction_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/intent/auction"
)

// TestBadInput names each malformed or hostile input and the sentinel it must produce.
func TestBadInput(t *testing.T) {
	withSolution := func(mod func(string) string) func() error {
		return func() error {
			a, err := auction.DecodeAuction([]byte(seedAuction))
			if err != nil {
				return err
			}
			sols, err := auction.DecodeSolutions([]byte(mod(seedSolutions)))
			if err != nil {
				return err
			}
			_, err = auction.Validate(a, &sols[0], nil)
			return err
		}
	}
	withAuction := func(mod func(string) string) func() error {
		return func() error {
			_, err := auction.DecodeAuction([]byte(mod(seedAuction)))
			return err
		}
	}
	const sellPrice = `"6043910341261930467761"`
	huge := "115792089237316195423570985008687907853269984665640564039457584007913129639936" // 2^256
	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"decay end before start", func() error {
			var l auction.Linear
			l.StartAmount.SetUint64(1)
			l.EndAmount.SetUint64(2)
			l.DecayStartTime.SetUint64(10)
			l.DecayEndTime.SetUint64(10)
			_, err := l.At(5)
			return err
		}, auction.ErrEndBeforeStart},
		{"rising output", func() error {
			var l auction.Linear
			l.StartAmount.SetUint64(1)
			l.EndAmount.SetUint64(2)
			l.DecayEndTime.SetUint64(10)
			_, err := l.Output(5)
			return err
		}, auction.ErrIncorrectAmounts},
		{"decay product overflows mulDivDown", func() error {
			var l auction.Linear
			l.EndAmount.SetAllOne()
			l.EndAmount.Rsh(&l.EndAmount, 2)
			l.DecayEndTime.SetUint64(1 << 40)
			_, err := l.At(1 << 39)
			return err
		}, auction.ErrOverflow},
		{"int256 difference overflows", func() error {
			var l auction.Linear
			// end ≥ 2^255 is negative as int256, so start - end leaves the int256 range.
			l.EndAmount.Lsh(uint256.NewInt(1), 255)
			l.EndAmount.AddUint64(&l.EndAmount, 1)
			l.StartAmount.Lsh(uint256.NewInt(1), 254)
			l.DecayEndTime.SetUint64(10)
			_, err := l.At(5)
			return err
		}, auction.ErrOverflow},
		{"curve of 17 points", func() error {
			c := auction.Curve{RelativeAmounts: make([]uint256.Int, 17)}
			var s, d uint256.Int
			_, err := c.V3Output(&s, &s, &d, 1)
			return err
		}, auction.ErrInvalidCurve},
		{"strict exclusivity", func() error {
			var end, bps uint256.Int
			end.SetUint64(10)
			return auction.ExclusiveOverride([]uint256.Int{{1}}, [20]byte{1}, [20]byte{2}, &end, 10, &bps)
		}, auction.ErrNoExclusiveOverride},
		{"malformed JSON", withAuction(func(s string) string { return s[:len(s)-3] }), auction.ErrMalformed},
		{"amount with leading zero", withAuction(func(s string) string {
			return strings.Replace(s, `"sellAmount":"1337`, `"sellAmount":"01337`, 1)
		}), auction.ErrMalformed},
		{"amount past 2^256", withAuction(func(s string) string {
			return strings.Replace(s, `"buyAmount":"6000000000000000000000"`, `"buyAmount":"`+huge+`"`, 1)
		}), auction.ErrOverflow},
		{"token listed twice in other case", withAuction(func(s string) string {
			return strings.Replace(s, `"0xdef1ca1fb7fbcdc777520aa7f396b4e015f497ab":{`, `"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2":{`, 1)
		}), auction.ErrMalformed},
		{"unknown token priced", withSolution(func(s string) string {
			return strings.Replace(s, `"prices":{`, `"prices":{"0x00000000000000000000000000000000000000aa":"1",`, 1)
		}), auction.ErrUnknownToken},
		{"non-uniform price", withSolution(func(s string) string {
			return strings.Replace(s, `"prices":{`, `"prices":{"0xC02AAA39B223FE8D0A0E5C4F27EAD9083C756CC2":"1",`, 1)
		}), auction.ErrNonUniformPrice},
		{"tampered price below limit", withSolution(func(s string) string {
			return strings.Replace(s, sellPrice, `"5000000000000000000000"`, 1)
		}), auction.ErrLimitPrice},
		{"zero price", withSolution(func(s string) string { return strings.Replace(s, sellPrice, `"0"`, 1) }), auction.ErrMissingPrice},
		{"unknown order", withSolution(func(s string) string {
			return strings.Replace(s, `"order":"0x2a`, `"order":"0x2b`, 1)
		}), auction.ErrUnknownOrder},
		{"partial execution of fill-or-kill", withSolution(func(s string) string {
			return strings.Replace(s, `"executedAmount":"133700000000000000"`, `"executedAmount":"13370000000000000"`, 1)
		}), auction.ErrInvalidExecution},
		{"solver fee on market order", withSolution(func(s string) string {
			return strings.Replace(s, `"executedAmount":"133700000000000000"`, `"executedAmount":"133700000000000000","fee":"1"`, 1)
		}), auction.ErrInvalidFee},
		{"price overflows the executed product", withSolution(func(s string) string {
			return strings.Replace(s, sellPrice, `"`+huge[:77]+`"`, 1)
		}), auction.ErrOverflow},
		{"order traded twice", withSolution(func(s string) string {
			i := strings.Index(s, `{"kind":"fulfillment"`)
			j := strings.Index(s[i:], "}") + i + 1
			return s[:j] + "," + s[i:]
		}), auction.ErrDuplicateTrade},
		{"jit trade", withSolution(func(s string) string {
			return strings.Replace(s, `"kind":"fulfillment"`, `"kind":"jit"`, 1)
		}), auction.ErrUnsupportedTrade},
		{"no bids", func() error { _, err := auction.SelectWinner([32]byte{}, nil); return err }, auction.ErrNoBids},
		{"duplicate bid", func() error {
			_, err := auction.SelectWinner([32]byte{}, []auction.Bid{{SolutionID: 1}, {SolutionID: 1}})
			return err
		}, auction.ErrDuplicateBid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

// TestCombinatorialFairness is CIP-67's worked shape: a batch that beats the baseline on
// every pair wins both pairs; one that is worse on a pair than the single-pair solution is
// filtered; the reference score of the winner is what the others would have won.
func TestCombinatorialFairness(t *testing.T) {
	A, B, C := [20]byte{0xa}, [20]byte{0xb}, [20]byte{0xc}
	pair := func(s, b [20]byte, v uint64) auction.PairScore {
		p := auction.PairScore{Sell: s, Buy: b}
		p.Score.SetUint64(v)
		return p
	}
	bids := []auction.Bid{
		{Solver: [20]byte{1}, SolutionID: 0, Pairs: []auction.PairScore{pair(A, B, 100), pair(A, C, 50)}}, // fair batch
		{Solver: [20]byte{2}, SolutionID: 0, Pairs: []auction.PairScore{pair(A, B, 50), pair(A, C, 120)}}, // unfair on A→B
		{Solver: [20]byte{3}, SolutionID: 0, Pairs: []auction.PairScore{pair(A, B, 80)}},
		{Solver: [20]byte{4}, SolutionID: 0, Pairs: []auction.PairScore{pair(A, C, 40)}},
		{Solver: [20]byte{5}, SolutionID: 0, Pairs: []auction.PairScore{pair(B, A, 30)}},
	}
	out, err := auction.SelectCombinatorial([32]byte{}, bids, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range out.Fair {
		if i == 1 {
			t.Fatal("unfair batch kept")
		}
	}
	if len(out.Winners) != 2 || out.Winners[0] != 0 || out.Winners[1] != 4 {
		t.Fatalf("winners %v, want [0 4]", out.Winners)
	}
	if len(out.Reference) != 2 || out.Reference[0].Score.Uint64() != 80+40+30 || out.Reference[1].Score.Uint64() != 150 {
		t.Fatalf("reference scores %+v", out.Reference)
	}
}
