package bundle

import (
	"fmt"

	"github.com/interopkit/interop"
)

// Ordered is what a shared sequencer committed to at one height, after verification: for
// each rollup, the complete ordered list of its transactions, checked against a
// quorum-certified commitment with inclusion and completeness proofs. Package ordering
// provides it; bundle only reads it.
type Ordered interface {
	// Height is the sequencer height of the commitment.
	Height() uint64
	// Transactions returns the complete ordered transaction list of chain at this height
	// (empty if the commitment orders none for it), or an error if the commitment does
	// not cover chain.
	Transactions(chain interop.ChainID) ([][]byte, error)
}

// InclusionStatus is the atomic-inclusion verdict.
type InclusionStatus uint8

const (
	// IncludedAtomically: every leg is ordered at this height, legs on one chain in bundle
	// order.
	IncludedAtomically InclusionStatus = iota + 1
	// NotIncluded: no leg is ordered at this height.
	NotIncluded
	// PartiallyIncluded: some legs are ordered and some are not, or legs on one chain are
	// out of bundle order: the sequencer broke atomic inclusion. Evidence says which.
	PartiallyIncluded
)

func (s InclusionStatus) String() string {
	switch s {
	case IncludedAtomically:
		return "included atomically"
	case NotIncluded:
		return "not included"
	case PartiallyIncluded:
		return "partially included"
	}
	return fmt.Sprintf("InclusionStatus(%d)", uint8(s))
}

// LegInclusion is where a leg was found: its position in its chain's list, or -1.
type LegInclusion struct {
	Leg      int
	Chain    interop.ChainID
	Position int
}

// Inclusion is the verdict with its evidence: each leg's position in the verified lists.
// The lists themselves are the sequencer's proofs; anyone holding the same commitment can
// recompute this.
type Inclusion struct {
	Status InclusionStatus
	Height uint64
	Legs   []LegInclusion
	// OutOfOrder lists legs found before an earlier leg of the same chain.
	OutOfOrder []int
}

// CheckInclusion decides whether b was included atomically at o's height: each leg is
// looked up, by exact bytes, in the complete list of its chain; legs sharing a chain must
// appear in bundle order. A chain o does not cover is an error, not a verdict: nothing can
// be concluded from missing data.
//
// Bound: one call of o.Transactions per distinct chain, and one pass over each list
// (a hash lookup per transaction), so work is linear in the bytes of the lists and of b,
// never legs × transactions; memory O(size of b).
func CheckInclusion(b *Bundle, o Ordered) (Inclusion, error) {
	if err := b.Validate(nil); err != nil {
		return Inclusion{}, err
	}
	res := Inclusion{Height: o.Height(), Legs: make([]LegInclusion, len(b.Legs))}
	// The legs of each chain by transaction bytes (unique per chain: Validate refuses
	// duplicate legs), chains in first-leg order.
	var chains []interop.ChainID
	legsOf := map[interop.ChainID]map[string]int{}
	for i := range b.Legs {
		l := &b.Legs[i]
		m, ok := legsOf[l.Chain]
		if !ok {
			m = map[string]int{}
			legsOf[l.Chain] = m
			chains = append(chains, l.Chain)
		}
		m[string(l.Tx)] = i
		res.Legs[i] = LegInclusion{Leg: i, Chain: l.Chain, Position: -1}
	}
	for _, c := range chains {
		txs, err := o.Transactions(c)
		if err != nil {
			return Inclusion{}, fmt.Errorf("%w: chain %d at height %d: %w", ErrEvidence, c, o.Height(), err)
		}
		m := legsOf[c]
		left := len(m)
		for j, tx := range txs {
			// A leg's position is its first occurrence in the list.
			if i, ok := m[string(tx)]; ok && res.Legs[i].Position < 0 {
				res.Legs[i].Position = j
				if left--; left == 0 {
					break
				}
			}
		}
	}
	found := 0
	lastPos := map[interop.ChainID]int{}
	for i, l := range res.Legs {
		if l.Position < 0 {
			continue
		}
		found++
		if last, ok := lastPos[l.Chain]; ok && l.Position < last {
			res.OutOfOrder = append(res.OutOfOrder, i)
		}
		lastPos[l.Chain] = l.Position
	}
	switch {
	case found == len(b.Legs) && len(res.OutOfOrder) == 0:
		res.Status = IncludedAtomically
	case found == 0:
		res.Status = NotIncluded
	default:
		res.Status = PartiallyIncluded
	}
	return res, nil
}
