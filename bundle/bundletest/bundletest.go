// Package bundletest provides rapid generators of bundles and packing candidates, and an
// in-process EVM-like chain (real transaction and receipt tries from proof/mpt) that makes
// the evidence bundle's verdicts are checked against.
package bundletest

import (
	"bytes"
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

// Chains are the chain ids the generators use.
var Chains = []interop.ChainID{10, 8453, 42161, 7777}

// Tx generates transaction bytes (an opaque byte string of a realistic size).
func Tx() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		n := rapid.IntRange(1, 300).Draw(t, "txlen")
		return rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "tx")
	})
}

// Hash generates a hash.
func Hash() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) (h interop.Hash) {
		copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
		return h
	})
}

// Leg generates a leg on one of Chains with an optional window and expected effect.
func Leg() *rapid.Generator[bundle.Leg] {
	return rapid.Custom(func(t *rapid.T) bundle.Leg {
		l := bundle.Leg{
			Chain:     rapid.SampledFrom(Chains).Draw(t, "chain"),
			Tx:        Tx().Draw(t, "tx"),
			MayRevert: rapid.IntRange(0, 4).Draw(t, "mayRevert") == 0,
		}
		if rapid.Bool().Draw(t, "window") {
			l.Window.MinHeight = rapid.Uint64Range(0, 100).Draw(t, "minH")
			l.Window.MaxHeight = l.Window.MinHeight + rapid.Uint64Range(0, 5).Draw(t, "spanH")
		}
		if rapid.Bool().Draw(t, "expect") {
			l.Expect = &bundle.Effect{}
			if rapid.Bool().Draw(t, "log") {
				log := &bundle.LogMatch{}
				copy(log.Address[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "addr"))
				for range rapid.IntRange(0, 4).Draw(t, "topics") {
					log.Topics = append(log.Topics, Hash().Draw(t, "topic"))
				}
				if rapid.Bool().Draw(t, "data") {
					log.Data = rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "logdata")
				}
				l.Expect.Log = log
			}
		}
		return l
	})
}

// Bundle generates a valid bundle of 1 to max legs.
func Bundle(max int) *rapid.Generator[bundle.Bundle] {
	return rapid.Custom(func(t *rapid.T) bundle.Bundle {
		var b bundle.Bundle
		b.Nonce = rapid.Uint64().Draw(t, "nonce")
		copy(b.Submitter[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "submitter"))
		for range rapid.IntRange(1, max).Draw(t, "legs") {
			l := Leg().Draw(t, "leg")
			dup := false
			for _, o := range b.Legs {
				dup = dup || (o.Chain == l.Chain && bytes.Equal(o.Tx, l.Tx))
			}
			if !dup {
				b.Legs = append(b.Legs, l)
			}
		}
		return b
	})
}

// Candidate generates a packing candidate of 1 to 3 legs on chains, drawing conflict keys
// from a small pool so that conflicts are common.
func Candidate(chains []interop.ChainID, keyPool int) *rapid.Generator[bundle.Candidate] {
	return rapid.Custom(func(t *rapid.T) bundle.Candidate {
		var c bundle.Candidate
		c.ID = Hash().Draw(t, "id")
		c.Fee.SetUint64(rapid.Uint64Range(0, 1_000_000).Draw(t, "fee"))
		for range rapid.IntRange(1, 3).Draw(t, "legs") {
			l := bundle.PackLeg{Chain: rapid.SampledFrom(chains).Draw(t, "chain"), Size: rapid.Uint64Range(1, 60).Draw(t, "size")}
			for range rapid.IntRange(0, 2).Draw(t, "keys") {
				l.Keys = append(l.Keys, bundle.ConflictKey{byte(rapid.IntRange(0, keyPool-1).Draw(t, "key"))})
			}
			c.Legs = append(c.Legs, l)
		}
		return c
	})
}

// Edge generates uint64s at the edges of arithmetic: near 0, near 2^62, 2^63 and 2^64-1,
// and anywhere; for capacities, sizes, heights and amounts whose sums must not wrap.
func Edge() *rapid.Generator[uint64] {
	return rapid.Custom(func(t *rapid.T) uint64 {
		d := rapid.Uint64Range(0, 16).Draw(t, "delta")
		switch rapid.IntRange(0, 6).Draw(t, "edge") {
		case 0:
			return d
		case 1:
			return 1<<62 + d
		case 2:
			return 1<<63 - d
		case 3:
			return 1<<63 + d
		case 4:
			return 1<<64 - 1 - d
		case 5:
			return rapid.Uint64Range(1<<63, 1<<64-1).Draw(t, "high")
		}
		return rapid.Uint64().Draw(t, "any")
	})
}

