package auction_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
	"github.com/interopkit/interop/intent/auction/auctiontest"
)

var two256 = new(big.Int).Lsh(big.NewInt(1), 256)

// refLinear is DutchDecayLib.decay in math/big for amounts below 2^255 (where the
// reference's int256 casts are the identity); ok is false where mulDivDown would revert.
func refLinear(start, end *big.Int, t0, t1, now uint64) (*big.Int, bool) {
	switch {
	case start.Cmp(end) == 0:
		return start, true
	case now >= t1:
		return end, true
	case now <= t0:
		return start, true
	}
	diff := new(big.Int).Sub(end, start)
	neg := diff.Sign() < 0
	diff.Abs(diff)
	diff.Mul(diff, new(big.Int).SetUint64(now-t0))
	if diff.Cmp(two256) >= 0 {
		return nil, false
	}
	diff.Quo(diff, new(big.Int).SetUint64(t1-t0))
	if neg {
		diff.Neg(diff)
	}
	return diff.Add(diff, start), true
}

func TestPropLinearDecayMatchesReferenceMonotoneAndBounded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := auctiontest.Linear(t, 255)
		t0, t1 := l.DecayStartTime.Uint64(), l.DecayEndTime.Uint64()
		a := rapid.Uint64Range(t0-min(t0, 10), t1+10).Draw(t, "now1")
		b := rapid.Uint64Range(a, t1+10).Draw(t, "now2")
		va, erra := l.At(a)
		vb, errb := l.At(b)
		for _, c := range []struct {
			now uint64
			v   uint256.Int
			err error
		}{{a, va, erra}, {b, vb, errb}} {
			want, ok := refLinear(l.StartAmount.ToBig(), l.EndAmount.ToBig(), t0, t1, c.now)
			if !ok {
				if !errors.Is(c.err, auction.ErrOverflow) {
					t.Fatalf("at %d: want ErrOverflow, got %s, %v", c.now, c.v.Dec(), c.err)
				}
				return
			}
			if c.err != nil || c.v.ToBig().Cmp(want) != 0 {
				t.Fatalf("at %d: got %s, %v; want %s", c.now, c.v.Dec(), c.err, want)
			}
		}
		lo, hi := l.StartAmount, l.EndAmount
		if hi.Lt(&lo) {
			lo, hi = hi, lo
		}
		if va.Lt(&lo) || va.Gt(&hi) || vb.Lt(&lo) || vb.Gt(&hi) {
			t.Fatalf("outside [%s, %s]: %s, %s", lo.Dec(), hi.Dec(), va.Dec(), vb.Dec())
		}
		rising := l.StartAmount.Lt(&l.EndAmount)
		if rising && vb.Lt(&va) || !rising && vb.Gt(&va) {
			t.Fatalf("not monotone: f(%d)=%s, f(%d)=%s", a, va.Dec(), b, vb.Dec())
		}
	})
}

func TestPropLinearDecayBadTimes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := auctiontest.Linear(t, 128)
		l.DecayStartTime, l.DecayEndTime = l.DecayEndTime, l.DecayStartTime
		if rapid.Bool().Draw(t, "equal") {
			l.DecayEndTime = l.DecayStartTime
		}
		_, err := l.At(rapid.Uint64().Draw(t, "now"))
		if l.StartAmount.Eq(&l.EndAmount) != (err == nil) {
			t.Fatalf("start==end %v, err %v", l.StartAmount.Eq(&l.EndAmount), err)
		}
		if err != nil && !errors.Is(err, auction.ErrEndBeforeStart) {
			t.Fatal(err)
		}
	})
}

