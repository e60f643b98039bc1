package ordering_test

import (
	"errors"
	"math"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
)

// TestHardeningChainHeightWrap: a chain whose head is at height 2^64-1 has no next height;
// head.Height+1 wraps to 0, and a certified commitment at height 0 linking to the head
// must not be accepted as its successor.
func TestHardeningChainHeightWrap(t *testing.T) {
	f, err := orderingtest.NewFixture("height-wrap", 0, interop.Hash{}, []uint64{1, 1, 1}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	top := ordering.Commitment{Height: math.MaxUint64}
	ch, err := ordering.NewChain(top, f.Committee)
	if err != nil {
		t.Fatal(err)
	}
	_, hh := ch.Head()
	next := ordering.Commitment{Height: 0, Parent: hh}
	qc, err := f.Certify(next.Hash(), []int{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Append(&ordering.Certified{Commitment: next, QC: qc}); !errors.Is(err, ordering.ErrHeight) {
		t.Fatalf("height 0 after 2^64-1: %v, want ErrHeight", err)
	}
	if head, _ := ch.Head(); head.Height != math.MaxUint64 {
		t.Fatalf("head moved to %d", head.Height)
	}
	if _, err := ordering.VerifyChain(top, f.Committee, []ordering.Certified{{Commitment: next, QC: qc}}); !errors.Is(err, ordering.ErrHeight) {
		t.Fatalf("VerifyChain: %v, want ErrHeight", err)
	}
}

// TestHardeningHandoverEpochWrap: the committee of epoch 2^64-1 has no successor; a
// certified handover to an epoch-0 committee linked to it (epoch+1 wraps) is refused.
func TestHardeningHandoverEpochWrap(t *testing.T) {
	cur, err := orderingtest.NewFixture("epoch-wrap", math.MaxUint64, interop.Hash{}, []uint64{1, 1, 1}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	next, err := orderingtest.NewFixture("epoch-wrap-next", 0, cur.Committee.Hash(), []uint64{1}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	qc, err := cur.Certify(ordering.HandoverMessage(next.Committee), []int{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := cur.Committee.VerifyHandover(&ordering.Handover{Next: next.Committee, QC: qc}); !errors.Is(err, ordering.ErrHandover) {
		t.Fatalf("handover from epoch 2^64-1 to 0: %v, want ErrHandover", err)
	}
}

// TestHardeningInclusionRangeWrap: a one-leaf inclusion is checked by comparing Start and
// End, not by End-Start, which wraps to 1 for Start = MaxInt, End = MinInt.
func TestHardeningInclusionRangeWrap(t *testing.T) {
	b := ordering.NewBuilder()
	if err := b.Add(1, []byte{1}); err != nil {
		t.Fatal(err)
	}
	blk, err := b.Build(ordering.Header{Height: 1})
	if err != nil {
		t.Fatal(err)
	}
	in, err := blk.Inclusion(1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Verify(&blk.Commitment); err != nil {
		t.Fatalf("honest inclusion: %v", err)
	}
	for _, r := range [][2]int{{math.MaxInt, math.MinInt}, {-1, 0}, {1, 0}, {0, 2}} {
		bad := in
		bad.Proof.Start, bad.Proof.End = r[0], r[1]
		if err := bad.Verify(&blk.Commitment); !errors.Is(err, ordering.ErrInvalidProof) {
			t.Errorf("range [%d, %d): %v, want ErrInvalidProof", r[0], r[1], err)
		}
	}
}

// TestHardeningProofHasherFlag: ordering's trees never ignore the max namespace, so a proof
// carrying that flag (which makes proof/nmt verify with another hasher) is refused, even
// where it would verify: an absence proof below the tree's namespace range.
func TestHardeningProofHasherFlag(t *testing.T) {
	b := ordering.NewBuilder()
	for _, r := range []interop.ChainID{5, 6, math.MaxUint64} {
		if err := b.Add(r, []byte{byte(r)}); err != nil {
			t.Fatal(err)
		}
	}
	blk, err := b.Build(ordering.Header{Height: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []interop.ChainID{4, 5, math.MaxUint64} {
		rb, err := blk.RollupBlock(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := rb.Verify(&blk.Commitment); err != nil {
			t.Fatalf("rollup %d: honest block: %v", r, err)
		}
		rb.Proof.IgnoreMaxNamespace = true
		if err := rb.Verify(&blk.Commitment); !errors.Is(err, ordering.ErrInvalidProof) {
			t.Errorf("rollup %d: proof ignoring the max namespace: %v", r, err)
		}
	}
	in, err := blk.Inclusion(5, 0)
	if err != nil {
		t.Fatal(err)
	}
	in.Proof.IgnoreMaxNamespace = true
	if err := in.Verify(&blk.Commitment); !errors.Is(err, ordering.ErrInvalidProof) {
		t.Errorf("inclusion ignoring the max namespace: %v", err)
	}
}
