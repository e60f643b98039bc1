package astria

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/proof/nmt"
)

// Verify checks that leaf is the proof's leaf in the tree with the given root, as
// astria-merkle's Proof::verify: TreeSize must be 2n-1 nodes for n ≥ 1 leaves, LeafIndex
// below n, the audit path whole 32-byte hashes, exactly the RFC 6962 path of that leaf
// (proof/nmt.VerifyRFC6962), leading to root. Errors wrap ErrProof. Bound: MaxAuditPath
// hashes; one copy of the path.
func (p *Proof) Verify(leaf []byte, root interop.Hash) error {
	if p.TreeSize == 0 || p.TreeSize%2 == 0 {
		return fmt.Errorf("%w: tree of %d nodes", ErrProof, p.TreeSize)
	}
	leaves := p.TreeSize/2 + 1
	if p.LeafIndex >= leaves {
		return fmt.Errorf("%w: leaf %d of %d", ErrProof, p.LeafIndex, leaves)
	}
	if len(p.AuditPath)%32 != 0 || len(p.AuditPath)/32 > MaxAuditPath {
		return fmt.Errorf("%w: audit path of %d bytes", ErrProof, len(p.AuditPath))
	}
	var buf [MaxAuditPath]interop.Hash
	path := buf[:len(p.AuditPath)/32]
	for i := range path {
		copy(path[i][:], p.AuditPath[32*i:])
	}
	if err := nmt.VerifyRFC6962(root, leaf, p.LeafIndex, leaves, path); err != nil {
		return fmt.Errorf("%w: %w", ErrProof, err)
	}
	return nil
}

// NewProof returns the astria proof of leaf index in the RFC 6962 tree of leaves.
func NewProof(leaves [][]byte, index int) (Proof, error) {
	path, err := nmt.RFC6962Path(leaves, index)
	if err != nil {
		return Proof{}, fmt.Errorf("%w: %w", ErrProof, err)
	}
	p := Proof{LeafIndex: uint64(index), TreeSize: 2*uint64(len(leaves)) - 1}
	for _, h := range path {
		p.AuditPath = append(p.AuditPath, h[:]...)
	}
	return p, nil
}

// proveRoots checks rollup_transactions_root and the given rollup ids root into
// data_hash as astria-core does: each leaf of data_hash is sha256 of the 32-byte root
// (the sequencer's first two "transactions").
func proveRoots(h *Header, txsProof, idsProof *Proof, idsRoot interop.Hash) error {
	leaf := sha256.Sum256(h.RollupTransactionsRoot[:])
	if err := txsProof.Verify(leaf[:], h.DataHash); err != nil {
		return fmt.Errorf("%w: %w", ErrRollupTransactionsRoot, err)
	}
	leaf = sha256.Sum256(idsRoot[:])
	if err := idsProof.Verify(leaf[:], h.DataHash); err != nil {
		return fmt.Errorf("%w: %w", ErrRollupIDsRoot, err)
	}
	return nil
}

func rollupLeaf(r *RollupTransactions) []byte {
	root := nmt.RFC6962Root(r.Transactions)
	return append(append(make([]byte, 0, 64), r.RollupID[:]...), root[:]...)
}

// VerifyStructure checks a whole block as astria-core's SequencerBlock::try_from_raw and
// the conductor: rollup_transactions_root proven into data_hash; the rollups, strictly
// sorted by id, rebuild that root (are_rollup_txs_included, through ordering.AstriaRoots)
// and their ids rebuild a root proven into data_hash (are_rollup_ids_included); each
// rollup's own proof leads to rollup_transactions_root. It does not check that the block
// was committed: see SoftVerifier. Bound: one hash per transaction and rollup.
func (s *SequencerBlock) VerifyStructure() error {
	rollups := make([]ordering.AstriaRollup, len(s.RollupTransactions))
	for i := range s.RollupTransactions {
		r := &s.RollupTransactions[i]
		if i > 0 && bytes.Compare(s.RollupTransactions[i-1].RollupID[:], r.RollupID[:]) >= 0 {
			return fmt.Errorf("%w: rollup %x after %x", ErrRollupIDsRoot, r.RollupID, s.RollupTransactions[i-1].RollupID)
		}
		rollups[i] = ordering.AstriaRollup{ID: r.RollupID, Txs: r.Transactions}
	}
	txsRoot, idsRoot, err := ordering.AstriaRoots(rollups)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrRollupIDsRoot, err)
	}
	if txsRoot != s.Header.RollupTransactionsRoot {
		return fmt.Errorf("%w: rollups rebuild %x, header has %x", ErrRollupTransactionsRoot, txsRoot, s.Header.RollupTransactionsRoot)
	}
	if err := proveRoots(&s.Header, &s.RollupTransactionsProof, &s.RollupIDsProof, idsRoot); err != nil {
		return err
	}
	for i := range s.RollupTransactions {
		r := &s.RollupTransactions[i]
		if err := r.Proof.Verify(rollupLeaf(r), s.Header.RollupTransactionsRoot); err != nil {
			return fmt.Errorf("%w: rollup %x: %w", ErrRollupNotIncluded, r.RollupID, err)
		}
	}
	return nil
}

