package espresso_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"pgregory.net/rapid"
)

// TestPropHeaderVerifyNamespace: a header committing to a generated block's AVID-M payload
// commitment and namespace table proves every namespace's transactions complete; an ADVZ
// header, a proof of the other scheme and a header of another block are refused.
func TestPropHeaderVerifyNamespace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blk := espressotest.NewBlock(t, espressotest.Transactions(t), espressotest.AvidMParam(t))
		h := espressotest.AnyHeader().Draw(t, "header")
		h.PayloadCommitment = espresso.VidCommitment{Tag: espresso.TagAvidM, Value: blk.Commitment}
		h.NsTable = blk.NsTable
		for ns, p := range blk.Proofs {
			want := espressotest.OfNamespace(blk.Transactions, ns)
			r := &espresso.NamespaceProofResponse{Proof: p, Transactions: want}
			got, err := h.VerifyNamespace(r, blk.Param, ns)
			if err != nil {
				t.Fatalf("namespace %d refused: %v", ns, err)
			}
			if len(got) != len(want) {
				t.Fatalf("namespace %d: %d transactions, want %d", ns, len(got), len(want))
			}
			advz := *h
			advz.PayloadCommitment.Tag = espresso.TagAdvz
			if _, err := advz.VerifyNamespace(r, blk.Param, ns); !errors.Is(err, espresso.ErrVIDUnsupported) {
				t.Fatalf("ADVZ header: %v", err)
			}
			q := *p
			q.Scheme = espresso.VIDSchemeAvidmGf2
			if _, err := h.VerifyNamespace(&espresso.NamespaceProofResponse{Proof: &q, Transactions: want}, blk.Param, ns); !errors.Is(err, espresso.ErrVIDCommitment) {
				t.Fatalf("GF(2^16) proof for an AVID-M header: %v", err)
			}
			other := *h
			other.PayloadCommitment.Value[0] ^= 1
			if _, err := other.VerifyNamespace(r, blk.Param, ns); !errors.Is(err, espresso.ErrVIDCommitment) {
				t.Fatalf("another block's header: %v", err)
			}
		}
	})
}

// TestPropVerifyHeaderFinal: a header whose commitment is the tree's leaf at its height is
// final; the same header at another height, or changed, is not.
func TestPropVerifyHeaderFinal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := espressotest.FinalizedOf(20).Draw(t, "finalized")
		h := espressotest.AnyHeader().Draw(t, "header")
		pos := rapid.Uint64Range(0, f.State.BlockHeight-1).Draw(t, "pos")
		h.Height = pos
		c := h.Commit()
		f.Tree.Leaves[pos] = c[:]
		st := f.State
		st.BlockCommRoot = f.Tree.Commitment().BlockCommRoot()
		p := f.Tree.Prove(pos)
		if err := espresso.VerifyHeaderFinal(st, h, p); err != nil {
			t.Fatalf("final header refused: %v", err)
		}
		changed := *h
		changed.Timestamp++
		if err := espresso.VerifyHeaderFinal(st, &changed, p); !errors.Is(err, espresso.ErrBlockProofLeaf) {
			t.Fatalf("changed header: %v", err)
		}
		bad := *h
		bad.Version = espresso.Version{Major: 0, Minor: 99}
		if err := espresso.VerifyHeaderFinal(st, &bad, p); !errors.Is(err, espresso.ErrVersion) {
			t.Fatalf("unsupported version: %v", err)
		}
	})
}
