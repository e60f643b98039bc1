package auction_test

import (
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
	"github.com/interopkit/interop/internal/hostile"
)

// TestConcurrentAuction: a decoded auction and solution are read by 16 goroutines at once —
// lookups, validation, scoring — and every goroutine gets the sequential answer.
func TestConcurrentAuction(t *testing.T) {
	aj, sj := benchBatch(64)
	a, err := auction.DecodeAuction(aj)
	if err != nil {
		t.Fatal(err)
	}
	sols, err := auction.DecodeSolutions(sj)
	if err != nil {
		t.Fatal(err)
	}
	s := &sols[0]
	execs, err := auction.Validate(a, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := auction.Score(a, execs)
	if err != nil {
		t.Fatal(err)
	}
	wantPairs, err := auction.PairScores(a, execs, nil)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 20, func(g int) {
		o := &a.Orders[g%len(a.Orders)]
		if got, _, ok := a.Order(&o.UID); !ok || got != o {
			t.Error("order lookup")
		}
		if _, ok := a.Token(o.SellToken); !ok {
			t.Error("token lookup")
		}
		if _, ok := s.Price(o.BuyToken); !ok {
			t.Error("price lookup")
		}
		ex, err := auction.Validate(a, s, nil)
		if err != nil {
			t.Error(err)
			return
		}
		if got, err := auction.Score(a, ex); err != nil || !got.Eq(&want) {
			t.Errorf("score %s, %v; want %s", got.Dec(), err, want.Dec())
		}
		ps, err := auction.PairScores(a, ex, nil)
		if err != nil || len(ps) != len(wantPairs) {
			t.Errorf("pair scores %d, %v", len(ps), err)
		}
	})
}

// TestConcurrentLinear: one Linear and one Curve evaluated at once by 16 goroutines.
func TestConcurrentLinear(t *testing.T) {
	l := benchLinear()
	var c auction.Curve
	c.RelativeBlocks[0], c.RelativeBlocks[1] = 10, 20
	c.RelativeAmounts = []uint256.Int{*uint256.NewInt(100), *uint256.NewInt(300)}
	var start, dsb uint256.Int
	start.SetUint64(10_000)
	dsb.SetUint64(1000)
	wantL := make([]uint256.Int, 64)
	wantC := make([]uint256.Int, 64)
	for i := range wantL {
		wantL[i], _ = l.At(l.DecayStartTime.Uint64() + uint64(i))
		wantC[i], _ = c.V3Output(&start, &uint256.Int{}, &dsb, 1000+uint64(i))
	}
	hostile.Concurrent(t, 20, func(g int) {
		for i := range wantL {
			if got, err := l.At(l.DecayStartTime.Uint64() + uint64(i)); err != nil || !got.Eq(&wantL[i]) {
				t.Errorf("Linear.At: %s, %v", got.Dec(), err)
			}
			if got, err := c.V3Output(&start, &uint256.Int{}, &dsb, 1000+uint64(i)); err != nil || !got.Eq(&wantC[i]) {
				t.Errorf("Curve.V3Output: %s, %v", got.Dec(), err)
			}
		}
	})
}

// TestConcurrentBids: one slice of bids ranked and selected by 16 goroutines at once.
func TestConcurrentBids(t *testing.T) {
	bids := cascadeBids(64)
	want, err := auction.SelectCombinatorial(interop.Hash{7}, bids, 10)
	if err != nil {
		t.Fatal(err)
	}
	winner, err := auction.SelectWinner(interop.Hash{7}, bids)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 10, func(g int) {
		got, err := auction.SelectCombinatorial(interop.Hash{7}, bids, 10)
		if err != nil || len(got.Winners) != len(want.Winners) || len(got.Reference) != len(want.Reference) {
			t.Errorf("selection %+v, %v", got, err)
			return
		}
		for i := range got.Reference {
			if !got.Reference[i].Score.Eq(&want.Reference[i].Score) {
				t.Error("reference scores differ")
			}
		}
		if w, err := auction.SelectWinner(interop.Hash{7}, bids); err != nil || w != winner {
			t.Errorf("winner %d, %v", w, err)
		}
		if _, err := bids[g%len(bids)].Score(); err != nil {
			t.Error(err)
		}
	})
}