// VerifyStructure checks a filtered block as astria-core's FilteredSequencerBlock::
// try_from_raw: rollup_transactions_root proven into data_hash; each served rollup's
// leaf id ‖ MTH(txs) proven under it with its own proof (so its list is complete: one
// transaction omitted, inserted or moved changes the leaf); AllRollupIDs, which must be
// strictly sorted (the order the sequencer builds the ids tree in), rebuild a root
// proven into data_hash; and every served rollup is among them, once (ErrDecode when
// twice). Bound: one hash per transaction and rollup id, a binary search per served
// rollup, one byte allocated per rollup id.
func (s *FilteredSequencerBlock) VerifyStructure() error {
	for i := 1; i < len(s.AllRollupIDs); i++ {
		if bytes.Compare(s.AllRollupIDs[i-1][:], s.AllRollupIDs[i][:]) >= 0 {
			return fmt.Errorf("%w: rollup id %x after %x", ErrRollupIDsRoot, s.AllRollupIDs[i], s.AllRollupIDs[i-1])
		}
	}
	ids := make([][]byte, len(s.AllRollupIDs))
	for i := range s.AllRollupIDs {
		ids[i] = s.AllRollupIDs[i][:]
	}
	if err := proveRoots(&s.Header, &s.RollupTransactionsProof, &s.RollupIDsProof, nmt.RFC6962Root(ids)); err != nil {
		return err
	}
	served := make([]bool, len(s.AllRollupIDs))
	for i := range s.RollupTransactions {
		r := &s.RollupTransactions[i]
		k, ok := slices.BinarySearchFunc(s.AllRollupIDs, r.RollupID, func(a, b interop.Hash) int { return bytes.Compare(a[:], b[:]) })
		if !ok {
			return fmt.Errorf("%w: served rollup %x not among the block's ids", ErrRollupIDsRoot, r.RollupID)
		}
		if served[k] {
			return fmt.Errorf("%w: rollup %x served twice", ErrDecode, r.RollupID)
		}
		served[k] = true
		if err := r.Proof.Verify(rollupLeaf(r), s.Header.RollupTransactionsRoot); err != nil {
			return fmt.Errorf("%w: rollup %x: %w", ErrRollupNotIncluded, r.RollupID, err)
		}
	}
	return nil
}

// Rollup returns a rollup's complete transaction list from a block that passed
// VerifyStructure: (txs, true) if it is served; (nil, false) if the block's rollup ids
// do not list it (proven absent); ErrNotServed if they list it but it is not served.
func (s *FilteredSequencerBlock) Rollup(id interop.Hash) ([][]byte, bool, error) {
	for i := range s.RollupTransactions {
		if s.RollupTransactions[i].RollupID == id {
			return s.RollupTransactions[i].Transactions, true, nil
		}
	}
	if _, ok := slices.BinarySearchFunc(s.AllRollupIDs, id, func(a, b interop.Hash) int { return bytes.Compare(a[:], b[:]) }); ok {
		return nil, false, fmt.Errorf("%w: rollup %x", ErrNotServed, id)
	}
	return nil, false, nil
}

// SoftVerifier checks Astria's soft commitment: a sequencer block committed by
// CometBFT validators the caller trusts (lightclient/tendermint), with its data proofs.
type SoftVerifier struct {
	trustingPeriod, maxClockDrift time.Duration
	level                         tendermint.TrustLevel
}

