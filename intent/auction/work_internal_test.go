package auction

import (
	"encoding/binary"
	"testing"

	"github.com/interopkit/interop"
)

func waddr(tag byte, i int) interop.Address {
	var a interop.Address
	a[0] = tag
	binary.BigEndian.PutUint64(a[12:], uint64(i))
	return a
}

// growth fails t when the steps counted for input size 4n exceed limit times those for n:
// about 4 for linear work, 4.5–5 for n log n, 16 for quadratic.
func growth(t *testing.T, name string, n int, limit float64, steps func(n int) int) {
	t.Helper()
	s, l := steps(n), steps(4*n)
	t.Logf("%s: %d steps at n=%d, %d at 4n (×%.2f)", name, s, n, l, float64(l)/float64(s))
	if float64(l) > limit*float64(s) {
		t.Errorf("%s: 4× the input took %.2f× the steps (%d → %d), limit %.1f×", name, float64(l)/float64(s), s, l, limit)
	}
}

// TestWorkGrowth holds Bid.Score, PairScores and SelectCombinatorial (issue 13 finding 8)
// to their stated growth by counting their steps, which, unlike wall time, does not depend
// on the machine's load.
func TestWorkGrowth(t *testing.T) {
	growth(t, "Bid.Score", 1<<13, 5.5, func(n int) int {
		b := Bid{Pairs: make([]PairScore, n)}
		for i := range b.Pairs {
			// A scrambled order, so the sort does real work.
			b.Pairs[i] = PairScore{Sell: waddr(0x70, (i*7919)%(4*n+1)), Buy: waddr(0x80, i)}
		}
		var m meter
		var buf []pairKey
		if _, err := b.score(&buf, &m); err != nil {
			t.Fatal(err)
		}
		return m.n
	})
	growth(t, "PairScores", 8000, 4.5, func(n int) int {
		a := &Auction{Tokens: make([]Token, n+1), Orders: make([]Order, n)}
		for i := range a.Tokens {
			a.Tokens[i] = Token{Address: waddr(0x70, i), HasReferencePrice: true}
		}
		execs := make([]Execution, 2*n)
		for i := range a.Orders {
			a.Orders[i].SellToken, a.Orders[i].BuyToken = a.Tokens[i].Address, a.Tokens[n].Address
			execs[i].Order, execs[n+i].Order = &a.Orders[i], &a.Orders[i]
		}
		var m meter
		if ps, err := pairScores(a, execs, nil, &m); err != nil || len(ps) != n {
			t.Fatalf("%d pairs, %v", len(ps), err)
		}
		return m.n
	})
	// Every bid its own solver and pair: every bid wins and needs a reference score.
	growth(t, "SelectCombinatorial", 1000, 5.5, func(n int) int {
		bids := make([]Bid, n)
		for i := range bids {
			bids[i] = Bid{Solver: waddr(0x50, i), SolutionID: uint64(i), Pairs: []PairScore{{Sell: waddr(0x70, i), Buy: waddr(0x80, i)}}}
			bids[i].Pairs[0].Score.SetUint64(uint64(1000 + i))
		}
		var m meter
		out, err := selectCombinatorial(interop.Hash{}, bids, n, &m)
		if err != nil || len(out.Reference) != n {
			t.Fatalf("%d reference scores, %v", len(out.Reference), err)
		}
		return m.n
	})
	// 30 solvers, 3 solutions each, over n pairs drawn from a shared pool, 20 winners.
	growth(t, "SelectCombinatorial realistic", 500, 5.5, func(n int) int {
		var bids []Bid
		for s := range 90 {
			b := Bid{Solver: waddr(0x50, s/3), SolutionID: uint64(s % 3)}
			for j := range n {
				p := PairScore{Sell: waddr(0x70, (j+s*7)%(n+n/4)), Buy: waddr(0x80, j)}
				p.Score.SetUint64(uint64(1000 + (j*31+s*17)%977))
				b.Pairs = append(b.Pairs, p)
			}
			bids = append(bids, b)
		}
		var m meter
		if _, err := selectCombinatorial(interop.Hash{1}, bids, 20, &m); err != nil {
			t.Fatal(err)
		}
		return m.n
	})
}
