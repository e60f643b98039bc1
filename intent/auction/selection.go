package auction

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/intheap"
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

// Bounds on the competition's inputs. A bid's pairs come from one solution's trades, so
// MaxBidPairs is one per order of an auction; CoW's autopilot sees tens of solvers with a
// few solutions each, and MaxBids leaves two orders of magnitude of room.
const (
	MaxBidPairs = MaxOrders // directed pairs of one bid
	MaxBids     = 1 << 12   // bids in one selection
	// MaxSelectionPairs bounds the pairs of all bids of one selection together.
	MaxSelectionPairs = 1 << 20
	// MaxSelectionWork bounds the reference-score step of SelectCombinatorial: the pair
	// visits of re-running the winner selection without each winning solver, counted as
	// they happen over all re-runs (about 0.2 s of work).
	MaxSelectionWork = 1 << 25
)

// smallBid is the pair count up to which duplicates are found by direct comparison, with
// no allocation; larger bids sort their pair keys.
const smallBid = 16

// Score returns the bid's total score. More than MaxBidPairs pairs is ErrTooLarge; a pair
// listed twice is ErrDuplicatePair; a sum past 2^256-1 is ErrOverflow. Work O(n log n) in
// the n pairs; memory 40·n bytes past 16 pairs, none below.
func (b *Bid) Score() (uint256.Int, error) {
	var buf []pairKey
	return b.score(&buf, nil)
}

// meter counts the elementary steps (comparisons, lookups, pair visits) of one call, so
// that tests can hold the algorithms to their stated growth without timing them. A nil
// meter counts nothing.
type meter struct{ n int }

func (m *meter) add(k int) {
	if m != nil {
		m.n += k
	}
}

// score is Score with a reusable key buffer.
func (b *Bid) score(buf *[]pairKey, m *meter) (uint256.Int, error) {
	var total uint256.Int
	if len(b.Pairs) > MaxBidPairs {
		return total, fmt.Errorf("%w: solver %s solution %d has %d pairs, at most %d", ErrTooLarge, b.Solver, b.SolutionID, len(b.Pairs), MaxBidPairs)
	}
	if i, ok := b.duplicatePair(buf, m); ok {
		p := &b.Pairs[i]
		return total, fmt.Errorf("%w: solver %s solution %d pair %s→%s", ErrDuplicatePair, b.Solver, b.SolutionID, p.Sell, p.Buy)
	}
	for i := range b.Pairs {
		if _, over := total.AddOverflow(&total, &b.Pairs[i].Score); over {
			return total, fmt.Errorf("%w: solver %s solution %d score", ErrOverflow, b.Solver, b.SolutionID)
		}
	}
	return total, nil
}

// duplicatePair returns the index of a pair that the bid lists twice.
func (b *Bid) duplicatePair(buf *[]pairKey, m *meter) (int, bool) {
	ps := b.Pairs
	m.add(len(ps))
	if len(ps) <= smallBid {
		for i := range ps {
			m.add(i)
			for j := 0; j < i; j++ {
				if ps[i].Sell == ps[j].Sell && ps[i].Buy == ps[j].Buy {
					return i, true
				}
			}
		}
		return 0, false
	}
	keys := (*buf)[:0]
	if cap(keys) < len(ps) {
		keys = make([]pairKey, 0, len(ps))
	}
	for i := range ps {
		keys = append(keys, keyOf(&ps[i]))
	}
	*buf = keys
	slices.SortFunc(keys, func(x, y pairKey) int {
		m.add(1)
		return bytes.Compare(x[:], y[:])
	})
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			// Report the first pair of the bid with that key.
			for j := range ps {
				if keyOf(&ps[j]) == keys[i] {
					return j, true
				}
			}
		}
	}
	return 0, false
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

