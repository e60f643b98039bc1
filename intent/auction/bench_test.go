package auction_test

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/intent/auction"
)

func benchLinear() auction.Linear {
	var l auction.Linear
	l.StartAmount.SetFromDecimal("2000000000000000000000")
	l.EndAmount.SetFromDecimal("1000000000000000000000")
	l.DecayStartTime.SetUint64(1_700_000_000)
	l.DecayEndTime.SetUint64(1_700_000_120)
	return l
}

func BenchmarkLinearDecay(b *testing.B) {
	l := benchLinear()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := l.At(1_700_000_000 + uint64(i%120)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinearDecayBig is the same decay in math/big, the slow reference the property
// tests compare against, for a ratio in the same run.
func BenchmarkLinearDecayBig(b *testing.B) {
	l := benchLinear()
	s, e := l.StartAmount.ToBig(), l.EndAmount.ToBig()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		refLinear(s, e, 1_700_000_000, 1_700_000_120, 1_700_000_000+uint64(i%120))
	}
	_ = big.NewInt
}

func BenchmarkCurveDecay(b *testing.B) {
	var c auction.Curve
	for i := 0; i < auction.MaxCurvePoints; i++ {
		c.RelativeBlocks[i] = uint16(10 * (i + 1))
		var v uint256.Int
		v.SetUint64(uint64(i+1) * 1e16)
		c.RelativeAmounts = append(c.RelativeAmounts, v)
	}
	var start, min, dsb uint256.Int
	start.SetUint64(2e18)
	min.SetUint64(1e18)
	dsb.SetUint64(19_000_000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := c.V3Output(&start, &min, &dsb, 19_000_001+uint64(i%170)); err != nil {
			b.Fatal(err)
		}
	}
}

// benchBatch is an auction of n sell orders over 8 tokens and a solution trading all.
func benchBatch(n int) (auctionJSON, solutionJSON []byte) {
	var ab, sb strings.Builder
	ab.WriteString(`{"id":"1","tokens":{`)
	sb.WriteString(`{"solutions":[{"id":0,"prices":{`)
	for i := 0; i < 8; i++ {
		if i > 0 {
			ab.WriteByte(',')
			sb.WriteByte(',')
		}
		fmt.Fprintf(&ab, `"0x%040x":{"decimals":18,"referencePrice":"1000000000000000000","trusted":true}`, i+1)
		fmt.Fprintf(&sb, `"0x%040x":"%d000000000000000000"`, i+1, i+1)
	}
	ab.WriteString(`},"orders":[`)
	sb.WriteString(`},"trades":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			ab.WriteByte(',')
			sb.WriteByte(',')
		}
		st, bt := i%8+1, (i+3)%8+1
		fmt.Fprintf(&ab, `{"uid":"0x%0112x","sellToken":"0x%040x","buyToken":"0x%040x","sellAmount":"1000000000000000000","buyAmount":"%d","kind":"sell","partiallyFillable":false,"class":"market"}`, i+1, st, bt, uint64(st)*1e18/uint64(bt)/2)
		fmt.Fprintf(&sb, `{"kind":"fulfillment","order":"0x%0112x","executedAmount":"1000000000000000000"}`, i+1)
	}
	ab.WriteString(`]}`)
	sb.WriteString(`]}]}`)
	return []byte(ab.String()), []byte(sb.String())
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1, 100} {
		aj, sj := benchBatch(n)
		a, err := auction.DecodeAuction(aj)
		if err != nil {
			b.Fatal(err)
		}
		sols, err := auction.DecodeSolutions(sj)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("trades=%d", n), func(b *testing.B) {
			dst := make([]auction.Execution, 0, n)
			b.ReportAllocs()
			for b.Loop() {
				execs, err := auction.Validate(a, &sols[0], dst[:0])
				if err != nil {
					b.Fatal(err)
				}
				if _, err := auction.Score(a, execs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeAuction(b *testing.B) {
	aj, _ := benchBatch(100)
	b.SetBytes(int64(len(aj)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := auction.DecodeAuction(aj); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelectCombinatorial(b *testing.B) {
	bids := make([]auction.Bid, 20)
	for i := range bids {
		bids[i].Solver[19] = byte(i % 7)
		bids[i].SolutionID = uint64(i)
		for j := 0; j < 1+i%3; j++ {
			p := auction.PairScore{}
			p.Sell[19], p.Buy[19] = byte(i+j)%5, byte(i+j+1)%5+5
			p.Score.SetUint64(uint64(1000 - 13*i + j))
			bids[i].Pairs = append(bids[i].Pairs, p)
		}
	}
	var seed [32]byte
	b.ReportAllocs()
	for b.Loop() {
		if _, err := auction.SelectCombinatorial(seed, bids, 5); err != nil {
			b.Fatal(err)
		}
	}
}
