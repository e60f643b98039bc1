package bundle_test

import (
	"bytes"
	"encoding/binary"
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
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"github.com/interopkit/interop/proof/mpt"
)

// FuzzSignedVerify: a bundle decoded from fuzz bytes and signed with a fuzz key verifies;
// after re-encoding and decoding it verifies again with the same ID (accepted ⇒ re-verifies
// after re-encoding); and the signature verifies for no other encoding.
func FuzzSignedVerify(f *testing.F) {
	seed := bundle.Bundle{Nonce: 7, Legs: []bundle.Leg{
		{Chain: 10, Tx: []byte{1, 2, 3}, MayRevert: true, Window: bundle.Window{MinHeight: 5, MaxHeight: 1<<64 - 1}},
		{Chain: 8453, Tx: []byte{4}, Expect: &bundle.Effect{Log: &bundle.LogMatch{Topics: []interop.Hash{{1}}, Data: []byte{9}}}},
	}}
	enc, _ := seed.AppendBinary(nil)
	f.Add(enc, bytes.Repeat([]byte{5}, 32), uint16(40), byte(1))
	f.Fuzz(func(t *testing.T, enc, keySeed []byte, at uint16, flip byte) {
		b, err := bundle.DecodeBundle(enc)
		if err != nil {
			return
		}
		key, err := secp256k1.PrivateKeyFromBytes(keySeed)
		if err != nil {
			return
		}
		s, err := bundle.Sign(b, key)
		if err != nil {
			t.Fatalf("signing a decoded bundle: %v", err)
		}
		id, err := s.Verify()
		if err != nil {
			t.Fatalf("own signature: %v", err)
		}
		re, err := s.Bundle.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		back := bundle.Signed{Signature: s.Signature}
		if back.Bundle, err = bundle.DecodeBundle(re); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if id2, err := back.Verify(); err != nil || id2 != id {
			t.Fatalf("accepted, then not after re-encoding: %v", err)
		}
		if flip == 0 {
			return
		}
		other := slices.Clone(re)
		other[int(at)%len(other)] ^= flip
		ob := bundle.Signed{Signature: s.Signature}
		if ob.Bundle, err = bundle.DecodeBundle(other); err != nil {
			return
		}
		if _, err := ob.Verify(); err == nil {
			t.Fatalf("signature verified for another encoding (byte %d ^ %#x)", int(at)%len(other), flip)
		}
	})
}

// verdictWorld is a chain 10 whose blocks 1..4 hold known transactions: tx(h, i) at height
// h, index i; at height 3 index 1 a reverted one; and roots for heights 1..4 only.
type verdictWorld struct {
	src    *lightclient.Memory
	chain  *bundletest.Chain
	blocks map[uint64][][]byte
}

func tx(h uint64, i int) []byte { return []byte{0x02, byte(h), byte(i)} }

func newVerdictWorld(tb testing.TB) *verdictWorld {
	w := &verdictWorld{src: &lightclient.Memory{}, chain: bundletest.NewChain(10), blocks: map[uint64][][]byte{}}
	for h := uint64(1); h <= 4; h++ {
		var txs [][]byte
		var rcs []mpt.Receipt
		for i := range 3 {
			txs = append(txs, tx(h, i))
			st := uint64(1)
			if h == 3 && i == 1 {
				st = 0
			}
			rcs = append(rcs, mpt.Receipt{Type: 2, Status: st, Logs: []mpt.Log{{Address: interop.Address{byte(i)}, Topics: []interop.Hash{{byte(h)}}}}})
		}
		if err := w.chain.AddBlock(h, txs, rcs); err != nil {
			tb.Fatal(err)
		}
		w.blocks[h] = txs
	}
	if err := w.chain.Publish(w.src, lightclient.Finalized); err != nil {
		tb.Fatal(err)
	}
	return w
}

// where returns the height and index of tx in the world, or ok false.
func (w *verdictWorld) where(t []byte) (uint64, int, bool) {
	for h, txs := range w.blocks {
		for i, x := range txs {
			if bytes.Equal(x, t) {
				return h, i, true
			}
		}
	}
	return 0, 0, false
}

