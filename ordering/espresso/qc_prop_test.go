package espresso_test

import (
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
)

// TestPropQCVerifies: a QC a quorum signed verifies, also after a JSON round trip, and the
// stake table survives its own JSON round trip.
func TestPropQCVerifies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := espressotest.QC(5).Draw(t, "qc")
		if err := s.Table.VerifyQC(s.QC, s.Leaf); err != nil {
			t.Fatal(err)
		}
		enc, _ := s.QC.MarshalJSON()
		qc, err := espresso.DecodeQCJSON(enc)
		if err != nil {
			t.Fatalf("%v\n%s", err, enc)
		}
		if err := s.Table.VerifyQC(qc, s.Leaf); err != nil {
			t.Fatal(err)
		}
		tb, _ := s.Table.MarshalJSON()
		st, err := espresso.DecodeStakeTableJSON(tb)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.VerifyQC(qc, s.Leaf); err != nil {
			t.Fatal(err)
		}
	})
}

// TestPropQCBelowThreshold: dropping signers until the signed stake is below the threshold
// gives a QC (honestly re-signed by the rest) that is refused with ordering.ErrNoQuorum.
func TestPropQCBelowThreshold(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := espressotest.QC(5).Draw(t, "qc")
		signers := append([]bool(nil), s.Signers...)
		thr := s.Table.Threshold()
		signedStake := func() uint256.Int {
			var z uint256.Int
			for i, b := range signers {
				if b {
					st := s.Table.Entry(i).Stake
					z.Add(&z, &st)
				}
			}
			return z
		}
		for i := range signers {
			if v := signedStake(); v.Lt(&thr) {
				break
			}
			signers[i] = false
		}
		qc := espressotest.SignQC(s.Committee, signers, s.Leaf, *s.QC.Epoch, *s.QC.BlockNumber, s.QC.ViewNumber)
		err := s.Table.VerifyQC(qc, s.Leaf)
		if !errors.Is(err, ordering.ErrNoQuorum) && !errors.Is(err, ordering.ErrNoSigners) && !errors.Is(err, espresso.ErrNoSignatures) {
			t.Fatalf("below threshold: %v", err)
		}
	})
}

// TestPropQCTampered: flipping a signer bit, changing the view, leaf, epoch or block number
// (with or without recomputing the vote commitment), or a wrong bit vector length are refused.
func TestPropQCTampered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := espressotest.QC(5).Draw(t, "qc")
		n := s.Table.Len()
		i := rapid.IntRange(0, n-1).Draw(t, "bit")
		flipped := append([]bool(nil), s.Signers...)
		flipped[i] = !flipped[i]
		qc := *s.QC
		qc.Signers = espresso.NewSignerBits(flipped)
		if err := s.Table.VerifyQC(&qc, s.Leaf); err == nil {
			t.Fatalf("bit %d flipped verifies", i)
		}

		qc = *s.QC
		qc.ViewNumber++
		if err := s.Table.VerifyQC(&qc, s.Leaf); !errors.Is(err, espresso.ErrVoteCommitment) {
			t.Fatalf("view changed: %v", err)
		}
		qc.VoteCommitment = qc.ExpectedVoteCommitment()
		if err := s.Table.VerifyQC(&qc, s.Leaf); !errors.Is(err, espresso.ErrQCSignature) {
			t.Fatalf("view changed, commitment recomputed: %v", err)
		}

		qc = *s.QC
		e := *qc.Epoch + 1
		qc.Epoch = &e
		qc.VoteCommitment = qc.ExpectedVoteCommitment()
		if err := s.Table.VerifyQC(&qc, s.Leaf); !errors.Is(err, espresso.ErrQCSignature) {
			t.Fatalf("epoch changed: %v", err)
		}

		qc = *s.QC
		qc.BlockNumber = nil
		qc.VoteCommitment = qc.ExpectedVoteCommitment()
		if err := s.Table.VerifyQC(&qc, s.Leaf); !errors.Is(err, espresso.ErrQCSignature) {
			t.Fatalf("block number dropped: %v", err)
		}

		other := s.Leaf
		other[0] ^= 1
		if err := s.Table.VerifyQC(s.QC, other); !errors.Is(err, espresso.ErrLeafMismatch) {
			t.Fatalf("other leaf: %v", err)
		}
		qc = *s.QC
		qc.LeafCommit = other
		qc.VoteCommitment = qc.ExpectedVoteCommitment()
		if err := s.Table.VerifyQC(&qc, other); !errors.Is(err, espresso.ErrQCSignature) {
			t.Fatalf("leaf swapped: %v", err)
		}

		qc = *s.QC
		qc.Signers = espresso.NewSignerBits(append(append([]bool(nil), s.Signers...), false))
		if err := s.Table.VerifyQC(&qc, s.Leaf); !errors.Is(err, espresso.ErrBitVec) || !errors.Is(err, ordering.ErrBitmap) {
			t.Fatalf("long bit vector: %v", err)
		}
	})
}

func TestStakeTableRefusals(t *testing.T) {
	var max uint256.Int
	max.SetAllOne()
	rapid.Check(t, func(rt *rapid.T) {
		com := espressotest.StakeTable(3).Draw(rt, "c")
		e := com.Table.Entry(0)
		if _, err := espresso.NewStakeTable(nil); !errors.Is(err, espresso.ErrStakeTable) {
			rt.Fatal(err)
		}
		if _, err := espresso.NewStakeTable([]espresso.StakeTableEntry{e, e}); !errors.Is(err, ordering.ErrDuplicateSigner) {
			rt.Fatal(err)
		}
		if _, err := espresso.NewStakeTable([]espresso.StakeTableEntry{{Key: e.Key}}); !errors.Is(err, ordering.ErrZeroStake) {
			rt.Fatal(err)
		}
		if _, err := espresso.NewStakeTable([]espresso.StakeTableEntry{{}}); !errors.Is(err, espresso.ErrStakeTable) {
			rt.Fatal(err)
		}
		if com.Table.Len() > 1 {
			f := com.Table.Entry(1)
			e.Stake, f.Stake = max, max
			if _, err := espresso.NewStakeTable([]espresso.StakeTableEntry{e, f}); !errors.Is(err, ordering.ErrStakeOverflow) {
				rt.Fatal(err)
			}
		}
	})
}
