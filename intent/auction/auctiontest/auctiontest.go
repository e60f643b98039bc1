// Package auctiontest provides rapid generators for the auction package's inputs: amounts
// spread over all magnitudes, linear decays and V3 curves, CoW auctions with candidate
// solutions (honest or tampered), and competition bids.
package auctiontest

import (
	"fmt"
	"strings"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
)

// Amount draws a uint256 whose bit length is spread evenly over 0..bits (bits ≤ 256), so
// small, token-sized and near-overflow amounts are all common.
func Amount(t *rapid.T, label string, bits int) uint256.Int {
	n := rapid.IntRange(0, bits).Draw(t, label+"Bits")
	var z uint256.Int
	for i := 0; i < 4; i++ {
		z[i] = rapid.Uint64().Draw(t, fmt.Sprintf("%s%d", label, i))
	}
	if n < 256 {
		var mask uint256.Int
		mask.Lsh(uint256.NewInt(1), uint(n))
		mask.SubUint64(&mask, 1)
		z.And(&z, &mask)
	}
	return z
}

// Linear draws a linear decay with decayStartTime < decayEndTime, amounts under 2^bits.
func Linear(t *rapid.T, bits int) auction.Linear {
	var l auction.Linear
	l.StartAmount = Amount(t, "start", bits)
	l.EndAmount = Amount(t, "end", bits)
	s := rapid.Uint64Range(0, 1<<40).Draw(t, "decayStartTime")
	d := rapid.Uint64Range(1, 1<<20).Draw(t, "duration")
	l.DecayStartTime.SetUint64(s)
	l.DecayEndTime.SetUint64(s + d)
	return l
}

// Curve draws a V3 curve of 1..16 points with ascending block offsets and relative amounts
// of magnitude under 2^bits (bits < 255) that move monotonically in one direction: positive
// and rising (the amount falls) when falling is set, negative and falling otherwise.
func Curve(t *rapid.T, bits int, falling bool) auction.Curve {
	var c auction.Curve
	n := rapid.IntRange(1, auction.MaxCurvePoints).Draw(t, "points")
	blk := uint16(0)
	var acc uint256.Int
	for i := 0; i < n; i++ {
		step := rapid.Uint16Range(1, 4000/uint16(n)).Draw(t, "blockStep")
		blk += step
		c.RelativeBlocks[i] = blk
		inc := Amount(t, "relStep", bits-4)
		acc.Add(&acc, &inc)
		v := acc
		if !falling {
			v.Neg(&v)
		}
		c.RelativeAmounts = append(c.RelativeAmounts, v)
	}
	return c
}

// Address draws one of a few addresses, so collisions (same token, same solver) happen.
func Address(t *rapid.T, label string, distinct int) interop.Address {
	var a interop.Address
	a[0] = 0xa0
	a[19] = byte(rapid.IntRange(1, distinct).Draw(t, label))
	return a
}

// Instance is a CoW auction and a candidate solution in the solver API's JSON.
type Instance struct {
	AuctionJSON, SolutionJSON []byte
}

