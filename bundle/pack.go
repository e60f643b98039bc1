package bundle

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
)

// ConflictKey names a piece of state two candidates must not both touch at one height: a
// sender's nonce, a declared storage slot. Keys are global: chain-scoped keys hash the chain
// in (see NonceKey, StorageKey).
type ConflictKey [32]byte

// NonceKey is the key of (chain, sender, nonce): two transactions spending one nonce conflict.
func NonceKey(chain interop.ChainID, sender interop.Address, nonce uint64) ConflictKey {
	var b [1 + 8 + 20 + 8]byte
	b[0] = 'n'
	binary.BigEndian.PutUint64(b[1:], uint64(chain))
	copy(b[9:], sender[:])
	binary.BigEndian.PutUint64(b[29:], nonce)
	return ConflictKey(mpt.Keccak256(b[:]))
}

// StorageKey is the key of a declared storage slot of a contract on a chain.
func StorageKey(chain interop.ChainID, contract interop.Address, slot interop.Hash) ConflictKey {
	var b [1 + 8 + 20 + 32]byte
	b[0] = 's'
	binary.BigEndian.PutUint64(b[1:], uint64(chain))
	copy(b[9:], contract[:])
	copy(b[29:], slot[:])
	return ConflictKey(mpt.Keccak256(b[:]))
}

// PackLeg is a candidate's demand on one chain: capacity used (gas or bytes, in the unit of
// that chain's capacity) and the state it conflicts on.
type PackLeg struct {
	Chain interop.ChainID
	Size  uint64
	Keys  []ConflictKey
}

// Candidate is a bundle, or a single transaction (one leg), offered for one height.
type Candidate struct {
	ID   interop.Hash // identity, and the last tie-breaker
	Fee  uint256.Int
	Legs []PackLeg
}

// Packing is a selection: the candidates chosen, in the order they are to be sequenced,
// their total fee, and the capacity used per chain.
type Packing struct {
	Selected []int // indices into the candidates, in sequencing order
	Fee      uint256.Int
	Used     map[interop.ChainID]uint64
}

// maxFeeBits bounds a candidate's fee (2^128 wei is far above any real fee) so that sums
// over any number of candidates cannot wrap.
const maxFeeBits = 128

// ExactLimit is the largest number of candidates the Packer solves exactly.
const ExactLimit = 16

// Packer selects what a shared sequencer orders at one height. Its guarantee:
//
//   - the selection never holds two candidates sharing a conflict key, never exceeds a
//     chain's capacity, and never splits a candidate: every leg or none;
//   - with at most ExactLimit candidates it is optimal (exhaustive branch and bound);
//   - above that it is greedy by fee density — fee over the sum of each leg's size as a
//     fraction of its chain's capacity — then compared with the best single candidate, which
//     keeps it within a factor 2 of the optimum when there is one chain and no conflicts.
//     With conflicts no greedy rule has a constant factor (it is weighted independent set);
//     the density order is the standard heuristic for it;
//   - it is deterministic: equal input gives equal output. Ties in density break by higher
//     fee, then by ID, then by position in the input.
//
// Time is O(n log n) in the candidates, plus their legs and keys.
type Packer struct {
	// Capacity per chain; a candidate with a leg on a chain not listed is refused.
	Capacity map[interop.ChainID]uint64
}

// Pack selects from cands. It refuses input it cannot reason about: a chain without
// capacity, a leg larger than its chain, a fee of more than 128 bits, or a candidate with no
// legs or more than MaxLegs.
//
// Bound: above ExactLimit candidates, O(n log n) plus linear in legs and keys; at most
// ExactLimit candidates, linear in legs and keys plus a branch and bound over at most
// 2^(ExactLimit+1) nodes of at most MaxLegs steps each, whatever the candidates' size;
// memory linear in the input. Per-chain sums are checked, never wrapped, so the selection never
// exceeds a capacity for any uint64 capacity and sizes.
func (p *Packer) Pack(cands []Candidate) (Packing, error) {
	pk, err := p.prepare(cands)
	if err != nil {
		return Packing{}, err
	}
	order := pk.rank(cands)
	if len(cands) <= ExactLimit {
		return p.exact(pk, cands, order), nil
	}
	greedy := pk.greedy(cands, order)
	// The best single candidate that fits alone guards the one-large-item case of
	// knapsack.
	if best := pk.bestAlone; best >= 0 && cands[best].Fee.Gt(&greedy.Fee) {
		return p.finish(cands, []int{best}), nil
	}
	return greedy, nil
}