// NewSoftVerifier returns a verifier with CometBFT's light-client parameters: a positive
// trusting period, a non-negative clock drift, and a trust level in [1/3, 1] for
// skipping steps (ErrConfig).
func NewSoftVerifier(trustingPeriod, maxClockDrift time.Duration, level tendermint.TrustLevel) (*SoftVerifier, error) {
	if trustingPeriod <= 0 || maxClockDrift < 0 {
		return nil, fmt.Errorf("%w: trusting period %s, clock drift %s", ErrConfig, trustingPeriod, maxClockDrift)
	}
	if level.Den == 0 || level.Num > level.Den || 3*level.Num < level.Den {
		return nil, fmt.Errorf("%w: trust level %d/%d", ErrConfig, level.Num, level.Den)
	}
	return &SoftVerifier{trustingPeriod, maxClockDrift, level}, nil
}

// MatchSignedHeader checks that a sequencer block header and block hash are the ones a
// CometBFT signed header commits to: block hash = Header.Hash(), and the chain id,
// height, time and proposer equal (ErrHeaderMismatch). With blockTxs nil, data_hash must
// equal the signed one, which holds for legacy blocks (the two roots as raw
// transactions, astria-core's new_from_untyped_data). Blocks of typed DataItems carry an
// Astria data_hash of their own that CometBFT does not sign: pass the block's raw
// transactions (the CometBFT /block RPC's data.txs) and BlockDataHash links both hashes
// and rollup_transactions_root to them.
func MatchSignedHeader(h *Header, blockHash interop.Hash, sh *tendermint.SignedHeader, blockTxs [][]byte) error {
	ch := &sh.Header
	if got := ch.Hash(); !bytes.Equal(got, blockHash[:]) {
		return fmt.Errorf("%w: block hash %x, signed header hashes to %x", ErrHeaderMismatch, blockHash, got)
	}
	t := time.Unix(h.Time.Seconds, int64(h.Time.Nanos))
	switch {
	case ch.ChainID != h.ChainID:
		return fmt.Errorf("%w: chain id %q, signed %q", ErrHeaderMismatch, h.ChainID, ch.ChainID)
	case int64(ch.Height) < 0 || uint64(ch.Height) != h.Height:
		return fmt.Errorf("%w: height %d, signed %d", ErrHeaderMismatch, h.Height, ch.Height)
	case !ch.Time.Equal(t):
		return fmt.Errorf("%w: time %s, signed %s", ErrHeaderMismatch, t, ch.Time)
	case !bytes.Equal(ch.ProposerAddress, h.ProposerAddress):
		return fmt.Errorf("%w: proposer %x, signed %x", ErrHeaderMismatch, h.ProposerAddress, ch.ProposerAddress)
	}
	return matchData(h, ch.DataHash, blockTxs)
}

// Verify checks a filtered block for one rollup against a trusted CometBFT header and
// returns the rollup's complete transaction list, or present=false when the block proves
// it has none. In order: the light-client step from trusted (with trustedVals, its
// validator set) to untrusted (with untrustedVals): VerifyAdjacent for the next height,
// VerifyNonAdjacent otherwise; MatchSignedHeader (with blockTxs, the block's raw
// transactions, or nil for a legacy block); VerifyStructure; Rollup. Bound: the
// light-client step's (one Ed25519 verification per signature at most), then one hash
// per transaction and rollup id.
func (v *SoftVerifier) Verify(trusted *tendermint.SignedHeader, trustedVals *tendermint.ValidatorSet,
	untrusted *tendermint.SignedHeader, untrustedVals *tendermint.ValidatorSet, now time.Time,
	block *FilteredSequencerBlock, blockTxs [][]byte, rollup interop.Hash) (txs [][]byte, present bool, err error) {
	if untrusted.Header.Height == trusted.Header.Height+1 {
		err = tendermint.VerifyAdjacent(trusted, untrusted, untrustedVals, v.trustingPeriod, now, v.maxClockDrift)
	} else {
		err = tendermint.VerifyNonAdjacent(trusted, trustedVals, untrusted, untrustedVals, v.trustingPeriod, now, v.maxClockDrift, v.level)
	}
	if err != nil {
		return nil, false, err
	}
	if err := MatchSignedHeader(&block.Header, block.BlockHash, untrusted, blockTxs); err != nil {
		return nil, false, err
	}
	if err := block.VerifyStructure(); err != nil {
		return nil, false, err
	}
	return block.Rollup(rollup)
}
