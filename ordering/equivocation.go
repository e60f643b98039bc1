package ordering

import (
	"fmt"
	"math/bits"

	"github.com/holiman/uint256"
)

// Equivocation is evidence that members of a committee signed two different commitments
// at the same height: two QCs, or two signed proposals (a QC with one signer). Anyone
// holding the committee can check it; no quorum is needed on either side.
type Equivocation struct {
	A, B Certified
}

// Offence is what verified equivocation evidence proves: which members signed both
// commitments, and their total stake, which is slashable.
type Offence struct {
	Height    uint64
	Epoch     uint64
	Signers   []int // member indices, ascending
	Slashable uint256.Int
}

// Verify checks e against committee c and returns the offence. The checks, in order:
//
//	a) both commitments name c's epoch (ErrEpoch);
//	b) both are at the same height and their hashes differ (ErrNotEquivocation);
//	c) some member is in both signer bitmaps (ErrNotEquivocation; bitmap errors first);
//	d) both aggregate signatures verify under their signers' keys (ErrInvalidSignature).
//
// Under proof-of-possession keys an aggregate verifies only if each of its signers signed,
// so an honest member who signed one commitment per height can never appear in an
// offence.
//
// Bound: two bitmap passes and two aggregate verifications (see VerifyQC); memory one int
// per member named.
func (e *Equivocation) Verify(c *Committee) (Offence, error) {
	a, b := &e.A.Commitment, &e.B.Commitment
	if a.Epoch != c.Epoch() || b.Epoch != c.Epoch() {
		return Offence{}, fmt.Errorf("%w: epochs %d and %d, committee %d", ErrEpoch, a.Epoch, b.Epoch, c.Epoch())
	}
	if a.Height != b.Height {
		return Offence{}, fmt.Errorf("%w: heights %d and %d", ErrNotEquivocation, a.Height, b.Height)
	}
	ha, hb := a.Hash(), b.Hash()
	if ha == hb {
		return Offence{}, fmt.Errorf("%w: same commitment %x twice", ErrNotEquivocation, ha)
	}
	if err := c.checkBitmap(&e.A.QC); err != nil {
		return Offence{}, fmt.Errorf("first QC: %w", err)
	}
	if err := c.checkBitmap(&e.B.QC); err != nil {
		return Offence{}, fmt.Errorf("second QC: %w", err)
	}
	off := Offence{Height: a.Height, Epoch: a.Epoch}
	n := 0
	for i := range e.A.QC.Signers {
		n += bits.OnesCount8(e.A.QC.Signers[i] & e.B.QC.Signers[i])
	}
	if n > 0 {
		off.Signers = make([]int, 0, n) // sized once: no growth copies
	}
	for i := range e.A.QC.Signers {
		for both := e.A.QC.Signers[i] & e.B.QC.Signers[i]; both != 0; both &= both - 1 {
			m := i*8 + bits.TrailingZeros8(both)
			off.Signers = append(off.Signers, m)
			off.Slashable.Add(&off.Slashable, &c.members[m].Stake)
		}
	}
	if len(off.Signers) == 0 {
		return Offence{}, fmt.Errorf("%w: no member signed both at height %d", ErrNotEquivocation, a.Height)
	}
	if err := c.verifySigners(ha, &e.A.QC); err != nil {
		return Offence{}, fmt.Errorf("first QC: %w", err)
	}
	if err := c.verifySigners(hb, &e.B.QC); err != nil {
		return Offence{}, fmt.Errorf("second QC: %w", err)
	}
	return off, nil
}