func TestPropCurveDecayMonotoneAndBounded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		falling := rapid.Bool().Draw(t, "falling")
		output := rapid.Bool().Draw(t, "output")
		c := auctiontest.Curve(t, 200, falling)
		start := auctiontest.Amount(t, "start", 220)
		var dsb uint256.Int
		s := rapid.Uint64Range(0, 1<<30).Draw(t, "decayStartBlock")
		dsb.SetUint64(s)
		b1 := rapid.Uint64Range(s-min(s, 5), s+70000).Draw(t, "block1")
		b2 := rapid.Uint64Range(b1, s+70000).Draw(t, "block2")
		at := func(b uint64) uint256.Int {
			var v uint256.Int
			var err error
			if output {
				var zero uint256.Int
				v, err = c.V3Output(&start, &zero, &dsb, b)
			} else {
				max := start
				max.Add(&max, &max) // start < 2^220, so no wrap
				v, err = c.V3Input(&start, &max, &dsb, b)
			}
			if err != nil {
				t.Fatalf("block %d: %v", b, err)
			}
			return v
		}
		v1, v2 := at(b1), at(b2)
		last := c.RelativeAmounts[len(c.RelativeAmounts)-1]
		// The amount moves from start toward start - last and never past it.
		var far uint256.Int
		if falling {
			if start.Lt(&last) {
				far.Clear()
			} else {
				far.Sub(&start, &last)
			}
			if v2.Gt(&v1) || v1.Gt(&start) || v2.Lt(&far) {
				t.Fatalf("falling curve: f(%d)=%s f(%d)=%s start %s end %s", b1, v1.Dec(), b2, v2.Dec(), start.Dec(), far.Dec())
			}
		} else {
			var abs uint256.Int
			abs.Neg(&last)
			far.Add(&start, &abs)
			if !output {
				max := start
				max.Add(&max, &max)
				if far.Gt(&max) {
					far = max
				}
			}
			if v2.Lt(&v1) || v1.Lt(&start) || v2.Gt(&far) {
				t.Fatalf("rising curve: f(%d)=%s f(%d)=%s start %s end %s", b1, v1.Dec(), b2, v2.Dec(), start.Dec(), far.Dec())
			}
		}
	})
}

func TestPropExclusiveOverride(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 4).Draw(t, "outputs")
		outs := make([]uint256.Int, n)
		for i := range outs {
			outs[i] = auctiontest.Amount(t, "amount", 256)
		}
		orig := append([]uint256.Int(nil), outs...)
		exclusive := auctiontest.Address(t, "exclusive", 3)
		if rapid.Bool().Draw(t, "none") {
			exclusive = interop.Address{}
		}
		filler := auctiontest.Address(t, "filler", 3)
		var end uint256.Int
		end.SetUint64(rapid.Uint64Range(0, 100).Draw(t, "end"))
		now := rapid.Uint64Range(0, 100).Draw(t, "now")
		bps := auctiontest.Amount(t, "bps", 256)
		if rapid.Bool().Draw(t, "smallBps") {
			bps.SetUint64(rapid.Uint64Range(0, 20000).Draw(t, "bpsSmall"))
		}
		rights := exclusive.IsZero() || exclusive == filler || now > end.Uint64()
		if auction.HasFillingRights(exclusive, filler, &end, now) != rights {
			t.Fatal("HasFillingRights disagrees with the reference rule")
		}
		err := auction.ExclusiveOverride(outs, exclusive, filler, &end, now, &bps)
		unchanged := func() {
			for i := range outs {
				if !outs[i].Eq(&orig[i]) {
					t.Fatalf("output %d changed", i)
				}
			}
		}
		switch {
		case rights:
			if err != nil {
				t.Fatal(err)
			}
			unchanged()
		case bps.IsZero():
			if !errors.Is(err, auction.ErrNoExclusiveOverride) {
				t.Fatalf("want ErrNoExclusiveOverride, got %v", err)
			}
			unchanged()
		default:
			num := new(big.Int).Add(bps.ToBig(), big.NewInt(10000))
			overflow := num.Cmp(two256) >= 0
			for i := range orig {
				p := new(big.Int).Mul(orig[i].ToBig(), num)
				overflow = overflow || p.Cmp(two256) >= 0
			}
			if overflow {
				if !errors.Is(err, auction.ErrOverflow) {
					t.Fatalf("want ErrOverflow, got %v", err)
				}
				unchanged()
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range orig {
				p := new(big.Int).Mul(orig[i].ToBig(), num)
				q, r := new(big.Int).QuoRem(p, big.NewInt(10000), new(big.Int))
				if r.Sign() != 0 {
					q.Add(q, big.NewInt(1))
				}
				if outs[i].ToBig().Cmp(q) != 0 || outs[i].Lt(&orig[i]) {
					t.Fatalf("output %d: %s, want %s", i, outs[i].Dec(), q)
				}
			}
		}
	})
}

