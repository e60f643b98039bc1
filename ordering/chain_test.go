package ordering_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
)

// TestHandover: a chain rotates to the next committee only through a certified handover
// that links to the current committee, and then accepts only the new epoch.
func TestHandover(t *testing.T) {
	cur, err := orderingtest.NewFixture("epoch0", 0, interop.Hash{}, []uint64{3, 3, 3}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	next, err := orderingtest.NewFixture("epoch1", 1, cur.Committee.Hash(), []uint64{5, 5}, ordering.Threshold{Num: 1, Den: 2})
	if err != nil {
		t.Fatal(err)
	}
	stray, _ := orderingtest.NewFixture("stray", 1, interop.Hash{9}, []uint64{5, 5}, ordering.Threshold{})

	genesis := ordering.Commitment{}
	chain, err := ordering.NewChain(genesis, cur.Committee)
	if err != nil {
		t.Fatal(err)
	}
	qc, _ := cur.Certify(ordering.HandoverMessage(next.Committee), []int{0, 1, 2})
	weak, _ := cur.Certify(ordering.HandoverMessage(next.Committee), []int{0})
	strayQC, _ := cur.Certify(ordering.HandoverMessage(stray.Committee), []int{0, 1, 2})
	for _, c := range []struct {
		name string
		h    ordering.Handover
		want error
	}{
		{"below quorum", ordering.Handover{Next: next.Committee, QC: weak}, ordering.ErrNoQuorum},
		{"not linked", ordering.Handover{Next: stray.Committee, QC: strayQC}, ordering.ErrHandover},
		{"no committee", ordering.Handover{QC: qc}, ordering.ErrHandover},
		{"signed for another committee", ordering.Handover{Next: next.Committee, QC: strayQC}, ordering.ErrInvalidSignature},
	} {
		if err := chain.Rotate(&c.h); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := chain.Rotate(&ordering.Handover{Next: next.Committee, QC: qc}); err != nil {
		t.Fatal(err)
	}
	_, hh := chain.Head()
	old := ordering.Commitment{Height: 1, Parent: hh, Epoch: 0}
	oldQC, _ := cur.Certify(old.Hash(), []int{0, 1, 2})
	if err := chain.Append(&ordering.Certified{Commitment: old, QC: oldQC}); !errors.Is(err, ordering.ErrEpoch) {
		t.Errorf("old epoch after rotation: %v", err)
	}
	c1 := ordering.Commitment{Height: 1, Parent: hh, Epoch: 1}
	q1, _ := next.Certify(c1.Hash(), []int{1}) // half the stake: the 1/2 threshold
	if err := chain.Append(&ordering.Certified{Commitment: c1, QC: q1}); err != nil {
		t.Fatalf("new epoch: %v", err)
	}
	c2 := ordering.Commitment{Height: 1, Parent: hh, Epoch: 1, Timestamp: 1}
	q2, _ := next.Certify(c2.Hash(), []int{0, 1})
	if err := chain.Append(&ordering.Certified{Commitment: c2, QC: q2}); !errors.Is(err, ordering.ErrFork) {
		t.Errorf("second commitment at the head height: %v", err)
	}
}
