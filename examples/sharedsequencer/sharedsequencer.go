package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
)

type rollup struct {
	name string
	id   interop.ChainID
}

var rollups = []rollup{{"alpha", 10}, {"beta", 20}, {"gamma", 30}}

const heights = 100

// prng is a tiny deterministic generator (SplitMix64), so the output never changes.
type prng uint64

func (p *prng) next(n int) int {
	*p += 0x9e3779b97f4a7c15
	z := uint64(*p)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return int((z ^ z>>31) % uint64(n))
}

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	stakes := []uint64{50, 40, 30, 25, 20, 15, 10}
	f, err := orderingtest.NewFixture("shared-sequencer-demo", 0, interop.Hash{}, stakes, ordering.Threshold{})
	if err != nil {
		return err
	}
	com := f.Committee
	total, quorum := com.TotalStake(), com.QuorumStake()
	fmt.Fprintf(w, "committee epoch %d: %d members, stakes %v, total %s, quorum %s (⌊2·total/3⌋+1)\n",
		com.Epoch(), com.Len(), stakes, total.Dec(), quorum.Dec())

	seqKey := orderingtest.Keys("sequencer-key", 1)[0]
	seq := orderingtest.NewSequencer(f, seqKey)
	rng := prng(2026)

	// A preconfirmation the sequencer will honour and one it will break.
	kept := []byte("beta: urgent swap, preconfirmed")
	broken := []byte("gamma: liquidation, preconfirmed")
	keptPromise := seq.Promise(kept, 20, 40, 42, -1)
	brokenPromise := seq.Promise(broken, 30, 60, 62, -1)

	bundle := orderingtest.Bundle{
		{Rollup: 10, Tx: []byte("alpha: lock 5 ETH for bundle 7")},
		{Rollup: 20, Tx: []byte("beta: mint 5 wETH for bundle 7")},
	}
	for h := 1; h <= heights; h++ {
		var lanes []orderingtest.Lane
		for _, r := range rollups {
			l := orderingtest.Lane{Rollup: r.id}
			for i, n := 0, rng.next(5); i < n; i++ {
				l.Txs = append(l.Txs, fmt.Appendf(nil, "%s: tx %d.%d", r.name, h, i))
			}
			if r.id == 20 && h == 41 {
				l.Txs = append(l.Txs, kept)
			}
			lanes = append(lanes, l)
		}
		// Rotate who signs; the three largest stakes always make a quorum with one more.
		seq.Signers = []int{0, 1, 2, 3 + rng.next(4)}
		var err error
		if h == 50 {
			_, err = seq.Propose(lanes, bundle)
		} else {
			_, err = seq.Propose(lanes)
		}
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "sequencer certified heights 1..%d\n\n", heights)

	// Each rollup node derives its chain from the sequencer's, trusting only genesis and
	// the committee.
	for _, r := range rollups {
		chain, err := ordering.NewChain(seq.Genesis, com)
		if err != nil {
			return err
		}
		digest := sha256.New()
		txs, proofBytes := 0, 0
		for h := uint64(1); h <= heights; h++ {
			cert := seq.Certs[h-1]
			if err := chain.Append(&cert); err != nil {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			rb, err := seq.RollupBlock(r.id, h)
			if err != nil {
				return err
			}
			if err := rb.Verify(&cert.Commitment); err != nil {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			for _, tx := range rb.Txs {
				digest.Write(tx)
			}
			txs += len(rb.Txs)
			enc, err := rb.Proof.AppendBinary(nil, ordering.NamespaceSize)
			if err != nil {
				return err
			}
			proofBytes += len(enc)
			if h <= 3 {
				kind := "inclusion"
				switch {
				case rb.Proof.IsEmpty():
					kind = "empty"
				case rb.Proof.IsAbsence():
					kind = "absence"
				}
				fmt.Fprintf(w, "%-5s h=%-3d %d txs, %s proof of leaves [%d,%d) with %d nodes: complete ✓\n",
					r.name, h, len(rb.Txs), kind, rb.Proof.Start, rb.Proof.End, len(rb.Proof.Nodes))
			}
		}
		head, hh := chain.Head()
		fmt.Fprintf(w, "%-5s derived %d heights, %d txs, %d proof bytes; head %d %x…, tx digest %x…\n\n",
			r.name, head.Height, txs, proofBytes, head.Height, hh[:6], digest.Sum(nil)[:6])
	}

	// The bundle's legs landed together.
	blk, err := seq.Block(50)
	if err != nil {
		return err
	}
	ins, err := blk.BundleInclusions(bundle)
	if err != nil {
		return err
	}
	for _, in := range ins {
		if err := in.Verify(&blk.Commitment); err != nil {
			return err
		}
		fmt.Fprintf(w, "bundle leg %q included at height %d ✓\n", in.Tx, in.Height)
	}

	// A node handed a block with a transaction hidden refuses it.
	for h := uint64(1); h <= heights; h++ {
		rb, err := seq.RollupBlock(10, h)
		if err != nil {
			return err
		}
		if len(rb.Txs) < 2 {
			continue
		}
		rb.Txs = rb.Txs[1:]
		err = rb.Verify(&seq.Certs[h-1].Commitment)
		fmt.Fprintf(w, "alpha h=%d with its first tx withheld: refused (%v)\n", h, errors.Is(err, ordering.ErrInvalidProof))
		break
	}

	// Preconfirmations: breach evidence against the honoured one cannot be built.
	fmt.Fprintln(w, "\n== byzantine sequencer ==")
	br, err := seq.Breach(keptPromise)
	if err != nil {
		return err
	}
	err = br.Verify(seqKey.PublicKey(), com)
	fmt.Fprintf(w, "preconf %x… (beta, heights 40..42): kept; breach claim refused: %v\n", keptPromise.Preconf.Tx[:6], errors.Is(err, ordering.ErrNotBreach))

	br, err = seq.Breach(brokenPromise)
	if err != nil {
		return err
	}
	if err := br.Verify(seqKey.PublicKey(), com); err != nil {
		return fmt.Errorf("breach evidence: %w", err)
	}
	fmt.Fprintf(w, "preconf %x… (gamma, heights %d..%d) BROKEN: evidence verifies —\n",
		brokenPromise.Preconf.Tx[:6], brokenPromise.Preconf.First, brokenPromise.Preconf.Deadline)
	for _, bh := range br.Heights {
		fmt.Fprintf(w, "  height %d commitment %x…: gamma's %d txs proven complete, promised tx absent\n",
			bh.Certified.Commitment.Height, hashOf(&bh.Certified.Commitment)[:6], len(bh.Block.Txs))
	}

	// Equivocation: the sequencer gets a second block certified at height 100.
	alt := []orderingtest.Lane{{Rollup: 30, Txs: [][]byte{[]byte("gamma: front-run")}}}
	ev, err := seq.Equivocate(alt, []int{1, 2, 3, 5, 6})
	if err != nil {
		return err
	}
	off, err := ev.Verify(com)
	if err != nil {
		return fmt.Errorf("equivocation: %w", err)
	}
	ha, hb := ev.A.Commitment.Hash(), ev.B.Commitment.Hash()
	fmt.Fprintf(w, "equivocation at height %d: %x… vs %x…\n", off.Height, ha[:6], hb[:6])
	for _, m := range off.Signers {
		s := com.Member(m).Stake
		k := com.Member(m).Key.Bytes()
		fmt.Fprintf(w, "  member %d (key %x…, stake %s) signed both\n", m, k[:6], s.Dec())
	}
	fmt.Fprintf(w, "slashable stake: %s of %s\n", off.Slashable.Dec(), total.Dec())
	return nil
}

func hashOf(c *ordering.Commitment) []byte {
	h := c.Hash()
	return h[:]
}
