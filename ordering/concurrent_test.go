package ordering

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/hostile"
)

// TestVerifyQCChunked: above 256 signers the keys are summed in chunks; the verdict is
// still exactly whether every signer in the bitmap signed.
func TestVerifyQCChunked(t *testing.T) {
	c, sks := bigCommittee(t)
	msg := interop.Hash{0x77}
	full := allSign(t, c, sks, msg)
	if err := c.VerifyQC(msg, &full); err != nil {
		t.Fatalf("all %d signers: %v", bigCommitteeSize, err)
	}
	for _, drop := range []int{0, 255, 256, 1000, bigCommitteeSize - 1} {
		q := full
		q.Signers = bytes.Clone(full.Signers)
		q.Signers[drop/8] &^= 1 << (drop % 8)
		if err := c.VerifyQC(msg, &q); err == nil {
			t.Errorf("member %d claimed but its signature missing: accepted", drop)
		}
	}
	// 300 signers (below quorum: verifySigners checks the signatures alone).
	var idx []int
	var sigs []*bls.Signature
	for i := bigCommitteeSize - 300; i < bigCommitteeSize; i++ {
		idx = append(idx, i)
		sigs = append(sigs, sks[i].Sign(msg[:]))
	}
	q, err := NewQC(c, idx, sigs)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.verifySigners(msg, &q); err != nil {
		t.Fatalf("300 signers: %v", err)
	}
	if err := c.verifySigners(interop.Hash{0x78}, &q); err == nil {
		t.Fatal("300 signers accepted on another message")
	}
}

// TestConcurrentCommittee: a committee answers VerifyQC, its accessors and
// HandoverMessage from 16 goroutines at once, with the right answers.
func TestConcurrentCommittee(t *testing.T) {
	c, sks := fuzzCommittee(t, 7)
	msg := interop.Hash{0x33}
	var sigs []*bls.Signature
	for _, sk := range sks {
		sigs = append(sigs, sk.Sign(msg[:]))
	}
	good, err := NewQC(c, []int{0, 1, 2, 3, 4, 5, 6}, sigs)
	if err != nil {
		t.Fatal(err)
	}
	weak, err := NewQC(c, []int{0}, sigs[:1])
	if err != nil {
		t.Fatal(err)
	}
	wantHash, wantQuorum := c.Hash(), c.QuorumStake()
	hostile.Concurrent(t, 4, func(g int) {
		if err := c.VerifyQC(msg, &good); err != nil {
			t.Errorf("goroutine %d: good QC: %v", g, err)
		}
		if err := c.VerifyQC(msg, &weak); err == nil {
			t.Errorf("goroutine %d: sub-quorum QC accepted", g)
		}
		if c.Hash() != wantHash || c.QuorumStake() != wantQuorum || c.Len() != 7 {
			t.Errorf("goroutine %d: accessors changed", g)
		}
		if HandoverMessage(c) == (interop.Hash{}) {
			t.Errorf("goroutine %d: empty handover message", g)
		}
	})
}

