package auction_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/auction"
	"github.com/interopkit/interop/intent/auction/auctiontest"
)

type refKey [40]byte

func refKeyOf(p *auction.PairScore) refKey {
	var k refKey
	copy(k[:20], p.Sell[:])
	copy(k[20:], p.Buy[:])
	return k
}

// refSelect is CIP-67's selection written the direct way — the whole winner selection
// re-run from scratch for every winning solver — as the model the fast one must match.
func refSelect(seed interop.Hash, bids []auction.Bid, maxWinners int) (auction.Outcome, error) {
	var out auction.Outcome
	r, err := auction.Rank(seed, bids)
	if err != nil {
		return out, err
	}
	baseline := map[refKey]uint256.Int{}
	for _, i := range r {
		b := &bids[i]
		if len(b.Pairs) != 1 {
			continue
		}
		k := refKeyOf(&b.Pairs[0])
		if cur, ok := baseline[k]; !ok || b.Pairs[0].Score.Gt(&cur) {
			baseline[k] = b.Pairs[0].Score
		}
	}
	for _, i := range r {
		b := &bids[i]
		keep := true
		if len(b.Pairs) > 1 {
			for j := range b.Pairs {
				if base, ok := baseline[refKeyOf(&b.Pairs[j])]; ok && b.Pairs[j].Score.Lt(&base) {
					keep = false
				}
			}
		}
		if keep {
			out.Fair = append(out.Fair, i)
		}
	}
	if len(out.Fair) == 0 {
		return out, auction.ErrNoBids
	}
	pick := func(skip *interop.Address) []int {
		taken := map[refKey]bool{}
		var w []int
		for _, i := range out.Fair {
			if len(w) >= maxWinners {
				break
			}
			b := &bids[i]
			if skip != nil && b.Solver == *skip {
				continue
			}
			free := true
			for j := range b.Pairs {
				free = free && !taken[refKeyOf(&b.Pairs[j])]
			}
			if !free {
				continue
			}
			for j := range b.Pairs {
				taken[refKeyOf(&b.Pairs[j])] = true
			}
			w = append(w, i)
		}
		return w
	}
	out.Winners = pick(nil)
	for _, w := range out.Winners {
		solver := bids[w].Solver
		if slices.ContainsFunc(out.Reference, func(rs auction.ReferenceScore) bool { return rs.Solver == solver }) {
			continue
		}
		var total uint256.Int
		for _, i := range pick(&solver) {
			s, _ := bids[i].Score()
			if _, over := total.AddOverflow(&total, &s); over {
				return out, auction.ErrOverflow
			}
		}
		out.Reference = append(out.Reference, auction.ReferenceScore{Solver: solver, Score: total})
	}
	return out, nil
}

// TestPropSelectCombinatorialMatchesModel: the selection equals the direct model on every
// field, errors included.
func TestPropSelectCombinatorialMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var bids []auction.Bid
		if rapid.Bool().Draw(t, "many") {
			bids = manyBids(t)
		} else {
			bids = auctiontest.Bids(t)
		}
		var seed interop.Hash
		seed[0] = rapid.Byte().Draw(t, "seed")
		max := rapid.IntRange(1, 12).Draw(t, "maxWinners")
		got, err := auction.SelectCombinatorial(seed, bids, max)
		want, werr := refSelect(seed, bids, max)
		if (err == nil) != (werr == nil) || err != nil && !errors.Is(err, errors.Unwrap(werr)) && !errors.Is(err, werr) {
			t.Fatalf("error %v, model %v", err, werr)
		}
		if err != nil {
			return
		}
		if !slices.Equal(got.Fair, want.Fair) || !slices.Equal(got.Winners, want.Winners) {
			t.Fatalf("fair %v winners %v, model fair %v winners %v", got.Fair, got.Winners, want.Fair, want.Winners)
		}
		if len(got.Reference) != len(want.Reference) {
			t.Fatalf("reference %+v, model %+v", got.Reference, want.Reference)
		}
		for i := range got.Reference {
			if got.Reference[i].Solver != want.Reference[i].Solver || !got.Reference[i].Score.Eq(&want.Reference[i].Score) {
				t.Fatalf("reference %+v, model %+v", got.Reference, want.Reference)
			}
		}
	})
}

// manyBids draws up to 48 bids from up to 8 solvers over 16 directed pairs, so that winners
// block each other in chains and removing one solver cascades.
func manyBids(t *rapid.T) []auction.Bid {
	n := rapid.IntRange(1, 48).Draw(t, "bids")
	bids := make([]auction.Bid, n)
	for i := range bids {
		b := auction.Bid{Solver: auctiontest.Address(t, "solver", 8), SolutionID: uint64(i)}
		used := map[[2]interop.Address]bool{}
		for range rapid.IntRange(0, 5).Draw(t, "pairs") {
			p := auction.PairScore{Sell: auctiontest.Address(t, "sell", 4), Buy: auctiontest.Address(t, "buy", 4)}
			if used[[2]interop.Address{p.Sell, p.Buy}] {
				continue
			}
			used[[2]interop.Address{p.Sell, p.Buy}] = true
			p.Score.SetUint64(rapid.Uint64Range(0, 20).Draw(t, "score"))
			b.Pairs = append(b.Pairs, p)
		}
		bids[i] = b
	}
	return bids
}