// modelAccepts is Validate in math/big for solutions of generated fulfillments: executed
// amounts fit the orders, and every trade's traded amounts at the solution's prices respect
// the signed limit and leave a non-negative surplus.
func modelAccepts(a *auction.Auction, s *auction.Solution) bool {
	for i := range s.Trades {
		o, _, _ := a.Order(&s.Trades[i].Order)
		ps, ok1 := s.Price(o.SellToken)
		pb, ok2 := s.Price(o.BuyToken)
		if !ok1 || !ok2 || ps.IsZero() || pb.IsZero() {
			return false
		}
		ex, fee := s.Trades[i].ExecutedAmount.ToBig(), s.Trades[i].Fee.ToBig()
		if ex.Sign() == 0 || s.Trades[i].HasFee != o.SolverFee {
			return false
		}
		filled, target := ex, o.BuyAmount.ToBig()
		if o.Kind == auction.Sell {
			filled, target = new(big.Int).Add(ex, fee), o.SellAmount.ToBig()
		}
		if o.PartiallyFillable && filled.Cmp(target) > 0 || !o.PartiallyFillable && filled.Cmp(target) != 0 {
			return false
		}
		var sold, bought *big.Int
		if o.Kind == auction.Sell {
			sold = new(big.Int).Add(ex, fee)
			p := new(big.Int).Mul(ex, ps.ToBig())
			if p.Cmp(two256) >= 0 {
				return false
			}
			bought = ceilDiv(p, pb.ToBig())
		} else {
			bought = ex
			p := new(big.Int).Mul(ex, pb.ToBig())
			if p.Cmp(two256) >= 0 {
				return false
			}
			sold = p.Quo(p, ps.ToBig())
			sold.Add(sold, fee)
		}
		l := new(big.Int).Mul(o.FullSellAmount.ToBig(), bought)
		r := new(big.Int).Mul(o.FullBuyAmount.ToBig(), sold)
		if sold.Cmp(two256) >= 0 || l.Cmp(two256) >= 0 || r.Cmp(two256) >= 0 || l.Cmp(r) < 0 {
			return false
		}
		if o.Kind == auction.Sell {
			p := new(big.Int).Mul(o.BuyAmount.ToBig(), sold)
			if p.Cmp(two256) >= 0 || bought.Cmp(ceilDiv(p, o.SellAmount.ToBig())) < 0 {
				return false
			}
		} else {
			p := new(big.Int).Mul(o.SellAmount.ToBig(), ex)
			if p.Cmp(two256) >= 0 || p.Quo(p, o.BuyAmount.ToBig()).Cmp(sold) < 0 {
				return false
			}
		}
	}
	return true
}

