package mpt

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
)

// DeriveRoot returns the root of the trie that maps RLP(i) to items[i]: a block's
// transactionsRoot (items are EIP-2718 encoded transactions: legacy RLP lists, or a type byte
// followed by the payload), receiptsRoot (encoded receipts), or withdrawalsRoot (RLP of each
// withdrawal). Items are opaque bytes; they are not copied.
func DeriveRoot(items [][]byte) interop.Hash {
	var t Trie
	var key [9]byte
	for i, it := range items {
		if len(it) == 0 {
			continue // the trie stores no empty values; no real item is empty
		}
		k := rlp.AppendUint64(key[:0], uint64(i))
		t.root = insert(t.root, keyNibbles(k), valueNode(it))
	}
	return t.Root()
}

// IndexKey returns the trie key of position i in a transactions or receipts trie: RLP(i).
func IndexKey(i uint64) []byte { return rlp.AppendUint64(nil, i) }