// HugePacker generates a Packer over chains with capacities drawn from Edge (never zero),
// and candidates whose leg sizes, at most their chain's capacity, are near that capacity,
// near half of it, or anywhere below: inputs where per-chain sums overflow 64 bits.
func HugePacker(chains []interop.ChainID, minCands, maxCands int) *rapid.Generator[HugeInput] {
	return rapid.Custom(func(t *rapid.T) HugeInput {
		p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{}}
		for _, c := range chains {
			p.Capacity[c] = max(1, Edge().Draw(t, "capacity"))
		}
		n := rapid.IntRange(minCands, maxCands).Draw(t, "cands")
		cands := make([]bundle.Candidate, n)
		for i := range cands {
			c := &cands[i]
			c.ID = Hash().Draw(t, "id")
			c.Fee.SetUint64(rapid.Uint64Range(0, 1_000_000).Draw(t, "fee"))
			for range rapid.IntRange(1, 3).Draw(t, "legs") {
				ch := rapid.SampledFrom(chains).Draw(t, "chain")
				capacity := p.Capacity[ch]
				d := min(rapid.Uint64Range(0, 16).Draw(t, "delta"), capacity)
				var size uint64
				switch rapid.IntRange(0, 3).Draw(t, "shape") {
				case 0:
					size = capacity - d
				case 1:
					size = capacity/2 + min(d, capacity-capacity/2)
				case 2:
					size = rapid.Uint64Range(0, capacity).Draw(t, "size")
				default:
					size = d
				}
				l := bundle.PackLeg{Chain: ch, Size: size}
				for range rapid.IntRange(0, 1).Draw(t, "keys") {
					l.Keys = append(l.Keys, bundle.ConflictKey{byte(rapid.IntRange(0, 7).Draw(t, "key"))})
				}
				c.Legs = append(c.Legs, l)
			}
		}
		return HugeInput{Packer: p, Candidates: cands}
	})
}

// HugeInput is a Packer and its candidates, from HugePacker.
type HugeInput struct {
	Packer     *bundle.Packer
	Candidates []bundle.Candidate
}

// Chain is an in-process EVM-like chain: blocks of transactions with receipts, whose
// transaction and receipt tries are real Merkle-Patricia tries.
type Chain struct {
	ID     interop.ChainID
	blocks map[uint64]*block
}

type block struct {
	txs      [][]byte
	receipts [][]byte
	txTrie   mpt.Trie
	rcTrie   mpt.Trie
}

// NewChain returns an empty chain.
func NewChain(id interop.ChainID) *Chain { return &Chain{ID: id, blocks: map[uint64]*block{}} }

// AddBlock records a block at number with txs and their receipts (same length).
func (c *Chain) AddBlock(number uint64, txs [][]byte, receipts []mpt.Receipt) error {
	if len(txs) != len(receipts) {
		return fmt.Errorf("bundletest: %d transactions, %d receipts", len(txs), len(receipts))
	}
	b := &block{}
	var gas uint64
	for i := range txs {
		gas += 21000
		r := receipts[i]
		r.CumulativeGasUsed = gas
		enc := r.EncodeRLP(nil)
		b.txs = append(b.txs, txs[i])
		b.receipts = append(b.receipts, enc)
		b.txTrie.Update(mpt.IndexKey(uint64(i)), txs[i])
		b.rcTrie.Update(mpt.IndexKey(uint64(i)), enc)
	}
	c.blocks[number] = b
	return nil
}

// Publish records the block roots in src at the given finality.
func (c *Chain) Publish(src *lightclient.Memory, f lightclient.Finality) error {
	for n, b := range c.blocks {
		for _, r := range []lightclient.Root{
			{Chain: c.ID, Height: n, Kind: lightclient.TransactionsRoot, Value: b.txTrie.Root(), Finality: f},
			{Chain: c.ID, Height: n, Kind: lightclient.ReceiptsRoot, Value: b.rcTrie.Root(), Finality: f},
		} {
			if err := src.Add(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// Evidence returns the evidence for a leg: the proofs of its inclusion if some block holds
// it, or the complete transaction lists of its window if none does.
func (c *Chain) Evidence(l *bundle.Leg) bundle.LegEvidence {
	for n, b := range c.blocks {
		for i, tx := range b.txs {
			if bytes.Equal(tx, l.Tx) {
				key := mpt.IndexKey(uint64(i))
				return bundle.LegEvidence{Chain: c.ID, Block: n, Index: uint64(i), TxProof: b.txTrie.Prove(key), ReceiptProof: b.rcTrie.Prove(key)}
			}
		}
	}
	ev := bundle.LegEvidence{Chain: c.ID, Absent: []bundle.BlockTxs{}}
	w := l.Window
	if w.MaxHeight == 0 || w.MinHeight > w.MaxHeight || w.MaxHeight-w.MinHeight >= bundle.MaxAbsenceBlocks {
		return ev // no evidence can prove absence over this window; the verifier says so
	}
	// Count offsets, not heights: h <= MaxHeight never fails when MaxHeight is 2^64-1.
	for off := uint64(0); off <= w.MaxHeight-w.MinHeight; off++ {
		h := w.MinHeight + off
		var txs [][]byte
		if b, ok := c.blocks[h]; ok {
			txs = b.txs
		}
		ev.Absent = append(ev.Absent, bundle.BlockTxs{Block: h, Txs: txs})
	}
	return ev
}

// Fee returns a candidate fee as a uint256.
func Fee(v uint64) uint256.Int { return *uint256.NewInt(v) }