// rank scores and orders bids best first, refusing duplicates and more than MaxBids bids
// or MaxSelectionPairs pairs in all.
func rank(seed interop.Hash, bids []Bid, m *meter) ([]ranked, error) {
	if len(bids) > MaxBids {
		return nil, fmt.Errorf("%w: %d bids, at most %d", ErrTooLarge, len(bids), MaxBids)
	}
	pairs := 0
	for i := range bids {
		if pairs += len(bids[i].Pairs); pairs > MaxSelectionPairs {
			return nil, fmt.Errorf("%w: more than %d pairs over %d bids", ErrTooLarge, MaxSelectionPairs, len(bids))
		}
	}
	r := make([]ranked, len(bids))
	var buf []pairKey
	for i := range bids {
		s, err := bids[i].score(&buf, m)
		if err != nil {
			return nil, err
		}
		r[i] = ranked{idx: i, score: s, key: tieKey(&seed, &bids[i])}
	}
	slices.SortFunc(r, func(x, y ranked) int {
		m.add(1)
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
// solver with one solution id are ErrDuplicateBid. Bound: at most MaxBids bids and
// MaxSelectionPairs pairs in all (ErrTooLarge, before allocating); O(P log P) time and
// O(bids) memory plus 40 bytes per pair of the largest bid.
func Rank(seed interop.Hash, bids []Bid) ([]int, error) {
	r, err := rank(seed, bids, nil)
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
// single-winner batch auction of CIP-38. No bids is ErrNoBids; bounds as Rank.
func SelectWinner(seed interop.Hash, bids []Bid) (int, error) {
	if len(bids) == 0 {
		return 0, ErrNoBids
	}
	r, err := rank(seed, bids, nil)
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
// for the whole selection, not silently dropped; so is a reference score past 2^256-1
// (ErrOverflow).
//
// Resource bound: at most MaxBids bids and MaxSelectionPairs pairs in all (ErrTooLarge,
// checked before anything is allocated); a)–d) take O(P log P) time and O(P) memory in the
// P pairs. Step e) does not re-run d) from scratch per winning solver: a re-run equals the
// main run up to the solver's first win, and after it only bids sharing a pair with a bid
// whose outcome changed are re-decided (see rerunner), so a solver whose removal changes
// little costs little. Chains of bids that flip one another can still make e) quadratic, so
// its pair visits are counted, over all re-runs together, and a selection that needs more
// than MaxSelectionWork is ErrTooLarge. Memory stays O(P + bids).
func SelectCombinatorial(seed interop.Hash, bids []Bid, maxWinners int) (Outcome, error) {
	return selectCombinatorial(seed, bids, maxWinners, nil)
}

func selectCombinatorial(seed interop.Hash, bids []Bid, maxWinners int, m *meter) (Outcome, error) {
	var out Outcome
	if maxWinners < 1 {
		return out, fmt.Errorf("%w: maxWinners %d", ErrNoBids, maxWinners)
	}
	r, err := rank(seed, bids, m)
	if err != nil {
		return out, err
	}
	pairs := 0
	for i := range bids {
		pairs += len(bids[i].Pairs)
	}

	// Number the distinct directed pairs; pid[off[k]:off[k+1]] are ranked bid k's.
	ids := make(map[pairKey]int32, min(pairs, 1<<12))
	off := make([]int32, len(r)+1)
	pid := make([]int32, 0, pairs)
	for k := range r {
		b := &bids[r[k].idx]
		m.add(1 + len(b.Pairs))
		for j := range b.Pairs {
			key := keyOf(&b.Pairs[j])
			id, ok := ids[key]
			if !ok {
				id = int32(len(ids))
				ids[key] = id
			}
			pid = append(pid, id)
		}
		off[k+1] = int32(len(pid))
	}
	n := len(ids)

	// b) baselines from single-pair bids.
	baseline := make([]*uint256.Int, n)
	for k := range r {
		if off[k+1]-off[k] != 1 {
			continue
		}
		id, score := pid[off[k]], &bids[r[k].idx].Pairs[0].Score
		if cur := baseline[id]; cur == nil || score.Gt(cur) {
			baseline[id] = score
		}
	}
	// c) the fairness filter.
	var fair []int32 // ranked positions of the fair bids, best first
	for k := range r {
		b := &bids[r[k].idx]
		keep := true
		if len(b.Pairs) > 1 {
			for j := range b.Pairs {
				if base := baseline[pid[int(off[k])+j]]; base != nil && b.Pairs[j].Score.Lt(base) {
					keep = false
					break
				}
			}
		}
		if keep {
			fair = append(fair, int32(k))
			out.Fair = append(out.Fair, r[k].idx)
		}
	}
	if len(fair) == 0 {
		return out, ErrNoBids
	}

	// d) winners. takenAt[id] is the fair position of the winner that took the pair.
	takenAt := make([]int32, n)
	for i := range takenAt {
		takenAt[i] = never
	}
	var winPos []int32 // fair positions of the winners
	for f, k := range fair {
		if len(winPos) >= maxWinners {
			break
		}
		ps := pid[off[k]:off[k+1]]
		m.add(1 + len(ps))
		if !slices.ContainsFunc(ps, func(id int32) bool { return takenAt[id] != never }) {
			for _, id := range ps {
				takenAt[id] = int32(f)
			}
			winPos = append(winPos, int32(f))
			out.Winners = append(out.Winners, r[k].idx)
		}
	}

	// e) reference scores, one per winning solver, in the order they first win.
	rr := newRerunner(bids, r, fair, off, pid, takenAt, winPos, maxWinners, n)
	wins := make(map[interop.Address][]int32, min(len(winPos), 64))
	var order []interop.Address
	for _, f := range winPos {
		solver := bids[r[fair[f]].idx].Solver
		if _, ok := wins[solver]; !ok {
			order = append(order, solver)
		}
		wins[solver] = append(wins[solver], f)
	}
	for _, solver := range order {
		total, err := rr.without(solver, wins[solver])
		m.add(rr.work)
		rr.spent += rr.work
		rr.work = 0
		if err != nil {
			return out, err
		}
		out.Reference = append(out.Reference, ReferenceScore{Solver: solver, Score: total})
	}
	return out, nil
}

// rerunner computes step e) of SelectCombinatorial: the winners' total of step d) re-run
// without one solver. The re-run is the main run up to the solver's first win; from there it
// differs from the main run only at the bids that share a pair with a bid whose outcome
// changed (starting with the solver's own wins, which it loses), so only those are
// re-decided, in rank order, off a heap. When the cap of maxWinners could make another bid's
// outcome differ — the re-run has more winners than the main run at that point, or fewer
// past the main run's last winner when the main run was capped — it walks the remaining fair
// bids one by one instead. Every pair visit is counted against MaxSelectionWork.
type rerunner struct {
	bids       []Bid
	r          []ranked
	fair       []int32 // ranked positions of the fair bids
	off, pid   []int32 // pair ids of ranked bid k: pid[off[k]:off[k+1]]
	takenAt    []int32 // main run: fair position of the winner that took each pair
	winPos     []int32 // main run: fair positions of the winners
	mainWin    []bool  // main run: fair position f won
	before     []int32 // main run: winners at fair positions < f
	prefix     []wide  // main run: total score of the first i winners
	postOff    []int32 // fair positions holding pair id: post[postOff[id]:postOff[id+1]], ascending
	post       []int32
	maxWinners int
	// Per re-run state, reset by bumping tag.
	tag    uint32
	stamp  []uint32 // pair id: re-run tag under which rTaken holds
	rTaken []int32  // pair id: fair position of the re-run's winner that took it (never if freed)
	queued []uint32 // fair position: re-run tag under which it is on the heap
	heap   []int32
	work   int // pair visits of the current re-run
	spent  int // pair visits of the finished re-runs
}

const never = math.MaxInt32

// heapCost is what a pair visit off the heap counts against MaxSelectionWork, in pair
// visits of a plain walk: the heap operations and the posting-list search make it about
// eight times dearer.
const heapCost = 8

func newRerunner(bids []Bid, r []ranked, fair, off, pid, takenAt, winPos []int32, maxWinners, pairs int) *rerunner {
	rr := &rerunner{
		bids: bids, r: r, fair: fair, off: off, pid: pid, takenAt: takenAt, winPos: winPos,
		maxWinners: maxWinners,
		mainWin:    make([]bool, len(fair)),
		before:     make([]int32, len(fair)+1),
		postOff:    make([]int32, pairs+1),
		stamp:      make([]uint32, pairs),
		rTaken:     make([]int32, pairs),
		queued:     make([]uint32, len(fair)),
	}
	rr.prefix = make([]wide, len(winPos)+1)
	for i, f := range winPos {
		rr.mainWin[f] = true
		rr.prefix[i+1] = rr.prefix[i]
		rr.prefix[i+1].add(&r[fair[f]].score)
	}
	for f := range fair {
		rr.before[f+1] = rr.before[f]
		if rr.mainWin[f] {
			rr.before[f+1]++
		}
	}
	// Posting lists by counting sort; filling in fair order keeps each list ascending.
	for _, k := range fair {
		for _, id := range pid[off[k]:off[k+1]] {
			rr.postOff[id+1]++
		}
	}
	for id := 0; id < pairs; id++ {
		rr.postOff[id+1] += rr.postOff[id]
	}
	rr.post = make([]int32, rr.postOff[pairs])
	fill := slices.Clone(rr.postOff[:pairs])
	for f, k := range fair {
		for _, id := range pid[off[k]:off[k+1]] {
			rr.post[fill[id]] = int32(f)
			fill[id]++
		}
	}
	return rr
}

func (rr *rerunner) pairs(f int32) []int32 {
	k := rr.fair[f]
	return rr.pid[rr.off[k]:rr.off[k+1]]
}

func (rr *rerunner) bid(f int32) *Bid { return &rr.bids[rr.r[rr.fair[f]].idx] }

func (rr *rerunner) score(f int32) *uint256.Int { return &rr.r[rr.fair[f]].score }

// taken reports whether the re-run has taken pair id before fair position f, when every
// main-run take at or after from is void.
func (rr *rerunner) taken(id, f, from int32) bool {
	if rr.stamp[id] == rr.tag {
		return rr.rTaken[id] < f
	}
	return rr.takenAt[id] < min(f, from)
}

func (rr *rerunner) set(id, at int32) {
	rr.stamp[id], rr.rTaken[id] = rr.tag, at
}

// touch queues every fair bid after f that holds pair id.
func (rr *rerunner) touch(id, f int32) {
	ps := rr.post[rr.postOff[id]:rr.postOff[id+1]]
	i, _ := slices.BinarySearch(ps, f+1)
	rr.work += heapCost * (len(ps) - i)
	for _, g := range ps[i:] {
		if rr.queued[g] != rr.tag {
			rr.queued[g] = rr.tag
			rr.push(g)
		}
	}
}

func (rr *rerunner) over(solver interop.Address) error {
	if rr.spent+rr.work > MaxSelectionWork {
		return fmt.Errorf("%w: reference scores need more than %d pair visits (at solver %s)", ErrTooLarge, MaxSelectionWork, solver)
	}
	return nil
}

// without returns the winners' total of step d) run without solver, whose wins in the main
// run are at fair positions wins.
func (rr *rerunner) without(solver interop.Address, wins []int32) (uint256.Int, error) {
	rr.tag++
	rr.heap = rr.heap[:0]
	var gained, lost wide
	delta := 0 // re-run winners minus main-run winners so far
	capped := len(rr.winPos) == rr.maxWinners
	last := rr.winPos[len(rr.winPos)-1]
	for _, f := range wins {
		rr.queued[f] = rr.tag
		rr.push(f)
	}
	walkFrom := int32(-1)
	for len(rr.heap) > 0 {
		f := rr.pop()
		if capped && f > last && delta < 0 {
			walkFrom = last + 1
			break
		}
		ps := rr.pairs(f)
		rr.work += heapCost * (1 + len(ps))
		win := rr.bid(f).Solver != solver && int(rr.before[f])+delta < rr.maxWinners &&
			!slices.ContainsFunc(ps, func(id int32) bool { return rr.taken(id, f, never) })
		if win != rr.mainWin[f] {
			at := int32(never)
			if win {
				delta++
				gained.add(rr.score(f))
				at = f
			} else {
				delta--
				lost.add(rr.score(f))
			}
			for _, id := range ps {
				// A pair the re-run gave an earlier winner stays taken; the others were
				// free before f (f took them in the main run) and change hands here.
				if rr.stamp[id] == rr.tag && rr.rTaken[id] < f {
					continue
				}
				rr.set(id, at)
				rr.touch(id, f)
			}
		}
		if err := rr.over(solver); err != nil {
			return uint256.Int{}, err
		}
		if delta > 0 {
			walkFrom = f + 1
			break
		}
	}
	if walkFrom < 0 && capped && delta < 0 {
		walkFrom = last + 1
	}
	// The main run's winners before walkFrom (or all of them), adjusted by what changed.
	mainBefore := len(rr.winPos)
	if walkFrom >= 0 {
		mainBefore = int(rr.before[walkFrom])
	}
	total := rr.prefix[mainBefore]
	total.add(&gained.lo)
	total.hi += gained.hi
	total.sub(&lost)
	if walkFrom >= 0 {
		count := mainBefore + delta
		for f := walkFrom; int(f) < len(rr.fair) && count < rr.maxWinners; f++ {
			if rr.bid(f).Solver == solver {
				continue
			}
			ps := rr.pairs(f)
			rr.work += 1 + len(ps)
			if slices.ContainsFunc(ps, func(id int32) bool { return rr.taken(id, f, walkFrom) }) {
				continue
			}
			for _, id := range ps {
				rr.set(id, f)
			}
			total.add(rr.score(f))
			count++
		}
		if err := rr.over(solver); err != nil {
			return uint256.Int{}, err
		}
	}
	if total.hi != 0 {
		return uint256.Int{}, fmt.Errorf("%w: reference score without solver %s", ErrOverflow, solver)
	}
	return total.lo, nil
}

func (rr *rerunner) push(f int32) { rr.heap = intheap.Push(rr.heap, f, lessInt32) }

func (rr *rerunner) pop() int32 {
	var f int32
	rr.heap, f = intheap.Pop(rr.heap, lessInt32)
	return f
}

func lessInt32(a, b int32) bool { return a < b }

// wide is a sum of uint256 values that counts its carries, so a sum past 2^256-1 is seen.
type wide struct {
	lo uint256.Int
	hi uint64
}

func (w *wide) add(x *uint256.Int) {
	if _, over := w.lo.AddOverflow(&w.lo, x); over {
		w.hi++
	}
}

// sub subtracts v, which must not exceed w.
func (w *wide) sub(v *wide) {
	if _, borrow := w.lo.SubOverflow(&w.lo, &v.lo); borrow {
		w.hi--
	}
	w.hi -= v.hi
}
