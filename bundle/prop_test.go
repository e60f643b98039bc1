package bundle_test

import (
	"bytes"
	"errors"
	"math/big"
	"math/bits"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

func TestPropEncodingRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bundletest.Bundle(6).Draw(t, "bundle")
		enc, err := b.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		back, err := bundle.DecodeBundle(enc)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		re, _ := back.AppendBinary(nil)
		if !bytes.Equal(re, enc) {
			t.Fatal("re-encoding differs")
		}
		id1, _ := b.ID()
		id2, _ := back.ID()
		if id1 != id2 {
			t.Fatal("ID changed across a round trip")
		}
	})
}

// TestPropIDInjective: any change to any field of a bundle changes its ID.
func TestPropIDInjective(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bundletest.Bundle(4).Draw(t, "bundle")
		id, _ := b.ID()
		m := b
		m.Legs = slices.Clone(b.Legs)
		i := rapid.IntRange(0, len(m.Legs)-1).Draw(t, "leg")
		l := m.Legs[i]
		switch rapid.IntRange(0, 6).Draw(t, "field") {
		case 0:
			m.Nonce++
		case 1:
			m.Submitter[rapid.IntRange(0, 19).Draw(t, "byte")] ^= 1
		case 2:
			l.Chain++
		case 3:
			l.Tx = append(slices.Clone(l.Tx), 0)
		case 4:
			l.MayRevert = !l.MayRevert
		case 5:
			l.Window.MaxHeight++
		case 6:
			if l.Expect == nil {
				l.Expect = &bundle.Effect{}
			} else {
				l.Expect = nil
			}
		}
		m.Legs[i] = l
		if m.Validate(nil) != nil {
			return // the change made a duplicate leg
		}
		if id2, _ := m.ID(); id2 == id {
			t.Fatal("a changed bundle kept its ID")
		}
	})
}

// TestPropSignatureBinds: a signature verifies for its bundle and for no other chain,
// nonce or leg.
func TestPropSignatureBinds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "key")
		seed[0] &= 0x7f
		seed[31] |= 1
		key, err := secp256k1.PrivateKeyFromBytes(seed)
		if err != nil {
			t.Skip()
		}
		s, err := bundle.Sign(bundletest.Bundle(4).Draw(t, "bundle"), key)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Verify(); err != nil {
			t.Fatalf("own signature: %v", err)
		}
		other := s
		other.Bundle.Legs = slices.Clone(s.Bundle.Legs)
		if rapid.Bool().Draw(t, "chain") {
			other.Bundle.Legs[0].Chain += 1
		} else {
			other.Bundle.Nonce++
		}
		if _, err := other.Verify(); !errors.Is(err, bundle.ErrWrongSubmitter) && !errors.Is(err, bundle.ErrSignature) {
			t.Fatalf("replayed signature: %v", err)
		}
	})
}

func packInput(t *rapid.T, minCands, maxCands int) (*bundle.Packer, []bundle.Candidate) {
	chains := bundletest.Chains[:rapid.IntRange(1, len(bundletest.Chains)).Draw(t, "chains")]
	p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{}}
	for _, c := range chains {
		p.Capacity[c] = rapid.Uint64Range(60, 200).Draw(t, "capacity")
	}
	cands := rapid.SliceOfN(bundletest.Candidate(chains, 12), minCands, maxCands).Draw(t, "cands")
	return p, cands
}

func feasible(p *bundle.Packer, cands []bundle.Candidate, sel []int) bool {
	used := map[interop.ChainID]uint64{}
	keys := map[bundle.ConflictKey]bool{}
	for _, i := range sel {
		for _, l := range cands[i].Legs {
			sum, carry := bits.Add64(used[l.Chain], l.Size, 0)
			if carry != 0 || sum > p.Capacity[l.Chain] {
				return false
			}
			used[l.Chain] = sum
			for _, k := range l.Keys {
				if keys[k] {
					return false
				}
			}
		}
		for _, l := range cands[i].Legs {
			for _, k := range l.Keys {
				keys[k] = true
			}
		}
	}
	return true
}

