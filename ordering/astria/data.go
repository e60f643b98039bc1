package astria

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

// MaxBlockTxs is the most raw block transactions BlockDataHash takes (CometBFT's 21 MB
// block holds no more than this many non-empty transactions with their framing).
const MaxBlockTxs = 10_000_000

// BlockDataHash derives, from a CometBFT block's raw transactions (the /block RPC's
// data.txs), both data hashes: comet, the header's data_hash (CometBFT Txs.Hash, the RFC
// 6962 root of sha256 of each transaction), and seq, the data_hash of Astria's
// SequencerBlockHeader, with the rollup_transactions_root the transactions carry, as
// astria-core's ExpandedBlockData does:
//
//   - a legacy block (new_from_untyped_data) has the two 32-byte roots as its first two
//     transactions, and seq = comet;
//   - a typed block (new_from_typed_data) has DataItems: rollup_transactions_root,
//     rollup_ids_root, then optionally upgrade_change_hashes (not a leaf) and
//     extended_commit_info (its leaf the sha256 of the inner bytes; recognised by its
//     DataItem variant, where upstream uses the height's vote-extension setting), then
//     user transactions; seq is the RFC 6962 root of sha256 of each root, the extended
//     commit info and each user transaction.
//
// Errors wrap ErrDecode (a malformed first or second item). Bound: at most MaxBlockTxs
// (ErrTooLarge); one sha256 per transaction, two 32-byte hashes per transaction
// allocated.
func BlockDataHash(txs [][]byte) (comet, seq, txsRoot interop.Hash, err error) {
	if len(txs) > MaxBlockTxs {
		return comet, seq, txsRoot, fmt.Errorf("%w: %d block transactions, limit %d", ErrTooLarge, len(txs), MaxBlockTxs)
	}
	if len(txs) < 2 {
		return comet, seq, txsRoot, fmt.Errorf("%w: %d block transactions, the two roots need 2", ErrDecode, len(txs))
	}
	hashes := make([]interop.Hash, len(txs))
	for i, tx := range txs {
		hashes[i] = sha256.Sum256(tx)
	}
	comet = rootOfHashes(hashes)
	if len(txs[0]) == 32 && len(txs[1]) == 32 {
		copy(txsRoot[:], txs[0])
		return comet, comet, txsRoot, nil
	}
	num, rtr, err := dataItem(txs[0])
	if err != nil || num != 1 || len(rtr) != 32 {
		return comet, seq, txsRoot, fmt.Errorf("%w: first block transaction %x is not a rollup_transactions_root item (%v)", ErrDecode, txs[0], err)
	}
	num, rir, err := dataItem(txs[1])
	if err != nil || num != 2 || len(rir) != 32 {
		return comet, seq, txsRoot, fmt.Errorf("%w: second block transaction %x is not a rollup_ids_root item (%v)", ErrDecode, txs[1], err)
	}
	copy(txsRoot[:], rtr)
	leaves := make([]interop.Hash, 0, len(txs))
	leaves = append(leaves, sha256.Sum256(rtr), sha256.Sum256(rir))
	rest := txs[2:]
	if len(rest) > 0 {
		if num, _, err := dataItem(rest[0]); err == nil && num == 3 {
			rest = rest[1:]
		}
	}
	if len(rest) > 0 {
		if num, eci, err := dataItem(rest[0]); err == nil && num == 4 {
			leaves = append(leaves, sha256.Sum256(eci))
			rest = rest[1:]
		}
	}
	for _, tx := range rest {
		leaves = append(leaves, sha256.Sum256(tx))
	}
	return comet, rootOfHashes(leaves), txsRoot, nil
}

// rootOfHashes is the RFC 6962 root of 32-byte leaves.
func rootOfHashes(hs []interop.Hash) interop.Hash {
	leaves := make([][]byte, len(hs))
	for i := range hs {
		leaves[i] = hs[i][:]
	}
	return nmt.RFC6962Root(leaves)
}

// dataItem decodes an astria.sequencerblock.v1.DataItem strictly: exactly one field, of
// the oneof's numbers 1 to 4, length-delimited.
func dataItem(b []byte) (uint64, []byte, error) {
	f, rest, err := next(b)
	if err != nil {
		return 0, nil, err
	}
	if len(rest) != 0 || f.num < 1 || f.num > 4 || f.wire != wireBytes {
		return 0, nil, fmt.Errorf("%w: data item of field %d, wire type %d, %d bytes after", ErrDecode, f.num, f.wire, len(rest))
	}
	return f.num, f.b, nil
}

// matchData checks the data hashes of a sequencer header against a CometBFT header's,
// through the block's raw transactions when given.
func matchData(h *Header, cometDataHash []byte, txs [][]byte) error {
	if txs == nil {
		if !bytes.Equal(cometDataHash, h.DataHash[:]) {
			return fmt.Errorf("%w: data hash %x, signed %X (typed blocks need their raw transactions)", ErrHeaderMismatch, h.DataHash, cometDataHash)
		}
		return nil
	}
	comet, seq, txsRoot, err := BlockDataHash(txs)
	if err != nil {
		return err
	}
	switch {
	case !bytes.Equal(cometDataHash, comet[:]):
		return fmt.Errorf("%w: block transactions hash to %x, signed data hash %X", ErrHeaderMismatch, comet, cometDataHash)
	case seq != h.DataHash:
		return fmt.Errorf("%w: block transactions give sequencer data hash %x, header has %x", ErrHeaderMismatch, seq, h.DataHash)
	case txsRoot != h.RollupTransactionsRoot:
		return fmt.Errorf("%w: block transactions carry rollup transactions root %x, header has %x", ErrHeaderMismatch, txsRoot, h.RollupTransactionsRoot)
	}
	return nil
}
