package auction_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
	"github.com/interopkit/interop/internal/hostile"
)

// repeatJSON is prefix, n copies of item (with %d replaced by the copy's index) joined by
// commas, and suffix.
func repeatJSON(prefix, item, suffix string, n int) []byte {
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		if strings.Contains(item, "%") {
			fmt.Fprintf(&b, item, i+1)
		} else {
			b.WriteString(item)
		}
	}
	b.WriteString(suffix)
	return []byte(b.String())
}

// TestBoundsAllocPerInputByte feeds every decoder and verifier of the package input at or
// near its bounds, in the shapes an attacker would pick, and holds the allocation to the
// project-wide 100 bytes per input byte.
func TestBoundsAllocPerInputByte(t *testing.T) {
	aj, sj := benchBatch(5000)
	token := `"0x%040x":{"decimals":18,"referencePrice":"1","trusted":true}`
	cases := []struct {
		name string
		in   []byte
		f    func(b []byte) error
	}{
		{"auction of 5000 orders", aj, decodeAuction},
		{"solution trading 5000 orders", sj, decodeSolutions},
		{"65537 tokens", repeatJSON(`{"tokens":{`, token, `},"orders":[]}`, auction.MaxTokens+1), decodeAuction},
		{"one order with 262144 fee policies", repeatJSON(`{"tokens":{"0x`+strings.Repeat("0", 39)+`1":{}},"orders":[{"uid":"0x`+strings.Repeat("00", 56)+`","sellToken":"0x`+strings.Repeat("0", 39)+`1","buyToken":"0x`+strings.Repeat("0", 39)+`1","sellAmount":"1","buyAmount":"1","kind":"sell","feePolicies":[`, `{}`, `]}]}`, 1<<18), decodeAuction},
		{"unknown member nested 9000 deep", []byte(`{"tokens":{},"orders":[],"x":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`), decodeAuction},
		{"order nested 100000 deep", []byte(`{"tokens":{},"orders":[` + strings.Repeat("[", 100000) + `}`), decodeAuction},
		{"1024 empty solutions", repeatJSON(`{"solutions":[`, `{"id":%d,"prices":{},"trades":[]}`, `]}`, auction.MaxSolutions), decodeSolutions},
		{"65536 prices of one token", repeatJSON(`{"id":1,"trades":[],"prices":{`, `"0x0000000000000000000000000000000000000001":"%d"`, `}}`, auction.MaxTokens), decodeSolution},
		{"65537 jit trades", repeatJSON(`{"id":1,"prices":{},"trades":[`, `{"kind":"jit","executedAmount":"1"}`, `]}`, auction.MaxTrades+1), decodeSolution},
		{"78-digit amounts", repeatJSON(`{"id":1,"prices":{},"trades":[`, `{"kind":"jit","executedAmount":"`+strings.Repeat("9", 78)+`"}`, `]}`, 4096), decodeSolution},
		{"one object of 200000 short keys", repeatJSON(`{"tokens":{},"orders":[],"x":{`, `"k%d":1`, `}}`, 200000), decodeAuction},
		{"300000 empty objects", repeatJSON(`{"tokens":{},"orders":[],"x":[`, `{}`, `]}`, 300000), decodeAuction},
		{"200000 one-key objects", repeatJSON(`{"tokens":{},"orders":[],"x":[`, `{"a":1}`, `]}`, 200000), decodeAuction},
		{"200000 one-key objects, keys to fold", repeatJSON(`{"tokens":{},"orders":[],"x":[`, `{"ſK%d":1}`, `]}`, 200000), decodeAuction},
		{"20000 eight-key objects", repeatJSON(`{"tokens":{},"orders":[],"x":[`, `{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1}`, `]}`, 20000), decodeAuction},
		{"20000 nine-key objects", repeatJSON(`{"tokens":{},"orders":[],"x":[`, `{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1}`, `]}`, 20000), decodeAuction},
		{"20000 nine-key trades", repeatJSON(`{"id":1,"prices":{},"trades":[`, `{"kind":"jit","executedAmount":"1","a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1}`, `]}`, 20000), decodeSolution},
		{"long strings", []byte(`{"id":"` + strings.Repeat("a", 1<<20) + `","tokens":{},"orders":[{"uid":"` + strings.Repeat("0", 1<<20) + `"}]}`), decodeAuction},
	}
	for _, c := range cases {
		t0 := time.Now()
		u := hostile.Bounded(t, c.name, len(c.in), func() { _ = c.f(c.in) })
		t.Logf("%s: %d bytes in, %d allocated (%.1f/byte), %v", c.name, len(c.in), u.Bytes, float64(u.Bytes)/float64(len(c.in)), time.Since(t0))
	}
	over := make([]byte, auction.MaxJSONSize+1)
	hostile.Proportional(t, "document over MaxJSONSize", 1, 0, 4096, func() {
		if _, err := auction.DecodeAuction(over); !errors.Is(err, auction.ErrTooLarge) {
			t.Errorf("oversize auction: %v", err)
		}
		if _, err := auction.DecodeSolutions(over); !errors.Is(err, auction.ErrTooLarge) {
			t.Errorf("oversize solutions: %v", err)
		}
	})

	// Validate, Score and PairScores over the 20000-trade batch: memory proportional to the
	// decoded documents (one Execution per trade).
	a, err := auction.DecodeAuction(aj)
	if err != nil {
		t.Fatal(err)
	}
	sols, err := auction.DecodeSolutions(sj)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "Validate+Score+PairScores 5000 trades", len(sj), func() {
		execs, err := auction.Validate(a, &sols[0], nil)
		if err != nil {
			t.Errorf("validate: %v", err)
			return
		}
		if _, err := auction.Score(a, execs); err != nil {
			t.Errorf("score: %v", err)
		}
		if _, err := auction.PairScores(a, execs, nil); err != nil {
			t.Errorf("pair scores: %v", err)
		}
	})
	// The same order traded 65536 times: refused at the second trade.
	dup := repeatJSON(`{"id":1,"prices":{},"trades":[`, `{"kind":"fulfillment","order":"0x`+fmt.Sprintf("%0112x", 1)+`","executedAmount":"1"}`, `]}`, auction.MaxTrades)
	s, err := auction.DecodeSolution(dup)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "Validate 65536 copies of one trade", len(dup), func() {
		if _, err := auction.Validate(a, s, nil); err == nil {
			t.Error("duplicate trades accepted")
		}
	})

	// Selection at its bounds: MaxBids bids sharing MaxSelectionPairs pairs.
	bids := make([]auction.Bid, auction.MaxBids)
	per := auction.MaxSelectionPairs / auction.MaxBids
	for i := range bids {
		bids[i] = auction.Bid{Solver: addr(0x50, i%64), SolutionID: uint64(i)}
		for j := 0; j < per; j++ {
			p := auction.PairScore{Sell: addr(0x70, (i+j)%4096), Buy: addr(0x80, j)}
			p.Score.SetUint64(uint64(i*j + 1))
			bids[i].Pairs = append(bids[i].Pairs, p)
		}
	}
	hostile.Bounded(t, "Rank at the bounds", bidBytes(bids), func() {
		if _, err := auction.Rank(interop.Hash{}, bids); err != nil {
			t.Error(err)
		}
	})
	hostile.Bounded(t, "SelectCombinatorial at the bounds", bidBytes(bids), func() {
		if _, err := auction.SelectCombinatorial(interop.Hash{}, bids, 64); err != nil && !errors.Is(err, auction.ErrTooLarge) {
			t.Error(err)
		}
	})
	bids = append(bids, auction.Bid{})
	hostile.Proportional(t, "Rank over MaxBids", 1, 0, 4096, func() {
		if _, err := auction.Rank(interop.Hash{}, bids); !errors.Is(err, auction.ErrTooLarge) {
			t.Errorf("%d bids: %v", len(bids), err)
		}
	})

	// ExclusiveOverride: in place, no allocation.
	outs := make([]uint256.Int, 1<<16)
	for i := range outs {
		outs[i].SetUint64(uint64(i))
	}
	var end, bps uint256.Int
	bps.SetUint64(100)
	hostile.Proportional(t, "ExclusiveOverride 65536 outputs", 32*len(outs), 0, 4096, func() {
		if err := auction.ExclusiveOverride(outs, interop.Address{1}, interop.Address{2}, &end, 1, &bps); err != nil {
			t.Error(err)
		}
	})
}

