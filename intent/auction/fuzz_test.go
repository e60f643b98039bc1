package auction_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
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
			if i > 0 && bytes.Compare(a.Orders[i-1].UID[:], a.Orders[i].UID[:]) >= 0 {
				t.Fatal("orders not sorted by uid, or a uid listed twice")
			}
		}
		for i := 1; i < len(a.Tokens); i++ {
			if bytes.Compare(a.Tokens[i-1].Address[:], a.Tokens[i].Address[:]) >= 0 {
				t.Fatal("tokens not sorted, or a token listed twice")
			}
		}
		// Accepted ⇒ its re-encoding is accepted and decodes to the same auction.
		again, err := auction.DecodeAuction(encodeAuction(a))
		if err != nil {
			t.Fatalf("re-encoded auction refused: %v", err)
		}
		if !reflect.DeepEqual(a, again) {
			t.Fatalf("re-encoded auction differs:\n%+v\n%+v", a, again)
		}
	})
}

// encodeAuction writes a decoded auction back in the solver API's JSON.
func encodeAuction(a *auction.Auction) []byte {
	type tok struct {
		Decimals       *int    `json:"decimals"`
		ReferencePrice *string `json:"referencePrice"`
		Trusted        bool    `json:"trusted"`
	}
	type ord struct {
		UID                           string `json:"uid"`
		SellToken, BuyToken           string
		SellAmount, BuyAmount         string
		FullSellAmount, FullBuyAmount string
		Kind, Class, Owner            string
		PartiallyFillable             bool
		ValidTo                       uint32
		FeePolicies                   []struct{}
	}
	toks := map[string]tok{}
	for _, t := range a.Tokens {
		var v tok
		if t.Decimals >= 0 {
			d := t.Decimals
			v.Decimals = &d
		}
		if t.HasReferencePrice {
			p := t.ReferencePrice.Dec()
			v.ReferencePrice = &p
		}
		v.Trusted = t.Trusted
		toks[t.Address.String()] = v
	}
	ords := []ord{}
	for _, o := range a.Orders {
		v := ord{UID: o.UID.String(), SellToken: o.SellToken.String(), BuyToken: o.BuyToken.String(),
			SellAmount: o.SellAmount.Dec(), BuyAmount: o.BuyAmount.Dec(), FullSellAmount: o.FullSellAmount.Dec(),
			FullBuyAmount: o.FullBuyAmount.Dec(), Kind: "sell", Class: "market", Owner: o.Owner.String(),
			PartiallyFillable: o.PartiallyFillable, ValidTo: o.ValidTo, FeePolicies: make([]struct{}, o.FeePolicies)}
		if o.Kind == auction.Buy {
			v.Kind = "buy"
		}
		if o.SolverFee {
			v.Class = "limit"
		}
		ords = append(ords, v)
	}
	b, err := json.Marshal(map[string]any{"id": a.ID, "tokens": toks, "orders": ords})
	if err != nil {
		panic(err)
	}
	// encoding/json writes the struct fields capitalised; the API's names are camelCase.
	for _, f := range []string{"SellToken", "BuyToken", "SellAmount", "BuyAmount", "FullSellAmount", "FullBuyAmount", "Kind", "Class", "Owner", "PartiallyFillable", "ValidTo", "FeePolicies"} {
		b = bytes.ReplaceAll(b, []byte(`"`+f+`":`), []byte(`"`+strings.ToLower(f[:1])+f[1:]+`":`))
	}
	return b
}