// packing is the Packer's working state: chains mapped to dense indices, and per candidate,
// leg and key one record each, so that the greedy pass, which visits candidates in rank
// order (randomly in memory), touches one cache line per record rather than one per array.
type packing struct {
	chains    []interop.ChainID
	capacity  []uint64
	cand      []candRec
	legs      []legRec // in candidate order
	keys      []keyRec // in leg order
	weight    []float64
	bestAlone int // the highest-fee candidate that fits alone, first in rank order on ties; -1 if none
}

type candRec struct {
	firstLeg int32 // index into legs
	nLegs    uint8
	alone    bool // fits on its own: no chain over capacity
}

type legRec struct {
	chain    int32  // dense chain index
	firstKey int32  // index into keys; the leg's keys end where the next leg's begin
	size     uint64 // capacity used
}

type keyRec struct {
	fp  uint64 // fingerprint (never zero)
	key *ConflictKey
}

func (p *Packer) prepare(cands []Candidate) (*packing, error) {
	index := make(map[interop.ChainID]int32, len(p.Capacity))
	pk := &packing{cand: make([]candRec, len(cands)), weight: make([]float64, len(cands)), bestAlone: -1}
	chains := make([]interop.ChainID, 0, len(p.Capacity))
	for c := range p.Capacity {
		chains = append(chains, c)
	}
	slices.Sort(chains)
	for _, c := range chains {
		if p.Capacity[c] == 0 {
			return nil, fmt.Errorf("%w: chain %d has zero capacity", ErrCapacity, c)
		}
		index[c] = int32(len(pk.capacity))
		pk.capacity = append(pk.capacity, p.Capacity[c])
		pk.chains = append(pk.chains, c)
	}
	totalLegs, totalKeys := 0, 0
	for i := range cands {
		totalLegs += len(cands[i].Legs)
		for j := range cands[i].Legs {
			totalKeys += len(cands[i].Legs[j].Keys)
		}
	}
	// Leg and key records index each other with int32: refuse more than that can address
	// rather than wrap.
	if totalLegs >= math.MaxInt32 || totalKeys >= math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d legs, %d conflict keys", ErrCapacity, totalLegs, totalKeys)
	}
	pk.legs = make([]legRec, 0, totalLegs+1)
	pk.keys = make([]keyRec, 0, totalKeys)
	for i := range cands {
		c := &cands[i]
		if c.Fee.BitLen() > maxFeeBits {
			return nil, fmt.Errorf("%w: candidate %d fee of %d bits (max %d)", ErrCapacity, i, c.Fee.BitLen(), maxFeeBits)
		}
		if len(c.Legs) == 0 || len(c.Legs) > MaxLegs {
			return nil, fmt.Errorf("%w: candidate %d has %d legs", ErrCapacity, i, len(c.Legs))
		}
		first := len(pk.legs)
		alone := true
		for j, l := range c.Legs {
			ci, ok := index[l.Chain]
			if !ok {
				return nil, fmt.Errorf("%w: candidate %d leg on chain %d", ErrUnknownChain, i, l.Chain)
			}
			capacity := pk.capacity[ci]
			if l.Size > capacity {
				return nil, fmt.Errorf("%w: candidate %d needs %d of chain %d's %d", ErrCapacity, i, l.Size, l.Chain, capacity)
			}
			pk.legs = append(pk.legs, legRec{chain: ci, firstKey: int32(len(pk.keys)), size: l.Size})
			for k := range l.Keys {
				pk.keys = append(pk.keys, keyRec{fp: fingerprint(&l.Keys[k]), key: &l.Keys[k]})
			}
			pk.weight[i] += float64(l.Size) / float64(capacity)
			// Legs of one candidate on one chain add up; the sum is checked, never wrapped.
			sum, fit := l.Size, true
			for k := 0; k < j && fit; k++ {
				if pk.legs[first+k].chain == ci {
					sum, fit = fill(sum, c.Legs[k].Size, capacity)
				}
			}
			alone = alone && fit
		}
		pk.cand[i] = candRec{firstLeg: int32(first), nLegs: uint8(len(c.Legs)), alone: alone}
		if alone {
			if b := pk.bestAlone; b < 0 || c.Fee.Gt(&cands[b].Fee) || c.Fee.Eq(&cands[b].Fee) && pk.before(cands, i, b) {
				pk.bestAlone = i
			}
		}
	}
	// A sentinel leg closes the last leg's key range.
	pk.legs = append(pk.legs, legRec{firstKey: int32(len(pk.keys))})
	return pk, nil
}

// density is a candidate's fee over its capacity weight; one that uses no capacity comes
// first.
func (pk *packing) density(cands []Candidate, i int) float64 {
	if pk.weight[i] > 0 {
		return cands[i].Fee.Float64() / pk.weight[i]
	}
	return math.Inf(1)
}

