package auction

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// PairScore is a solution's score on one directed token pair: the summed scores of its
// trades selling Sell for Buy.
type PairScore struct {
	Sell, Buy interop.Address
	Score     uint256.Int
}

// Bid is one solver's solution as the competition sees it: who submitted it and its score
// per directed token pair (see PairScores). Its total score is the sum over pairs, computed
// here rather than taken from the solver, as the autopilot recomputes it.
type Bid struct {
	Solver     interop.Address
	SolutionID uint64
	Pairs      []PairScore
}

// Score returns the bid's total score. A pair listed twice is ErrDuplicatePair; a sum past
// 2^256-1 is ErrOverflow.
func (b *Bid) Score() (uint256.Int, error) {
	var total uint256.Int
	for i := range b.Pairs {
		for j := 0; j < i; j++ {
			if b.Pairs[i].Sell == b.Pairs[j].Sell && b.Pairs[i].Buy == b.Pairs[j].Buy {
				return total, fmt.Errorf("%w: solver %s solution %d pair %s→%s", ErrDuplicatePair, b.Solver, b.SolutionID, b.Pairs[i].Sell, b.Pairs[i].Buy)
			}
		}
		if _, over := total.AddOverflow(&total, &b.Pairs[i].Score); over {
			return total, fmt.Errorf("%w: solver %s solution %d score", ErrOverflow, b.Solver, b.SolutionID)
		}
	}
	return total, nil
}

// tieKey orders bids of equal score: keccak256(seed ‖ solver ‖ uint64be(solutionID)). With a
// per-auction seed (e.g. the hash of the auction id) no solver address wins ties
// systematically, and the order does not depend on how the bids were listed.
func tieKey(seed *interop.Hash, b *Bid) interop.Hash {
	var buf [32 + 20 + 8]byte
	copy(buf[:32], seed[:])
	copy(buf[32:52], b.Solver[:])
	binary.BigEndian.PutUint64(buf[52:], b.SolutionID)
	return keccak.Sum256(buf[:])
}

type ranked struct {
	idx   int
	score uint256.Int
	key   interop.Hash
}

// rank scores and orders bids best first, refusing duplicates.
func rank(seed interop.Hash, bids []Bid) ([]ranked, error) {
	r := make([]ranked, len(bids))
	for i := range bids {
		s, err := bids[i].Score()
		if err != nil {
			return nil, err
		}
		r[i] = ranked{idx: i, score: s, key: tieKey(&seed, &bids[i])}
	}
	slices.SortFunc(r, func(x, y ranked) int {
		if c := y.score.Cmp(&x.score); c != 0 {
			return c
		}
		if c := bytes.Compare(x.key[:], y.key[:]); c != 0 {
			return c
		}
		bx, by := &bids[x.idx], &bids[y.idx]
		if c := bytes.Compare(bx.Solver[:], by.Solver[:]); c != 0 {
			return c
		}
		switch {
		case bx.SolutionID < by.SolutionID:
			return -1
		case bx.SolutionID > by.SolutionID:
			return 1
		}
		return 0
	})
	for i := 1; i < len(r); i++ {
		a, b := &bids[r[i-1].idx], &bids[r[i].idx]
		if a.Solver == b.Solver && a.SolutionID == b.SolutionID {
			return nil, fmt.Errorf("%w: solver %s solution %d", ErrDuplicateBid, a.Solver, a.SolutionID)
		}
	}
	return r, nil
}

// Rank returns the indices of bids, best first: highest total score, ties broken by tieKey
// under seed. The order is a function of the set of bids and the seed only: permuting the
// input permutes the indices but ranks the same bids in the same places. Two bids from one
// solver with one solution id are ErrDuplicateBid.
func Rank(seed interop.Hash, bids []Bid) ([]int, error) {
	r, err := rank(seed, bids)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(r))
	for i := range r {
		out[i] = r[i].idx
	}
	return out, nil
}

// SelectWinner returns the index of the single winning bid (the first of Rank) — the
// single-winner batch auction of CIP-38. No bids is ErrNoBids.
func SelectWinner(seed interop.Hash, bids []Bid) (int, error) {
	if len(bids) == 0 {
		return 0, ErrNoBids
	}
	r, err := rank(seed, bids)
	if err != nil {
		return 0, err
	}
	return r[0].idx, nil
}