// TestPropPackerFeasibleAndOptimal: the packing never conflicts, never splits a candidate
// (selection is by whole candidate), never exceeds capacity, is deterministic, and for
// instances of at most 12 candidates equals the exhaustive optimum.
func TestPropPackerFeasibleAndOptimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, cands := packInput(t, 0, 12)
		got, err := p.Pack(cands)
		if err != nil {
			t.Fatal(err)
		}
		if !feasible(p, cands, got.Selected) {
			t.Fatalf("infeasible packing %v", got.Selected)
		}
		again, _ := p.Pack(cands)
		if !slices.Equal(again.Selected, got.Selected) {
			t.Fatal("packing is not deterministic")
		}
		best := new(big.Int)
		for mask := 0; mask < 1<<len(cands); mask++ {
			var sel []int
			fee := new(big.Int)
			for i := range cands {
				if mask>>i&1 == 1 {
					sel = append(sel, i)
					fee.Add(fee, cands[i].Fee.ToBig())
				}
			}
			if fee.Cmp(best) > 0 && feasible(p, cands, sel) {
				best = fee
			}
		}
		if got.Fee.ToBig().Cmp(best) != 0 {
			t.Fatalf("fee %s, exhaustive optimum %s", got.Fee.Dec(), best)
		}
	})
}

func TestPropPackerLargeFeasible(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, cands := packInput(t, bundle.ExactLimit+1, 300)
		got, err := p.Pack(cands)
		if err != nil {
			t.Fatal(err)
		}
		if !feasible(p, cands, got.Selected) {
			t.Fatalf("infeasible packing")
		}
		seen := map[int]bool{}
		for _, i := range got.Selected {
			if seen[i] {
				t.Fatal("candidate selected twice")
			}
			seen[i] = true
		}
	})
}

// executionWorld makes chains where each leg of b either executes, reverts or is missing.
func executionWorld(t *rapid.T, b *bundle.Bundle) (*lightclient.Memory, []bundle.LegEvidence, []bundle.Outcome) {
	chains := map[interop.ChainID]*bundletest.Chain{}
	blockTxs := map[interop.ChainID][][]byte{}
	blockRcs := map[interop.ChainID][]mpt.Receipt{}
	want := make([]bundle.Outcome, len(b.Legs))
	for i := range b.Legs {
		l := &b.Legs[i]
		l.Window = bundle.Window{MinHeight: 5, MaxHeight: 5}
		if chains[l.Chain] == nil {
			chains[l.Chain] = bundletest.NewChain(l.Chain)
			// Unrelated traffic in the block.
			blockTxs[l.Chain] = [][]byte{{0xaa, byte(l.Chain)}}
			blockRcs[l.Chain] = []mpt.Receipt{{Type: 2, Status: 1}}
		}
		switch rapid.IntRange(0, 2).Draw(t, "outcome") {
		case 0:
			want[i] = bundle.Executed
			r := mpt.Receipt{Type: 2, Status: 1}
			if l.Expect != nil && l.Expect.Log != nil {
				data := l.Expect.Log.Data
				if data == nil {
					data = []byte{1}
				}
				topics := slices.Clone(l.Expect.Log.Topics)
				if len(topics) < 4 {
					topics = append(topics, interop.Hash{9}) // the expected topics are a prefix
				}
				r.Logs = []mpt.Log{{Address: l.Expect.Log.Address, Topics: topics, Data: data}}
			}
			blockTxs[l.Chain] = append(blockTxs[l.Chain], l.Tx)
			blockRcs[l.Chain] = append(blockRcs[l.Chain], r)
		case 1:
			want[i] = bundle.Reverted
			blockTxs[l.Chain] = append(blockTxs[l.Chain], l.Tx)
			blockRcs[l.Chain] = append(blockRcs[l.Chain], mpt.Receipt{Type: 2, Status: 0})
		default:
			want[i] = bundle.Missing
		}
	}
	src := &lightclient.Memory{}
	for id, c := range chains {
		if err := c.AddBlock(5, blockTxs[id], blockRcs[id]); err != nil {
			t.Fatal(err)
		}
		if err := c.Publish(src, lightclient.Finalized); err != nil {
			t.Fatal(err)
		}
	}
	ev := make([]bundle.LegEvidence, len(b.Legs))
	for i := range b.Legs {
		ev[i] = chains[b.Legs[i].Chain].Evidence(&b.Legs[i])
	}
	return src, ev, want
}

