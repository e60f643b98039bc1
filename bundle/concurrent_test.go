package bundle_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"github.com/interopkit/interop/proof/mpt"
)

// TestConcurrentBundle: a signed bundle answers Verify, ID, AppendBinary, Validate,
// Chains and Sequenced from 16 goroutines at once, with the same answers.
func TestConcurrentBundle(t *testing.T) {
	key, err := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		t.Fatal(err)
	}
	b := bundle.Bundle{Nonce: 9, Legs: []bundle.Leg{
		{Chain: 10, Tx: []byte{1, 2}, Window: bundle.Window{MinHeight: 3, MaxHeight: 8}},
		{Chain: 8453, Tx: []byte{3}, MayRevert: true, Expect: &bundle.Effect{Log: &bundle.LogMatch{Topics: []interop.Hash{{7}}, Data: []byte{}}}},
	}}
	s, err := bundle.Sign(b, key)
	if err != nil {
		t.Fatal(err)
	}
	wantID, _ := s.Bundle.ID()
	wantEnc, _ := s.Bundle.AppendBinary(nil)
	hostile.Concurrent(t, 4, func(g int) {
		id, err := s.Verify()
		if err != nil || id != wantID {
			t.Errorf("goroutine %d: Verify: %v", g, err)
		}
		enc, err := s.Bundle.AppendBinary(nil)
		if err != nil || !bytes.Equal(enc, wantEnc) {
			t.Errorf("goroutine %d: encoding changed: %v", g, err)
		}
		if _, err := bundle.DecodeBundle(enc); err != nil {
			t.Errorf("goroutine %d: decode: %v", g, err)
		}
		if err := s.Bundle.Validate(func(interop.ChainID) bool { return true }); err != nil {
			t.Errorf("goroutine %d: Validate: %v", g, err)
		}
		if cs := s.Bundle.Chains(); !slices.Equal(cs, []interop.ChainID{10, 8453}) {
			t.Errorf("goroutine %d: chains %v", g, cs)
		}
		if legs := s.Bundle.Sequenced().Legs(); len(legs) != 2 || legs[1].Rollup != 8453 {
			t.Errorf("goroutine %d: sequenced legs %v", g, legs)
		}
	})
}

// TestConcurrentReceiptVerifier: one ReceiptVerifier over one root source checks
// executed, reverted and missing legs from 16 goroutines at once.
func TestConcurrentReceiptVerifier(t *testing.T) {
	chain := bundletest.NewChain(10)
	txs := [][]byte{{0xaa}, {0x02, 1}, {0x02, 2}}
	rcs := []mpt.Receipt{{Type: 2, Status: 1}, {Type: 2, Status: 1}, {Type: 2, Status: 0}}
	if err := chain.AddBlock(5, txs, rcs); err != nil {
		t.Fatal(err)
	}
	src := &lightclient.Memory{}
	if err := chain.Publish(src, lightclient.Finalized); err != nil {
		t.Fatal(err)
	}
	b := bundle.Bundle{Legs: []bundle.Leg{
		{Chain: 10, Tx: []byte{0x02, 1}, Window: bundle.Window{MinHeight: 5, MaxHeight: 5}},
		{Chain: 10, Tx: []byte{0x02, 2}, Window: bundle.Window{MinHeight: 5, MaxHeight: 5}},
		{Chain: 10, Tx: []byte{0x02, 3}, Window: bundle.Window{MinHeight: 5, MaxHeight: 5}},
	}}
	var ev []bundle.LegEvidence
	for i := range b.Legs {
		ev = append(ev, chain.Evidence(&b.Legs[i]))
	}
	v := bundle.ReceiptVerifier{Roots: src}
	want := []bundle.Outcome{bundle.Executed, bundle.Reverted, bundle.Missing}
	hostile.Concurrent(t, 4, func(g int) {
		res, err := bundle.CheckExecution(&b, v, ev)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
			return
		}
		for i, l := range res.Legs {
			if l.Outcome != want[i] {
				t.Errorf("goroutine %d: leg %d %s, want %s", g, i, l.Outcome, want[i])
			}
		}
		if res.Status != bundle.Violated || !slices.Equal(res.Violations, []int{1, 2}) {
			t.Errorf("goroutine %d: %s, violations %v", g, res.Status, res.Violations)
		}
	})
}

// TestConcurrentPacker: one Packer packs the same candidates from 16 goroutines at once,
// on the exact and the greedy path, with the same selection every time.
func TestConcurrentPacker(t *testing.T) {
	p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{10: 100, 8453: 1<<64 - 1}}
	var cands []bundle.Candidate
	for i := range 40 {
		c := bundle.Candidate{ID: interop.Hash{byte(i)}, Fee: *uint256.NewInt(uint64(i * 7 % 13))}
		c.Legs = append(c.Legs, bundle.PackLeg{Chain: 10, Size: uint64(i%9 + 1), Keys: []bundle.ConflictKey{{byte(i % 5)}}})
		if i%3 == 0 {
			c.Legs = append(c.Legs, bundle.PackLeg{Chain: 8453, Size: 1 << 62})
		}
		cands = append(cands, c)
	}
	wantExact, err := p.Pack(cands[:bundle.ExactLimit])
	if err != nil {
		t.Fatal(err)
	}
	wantGreedy, err := p.Pack(cands)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 3, func(g int) {
		if got, err := p.Pack(cands[:bundle.ExactLimit]); err != nil || !slices.Equal(got.Selected, wantExact.Selected) {
			t.Errorf("goroutine %d: exact %v, want %v (%v)", g, got.Selected, wantExact.Selected, err)
		}
		if got, err := p.Pack(cands); err != nil || !slices.Equal(got.Selected, wantGreedy.Selected) {
			t.Errorf("goroutine %d: greedy %v, want %v (%v)", g, got.Selected, wantGreedy.Selected, err)
		}
		if order, err := p.Rank(cands); err != nil || len(order) != len(cands) {
			t.Errorf("goroutine %d: rank: %v", g, err)
		}
	})
}

// TestConcurrentOrdered: what VerifyOrdered returns is read by CheckInclusion from 16
// goroutines at once.
func TestConcurrentOrdered(t *testing.T) {
	f, err := orderingtest.NewFixture("bundle-concurrent", 0, interop.Hash{}, []uint64{1, 1, 1}, ordering.Threshold{})
	if err != nil {
		t.Fatal(err)
	}
	seq := orderingtest.NewSequencer(f, orderingtest.Keys("bundle-concurrent-seq", 1)[0])
	b := bundle.Bundle{Legs: []bundle.Leg{{Chain: 10, Tx: []byte{1}}, {Chain: 8453, Tx: []byte{2}}}}
	cert, err := seq.Propose([]orderingtest.Lane{{Rollup: 10, Txs: [][]byte{{9}}}, {Rollup: 8453, Txs: [][]byte{{9}}}}, b.Sequenced())
	if err != nil {
		t.Fatal(err)
	}
	var blocks []ordering.RollupBlock
	for _, c := range []interop.ChainID{10, 8453} {
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
	hostile.Concurrent(t, 8, func(g int) {
		res, err := bundle.CheckInclusion(&b, o)
		if err != nil || res.Status != bundle.IncludedAtomically || res.Legs[1].Position != 1 {
			t.Errorf("goroutine %d: %+v, %v", g, res, err)
		}
		if _, err := bundle.VerifyOrdered(f.Committee, &cert, blocks); err != nil {
			t.Errorf("goroutine %d: VerifyOrdered: %v", g, err)
		}
	})
}