// FuzzVerifyLeg: whatever evidence a relayer makes up, ReceiptVerifier's outcome is true of
// the chain: Missing only when the leg is in no block of a bounded window that every height
// of has a root; Executed, Reverted or Ineffective only for the leg's real block and index,
// inside the window, with the real receipt's status and logs.
func FuzzVerifyLeg(f *testing.F) {
	w := newVerdictWorld(f)
	f.Add(uint64(1), uint64(4), byte(0x13), false, uint64(3), uint64(1), []byte{})
	f.Add(uint64(1), uint64(4), byte(0x09), true, uint64(0), uint64(0), []byte{})
	f.Add(uint64(0), uint64(1<<64-1), byte(0x09), true, uint64(0), uint64(0), []byte{})
	f.Add(uint64(2), uint64(3), byte(0x09), true, uint64(0), uint64(0), []byte{1, 2, 3})
	// The window-span wrap: [0, 2^64-1] with every listed block deleted.
	f.Add(uint64(0), uint64(1<<64-1), byte(0x13), true, uint64(0), uint64(0), make([]byte, 16))
	f.Fuzz(func(t *testing.T, minH, maxH uint64, which byte, absent bool, block, index uint64, mut []byte) {
		// The leg: a real transaction (height which>>4, index which&3) or a foreign one.
		legTx := tx(uint64(which>>4), int(which&3))
		leg := bundle.Leg{Chain: 10, Tx: legTx, Window: bundle.Window{MinHeight: minH, MaxHeight: maxH}}
		if which&4 != 0 {
			leg.Expect = &bundle.Effect{Log: &bundle.LogMatch{Address: interop.Address{which & 3}, Topics: []interop.Hash{{which >> 4}}}}
		}
		ev := bundle.LegEvidence{Chain: 10}
		if absent {
			// Honest lists for the heights the world has, then mutations.
			ev.Absent = []bundle.BlockTxs{}
			for off := uint64(0); minH <= maxH && off <= maxH-minH && off < 8; off++ {
				h := minH + off
				ev.Absent = append(ev.Absent, bundle.BlockTxs{Block: h, Txs: w.blocks[h]})
			}
			for k := 0; k+1 < len(mut) && len(ev.Absent) > 0; k += 2 {
				j := int(mut[k]) % len(ev.Absent)
				b := &ev.Absent[j]
				switch mut[k+1] % 4 {
				case 0:
					ev.Absent = slices.Delete(ev.Absent, j, j+1)
				case 1:
					b.Txs = slices.DeleteFunc(slices.Clone(b.Txs), func(x []byte) bool { return bytes.Equal(x, legTx) })
				case 2:
					b.Block += uint64(mut[k+1] >> 2)
				case 3:
					b.Txs = append(slices.Clone(b.Txs), []byte{mut[k+1]})
				}
			}
		} else {
			ev.Block, ev.Index = block, index
			if h := block; h >= 1 && h <= 4 && index < 3 {
				proofs := w.chain.Evidence(&bundle.Leg{Tx: w.blocks[h][index]})
				ev.TxProof, ev.ReceiptProof = proofs.TxProof, proofs.ReceiptProof
			}
			if len(mut) > 2 && len(ev.TxProof) > 0 {
				p := slices.Clone(ev.TxProof)
				n := int(mut[0]) % len(p)
				p[n] = slices.Clone(p[n])
				p[n][int(mut[1])%len(p[n])] ^= mut[2] | 1
				ev.TxProof = p
			}
		}
		out, _, err := bundle.ReceiptVerifier{Roots: w.src}.VerifyLeg(&leg, &ev)
		if err != nil {
			return
		}
		h, i, in := w.where(legTx)
		switch out {
		case bundle.Missing:
			if maxH == 0 || minH > maxH || maxH-minH >= bundle.MaxAbsenceBlocks {
				t.Fatalf("Missing over window [%d, %d]", minH, maxH)
			}
			if minH < 1 || maxH > 4 {
				t.Fatalf("Missing over [%d, %d], heights without roots", minH, maxH)
			}
			if in && h >= minH && h <= maxH {
				t.Fatalf("Missing, but the leg is at height %d index %d", h, i)
			}
		case bundle.Executed, bundle.Reverted, bundle.Ineffective:
			if !in || ev.Block != h || ev.Index != uint64(i) {
				t.Fatalf("%s at %d/%d, the leg is at %d/%d (%t)", out, ev.Block, ev.Index, h, i, in)
			}
			if !leg.Window.Contains(h, leg.Window.MinTimestamp) {
				t.Fatalf("%s at height %d outside window [%d, %d]", out, h, minH, maxH)
			}
			reverted := h == 3 && i == 1
			if (out == bundle.Reverted) != reverted {
				t.Fatalf("%s for a receipt with reverted=%t", out, reverted)
			}
			if out == bundle.Ineffective && leg.Expect.Log.Address == (interop.Address{byte(i)}) && leg.Expect.Log.Topics[0] == (interop.Hash{byte(h)}) {
				t.Fatal("Ineffective, but the receipt emits the expected log")
			}
		default:
			t.Fatalf("outcome %d", out)
		}
	})
}

