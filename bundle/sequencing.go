package bundle

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
)

// Sequenced returns b as the ordering.Bundle a shared sequencer's Builder takes: its legs,
// all to land at one height.
func (b *Bundle) Sequenced() ordering.Bundle { return sequenced{b} }

type sequenced struct{ b *Bundle }

func (s sequenced) Legs() []ordering.Leg {
	out := make([]ordering.Leg, len(s.b.Legs))
	for i, l := range s.b.Legs {
		out[i] = ordering.Leg{Rollup: l.Chain, Tx: l.Tx}
	}
	return out
}

// orderedBlocks is Ordered over rollup blocks verified against one certified commitment.
type orderedBlocks struct {
	height uint64
	txs    map[interop.ChainID][][]byte
}

func (o *orderedBlocks) Height() uint64 { return o.height }

func (o *orderedBlocks) Transactions(chain interop.ChainID) ([][]byte, error) {
	txs, ok := o.txs[chain]
	if !ok {
		return nil, fmt.Errorf("%w: no rollup block for chain %d at height %d", ErrEvidence, chain, o.height)
	}
	return txs, nil
}

// VerifyOrdered checks what a shared sequencer says it ordered, and returns it as Ordered:
// the certificate's QC must verify against committee (of the commitment's epoch), and every
// rollup block's namespace proof must show its list complete under the commitment's root.
// Only chains with a rollup block are covered; CheckInclusion refuses to judge the others.
//
// Bound: one QC verification (a pairing check; keys summed in constant memory) and one
// namespace proof per block, linear in the blocks' transactions; memory one map entry per
// block (transactions are not copied).
func VerifyOrdered(committee *ordering.Committee, cert *ordering.Certified, blocks []ordering.RollupBlock) (Ordered, error) {
	if committee == nil || cert == nil {
		return nil, fmt.Errorf("%w: no committee or no certificate", ErrEvidence)
	}
	c := &cert.Commitment
	if committee.Epoch() != c.Epoch {
		return nil, fmt.Errorf("%w: commitment of epoch %d, committee of %d", ErrEvidence, c.Epoch, committee.Epoch())
	}
	if err := committee.VerifyQC(c.Hash(), &cert.QC); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrEvidence, err)
	}
	o := &orderedBlocks{height: c.Height, txs: make(map[interop.ChainID][][]byte, len(blocks))}
	for i := range blocks {
		rb := &blocks[i]
		if err := rb.Verify(c); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrEvidence, err)
		}
		if _, dup := o.txs[rb.Rollup]; dup {
			return nil, fmt.Errorf("%w: two rollup blocks for chain %d", ErrEvidence, rb.Rollup)
		}
		o.txs[rb.Rollup] = rb.Txs
	}
	return o, nil
}
