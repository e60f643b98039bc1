package espresso_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"pgregory.net/rapid"
)

func sameTxs(a, b []espresso.Transaction) bool {
	return slices.EqualFunc(a, b, func(x, y espresso.Transaction) bool {
		return x.Namespace == y.Namespace && bytes.Equal(x.Payload, y.Payload)
	})
}

// TestPropVIDRoundTrip: block → commitment → namespace proof → JSON → verify gives back
// exactly each namespace's transactions, in order, in both AVID-M schemes; a namespace not
// in the block is proven empty.
func TestPropVIDRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := espressotest.BlockGen(t)
		for ns, p := range b.Proofs {
			js, err := p.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			q, err := espresso.DecodeNsProofJSON(js)
			if err != nil {
				t.Fatalf("re-decode: %v", err)
			}
			got, err := espresso.VerifyNamespaceProof(b.Commitment, b.NsTable, b.Param, ns, q)
			if err != nil {
				t.Fatalf("namespace %d: %v", ns, err)
			}
			if want := espressotest.OfNamespace(b.Transactions, ns); !sameTxs(got, want) {
				t.Fatalf("namespace %d: %d transactions, want %d", ns, len(got), len(want))
			}
		}
		absent := rapid.Uint32().Filter(func(x uint32) bool { _, ok := b.Proofs[x]; return !ok }).Draw(t, "absent")
		if got, err := espresso.VerifyNamespaceProof(b.Commitment, b.NsTable, b.Param, absent, nil); err != nil || got != nil {
			t.Fatalf("absent namespace: %v %v", got, err)
		}
	})
}

// TestPropVIDCompleteness: a served list with a transaction omitted, inserted or two
// transactions swapped is refused (ErrVIDTransactions); a namespace payload rebuilt without
// one of its transactions, or with two swapped, no longer opens the commitment.
func TestPropVIDCompleteness(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		txs := espressotest.Transactions(t)
		if len(txs) == 0 {
			t.Skip("empty block")
		}
		param := espressotest.AvidMParam(t)
		scheme := espresso.VIDSchemeAvidM
		if param.TotalWeights > param.RecoveryThreshold && rapid.Bool().Draw(t, "gf2") {
			scheme = espresso.VIDSchemeAvidmGf2
		}
		b := espressotest.NewBlockScheme(t, scheme, txs, param)
		ns := rapid.SampledFrom(txs).Draw(t, "tx").Namespace
		own := espressotest.OfNamespace(txs, ns)
		resp := &espresso.NamespaceProofResponse{Proof: b.Proofs[ns], Transactions: own}
		if _, err := resp.Verify(b.Commitment, b.NsTable, b.Param, ns); err != nil {
			t.Fatalf("honest response: %v", err)
		}
		i := rapid.IntRange(0, len(own)-1).Draw(t, "i")
		mutants := map[string][]espresso.Transaction{
			"omitted":  slices.Delete(slices.Clone(own), i, i+1),
			"inserted": slices.Insert(slices.Clone(own), i, espresso.Transaction{Namespace: ns, Payload: []byte("x")}),
		}
		if j := rapid.IntRange(0, len(own)-1).Draw(t, "j"); !bytes.Equal(own[i].Payload, own[j].Payload) {
			sw := slices.Clone(own)
			sw[i], sw[j] = sw[j], sw[i]
			mutants["reordered"] = sw
		}
		for name, m := range mutants {
			r := &espresso.NamespaceProofResponse{Proof: b.Proofs[ns], Transactions: m}
			if _, err := r.Verify(b.Commitment, b.NsTable, b.Param, ns); !errors.Is(err, espresso.ErrVIDTransactions) {
				t.Fatalf("%s list accepted: %v", name, err)
			}
			// the same change made in the proven payload itself
			var bodies [][]byte
			for _, tx := range m {
				bodies = append(bodies, tx.Payload)
			}
			nsp, err := espresso.BuildNsPayload(bodies)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(nsp, b.Proofs[ns].NsPayload) {
				continue // e.g. an omitted empty transaction next to another: same bytes
			}
			forged := &espresso.AvidMNsProof{Scheme: b.Scheme, NsIndex: b.Proofs[ns].NsIndex, NsPayload: nsp, Path: b.Proofs[ns].Path}
			_, err = espresso.VerifyNamespaceProof(b.Commitment, b.NsTable, b.Param, ns, forged)
			if !errors.Is(err, espresso.ErrVIDNamespace) && !errors.Is(err, espresso.ErrVIDCommitment) {
				t.Fatalf("%s payload accepted: %v", name, err)
			}
		}
	})
}

// TestPropNsPayloadRoundTrip: BuildNsPayload then SplitNsPayload is the identity.
func TestPropNsPayloadRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bodies := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 0, 64), 0, 20).Draw(t, "txs")
		b, err := espresso.BuildNsPayload(bodies)
		if err != nil {
			t.Fatal(err)
		}
		got := espresso.SplitNsPayload(5, b)
		if len(got) != len(bodies) {
			t.Fatalf("%d transactions, want %d", len(got), len(bodies))
		}
		for i := range got {
			if !bytes.Equal(got[i].Payload, bodies[i]) || got[i].Namespace != 5 {
				t.Fatalf("transaction %d differs", i)
			}
		}
	})
}