// before reports whether candidate a ranks before b: higher density, then higher fee,
// then lower ID, then earlier in the input. It is the order of rank, for the rare
// comparisons outside the sort.
func (pk *packing) before(cands []Candidate, a, b int) bool {
	c := rankCmp(pk.density(cands, a), pk.density(cands, b), &cands[a], &cands[b])
	return c < 0 || c == 0 && a < b
}

// rankCmp is the rank order of two candidates given their densities.
func rankCmp(da, db float64, a, b *Candidate) int {
	switch {
	case da > db:
		return -1
	case da < db:
		return 1
	}
	if c := b.Fee.Cmp(&a.Fee); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// Rank returns the order in which the greedy pass considers cands: by fee density, then fee,
// then ID, then position. It is the sort any greedy packer must do, and checks the input as
// Pack does. Bound: O(n log n) plus linear in legs and keys; memory linear in the input.
func (p *Packer) Rank(cands []Candidate) ([]int, error) {
	pk, err := p.prepare(cands)
	if err != nil {
		return nil, err
	}
	return pk.rank(cands), nil
}

// rank orders candidates by fee density, then fee, then ID, then position. The density sits beside the
// index in the sorted slice: a comparator reading a side array misses the cache at every
// comparison once n is large.
func (pk *packing) rank(cands []Candidate) []int {
	type ranked struct {
		density float64
		i       int
	}
	rs := make([]ranked, len(cands))
	for i := range rs {
		rs[i] = ranked{density: pk.density(cands, i), i: i}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := rankCmp(a.density, b.density, &cands[a.i], &cands[b.i]); c != 0 {
			return c
		}
		// Equal in everything ranked (the same ID twice): input order, so the rank is a
		// total order and does not depend on the sort algorithm.
		return cmp.Compare(a.i, b.i)
	})
	order := make([]int, len(rs))
	for k, r := range rs {
		order[k] = r.i
	}
	return order
}

func (pk *packing) greedy(cands []Candidate, order []int) Packing {
	used := make([]uint64, len(pk.capacity))
	taken := newKeySet(len(pk.keys))
	chosen := make([]int, 0, len(cands)/2)
	var fee uint256.Int
	for _, i := range order {
		c := pk.cand[i]
		if !c.alone {
			continue
		}
		nl := int(c.nLegs)
		legs := pk.legs[c.firstLeg : int(c.firstLeg)+nl+1] // with the next leg, for the key range
		added := 0                                         // legs whose size is in used
		ok := true
		for l := 0; l < nl && ok; l++ {
			// The running total per chain covers several legs of one candidate on a chain.
			ch := legs[l].chain
			if used[ch], ok = fill(used[ch], legs[l].size, pk.capacity[ch]); !ok {
				break
			}
			added = l + 1
			for k := legs[l].firstKey; k < legs[l+1].firstKey && ok; k++ {
				ok = !taken.has(pk.keys[k].key, pk.keys[k].fp)
			}
		}
		if !ok {
			for l := range added {
				used[legs[l].chain] -= legs[l].size
			}
			continue
		}
		for k := legs[0].firstKey; k < legs[nl].firstKey; k++ {
			taken.add(pk.keys[k].key, pk.keys[k].fp)
		}
		chosen = append(chosen, i)
		fee.Add(&fee, &cands[i].Fee)
	}
	out := Packing{Selected: chosen, Fee: fee, Used: make(map[interop.ChainID]uint64, len(used))}
	for ci, u := range used {
		if u > 0 {
			out.Used[pk.chains[ci]] = u
		}
	}
	return out
}

// fingerprint mixes a key's four words into 64 bits (never zero, the empty-slot mark).
// Keys need not be uniformly random: a fingerprint collision only costs a full comparison.
func fingerprint(k *ConflictKey) uint64 {
	const m = 0x9e3779b97f4a7c15
	h := binary.LittleEndian.Uint64(k[0:]) * m
	h = (h ^ binary.LittleEndian.Uint64(k[8:])) * m
	h = (h ^ binary.LittleEndian.Uint64(k[16:])) * m
	h = (h ^ binary.LittleEndian.Uint64(k[24:])) * m
	h ^= h >> 29
	if h == 0 {
		h = 1
	}
	return h
}

// keySet is an open-addressing set of conflict keys, sized once: the greedy pass makes one
// lookup per key and a map's generality costs more than the hashing.
type keySet struct {
	fp   []uint64
	keys []*ConflictKey
	mask uint64
}

func newKeySet(n int) keySet {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return keySet{fp: make([]uint64, size), keys: make([]*ConflictKey, size), mask: uint64(size - 1)}
}

