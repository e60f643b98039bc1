package auction

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

func mustAmount(t *testing.T, s string) uint256.Int {
	t.Helper()
	v, err := ParseAmount(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// TestConformanceLinearDecay runs UniswapX DutchDecayLib.t.sol cases (V1/V2 linear decay).
func TestConformanceLinearDecay(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "intent", "**/dutch-decay-v1v2*.json") {
		var file struct {
			Cases []struct {
				Name                         string
				Line                         int
				StartAmount, EndAmount       string
				DecayStartTime, DecayEndTime uint64
				Now                          uint64
				Expected                     *string
				ExpectRevert                 string
			}
		}
		if err := json.Unmarshal(vectors.Read(t, path), &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range file.Cases {
			t.Run(fmt.Sprintf("%s/L%d", c.Name, c.Line), func(t *testing.T) {
				l := Linear{StartAmount: mustAmount(t, c.StartAmount), EndAmount: mustAmount(t, c.EndAmount)}
				l.DecayStartTime.SetUint64(c.DecayStartTime)
				l.DecayEndTime.SetUint64(c.DecayEndTime)
				got, err := l.At(c.Now)
				if c.ExpectRevert != "" {
					want := map[string]error{"EndTimeBeforeStartTime": ErrEndBeforeStart}[c.ExpectRevert]
					if want == nil || !errors.Is(err, want) {
						t.Fatalf("want revert %s, got %v (%v)", c.ExpectRevert, got.Dec(), err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if c.Expected == nil || got.Dec() != *c.Expected {
					t.Fatalf("got %s, want %v", got.Dec(), *c.Expected)
				}
				// The direction-checked wrappers agree wherever the direction is legal.
				if l.StartAmount.Cmp(&l.EndAmount) >= 0 {
					if o, err := l.Output(c.Now); err != nil || !o.Eq(&got) {
						t.Fatalf("Output: %s, %v", o.Dec(), err)
					}
				}
				if l.StartAmount.Cmp(&l.EndAmount) <= 0 {
					if o, err := l.Input(c.Now); err != nil || !o.Eq(&got) {
						t.Fatalf("Input: %s, %v", o.Dec(), err)
					}
				}
			})
			n++
		}
	}
	t.Logf("%d linear decay cases", n)
}

// TestConformanceCurveDecay runs UniswapX NonLinearDutchDecayLib.t.sol cases (V3 curves).
func TestConformanceCurveDecay(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "intent", "**/dutch-decay-v3*.json") {
		var file struct {
			Cases []struct {
				Name        string
				Line        int
				Kind        string
				StartAmount string
				Curve       struct {
					RelativeBlocks  []uint16
					RelativeAmounts []string
				}
				DecayStartBlock, BlockNumber uint64
				MinAmount, MaxAmount         *string
				Expected                     *string
				ExpectRevert                 string
			}
		}
		if err := json.Unmarshal(vectors.Read(t, path), &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range file.Cases {
			t.Run(fmt.Sprintf("%s/L%d", c.Name, c.Line), func(t *testing.T) {
				var curve Curve
				if len(c.Curve.RelativeBlocks) > MaxCurvePoints {
					t.Fatalf("%d block offsets cannot be packed", len(c.Curve.RelativeBlocks))
				}
				copy(curve.RelativeBlocks[:], c.Curve.RelativeBlocks)
				for _, s := range c.Curve.RelativeAmounts {
					v, err := ParseInt256(s)
					if err != nil {
						t.Fatal(err)
					}
					curve.RelativeAmounts = append(curve.RelativeAmounts, v)
				}
				// Round trip through the packed on-chain word.
				packed := curve.PackedBlocks()
				var re Curve
				re.SetPackedBlocks(&packed)
				if re.RelativeBlocks != curve.RelativeBlocks {
					t.Fatal("packed block offsets do not round-trip")
				}
				start := mustAmount(t, c.StartAmount)
				var dsb uint256.Int
				dsb.SetUint64(c.DecayStartBlock)
				var got uint256.Int
				var err error
				switch c.Kind {
				case "output":
					min := mustAmount(t, *c.MinAmount)
					got, err = curve.V3Output(&start, &min, &dsb, c.BlockNumber)
				case "input":
					max := mustAmount(t, *c.MaxAmount)
					got, err = curve.V3Input(&start, &max, &dsb, c.BlockNumber)
				default:
					t.Fatalf("unknown kind %q", c.Kind)
				}
				if c.ExpectRevert != "" {
					want := ErrOverflow
					if len(c.ExpectRevert) >= 17 && c.ExpectRevert[:17] == "InvalidDecayCurve" {
						want = ErrInvalidCurve
					}
					if !errors.Is(err, want) {
						t.Fatalf("want revert %q, got %s, %v", c.ExpectRevert, got.Dec(), err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.Dec() != *c.Expected {
					t.Fatalf("got %s, want %s", got.Dec(), *c.Expected)
				}
			})
			n++
		}
	}
	t.Logf("%d curve decay cases", n)
}

// TestConformanceExclusivity runs UniswapX ExclusivityLib.t.sol override cases.
func TestConformanceExclusivity(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "intent", "**/exclusivity-override*.json") {
		var file struct {
			Cases []struct {
				Name            string
				Line            int
				Amount          string
				OverrideBps     uint64
				CallerHasRights bool
				Expected        *string
				ExpectRevert    string
			}
		}
		if err := json.Unmarshal(vectors.Read(t, path), &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range file.Cases {
			t.Run(fmt.Sprintf("%s/L%d", c.Name, c.Line), func(t *testing.T) {
				exclusive := interop.Address{0xee}
				filler := interop.Address{0xf1}
				if c.CallerHasRights {
					filler = exclusive
				}
				var end, bps uint256.Int
				end.SetUint64(1000)
				bps.SetUint64(c.OverrideBps)
				outs := []uint256.Int{mustAmount(t, c.Amount)}
				err := ExclusiveOverride(outs, exclusive, filler, &end, 1000, &bps)
				if c.ExpectRevert != "" {
					if c.ExpectRevert != "NoExclusiveOverride" || !errors.Is(err, ErrNoExclusiveOverride) {
						t.Fatalf("want %s, got %v", c.ExpectRevert, err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if outs[0].Dec() != *c.Expected {
					t.Fatalf("got %s, want %s", outs[0].Dec(), *c.Expected)
				}
			})
			n++
		}
	}
	t.Logf("%d exclusivity cases", n)
}

// TestConformanceBatchAuction validates every expected solution of the cowprotocol/services
// solver test cases against its auction, and checks the executed amounts and score the
// README works out where the file is the direct swap.
func TestConformanceBatchAuction(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "intent", "**/solver-*.json") {
		var file struct {
			Auction          json.RawMessage
			ExpectedSolution json.RawMessage
		}
		if err := json.Unmarshal(vectors.Read(t, path), &file); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		a, err := DecodeAuction(file.Auction)
		if err != nil {
			t.Fatalf("%s: auction: %v", path, err)
		}
		sols, err := DecodeSolutions(file.ExpectedSolution)
		if err != nil {
			t.Fatalf("%s: solutions: %v", path, err)
		}
		for _, s := range sols {
			execs, err := Validate(a, &s, nil)
			if err != nil {
				t.Fatalf("%s: solution %d: %v", path, s.ID, err)
			}
			if len(execs) != len(s.Trades) {
				t.Fatalf("%s: %d executions for %d trades", path, len(execs), len(s.Trades))
			}
			score, err := Score(a, execs)
			missing := false
			for i := range execs {
				if tok, _ := a.Token(execs[i].Order.BuyToken); !tok.HasReferencePrice {
					missing = true
				}
			}
			if missing != errors.Is(err, ErrMissingNativePrice) || !missing && err != nil {
				t.Fatalf("%s: score %s, %v (missing native price %v)", path, score.Dec(), err, missing)
			}
			for i := range execs {
				t.Logf("%s: sold %s bought %s surplus %s; score %s", path[len(path)-30:], execs[i].Sold.Dec(), execs[i].Bought.Dec(), execs[i].Surplus.Dec(), score.Dec())
			}
			// The README's worked check on the direct swap.
			if a.Orders[0].SellAmount.Dec() == "133700000000000000" && len(execs) == 1 {
				if execs[0].Bought.Dec() != "6043910341261930467761" || execs[0].Surplus.Dec() != "43910341261930467761" || score.Dec() != "2332742700887771" {
					t.Fatalf("direct swap: bought %s surplus %s score %s", execs[0].Bought.Dec(), execs[0].Surplus.Dec(), score.Dec())
				}
			}
			n++
		}
	}
	t.Logf("%d solutions validated", n)
}