func ceilDiv(x, y *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(x, y, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func TestPropValidatedSolutionRespectsLimits(t *testing.T) {
	accepted := 0
	rapid.Check(t, func(t *rapid.T) {
		inst := auctiontest.BatchInstance(t)
		a, err := auction.DecodeAuction(inst.AuctionJSON)
		if err != nil {
			t.Fatalf("generated auction: %v", err)
		}
		sols, err := auction.DecodeSolutions(inst.SolutionJSON)
		if err != nil {
			t.Fatalf("generated solution: %v", err)
		}
		s := &sols[0]
		check := func(s *auction.Solution) {
			execs, err := auction.Validate(a, s, nil)
			model := modelAccepts(a, s)
			if (err == nil) != model {
				t.Fatalf("Validate %v, model accepts %v", err, model)
			}
			if err != nil {
				return
			}
			accepted++
			for _, e := range execs {
				l := new(big.Int).Mul(e.Order.FullSellAmount.ToBig(), e.Bought.ToBig())
				r := new(big.Int).Mul(e.Order.FullBuyAmount.ToBig(), e.Sold.ToBig())
				if l.Cmp(r) < 0 {
					t.Fatalf("order %s gets %s for %s, below its limit", e.Order.UID, e.Bought.Dec(), e.Sold.Dec())
				}
			}
			if _, err := auction.Score(a, execs); err != nil && !errors.Is(err, auction.ErrOverflow) {
				t.Fatalf("score: %v", err)
			}
		}
		check(s)
		// Tamper with one clearing price; whatever the validator says must agree with the model.
		if len(s.Prices) > 0 && len(s.Trades) > 0 {
			i := rapid.IntRange(0, len(s.Prices)-1).Draw(t, "tamper")
			f := auctiontest.Amount(t, "factor", 64)
			if f.IsZero() {
				f.SetOne()
			}
			if rapid.Bool().Draw(t, "divide") {
				s.Prices[i].Price.Div(&s.Prices[i].Price, &f)
			} else {
				s.Prices[i].Price.Mul(&s.Prices[i].Price, &f)
			}
			check(s)
		}
	})
	if accepted == 0 {
		t.Fatal("no generated solution was accepted: the property was never exercised")
	}
}

func TestPropSelectionDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids := auctiontest.Bids(t)
		var seed interop.Hash
		seed[0] = rapid.Byte().Draw(t, "seed")
		perm := rapid.Permutation(bids).Draw(t, "perm")
		id := func(b auction.Bid) [28]byte {
			var k [28]byte
			copy(k[:], b.Solver[:])
			k[20] = byte(b.SolutionID)
			return k
		}
		w1, err1 := auction.SelectWinner(seed, bids)
		w2, err2 := auction.SelectWinner(seed, perm)
		if err1 != nil || err2 != nil || id(bids[w1]) != id(perm[w2]) {
			t.Fatalf("winner depends on input order: %v %v", err1, err2)
		}
		best, _ := bids[w1].Score()
		for i := range bids {
			if s, _ := bids[i].Score(); s.Gt(&best) {
				t.Fatalf("winner score %s below bid %d score %s", best.Dec(), i, s.Dec())
			}
		}
		max := rapid.IntRange(1, 4).Draw(t, "maxWinners")
		o1, err1 := auction.SelectCombinatorial(seed, bids, max)
		o2, err2 := auction.SelectCombinatorial(seed, perm, max)
		if (err1 == nil) != (err2 == nil) || len(o1.Winners) != len(o2.Winners) || len(o1.Fair) != len(o2.Fair) {
			t.Fatalf("combinatorial outcome depends on input order: %v %v", err1, err2)
		}
		for i := range o1.Winners {
			if id(bids[o1.Winners[i]]) != id(perm[o2.Winners[i]]) {
				t.Fatal("combinatorial winners depend on input order")
			}
		}
		for i := range o1.Reference {
			if o1.Reference[i].Solver != o2.Reference[i].Solver || !o1.Reference[i].Score.Eq(&o2.Reference[i].Score) {
				t.Fatal("reference scores depend on input order")
			}
		}
		// Winners trade disjoint directed pairs, and no more than max win.
		if len(o1.Winners) > max {
			t.Fatalf("%d winners, max %d", len(o1.Winners), max)
		}
		seen := map[[40]byte]bool{}
		for _, w := range o1.Winners {
			for _, p := range bids[w].Pairs {
				var k [40]byte
				copy(k[:20], p.Sell[:])
				copy(k[20:], p.Buy[:])
				if seen[k] {
					t.Fatal("two winners share a directed token pair")
				}
				seen[k] = true
			}
		}
	})
}
