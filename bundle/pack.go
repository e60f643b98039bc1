package bundle

import (
	"bytes"
	"encoding/binary"
	"fmt"
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
//     fee, then by ID.
//
// Time is O(n log n) in the candidates, plus their legs and keys.
type Packer struct {
	// Capacity per chain; a candidate with a leg on a chain not listed is refused.
	Capacity map[interop.ChainID]uint64
}

// Pack selects from cands. It refuses input it cannot reason about: a chain without
// capacity, a leg larger than its chain, or more than MaxLegs legs in a candidate.
func (p *Packer) Pack(cands []Candidate) (Packing, error) {
	for c, capacity := range p.Capacity {
		if capacity == 0 {
			return Packing{}, fmt.Errorf("%w: chain %d has zero capacity", ErrCapacity, c)
		}
	}
	weights := make([]float64, len(cands))
	for i := range cands {
		if cands[i].Fee.BitLen() > maxFeeBits {
			return Packing{}, fmt.Errorf("%w: candidate %d fee of %d bits (max %d)", ErrCapacity, i, cands[i].Fee.BitLen(), maxFeeBits)
		}
		if len(cands[i].Legs) == 0 || len(cands[i].Legs) > MaxLegs {
			return Packing{}, fmt.Errorf("%w: candidate %d has %d legs", ErrCapacity, i, len(cands[i].Legs))
		}
		for _, l := range cands[i].Legs {
			capacity, ok := p.Capacity[l.Chain]
			if !ok {
				return Packing{}, fmt.Errorf("%w: candidate %d leg on chain %d", ErrUnknownChain, i, l.Chain)
			}
			if l.Size > capacity {
				return Packing{}, fmt.Errorf("%w: candidate %d needs %d of chain %d's %d", ErrCapacity, i, l.Size, l.Chain, capacity)
			}
			weights[i] += float64(l.Size) / float64(capacity)
		}
	}
	order := p.rank(cands, weights)
	if len(cands) <= ExactLimit {
		return p.exact(cands, order), nil
	}
	greedy := p.greedy(cands, order)
	// The best single candidate (the first by fee in rank order) guards the
	// one-large-item case of knapsack.
	best := -1
	empty := state{used: map[interop.ChainID]uint64{}, keys: map[ConflictKey]struct{}{}}
	for _, i := range order {
		if (best < 0 || cands[i].Fee.Gt(&cands[best].Fee)) && p.fits(&empty, &cands[i]) {
			best = i
		}
	}
	if best >= 0 && cands[best].Fee.Gt(&greedy.Fee) {
		return p.finish(cands, []int{best}), nil
	}
	return greedy, nil
}

// rank orders candidates by fee density, then fee, then ID.
func (p *Packer) rank(cands []Candidate, weights []float64) []int {
	order := make([]int, len(cands))
	density := make([]float64, len(cands))
	for i := range order {
		order[i] = i
		if weights[i] > 0 {
			density[i] = cands[i].Fee.Float64() / weights[i]
		} else {
			density[i] = cands[i].Fee.Float64() * 1e300 // free to include: first
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case density[a] > density[b]:
			return -1
		case density[a] < density[b]:
			return 1
		}
		if c := cands[b].Fee.Cmp(&cands[a].Fee); c != 0 {
			return c
		}
		return bytes.Compare(cands[a].ID[:], cands[b].ID[:])
	})
	return order
}

// state tracks capacity and conflict keys while selecting.
type state struct {
	used map[interop.ChainID]uint64
	keys map[ConflictKey]struct{}
}

func (p *Packer) fits(s *state, c *Candidate) bool {
	var extra [MaxLegs]struct {
		chain interop.ChainID
		size  uint64
	}
	n := 0
	for _, l := range c.Legs {
		// Legs of one candidate on one chain add up.
		j := 0
		for j < n && extra[j].chain != l.Chain {
			j++
		}
		if j == n {
			extra[n].chain = l.Chain
			n++
		}
		extra[j].size += l.Size
		if s.used[l.Chain]+extra[j].size > p.Capacity[l.Chain] {
			return false
		}
		// A candidate never conflicts with itself: its legs are sequenced in order.
		for _, k := range l.Keys {
			if _, taken := s.keys[k]; taken {
				return false
			}
		}
	}
	return true
}

func add(s *state, c *Candidate) {
	for _, l := range c.Legs {
		s.used[l.Chain] += l.Size
		for _, k := range l.Keys {
			s.keys[k] = struct{}{}
		}
	}
}

func (p *Packer) greedy(cands []Candidate, order []int) Packing {
	s := state{used: make(map[interop.ChainID]uint64, len(p.Capacity)), keys: make(map[ConflictKey]struct{}, len(cands))}
	var chosen []int
	for _, i := range order {
		if p.fits(&s, &cands[i]) {
			add(&s, &cands[i])
			chosen = append(chosen, i)
		}
	}
	return p.finish(cands, chosen)
}

// exact finds a fee-maximal feasible subset by depth-first branch and bound over the rank
// order (include before exclude, so ties keep the greedy's preference).
func (p *Packer) exact(cands []Candidate, order []int) Packing {
	var best []int
	var bestFee uint256.Int
	bestSet := false
	s := state{used: map[interop.ChainID]uint64{}, keys: map[ConflictKey]struct{}{}}
	// suffix[k] bounds the fee still available from order[k:].
	suffix := make([]uint256.Int, len(order)+1)
	for k := len(order) - 1; k >= 0; k-- {
		suffix[k].Add(&suffix[k+1], &cands[order[k]].Fee)
	}
	var cur []int
	var curFee uint256.Int
	var walk func(k int)
	walk = func(k int) {
		var bound uint256.Int
		bound.Add(&curFee, &suffix[k])
		if bestSet && !bound.Gt(&bestFee) {
			return
		}
		if k == len(order) {
			best, bestFee, bestSet = append([]int(nil), cur...), curFee, true
			return
		}
		i := order[k]
		if p.fits(&s, &cands[i]) {
			saved := state{used: map[interop.ChainID]uint64{}, keys: nil}
			for c, u := range s.used {
				saved.used[c] = u
			}
			add(&s, &cands[i])
			cur = append(cur, i)
			prev := curFee
			curFee.Add(&curFee, &cands[i].Fee)
			walk(k + 1)
			curFee = prev
			cur = cur[:len(cur)-1]
			s.used = saved.used
			for _, l := range cands[i].Legs {
				for _, key := range l.Keys {
					delete(s.keys, key)
				}
			}
		}
		walk(k + 1)
	}
	walk(0)
	return p.finish(cands, best)
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
