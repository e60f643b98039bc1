package auction_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/intent/auction"
)

const seedAuction = `{"id":"1","tokens":{"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2":{"decimals":18,"referencePrice":"1000000000000000000","trusted":true},"0xdef1ca1fb7fbcdc777520aa7f396b4e015f497ab":{"decimals":18,"referencePrice":"53125132573502","trusted":true}},"orders":[{"uid":"0x2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a","sellToken":"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2","buyToken":"0xDEf1CA1fb7FBcDC777520aa7f396b4E015F497aB","sellAmount":"133700000000000000","fullSellAmount":"133700000000000000","buyAmount":"6000000000000000000000","fullBuyAmount":"6000000000000000000000","feePolicies":[],"validTo":0,"kind":"sell","owner":"0x5b1e2c2762667331bc91648052f646d1b0d35984","partiallyFillable":false,"class":"market"}]}`

const seedSolutions = `{"solutions":[{"id":0,"prices":{"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2":"6043910341261930467761","0xdef1ca1fb7fbcdc777520aa7f396b4e015f497ab":"133700000000000000"},"trades":[{"kind":"fulfillment","order":"0x2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a","executedAmount":"133700000000000000"}],"interactions":[],"gas":166391}]}`

// sentinel reports whether err wraps one of the package's sentinels.
func sentinel(err error) bool {
	for _, s := range []error{auction.ErrOverflow, auction.ErrMalformed, auction.ErrTooLarge, auction.ErrUnknownOrder,
		auction.ErrDuplicateTrade, auction.ErrUnknownToken, auction.ErrNonUniformPrice, auction.ErrMissingPrice,
		auction.ErrInvalidExecution, auction.ErrInvalidFee, auction.ErrLimitPrice, auction.ErrUnsupportedTrade,
		auction.ErrMissingNativePrice, auction.ErrEndBeforeStart, auction.ErrIncorrectAmounts, auction.ErrInvalidCurve,
		auction.ErrNoExclusiveOverride} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func FuzzDecodeAuction(f *testing.F) {
	f.Add([]byte(seedAuction))
	f.Add([]byte(`{"tokens":{},"orders":[]}`))
	f.Add([]byte(`{"tokens":{"0x01":{}},"orders":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := auction.DecodeAuction(b)
		if err != nil {
			if !sentinel(err) {
				t.Fatalf("unwrapped error: %v", err)
			}
			return
		}
		for i := range a.Orders {
			if _, ok := a.Token(a.Orders[i].SellToken); !ok {
				t.Fatal("order token missing from the token map")
			}
		}
	})
}

func FuzzDecodeSolutions(f *testing.F) {
	f.Add([]byte(seedSolutions))
	f.Add([]byte(`{"solutions":[{"id":1,"prices":{"0x0000000000000000000000000000000000000001":"1","0x0000000000000000000000000000000000000001":"2"},"trades":[]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sols, err := auction.DecodeSolutions(b)
		if err != nil {
			if !sentinel(err) {
				t.Fatalf("unwrapped error: %v", err)
			}
			return
		}
		for _, s := range sols {
			for i := 1; i < len(s.Prices); i++ {
				if s.Prices[i].Token == s.Prices[i-1].Token {
					t.Fatal("token priced twice was accepted")
				}
			}
		}
	})
}

// FuzzValidate decodes an auction and a solution and validates; an accepted solution must
// respect every order's signed limit.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(seedAuction), []byte(seedSolutions))
	f.Fuzz(func(t *testing.T, ab, sb []byte) {
		a, err := auction.DecodeAuction(ab)
		if err != nil {
			return
		}
		sols, err := auction.DecodeSolutions(sb)
		if err != nil {
			return
		}
		for i := range sols {
			execs, err := auction.Validate(a, &sols[i], nil)
			if err != nil {
				if !sentinel(err) {
					t.Fatalf("unwrapped error: %v", err)
				}
				continue
			}
			for _, e := range execs {
				l := new(big.Int).Mul(e.Order.FullSellAmount.ToBig(), e.Bought.ToBig())
				r := new(big.Int).Mul(e.Order.FullBuyAmount.ToBig(), e.Sold.ToBig())
				if l.Cmp(r) < 0 {
					t.Fatal("accepted a trade below its limit price")
				}
			}
			if _, err := auction.Score(a, execs); err != nil && !sentinel(err) {
				t.Fatalf("unwrapped score error: %v", err)
			}
		}
	})
}

func word(b []byte) uint256.Int {
	var buf [32]byte
	copy(buf[:], b)
	var z uint256.Int
	z.SetBytes32(buf[:])
	return z
}

// FuzzLinearDecay checks DutchDecayLib decay against math/big on arbitrary words. Amounts at
// or above 2^255 take the reference's int256 casts and are only required not to panic.
func FuzzLinearDecay(f *testing.F) {
	f.Add([]byte{1}, []byte{2}, uint64(100), uint64(200), uint64(150))
	f.Add([]byte{0xff, 0xff}, []byte{0}, uint64(0), uint64(1<<40), uint64(3))
	f.Fuzz(func(t *testing.T, s, e []byte, t0, t1, now uint64) {
		l := auction.Linear{StartAmount: word(s), EndAmount: word(e)}
		l.DecayStartTime.SetUint64(t0)
		l.DecayEndTime.SetUint64(t1)
		got, err := l.At(now)
		if err != nil && !sentinel(err) {
			t.Fatalf("unwrapped error: %v", err)
		}
		if l.StartAmount.Sign() < 0 || l.EndAmount.Sign() < 0 {
			return
		}
		if l.StartAmount.Eq(&l.EndAmount) || t1 > t0 {
			want, ok := refLinear(l.StartAmount.ToBig(), l.EndAmount.ToBig(), t0, t1, now)
			if !ok {
				if !errors.Is(err, auction.ErrOverflow) {
					t.Fatalf("want ErrOverflow, got %s, %v", got.Dec(), err)
				}
				return
			}
			if err != nil || got.ToBig().Cmp(want) != 0 {
				t.Fatalf("got %s, %v; want %s", got.Dec(), err, want)
			}
			return
		}
		if !errors.Is(err, auction.ErrEndBeforeStart) {
			t.Fatalf("end %d ≤ start %d: got %v", t1, t0, err)
		}
	})
}

// FuzzCurveDecay decays arbitrary curves: no panic, a wrapped sentinel on failure, and a
// result inside the bounds on success.
func FuzzCurveDecay(f *testing.F) {
	f.Add([]byte{0, 100}, []byte{0x0d, 0xe0}, []byte{0x20}, uint64(100), uint64(150), true)
	f.Fuzz(func(t *testing.T, packed, amounts, start []byte, dsb, block uint64, output bool) {
		var c auction.Curve
		p := word(packed)
		c.SetPackedBlocks(&p)
		for len(amounts) > 0 && len(c.RelativeAmounts) < 17 {
			n := min(len(amounts), 32)
			c.RelativeAmounts = append(c.RelativeAmounts, word(amounts[:n]))
			amounts = amounts[n:]
		}
		st := word(start)
		bound := word(start[min(len(start), 16):])
		var d uint256.Int
		d.SetUint64(dsb)
		var v uint256.Int
		var err error
		if output {
			v, err = c.V3Output(&st, &bound, &d, block)
		} else {
			v, err = c.V3Input(&st, &bound, &d, block)
		}
		if err != nil {
			if !sentinel(err) {
				t.Fatalf("unwrapped error: %v", err)
			}
			return
		}
		if output && v.Lt(&bound) || !output && v.Gt(&bound) {
			t.Fatalf("result %s outside bound %s", v.Dec(), bound.Dec())
		}
	})
}