// FuzzCheckInclusion: the verdict equals the one a plain leg-by-transaction scan gives
// (first occurrence per leg, order per chain), for lists and legs drawn from fuzz bytes.
func FuzzCheckInclusion(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 1, 1, 0, 2, 1, 2}, []byte{0, 1, 1, 2, 0, 3})
	f.Fuzz(func(t *testing.T, lists, legs []byte) {
		// lists: per chain 0..2, a run of one-byte transactions (a small alphabet, so
		// repeats and look-alikes are common); chain 3 is not covered.
		o := fixedOrdered{}
		for c := range 3 {
			o[interop.ChainID(c)] = [][]byte{}
		}
		for k, x := range lists {
			c := interop.ChainID(k % 3)
			o[c] = append(o[c], []byte{x % 8})
		}
		var b bundle.Bundle
		for k := 0; k+1 < len(legs) && len(b.Legs) < bundle.MaxLegs; k += 2 {
			l := bundle.Leg{Chain: interop.ChainID(legs[k] % 4), Tx: []byte{legs[k+1] % 8}}
			dup := false
			for _, m := range b.Legs {
				dup = dup || (m.Chain == l.Chain && bytes.Equal(m.Tx, l.Tx))
			}
			if !dup {
				b.Legs = append(b.Legs, l)
			}
		}
		got, err := bundle.CheckInclusion(&b, o)
		if len(b.Legs) == 0 {
			if err == nil {
				t.Fatal("empty bundle judged")
			}
			return
		}
		// The reference.
		found, covered := 0, true
		last := map[interop.ChainID]int{}
		var outOfOrder []int
		for i, l := range b.Legs {
			txs, ok := o[l.Chain]
			if !ok {
				covered = false
				break
			}
			pos := slices.IndexFunc(txs, func(x []byte) bool { return bytes.Equal(x, l.Tx) })
			if pos < 0 {
				continue
			}
			found++
			if p, ok := last[l.Chain]; ok && pos < p {
				outOfOrder = append(outOfOrder, i)
			}
			last[l.Chain] = pos
			if err == nil && got.Legs[i].Position != pos {
				t.Fatalf("leg %d at %d, reference %d", i, got.Legs[i].Position, pos)
			}
		}
		if !covered {
			if !errors.Is(err, bundle.ErrEvidence) {
				t.Fatalf("uncovered chain: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		want := bundle.PartiallyIncluded
		switch {
		case found == len(b.Legs) && len(outOfOrder) == 0:
			want = bundle.IncludedAtomically
		case found == 0:
			want = bundle.NotIncluded
		}
		if got.Status != want || !slices.Equal(got.OutOfOrder, outOfOrder) {
			t.Fatalf("%s out of order %v, reference %s %v", got.Status, got.OutOfOrder, want, outOfOrder)
		}
	})
}

// FuzzPack: for capacities and sizes anywhere in uint64 (the fuzz bytes are read as
// big-endian words), the packing never exceeds a capacity by exact arithmetic, Used is the
// exact total, it is deterministic, and with at most 8 candidates it is optimal.
func FuzzPack(f *testing.F) {
	word := func(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
	seed := append(append(word(1<<63+10), word(1<<63+10)...), word(1<<63+10)...)
	f.Add(seed, byte(2))
	f.Add(append(append(word(1<<64-1), word(1<<63)...), word(1<<63)...), byte(2))
	f.Fuzz(func(t *testing.T, words []byte, n byte) {
		next := func() uint64 {
			if len(words) < 8 {
				return 0
			}
			v := binary.BigEndian.Uint64(words)
			words = words[8:]
			return v
		}
		p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{1: max(1, next()), 2: max(1, next())}}
		var cands []bundle.Candidate
		for i := range int(n%24) + 1 {
			c := bundle.Candidate{ID: interop.Hash{byte(i)}}
			c.Fee.SetUint64(next() >> 40)
			for j := range int(i%3) + 1 {
				ch := interop.ChainID(j%2 + 1)
				size := next()
				if size > p.Capacity[ch] {
					size %= p.Capacity[ch] + 1
				}
				l := bundle.PackLeg{Chain: ch, Size: size}
				if size&1 == 1 {
					l.Keys = []bundle.ConflictKey{{byte(size >> 8 & 3)}}
				}
				c.Legs = append(c.Legs, l)
			}
			cands = append(cands, c)
		}
		got, err := p.Pack(cands)
		if err != nil {
			t.Fatal(err)
		}
		if over, bad := overCapacity(p, cands, got.Selected); bad {
			t.Fatalf("selected %v needs %s", got.Selected, over)
		}
		used := map[interop.ChainID]uint64{}
		for _, i := range got.Selected {
			for _, l := range cands[i].Legs {
				used[l.Chain] += l.Size
			}
		}
		for c, u := range used {
			if u != got.Used[c] {
				t.Fatalf("chain %d: Used %d, legs sum to %d", c, got.Used[c], u)
			}
		}
		again, _ := p.Pack(cands)
		if !slices.Equal(again.Selected, got.Selected) {
			t.Fatal("not deterministic")
		}
		if len(cands) > 8 {
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
			t.Fatalf("fee %s, optimum %s", got.Fee.Dec(), best)
		}
	})
}

// FuzzVerifyOrdered: rollup blocks re-encoded with fuzz changes, and certificates signed
// by fuzz-chosen members, are accepted only when every covered chain's list is exactly the
// one the sequencer certified, under a quorum.
func FuzzVerifyOrdered(f *testing.F) {
	fx, err := orderingtest.NewFixture("bundle-fuzz-ordered", 0, interop.Hash{}, []uint64{1, 1, 1, 1}, ordering.Threshold{})
	if err != nil {
		f.Fatal(err)
	}
	seq := orderingtest.NewSequencer(fx, orderingtest.Keys("bundle-fuzz-ordered-seq", 1)[0])
	lanes := []orderingtest.Lane{{Rollup: 10, Txs: [][]byte{{1}, {2}, {3}}}, {Rollup: 8453, Txs: [][]byte{{4}}}, {Rollup: 1<<64 - 1, Txs: [][]byte{{5}, {6}}}}
	cert, err := seq.Propose(lanes)
	if err != nil {
		f.Fatal(err)
	}
	truth := map[interop.ChainID][][]byte{}
	var encs [][]byte
	for _, l := range lanes {
		truth[l.Rollup] = l.Txs
		rb, err := seq.RollupBlock(l.Rollup, cert.Commitment.Height)
		if err != nil {
			f.Fatal(err)
		}
		enc, err := rb.AppendBinary(nil)
		if err != nil {
			f.Fatal(err)
		}
		encs = append(encs, enc)
	}
	qcs := map[byte]ordering.QC{}
	f.Add(byte(7), byte(0), uint16(0), byte(0))
	f.Add(byte(7), byte(1), uint16(30), byte(1))
	f.Add(byte(1), byte(2), uint16(0), byte(0))
	f.Fuzz(func(t *testing.T, signers, which byte, at uint16, flip byte) {
		signers &= 0xf
		if signers == 0 {
			return
		}
		qc, ok := qcs[signers]
		if !ok {
			var who []int
			for m := range 4 {
				if signers&(1<<m) != 0 {
					who = append(who, m)
				}
			}
			if qc, err = fx.Certify(cert.Commitment.Hash(), who); err != nil {
				t.Fatal(err)
			}
			qcs[signers] = qc
		}
		c := ordering.Certified{Commitment: cert.Commitment, QC: qc}
		var blocks []ordering.RollupBlock
		for i, enc := range encs {
			if i == int(which%4) && flip != 0 {
				enc = slices.Clone(enc)
				enc[int(at)%len(enc)] ^= flip
			}
			rb, err := ordering.DecodeRollupBlock(enc)
			if err != nil {
				continue // that chain is simply not covered
			}
			blocks = append(blocks, rb)
		}
		o, err := bundle.VerifyOrdered(fx.Committee, &c, blocks)
		if err != nil {
			if !errors.Is(err, bundle.ErrEvidence) {
				t.Fatalf("error without ErrEvidence: %v", err)
			}
			return
		}
		if bits.OnesCount8(signers) < 3 { // quorum of four equal stakes: ⌊2·4/3⌋+1 = 3
			t.Fatalf("signers %04b (fewer than 3 of 4) accepted", signers)
		}
		for _, rb := range blocks {
			got, err := o.Transactions(rb.Rollup)
			if err != nil {
				t.Fatal(err)
			}
			want := truth[rb.Rollup]
			if len(got) != len(want) {
				t.Fatalf("chain %d: %d transactions accepted, %d certified", rb.Rollup, len(got), len(want))
			}
			for k := range want {
				if !bytes.Equal(got[k], want[k]) {
					t.Fatalf("chain %d tx %d: %x accepted, %x certified", rb.Rollup, k, got[k], want[k])
				}
			}
		}
	})
}