// TestPropExecutionVerdict: the verdict is AllExecuted iff every leg that may not revert
// executed (and the others were included), NoneExecuted iff no leg executed, and any single
// tampered proof byte gives an error, never another verdict.
func TestPropExecutionVerdict(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := bundletest.Bundle(4).Draw(t, "bundle")
		src, ev, want := executionWorld(t, &b)
		v := bundle.ReceiptVerifier{Roots: src}
		got, err := bundle.CheckExecution(&b, v, ev)
		if err != nil {
			t.Fatalf("verdict: %v", err)
		}
		executed, allOK := 0, true
		for i, o := range want {
			if got.Legs[i].Outcome != o {
				t.Fatalf("leg %d: %s, want %s", i, got.Legs[i].Outcome, o)
			}
			if o == bundle.Executed {
				executed++
			}
			allOK = allOK && (o == bundle.Executed || (b.Legs[i].MayRevert && o == bundle.Reverted))
		}
		switch {
		case executed == 0 && got.Status != bundle.NoneExecuted,
			executed > 0 && allOK && got.Status != bundle.AllExecuted,
			executed > 0 && !allOK && got.Status != bundle.Violated:
			t.Fatalf("status %s with outcomes %v", got.Status, want)
		}
		// Tamper one byte of one proof node.
		i := rapid.IntRange(0, len(ev)-1).Draw(t, "tamperLeg")
		e := ev[i]
		var proof [][]byte
		switch {
		case e.Absent != nil:
			if len(e.Absent[0].Txs) == 0 {
				return
			}
			txs := slices.Clone(e.Absent[0].Txs)
			txs[0] = append(slices.Clone(txs[0]), 1)
			e.Absent = []bundle.BlockTxs{{Block: e.Absent[0].Block, Txs: txs}}
		case rapid.Bool().Draw(t, "which"):
			proof = slices.Clone(e.TxProof)
			e.TxProof = proof
		default:
			proof = slices.Clone(e.ReceiptProof)
			e.ReceiptProof = proof
		}
		if proof != nil {
			n := rapid.IntRange(0, len(proof)-1).Draw(t, "node")
			proof[n] = slices.Clone(proof[n])
			proof[n][rapid.IntRange(0, len(proof[n])-1).Draw(t, "byte")] ^= byte(rapid.IntRange(1, 255).Draw(t, "x"))
		}
		tampered := slices.Clone(ev)
		tampered[i] = e
		if _, err := bundle.CheckExecution(&b, v, tampered); !errors.Is(err, bundle.ErrEvidence) {
			t.Fatalf("tampered proof of leg %d: %v", i, err)
		}
	})
}

// TestPropPackerGreedyMatchesReference pins the greedy rule above ExactLimit: a plain
// walk over Rank's order with maps, taking every candidate that still fits whole, then the
// best single candidate (highest fee, first in rank order) if it beats that, selects
// exactly what Pack selects.
func TestPropPackerGreedyMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, cands := packInput(t, bundle.ExactLimit+1, 200)
		got, err := p.Pack(cands)
		if err != nil {
			t.Fatal(err)
		}
		order, err := p.Rank(cands)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceGreedy(p, cands, order)
		if !slices.Equal(got.Selected, want) {
			t.Fatalf("Pack selected %v, the reference greedy %v", got.Selected, want)
		}
	})
}