func decodeAuction(b []byte) error {
	_, err := auction.DecodeAuction(b)
	return err
}

func decodeSolutions(b []byte) error {
	_, err := auction.DecodeSolutions(b)
	return err
}

func decodeSolution(b []byte) error {
	_, err := auction.DecodeSolution(b)
	return err
}

// TestFeePolicyCount: feePolicies are counted without being kept, strings and nesting
// included; anything but an array or null is malformed.
func TestFeePolicyCount(t *testing.T) {
	one := "0x" + strings.Repeat("0", 39) + "1"
	doc := func(fp string) []byte {
		return []byte(`{"tokens":{"` + one + `":{}},"orders":[{"uid":"0x` + strings.Repeat("00", 56) + `","sellToken":"` + one + `","buyToken":"` + one + `","sellAmount":"1","buyAmount":"1","kind":"sell","feePolicies":` + fp + `}]}`)
	}
	for fp, want := range map[string]int{
		`[]`: 0, ` [ ] `: 0, `null`: 0, `[{}]`: 1, `[ {"a":"x,]\"}"} , [1,[2,3]], 3 ]`: 3,
		`[{"surplus":{"factor":0.5,"maxVolumeFactor":0.01}},{"volume":{"factor":0.0002}}]`: 2,
	} {
		a, err := auction.DecodeAuction(doc(fp))
		if err != nil || a.Orders[0].FeePolicies != want {
			t.Errorf("feePolicies %s: got %v, %v; want %d", fp, a, err, want)
		}
	}
	for _, fp := range []string{`{}`, `1`, `"[]"`, `[1,]`} {
		if _, err := auction.DecodeAuction(doc(fp)); !errors.Is(err, auction.ErrMalformed) {
			t.Errorf("feePolicies %s: %v", fp, err)
		}
	}
}