// encodeSolutions writes decoded solutions back in the solver API's JSON.
func encodeSolutions(sols []auction.Solution) []byte {
	type trade struct {
		Kind           string  `json:"kind"`
		Order          *string `json:"order,omitempty"`
		ExecutedAmount string  `json:"executedAmount"`
		Fee            *string `json:"fee,omitempty"`
	}
	out := []map[string]any{}
	for _, s := range sols {
		prices := map[string]string{}
		for _, p := range s.Prices {
			prices[p.Token.String()] = p.Price.Dec()
		}
		trades := []trade{}
		for _, tr := range s.Trades {
			v := trade{Kind: tr.Kind, ExecutedAmount: tr.ExecutedAmount.Dec()}
			if tr.Kind == "fulfillment" {
				u := tr.Order.String()
				v.Order = &u
			}
			if tr.HasFee {
				f := tr.Fee.Dec()
				v.Fee = &f
			}
			trades = append(trades, v)
		}
		out = append(out, map[string]any{"id": s.ID, "prices": prices, "trades": trades})
	}
	b, err := json.Marshal(map[string]any{"solutions": out})
	if err != nil {
		panic(err)
	}
	return b
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
		// Accepted ⇒ its re-encoding is accepted and decodes to the same solutions.
		again, err := auction.DecodeSolutions(encodeSolutions(sols))
		if err != nil {
			t.Fatalf("re-encoded solutions refused: %v", err)
		}
		if len(sols) == 0 && len(again) == 0 {
			return
		}
		if !reflect.DeepEqual(sols, again) {
			t.Fatalf("re-encoded solutions differ:\n%+v\n%+v", sols, again)
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
			total, err := auction.Score(a, execs)
			if err != nil && !sentinel(err) {
				t.Fatalf("unwrapped score error: %v", err)
			}
			// The pair scores partition the total.
			if ps, perr := auction.PairScores(a, execs, nil); err == nil && perr == nil {
				sum := new(big.Int)
				for _, p := range ps {
					sum.Add(sum, p.Score.ToBig())
				}
				if sum.Cmp(total.ToBig()) != 0 {
					t.Fatalf("pair scores sum to %s, score %s", sum, total.Dec())
				}
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
		// Whatever the amounts, an accepted value lies between them.
		lo, hi := l.StartAmount, l.EndAmount
		if hi.Lt(&lo) {
			lo, hi = hi, lo
		}
		if err == nil && (got.Lt(&lo) || got.Gt(&hi)) {
			t.Fatalf("At(%d) = %s outside [%s, %s]", now, got.Dec(), lo.Dec(), hi.Dec())
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

// FuzzSelectCombinatorial reads bids from bytes (each: solver, solution id, pairs of
// sell/buy/score nibbles): the selection never panics, fails only with a sentinel, equals
// the direct model, gives winners on disjoint pairs, and does not depend on the bids' order.
func FuzzSelectCombinatorial(f *testing.F) {
	f.Add([]byte{0x12, 0x34, 0x56, 0x21, 0x43, 0x11, 0x22, 0x33, 0x44}, uint8(3))
	f.Add([]byte{0x01, 0x10, 0x12, 0x11, 0x23, 0x22, 0x34, 0x33, 0x45}, uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, max uint8) {
		var bids []auction.Bid
		for len(b) > 0 && len(bids) < 64 {
			n := int(b[0] & 7)
			bid := auction.Bid{SolutionID: uint64(len(bids))}
			bid.Solver[19] = b[0] >> 4
			b = b[1:]
			for ; n > 0 && len(b) > 0; n-- {
				p := auction.PairScore{}
				p.Sell[19], p.Buy[19] = b[0]>>6, b[0]>>4&3
				p.Score.SetUint64(uint64(b[0] & 15))
				bid.Pairs = append(bid.Pairs, p)
				b = b[1:]
			}
			bids = append(bids, bid)
		}
		maxWinners := int(max%16) + 1
		got, err := auction.SelectCombinatorial(interop.Hash{}, bids, maxWinners)
		want, werr := refSelect(interop.Hash{}, bids, maxWinners)
		if (err == nil) != (werr == nil) {
			t.Fatalf("error %v, model %v", err, werr)
		}
		if err != nil {
			if !sentinel(err) && !errors.Is(err, auction.ErrNoBids) && !errors.Is(err, auction.ErrDuplicatePair) && !errors.Is(err, auction.ErrDuplicateBid) {
				t.Fatalf("unwrapped error: %v", err)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("selection %+v, model %+v", got, want)
		}
		seen := map[[2]interop.Address]bool{}
		for _, w := range got.Winners {
			for _, p := range bids[w].Pairs {
				if seen[[2]interop.Address{p.Sell, p.Buy}] {
					t.Fatal("two winners share a directed pair")
				}
				seen[[2]interop.Address{p.Sell, p.Buy}] = true
			}
		}
		rev := make([]auction.Bid, len(bids))
		for i := range bids {
			rev[len(bids)-1-i] = bids[i]
		}
		back, err := auction.SelectCombinatorial(interop.Hash{}, rev, maxWinners)
		if err != nil || len(back.Winners) != len(got.Winners) {
			t.Fatalf("reversed input: %+v, %v", back, err)
		}
		for i, w := range back.Winners {
			if len(bids)-1-w != got.Winners[i] {
				t.Fatal("winners depend on the input order")
			}
		}
	})
}

// FuzzParseAmount: ParseAmount and ParseInt256 accept only canonical decimals — what they
// accept formats back to the same text — and fail only with a sentinel.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "17", "-5", "007", "-0", "+1", "115792089237316195423570985008687907853269984665640564039457584007913129639935",
		"57896044618658097711785492504343953926634992332820282019728792003956564819967", "-57896044618658097711785492504343953926634992332820282019728792003956564819968"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := auction.ParseAmount(s); err == nil {
			if v.Dec() != s {
				t.Fatalf("ParseAmount(%q) = %s", s, v.Dec())
			}
		} else if !sentinel(err) {
			t.Fatalf("unwrapped error: %v", err)
		}
		v, err := auction.ParseInt256(s)
		if err != nil {
			if !sentinel(err) {
				t.Fatalf("unwrapped error: %v", err)
			}
			return
		}
		got := v.Dec()
		if v.Sign() < 0 {
			var m uint256.Int
			m.Neg(&v)
			got = "-" + m.Dec()
		}
		if got != s {
			t.Fatalf("ParseInt256(%q) = %s", s, got)
		}
	})
}