// ReferenceScore is a winning solver's reference score: the total score the winners would
// have had if that solver had not taken part.
type ReferenceScore struct {
	Solver interop.Address
	Score  uint256.Int
}

// Outcome is the result of the fair combinatorial auction.
type Outcome struct {
	Fair      []int            // indices of bids that passed the fairness filter, best first
	Winners   []int            // indices of winning bids, best first
	Reference []ReferenceScore // one per winning solver, in the order they first win
}

type pairKey [40]byte

func keyOf(p *PairScore) pairKey {
	var k pairKey
	copy(k[:20], p.Sell[:])
	copy(k[20:], p.Buy[:])
	return k
}

// SelectCombinatorial runs the fair combinatorial auction of CIP-67, as cowprotocol/services
// autopilot (winner_selection/combinatorial.rs) implements it:
//
//	a) bids are ranked as in Rank;
//	b) a baseline bid trades exactly one directed token pair; the baseline of a pair is the
//	   best such score (at least zero);
//	c) fairness filter: a bid on several pairs is dropped if on any pair it scores below that
//	   pair's baseline, so no order is batched at a worse directional price than it would
//	   have had alone;
//	d) winners: walking the fair bids best first, a bid wins if none of its directed pairs is
//	   already won, until maxWinners (≥ 1) have won;
//	e) each winning solver's reference score: the winners' total score from d) run over the
//	   fair bids without any of that solver's bids.
//
// The tie-break is the deterministic tieKey rather than the autopilot's unstable sort, so the
// outcome does not depend on the input order. Bids whose score cannot be summed are an error
// for the whole selection, not silently dropped.
func SelectCombinatorial(seed interop.Hash, bids []Bid, maxWinners int) (Outcome, error) {
	var out Outcome
	if maxWinners < 1 {
		return out, fmt.Errorf("%w: maxWinners %d", ErrNoBids, maxWinners)
	}
	r, err := rank(seed, bids)
	if err != nil {
		return out, err
	}
	baseline := make(map[pairKey]*uint256.Int)
	for i := range r {
		b := &bids[r[i].idx]
		if len(b.Pairs) != 1 {
			continue
		}
		k := keyOf(&b.Pairs[0])
		if cur, ok := baseline[k]; !ok || b.Pairs[0].Score.Gt(cur) {
			baseline[k] = &b.Pairs[0].Score
		}
	}
	var fair []ranked
	for i := range r {
		b := &bids[r[i].idx]
		keep := true
		if len(b.Pairs) > 1 {
			for j := range b.Pairs {
				if base, ok := baseline[keyOf(&b.Pairs[j])]; ok && b.Pairs[j].Score.Lt(base) {
					keep = false
					break
				}
			}
		}
		if keep {
			fair = append(fair, r[i])
			out.Fair = append(out.Fair, r[i].idx)
		}
	}
	if len(fair) == 0 {
		return out, ErrNoBids
	}
	var none interop.Address
	out.Winners = pickWinners(bids, fair, maxWinners, none, false)
	for _, w := range out.Winners {
		solver := bids[w].Solver
		if slices.ContainsFunc(out.Reference, func(rs ReferenceScore) bool { return rs.Solver == solver }) {
			continue
		}
		var total uint256.Int
		for _, i := range pickWinners(bids, fair, maxWinners, solver, true) {
			s, _ := bids[i].Score() // rank has already summed every bid without error
			if _, over := total.AddOverflow(&total, &s); over {
				return out, fmt.Errorf("%w: reference score without solver %s", ErrOverflow, solver)
			}
		}
		out.Reference = append(out.Reference, ReferenceScore{Solver: solver, Score: total})
	}
	return out, nil
}

// pickWinners is step d) over fair (best first), optionally skipping one solver's bids.
func pickWinners(bids []Bid, fair []ranked, maxWinners int, skip interop.Address, skipping bool) []int {
	taken := make(map[pairKey]struct{})
	var winners []int
	for _, f := range fair {
		if len(winners) >= maxWinners {
			break
		}
		b := &bids[f.idx]
		if skipping && b.Solver == skip {
			continue
		}
		free := true
		for j := range b.Pairs {
			if _, ok := taken[keyOf(&b.Pairs[j])]; ok {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for j := range b.Pairs {
			taken[keyOf(&b.Pairs[j])] = struct{}{}
		}
		winners = append(winners, f.idx)
	}
	return winners
}