func (s *keySet) has(k *ConflictKey, fp uint64) bool {
	for i := fp & s.mask; ; i = (i + 1) & s.mask {
		switch s.fp[i] {
		case 0:
			return false
		case fp:
			if *s.keys[i] == *k {
				return true
			}
		}
	}
}

func (s *keySet) add(k *ConflictKey, fp uint64) {
	for i := fp & s.mask; ; i = (i + 1) & s.mask {
		switch s.fp[i] {
		case 0:
			s.fp[i], s.keys[i] = fp, k
			return
		case fp:
			if *s.keys[i] == *k {
				return
			}
		}
	}
}

// exact finds a fee-maximal feasible subset by depth-first branch and bound over the rank
// order (include before exclude, so ties keep the greedy's preference).
//
// The search visits up to 2^ExactLimit nodes, so a node must cost a constant, not the size
// of a candidate: conflicts are a bitmask per candidate (built once, linear in the keys)
// and each candidate's demand is one checked sum per chain it uses (at most MaxLegs). A
// node allocates nothing, so memory is linear in the input.
func (p *Packer) exact(pk *packing, cands []Candidate, order []int) Packing {
	n := len(cands) // at most ExactLimit
	// conflicts[i] holds the other candidates sharing a key with i.
	var conflicts [ExactLimit]uint32
	users := make(map[ConflictKey]uint32, len(pk.keys))
	for i := range n {
		for _, l := range cands[i].Legs {
			for _, k := range l.Keys {
				users[k] |= 1 << i
			}
		}
	}
	for _, m := range users {
		for rest := m; rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros32(rest)
			conflicts[i] |= m &^ (1 << i)
		}
	}
	// demand[i] is candidate i's total per chain it uses; candidates that do not fit alone
	// (a chain's total over its capacity) have none and are never taken.
	type need struct {
		chain int32
		size  uint64
	}
	demand := make([][]need, n)
	for i := range n {
		c := pk.cand[i]
		if !c.alone {
			continue
		}
		for _, l := range pk.legs[c.firstLeg : int(c.firstLeg)+int(c.nLegs)] {
			j := slices.IndexFunc(demand[i], func(d need) bool { return d.chain == l.chain })
			if j < 0 {
				demand[i] = append(demand[i], need{chain: l.chain})
				j = len(demand[i]) - 1
			}
			demand[i][j].size += l.size // alone: the sum is at most the capacity
		}
	}
	used := make([]uint64, len(pk.capacity))
	var taken uint32
	fits := func(i int) bool {
		if !pk.cand[i].alone || conflicts[i]&taken != 0 {
			return false
		}
		for _, d := range demand[i] {
			// used never exceeds capacity, so the room left is exact.
			if d.size > pk.capacity[d.chain]-used[d.chain] {
				return false
			}
		}
		return true
	}
	var best, cur [ExactLimit]int
	nBest, nCur := 0, 0
	var bestFee, curFee uint256.Int
	bestSet := false
	// suffix[k] bounds the fee still available from order[k:].
	var suffix [ExactLimit + 1]uint256.Int
	for k := len(order) - 1; k >= 0; k-- {
		suffix[k].Add(&suffix[k+1], &cands[order[k]].Fee)
	}
	var walk func(k int)
	walk = func(k int) {
		var bound uint256.Int
		bound.Add(&curFee, &suffix[k])
		if bestSet && !bound.Gt(&bestFee) {
			return
		}
		if k == len(order) {
			best, nBest, bestFee, bestSet = cur, nCur, curFee, true
			return
		}
		i := order[k]
		if fits(i) {
			for _, d := range demand[i] {
				used[d.chain] += d.size
			}
			taken |= 1 << i
			cur[nCur] = i
			nCur++
			prev := curFee
			curFee.Add(&curFee, &cands[i].Fee)
			walk(k + 1)
			curFee = prev
			nCur--
			taken &^= 1 << i
			for _, d := range demand[i] {
				used[d.chain] -= d.size
			}
		}
		walk(k + 1)
	}
	walk(0)
	return p.finish(cands, append([]int(nil), best[:nBest]...))
}

func (p *Packer) finish(cands []Candidate, chosen []int) Packing {
	out := Packing{Selected: chosen, Used: map[interop.ChainID]uint64{}}
	for _, i := range chosen {
		out.Fee.Add(&out.Fee, &cands[i].Fee)
		for _, l := range cands[i].Legs {
			out.Used[l.Chain] += l.Size
		}
	}
	return out
}

// fill returns used+size and true when that sum is at most capacity, or used and false.
// used must not exceed capacity: comparing size with the room left, never the sum with the
// capacity, keeps the check exact for every uint64.
func fill(used, size, capacity uint64) (uint64, bool) {
	if size > capacity-used {
		return used, false
	}
	return used + size, true
}
