package radius

import (
	"errors"
	"fmt"
	"math"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
)

// Preconf returns the promise d makes in the terms of package ordering's neutral model:
// transaction TransactionHash in rollup's block BlockHeight (First = Deadline) at index
// TransactionOrder. Radius names rollups by string; rollup is the chain id the caller maps
// RollupID to. A position past 2^32-1, which ordering cannot express, is
// ordering.ErrInvalidPreconf, and so is a commitment without a transaction hash. The neutral Preconf.Hash is not what the orderer signed: its
// signature covers Digest.
func (d *OrderCommitmentData) Preconf(rollup interop.ChainID) (ordering.Preconf, error) {
	if d.NoTransactionHash {
		return ordering.Preconf{}, fmt.Errorf("%w: commitment names no transaction", ordering.ErrInvalidPreconf)
	}
	if d.TransactionOrder > math.MaxUint32 {
		return ordering.Preconf{}, fmt.Errorf("%w: position %d", ordering.ErrInvalidPreconf, d.TransactionOrder)
	}
	return ordering.Preconf{
		Tx:          d.TransactionHash,
		Rollup:      rollup,
		First:       d.BlockHeight,
		Deadline:    d.BlockHeight,
		HasPosition: true,
		Position:    uint32(d.TransactionOrder),
	}, nil
}

// Breach is evidence that tx_orderer's leader broke a signed order commitment: the
// commitment, and the transactions of the rollup's block at its height as the rollup
// published them, which do not hold the committed transaction at the committed position,
// or hold other transactions before it than the pre_merkle_path committed to.
//
// It is the Radius form of ordering.Breach. Where ordering's sequencer is a committee that
// certifies each height, Radius's leader signs the block alone and its block_commitment
// does not cover every transaction (see BlockCommitment); so Txs must come from where the
// rollup itself publishes its blocks (its L1 batches, checked with package proof or
// lightclient), and Verify takes them as given.
type Breach struct {
	Commitment SignedOrderCommitment
	Txs        [][]byte
}

// Verify checks b against the orderer's address. The checks, in order:
//
//	a) the block has at most MaxTxs transactions (ErrTooLarge);
//	b) the block does not keep the commitment (CheckBlock fails with ErrPosition or
//	   ErrPrefix); a kept one is ErrNotBreach, wrapped beside ordering.ErrNotBreach;
//	c) the orderer signed the commitment (ErrInvalidSignature, ErrWrongSigner): the one
//	   public-key recovery last.
//
// Bound: CheckBlock's (TransactionOrder+1 transaction hashes), then one recovery.
func (b *Breach) Verify(orderer interop.Address) error {
	err := b.Commitment.Data.CheckBlock(b.Txs)
	switch {
	case err == nil:
		return fmt.Errorf("transaction %x at position %d of height %d: %w (%w)",
			b.Commitment.Data.TransactionHash, b.Commitment.Data.TransactionOrder,
			b.Commitment.Data.BlockHeight, ErrNotBreach, ordering.ErrNotBreach)
	case errors.Is(err, ErrTooLarge):
		return err
	}
	return b.Commitment.Verify(orderer)
}

// Reason returns why b's block breaks its commitment (an error wrapping ErrPosition or
// ErrPrefix), or nil if the block keeps it. It does not check the signature.
func (b *Breach) Reason() error {
	return b.Commitment.Data.CheckBlock(b.Txs)
}
