package radius

import (
	"fmt"
	"math/bits"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/proof/merkle"
)

// TxHash is a raw transaction's hash as tx_orderer computes it (RawTransaction::
// raw_transaction_hash: the hash ethers-core gives the decoded RLP), keccak256 of its
// bytes: ordering.TxHash.
func TxHash(rawTx []byte) interop.Hash { return ordering.TxHash(rawTx) }

// LeafHash is a leaf of tx_orderer's transaction Merkle tree (src/types/merkle.rs,
// MerkleTree::add_data): keccak256 of the transaction hash *as a string*, the 66 ASCII
// bytes "0x" and 64 lowercase hex digits, not of its 32 bytes.
func LeafHash(txHash interop.Hash) interop.Hash {
	var buf [hashStringLen]byte
	return keccak.Sum256(appendHashString(buf[:0], &txHash))
}

// PreMerklePath returns the pre_merkle_path tx_orderer commits to when it orders the
// transaction after the given leaves: the roots of the perfect subtrees that the leaves
// fill, largest (leftmost) first, one per set bit of len(leaves), each hashed with
// keccak256(left ‖ right). This is MerkleTree::get_pre_merkle_path after update_tree: an
// empty path for the first transaction, the first leaf itself for the second.
func PreMerklePath(leaves []interop.Hash) []interop.Hash {
	path := make([]interop.Hash, 0, bits.OnesCount64(uint64(len(leaves))))
	scratch := make([]interop.Hash, 0, len(leaves))
	for off := 0; off < len(leaves); {
		size := 1 << (bits.Len(uint(len(leaves)-off)) - 1)
		path = append(path, perfectRoot(append(scratch[:0], leaves[off:off+size]...)))
		off += size
	}
	return path
}

// perfectRoot folds a power-of-two run of nodes in place to its root.
func perfectRoot(level []interop.Hash) interop.Hash {
	h := merkle.Keccak256{}
	for n := len(level); n > 1; n /= 2 {
		for i := 0; i < n/2; i++ {
			level[i] = h.Pair(level[2*i], level[2*i+1])
		}
	}
	return level[0]
}

// MaxTxs bounds the transactions of one block that CheckBlock, Breach.Verify and
// DecodeRawTransactionListJSON take.
const MaxTxs = 1 << 16

// CheckBlock checks that txs, a rollup block's transactions in order, keep d:
//
//	a) at most MaxTxs transactions (ErrTooLarge);
//	b) transaction TransactionOrder exists and hashes to TransactionHash (ErrPosition;
//	   without a transaction hash, only that it exists);
//	c) the transactions before it give PreMerklePath (ErrPrefix): none was omitted,
//	   inserted or reordered ahead of the committed one.
//
// tx_orderer's MerkleTree keeps no more than that: later transactions are not committed
// to by this commitment, only by their own.
//
// Bound: TransactionOrder+1 transaction hashes, as many leaf hashes and fewer pair hashes;
// memory 122 bytes per transaction before the position.
func (d *OrderCommitmentData) CheckBlock(txs [][]byte) error {
	if len(txs) > MaxTxs {
		return fmt.Errorf("%w: %d transactions, at most %d", ErrTooLarge, len(txs), MaxTxs)
	}
	p := d.TransactionOrder
	if p >= uint64(len(txs)) {
		return fmt.Errorf("%w: position %d of a block of %d transactions", ErrPosition, p, len(txs))
	}
	if h := TxHash(txs[p]); !d.NoTransactionHash && h != d.TransactionHash {
		return fmt.Errorf("%w: transaction %x at position %d, committed %x", ErrPosition, h, p, d.TransactionHash)
	}
	if want := bits.OnesCount64(p); len(d.PreMerklePath) != want {
		return fmt.Errorf("%w: pre_merkle_path of %d roots for position %d, want %d", ErrPrefix, len(d.PreMerklePath), p, want)
	}
	// Both hash passes go through keccak's batch path (eight lanes at once with AVX-512).
	leaves := make([]interop.Hash, p)
	keccak.Sum256Many(leaves, txs[:p])
	strs := make([]byte, 0, int(p)*hashStringLen)
	msgs := make([][]byte, p)
	for i := range leaves {
		strs = appendHashString(strs, &leaves[i])
		msgs[i] = strs[len(strs)-hashStringLen:]
	}
	keccak.Sum256Many(leaves, msgs)
	off := uint64(0)
	for i, root := range d.PreMerklePath {
		size := uint64(1) << (bits.Len64(p-off) - 1)
		if perfectRoot(leaves[off:off+size]) != root {
			return fmt.Errorf("%w: root %d (transactions %d..%d) differs", ErrPrefix, i, off, off+size-1)
		}
		off += size
	}
	return nil
}

// BlockCommitment returns the block_commitment tx_orderer's leader signs for a block with
// these leaves (skde_block_builder.rs: add_data per transaction, finalize_tree,
// get_merkle_root), reproduced step by step with its quirks: finalize_tree pads an odd
// level with the last *leaf*, and it never merges a pair that add_data left pending, so
// for 4 leaves the root is keccak(leaf0 ‖ leaf1) and for 6 the root of the first 4. Such
// a root does not commit to every transaction; this package does not rely on it, and
// returns it so that callers can compare with the value upstream publishes.
// For no leaves it is keccak256 of the empty string.
//
// Bound: about 2 hashes and 64 bytes of memory per leaf; at most MaxTxs leaves
// (ErrTooLarge).
func BlockCommitment(leaves []interop.Hash) (interop.Hash, error) {
	if len(leaves) > MaxTxs {
		return interop.Hash{}, fmt.Errorf("%w: %d leaves, at most %d", ErrTooLarge, len(leaves), MaxTxs)
	}
	if len(leaves) == 0 {
		return keccak.Sum256(nil), nil
	}
	h := merkle.Keccak256{}
	nodes := [][]interop.Hash{make([]interop.Hash, 0, len(leaves)+1)}
	for _, leaf := range leaves {
		// update_tree: merge the last two nodes of every even level, from the leaves up.
		for lv := 0; len(nodes[lv]) > 0 && len(nodes[lv])%2 == 0; lv++ {
			l := nodes[lv]
			parent := h.Pair(l[len(l)-2], l[len(l)-1])
			if len(nodes) <= lv+1 {
				nodes = append(nodes, nil)
			}
			nodes[lv+1] = append(nodes[lv+1], parent)
		}
		nodes[0] = append(nodes[0], leaf)
	}
	// finalize_tree.
	last := nodes[0][len(nodes[0])-1]
	for lv := 0; len(nodes[lv]) > 1; lv++ {
		if len(nodes[lv])%2 == 1 {
			parent := h.Pair(nodes[lv][len(nodes[lv])-1], last)
			nodes[lv] = append(nodes[lv], last)
			if len(nodes) <= lv+1 {
				// Upstream indexes a level that does not exist here and panics; an odd
				// level above one node always has a parent level, so this is unreachable.
				return interop.Hash{}, fmt.Errorf("%w: level %d has no parent", ErrTooLarge, lv)
			}
			nodes[lv+1] = append(nodes[lv+1], parent)
		}
		if len(nodes) <= lv+1 {
			nodes = append(nodes, []interop.Hash{h.Pair(nodes[lv][0], nodes[lv][1])})
		}
	}
	return nodes[len(nodes)-1][0], nil
}