// BatchInstance draws an auction of 1..8 orders over up to 4 tokens and a candidate
// solution with random clearing prices trading a random subset of the orders. The solution
// may or may not respect the orders' limits: that is for the validator to decide.
func BatchInstance(t *rapid.T) Instance {
	nTok := rapid.IntRange(2, 4).Draw(t, "tokens")
	toks := make([]interop.Address, nTok)
	var ab strings.Builder
	ab.WriteString(`{"id":"7","tokens":{`)
	for i := range toks {
		toks[i][0], toks[i][19] = 0x70, byte(i+1)
		if i > 0 {
			ab.WriteByte(',')
		}
		ref := Amount(t, "ref", 70)
		fmt.Fprintf(&ab, `%q:{"decimals":18,"referencePrice":"%s","trusted":true}`, toks[i].String(), ref.Dec())
	}
	ab.WriteString(`},"orders":[`)
	nOrd := rapid.IntRange(1, 8).Draw(t, "orders")
	var sb strings.Builder
	sb.WriteString(`{"solutions":[{"id":0,"prices":{`)
	for i := range toks {
		if i > 0 {
			sb.WriteByte(',')
		}
		p := Amount(t, "price", 90)
		if p.IsZero() {
			p.SetOne()
		}
		fmt.Fprintf(&sb, `%q:"%s"`, toks[i].String(), p.Dec())
	}
	sb.WriteString(`},"trades":[`)
	traded := 0
	for i := 0; i < nOrd; i++ {
		si := rapid.IntRange(0, nTok-1).Draw(t, "sell")
		bi := (si + rapid.IntRange(1, nTok-1).Draw(t, "buyOffset")) % nTok
		sell := Amount(t, "sellAmount", 90)
		buy := Amount(t, "buyAmount", 90)
		if sell.IsZero() {
			sell.SetOne()
		}
		if buy.IsZero() {
			buy.SetOne()
		}
		kind := rapid.SampledFrom([]string{"sell", "buy"}).Draw(t, "kind")
		partial := rapid.Bool().Draw(t, "partial")
		class := rapid.SampledFrom([]string{"market", "limit"}).Draw(t, "class")
		uid := fmt.Sprintf("0x%0112x", i+1)
		if i > 0 {
			ab.WriteByte(',')
		}
		fmt.Fprintf(&ab, `{"uid":%q,"sellToken":%q,"buyToken":%q,"sellAmount":"%s","buyAmount":"%s","kind":%q,"partiallyFillable":%v,"class":%q,"feePolicies":[]}`,
			uid, toks[si].String(), toks[bi].String(), sell.Dec(), buy.Dec(), kind, partial, class)
		if !rapid.Bool().Draw(t, "trade") {
			continue
		}
		target := sell
		if kind == "buy" {
			target = buy
		}
		executed := target
		var fee uint256.Int
		if class == "limit" && kind == "sell" {
			fee = Amount(t, "fee", target.BitLen())
			if fee.Gt(&target) {
				fee = target
			}
			executed.Sub(&target, &fee)
		} else if class == "limit" {
			fee = Amount(t, "fee", 80)
		}
		if partial {
			var part uint256.Int
			part = Amount(t, "executed", executed.BitLen())
			if part.Gt(&executed) {
				part = executed
			}
			executed = part
		}
		if traded > 0 {
			sb.WriteByte(',')
		}
		traded++
		fmt.Fprintf(&sb, `{"kind":"fulfillment","order":%q,"executedAmount":"%s"`, uid, executed.Dec())
		if class == "limit" {
			fmt.Fprintf(&sb, `,"fee":"%s"`, fee.Dec())
		}
		sb.WriteByte('}')
	}
	ab.WriteString(`]}`)
	sb.WriteString(`]}]}`)
	return Instance{AuctionJSON: []byte(ab.String()), SolutionJSON: []byte(sb.String())}
}

// Bids draws 1..8 bids from up to 4 solvers over up to 3 tokens, with distinct
// (solver, solution id) keys and scores that often tie.
func Bids(t *rapid.T) []auction.Bid {
	n := rapid.IntRange(1, 8).Draw(t, "bids")
	bids := make([]auction.Bid, n)
	for i := range bids {
		b := auction.Bid{Solver: Address(t, "solver", 4), SolutionID: uint64(i)}
		np := rapid.IntRange(0, 3).Draw(t, "pairs")
		for j := 0; j < np; j++ {
			p := auction.PairScore{Sell: Address(t, "sellToken", 3), Buy: Address(t, "buyToken", 3)}
			dup := false
			for _, q := range b.Pairs {
				dup = dup || (q.Sell == p.Sell && q.Buy == p.Buy)
			}
			if dup {
				continue
			}
			p.Score.SetUint64(rapid.Uint64Range(0, 5).Draw(t, "score"))
			b.Pairs = append(b.Pairs, p)
		}
		bids[i] = b
	}
	return bids
}