// TestConcurrentBlock: a built block serves rollup blocks, inclusions and bundle
// inclusions from 16 goroutines at once, and each verifies.
func TestConcurrentBlock(t *testing.T) {
	b := NewBuilder()
	for i := range 200 {
		if err := b.Add(interop.ChainID(i%5), []byte{byte(i), 9}); err != nil {
			t.Fatal(err)
		}
	}
	blk, err := b.Build(Header{Height: 4})
	if err != nil {
		t.Fatal(err)
	}
	legs := bundleLegs{{Rollup: 1, Tx: []byte{1, 9}}, {Rollup: 3, Tx: []byte{3, 9}}}
	hostile.Concurrent(t, 3, func(g int) {
		r := interop.ChainID(g % 6) // rollup 5 has no transactions
		rb, err := blk.RollupBlock(r)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
			return
		}
		if err := rb.Verify(&blk.Commitment); err != nil {
			t.Errorf("goroutine %d: rollup %d: %v", g, r, err)
		}
		if r < 5 {
			in, err := blk.Inclusion(r, g%40)
			if err != nil {
				t.Errorf("goroutine %d: %v", g, err)
			} else if err := in.Verify(&blk.Commitment); err != nil {
				t.Errorf("goroutine %d: inclusion: %v", g, err)
			}
		}
		all, err := blk.RollupBlocks()
		if err != nil || len(all) != 5 {
			t.Errorf("goroutine %d: %d rollup blocks, %v", g, len(all), err)
		}
		ins, err := blk.BundleInclusions(legs)
		if err != nil || len(ins) != 2 {
			t.Errorf("goroutine %d: bundle inclusions: %v", g, err)
		}
		if blk.Hash() != blk.Commitment.Hash() {
			t.Errorf("goroutine %d: hash changed", g)
		}
	})
}

type bundleLegs []Leg

func (b bundleLegs) Legs() []Leg { return b }

// TestConcurrentNsTable: a parsed namespace table answers Range and Commitment from 16
// goroutines at once.
func TestConcurrentNsTable(t *testing.T) {
	raw := []byte{2, 0, 0, 0, 7, 0, 0, 0, 10, 0, 0, 0, 3, 0, 0, 0, 25, 0, 0, 0}
	tab, err := DecodeNsTable(raw, 25)
	if err != nil {
		t.Fatal(err)
	}
	want := NsTableCommitment(raw)
	hostile.Concurrent(t, 8, func(g int) {
		if s, e, ok := tab.Range(3); !ok || s != 10 || e != 25 {
			t.Errorf("goroutine %d: range of 3: [%d, %d) %t", g, s, e, ok)
		}
		if tab.Commitment() != want {
			t.Errorf("goroutine %d: commitment changed", g)
		}
	})
}

// TestConcurrentEvidence: equivocation and breach evidence, and commitments, verify from 16
// goroutines at once against one shared committee.
func TestConcurrentEvidence(t *testing.T) {
	c, sks := fuzzCommittee(t, 3)
	a := Commitment{Height: 2, Epoch: c.Epoch()}
	b := Commitment{Height: 2, Epoch: c.Epoch(), Timestamp: 5}
	sign := func(cm Commitment, who ...int) QC {
		h := cm.Hash()
		var sigs []*bls.Signature
		for _, i := range who {
			sigs = append(sigs, sks[i].Sign(h[:]))
		}
		q, err := NewQC(c, who, sigs)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	e := Equivocation{A: Certified{a, sign(a, 0, 1, 2)}, B: Certified{b, sign(b, 1)}}
	seq := testKeys(9)[8]
	bld := NewBuilder()
	_ = bld.Add(4, []byte{1})
	blk, _ := bld.Build(Header{Height: 1, Epoch: c.Epoch()})
	rb, _ := blk.RollupBlock(4)
	br := Breach{Promise: SignPreconf(seq, Preconf{Tx: TxHash([]byte{2}), Rollup: 4, First: 1, Deadline: 1}),
		Heights: []BreachHeight{{Certified: Certified{blk.Commitment, sign(blk.Commitment, 0, 1, 2)}, Block: rb}}}
	enc := a.AppendBinary(nil)
	hostile.Concurrent(t, 2, func(g int) {
		off, err := e.Verify(c)
		if err != nil || len(off.Signers) != 1 || off.Signers[0] != 1 {
			t.Errorf("goroutine %d: offence %v, %v", g, off.Signers, err)
		}
		if err := br.Verify(seq.PublicKey(), c); err != nil {
			t.Errorf("goroutine %d: breach: %v", g, err)
		}
		if d, err := DecodeCommitment(enc); err != nil || d.Hash() != a.Hash() {
			t.Errorf("goroutine %d: commitment round trip: %v", g, err)
		}
	})
}
