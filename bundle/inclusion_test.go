package bundle_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"pgregory.net/rapid"
)

// TestPropInclusionVerdict orders a random bundle through a certified sequencer either
// whole, not at all, or with legs dropped (a byzantine sequencer), and checks the verdict;
// a certificate from signers below quorum is refused before any verdict.
func TestPropInclusionVerdict(t *testing.T) {
	f, err := orderingtest.NewFixture("bundle-inclusion", 0, interop.Hash{}, []uint64{40, 30, 20, 10}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		b := bundletest.Bundle(4).Draw(t, "bundle")
		seq := orderingtest.NewSequencer(f, orderingtest.Keys("bundle-inclusion-seq", 1)[0])
		seq.Signers = []int{0, 1, 2}
		mode := rapid.IntRange(0, 2).Draw(t, "mode")
		lanes := map[interop.ChainID]*orderingtest.Lane{}
		for _, c := range bundletest.Chains {
			lanes[c] = &orderingtest.Lane{Rollup: c, Txs: [][]byte{{0xee, byte(c)}}}
		}
		dropped := 0
		var extra []ordering.Bundle
		switch mode {
		case 0:
			extra = append(extra, b.Sequenced())
		case 2:
			// A byzantine sequencer includes some legs only.
			for i, l := range b.Legs {
				if i == 0 || rapid.Bool().Draw(t, "keep") {
					lanes[l.Chain].Txs = append(lanes[l.Chain].Txs, l.Tx)
				} else {
					dropped++
				}
			}
		}
		var ls []orderingtest.Lane
		for _, c := range bundletest.Chains {
			ls = append(ls, *lanes[c])
		}
		cert, err := seq.Propose(ls, extra...)
		if err != nil {
			t.Fatal(err)
		}
		var blocks []ordering.RollupBlock
		for _, c := range bundletest.Chains {
			rb, err := seq.RollupBlock(c, cert.Commitment.Height)
			if err != nil {
				t.Fatal(err)
			}
			blocks = append(blocks, rb)
		}
		o, err := bundle.VerifyOrdered(f.Committee, &cert, blocks)
		if err != nil {
			t.Fatal(err)
		}
		inc, err := bundle.CheckInclusion(&b, o)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]bundle.InclusionStatus{0: bundle.IncludedAtomically, 1: bundle.NotIncluded, 2: bundle.PartiallyIncluded}[mode]
		if mode == 2 && dropped == 0 {
			want = bundle.IncludedAtomically
		}
		if inc.Status != want {
			t.Fatalf("mode %d: %s, want %s", mode, inc.Status, want)
		}
		// Below quorum: refused.
		weak := cert
		weak.QC, err = f.Certify(cert.Commitment.Hash(), []int{3})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.VerifyOrdered(f.Committee, &weak, blocks); !errors.Is(err, bundle.ErrEvidence) {
			t.Fatalf("sub-quorum certificate: %v", err)
		}
	})
}
