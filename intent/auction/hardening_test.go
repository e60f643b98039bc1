package auction_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop/intent/auction"
)

// TestHardeningLinearInt256 is the auction side of issue 13 finding 3: DutchDecayLib at
// UniswapX HEAD casts the amounts to int256, so start 2^256-1 (-1 there) and end 1 decayed
// over 0..100 gave 0 for times 50..99 — below both amounts. Linear must never return a value
// outside [min(start,end), max(start,end)]; where the reference's casts would, it refuses.
func TestHardeningLinearInt256(t *testing.T) {
	var l auction.Linear
	l.StartAmount.SetAllOne()
	l.EndAmount.SetUint64(1)
	l.DecayEndTime.SetUint64(100)
	for now := uint64(0); now <= 120; now++ {
		for name, f := range map[string]func(uint64) (uint256.Int, error){"At": l.At, "Output": l.Output} {
			got, err := f(now)
			if err != nil {
				if !errors.Is(err, auction.ErrOverflow) {
					t.Fatalf("%s(%d): %v", name, now, err)
				}
				continue
			}
			if got.Lt(&l.EndAmount) || got.Gt(&l.StartAmount) {
				t.Fatalf("%s(%d) = %s, outside [1, 2^256-1]", name, now, got.Dec())
			}
		}
	}
	// An input rising from 1 to 2^255 would be read as falling to -2^255.
	var in auction.Linear
	in.StartAmount.SetUint64(1)
	in.EndAmount.Lsh(in.StartAmount.Clone(), 255)
	in.DecayEndTime.SetUint64(100)
	for now := uint64(0); now <= 120; now++ {
		got, err := in.Input(now)
		if err == nil && (got.Lt(&in.StartAmount) || got.Gt(&in.EndAmount)) {
			t.Fatalf("Input(%d) = %s, outside [1, 2^255]", now, got.Dec())
		}
	}
}

// TestHardeningDuplicateJSONKeys: encoding/json keeps the last of two equal keys and matches
// keys in any letter case, where the autopilot's serde refuses duplicate fields and reads
// keys exactly; a document that names one member twice could be read as another order than
// the one the reference reads. Such documents are refused.
func TestHardeningDuplicateJSONKeys(t *testing.T) {
	order := `{"uid":"0x` + strings.Repeat("00", 56) + `","sellToken":"0x0000000000000000000000000000000000000001","buyToken":"0x0000000000000000000000000000000000000001","sellAmount":"1","buyAmount":"1",%s"kind":"sell"}`
	tokens := `{"0x0000000000000000000000000000000000000001":{}}`
	for name, doc := range map[string]string{
		"order member twice":         `{"tokens":` + tokens + `,"orders":[` + fmt.Sprintf(order, `"sellAmount":"1000",`) + `]}`,
		"order member in other case": `{"tokens":` + tokens + `,"orders":[` + fmt.Sprintf(order, `"SellAmount":"1000",`) + `]}`,
		"orders twice":               `{"tokens":` + tokens + `,"orders":[],"orders":[` + fmt.Sprintf(order, "") + `]}`,
		// encoding/json folds case the Unicode way: ſ is s, the Kelvin sign is k.
		"member with long s":        `{"tokens":` + tokens + `,"orders":[` + fmt.Sprintf(order, `"ſellAmount":"1000",`) + `]}`,
		"member only in other case": `{"tokens":` + tokens + `,"orders":[` + strings.Replace(fmt.Sprintf(order, ""), `"sellAmount"`, `"SellAmount"`, 1) + `]}`,
		"member with Kelvin sign":   `{"tokens":` + tokens + `,"orders":[` + fmt.Sprintf(order, "\"\u212aind\":\"buy\",") + `]}`,
		"token member twice":        `{"tokens":{"0x0000000000000000000000000000000000000001":{"referencePrice":"1","referencePrice":"2"}},"orders":[]}`,
	} {
		if _, err := auction.DecodeAuction([]byte(doc)); !errors.Is(err, auction.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, doc := range map[string]string{
		"trade member twice": `{"solutions":[{"id":1,"prices":{},"trades":[{"kind":"jit","executedAmount":"1","executedAmount":"2"}]}]}`,
		"id in other case":   `{"solutions":[{"id":1,"ID":2,"prices":{},"trades":[]}]}`,
		"solutions twice":    `{"solutions":[],"solutions":[{"id":1,"prices":{},"trades":[]}]}`,
	} {
		if _, err := auction.DecodeSolutions([]byte(doc)); !errors.Is(err, auction.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Distinct keys, unknown members and nesting within the bound still decode.
	ok := `{"tokens":` + tokens + `,"orders":[` + fmt.Sprintf(order, `"extra":{"a":[{"a":1},{"a":2}]},`) + `],"liquidity":[]}`
	if _, err := auction.DecodeAuction([]byte(ok)); err != nil {
		t.Errorf("valid auction: %v", err)
	}
	deep := `{"tokens":{},"orders":[],"x":` + strings.Repeat("[", auction.MaxJSONDepth) + strings.Repeat("]", auction.MaxJSONDepth) + `}`
	if _, err := auction.DecodeAuction([]byte(deep)); !errors.Is(err, auction.ErrMalformed) {
		t.Errorf("nesting past MaxJSONDepth: %v", err)
	}
}