// TestPropPackerHugeCapacities: with capacities near 2^63 and 2^64-1 and leg sizes near
// them, where per-chain sums overflow 64 bits, the packing is feasible by exact arithmetic,
// Used is the exact per-chain total, and on small instances the fee is the exhaustive
// optimum (exact path) — above ExactLimit it matches the checked reference greedy.
func TestPropPackerHugeCapacities(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		chains := bundletest.Chains[:rapid.IntRange(1, 2).Draw(t, "chains")]
		in := bundletest.HugePacker(chains, 0, 2*bundle.ExactLimit).Draw(t, "input")
		p, cands := in.Packer, in.Candidates
		got, err := p.Pack(cands)
		if err != nil {
			t.Fatal(err)
		}
		if !feasible(p, cands, got.Selected) {
			t.Fatalf("infeasible packing %v", got.Selected)
		}
		want := map[interop.ChainID]uint64{}
		for _, i := range got.Selected {
			for _, l := range cands[i].Legs {
				want[l.Chain] += l.Size // feasible: no wrap
			}
		}
		for c, u := range want {
			if u != 0 && got.Used[c] != u {
				t.Fatalf("chain %d: Used %d, legs sum to %d", c, got.Used[c], u)
			}
		}
		if len(cands) > bundle.ExactLimit {
			order, err := p.Rank(cands)
			if err != nil {
				t.Fatal(err)
			}
			if ref := referenceGreedy(p, cands, order); !slices.Equal(got.Selected, ref) {
				t.Fatalf("Pack selected %v, the reference greedy %v", got.Selected, ref)
			}
			return
		}
		if len(cands) > 12 {
			return
		}
		best := new(big.Int)
		for mask := 0; mask < 1<<len(cands); mask++ {
			var sel []int
			fee := new(big.Int)
			for i := range cands {
				if mask>>i&1 == 1 {
					sel = append(sel, i)
					fee.Add(fee, cands[i].Fee.ToBig())
				}
			}
			if fee.Cmp(best) > 0 && feasible(p, cands, sel) {
				best = fee
			}
		}
		if got.Fee.ToBig().Cmp(best) != 0 {
			t.Fatalf("fee %s, exhaustive optimum %s", got.Fee.Dec(), best)
		}
	})
}

// referenceGreedy is the greedy rule written plainly, with maps and checked sums: walk
// order taking every candidate that still fits whole, then take the best single candidate
// (highest fee, first in order) instead if it beats that.
func referenceGreedy(p *bundle.Packer, cands []bundle.Candidate, order []int) []int {
	used := map[interop.ChainID]uint64{}
	taken := map[bundle.ConflictKey]bool{}
	fits := func(c *bundle.Candidate, used map[interop.ChainID]uint64) bool {
		extra := map[interop.ChainID]uint64{}
		for _, l := range c.Legs {
			e, carry := bits.Add64(extra[l.Chain], l.Size, 0)
			total, carry2 := bits.Add64(used[l.Chain], e, 0)
			if carry != 0 || carry2 != 0 || total > p.Capacity[l.Chain] {
				return false
			}
			extra[l.Chain] = e
			for _, k := range l.Keys {
				if taken[k] {
					return false
				}
			}
		}
		return true
	}
	var want []int
	fee := new(big.Int)
	for _, i := range order {
		if !fits(&cands[i], used) {
			continue
		}
		for _, l := range cands[i].Legs {
			used[l.Chain] += l.Size
			for _, k := range l.Keys {
				taken[k] = true
			}
		}
		want = append(want, i)
		fee.Add(fee, cands[i].Fee.ToBig())
	}
	clear(taken)
	best := -1
	for _, i := range order {
		if fits(&cands[i], map[interop.ChainID]uint64{}) && (best < 0 || cands[i].Fee.Gt(&cands[best].Fee)) {
			best = i
		}
	}
	if best >= 0 && cands[best].Fee.ToBig().Cmp(fee) > 0 {
		want = []int{best}
	}
	return want
}
