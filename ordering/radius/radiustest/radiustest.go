// Package radiustest provides pgregory.net/rapid generators and an honest fake of
// tx_orderer's leader for package radius, for users' property suites: an Orderer that
// issues signed order commitments with its own model of tx_orderer's incremental
// MerkleTree (levels of nodes, update_tree and get_pre_merkle_path as in
// src/types/merkle.rs), so that radius.PreMerklePath is checked against an independent
// computation, and the misbehaviours a breach shows (omitted, inserted and reordered
// transactions).
package radiustest

import (
	"slices"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/crypto/secp256k1/secp256k1test"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/proof/merkle"
)

// Key generates orderer keys.
func Key() *rapid.Generator[*secp256k1.PrivateKey] { return secp256k1test.PrivateKey() }

// RollupID generates rollup ids: short ASCII names, sometimes with characters JSON
// escapes, sometimes multi-byte UTF-8.
func RollupID() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.StringMatching(`[a-z][a-z0-9_]{0,15}`),
		rapid.StringOfN(rapid.RuneFrom([]rune{'a', '"', '\\', '\n', '\x01', 'é', '漢', '\u2028'}), 0, 12, radius.MaxRollupIDLen/4),
	)
}

// Txs generates a block of 1 to 40 distinct raw transactions of 1 to 64 bytes.
func Txs() *rapid.Generator[[][]byte] {
	return rapid.Custom(func(t *rapid.T) [][]byte {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		txs := make([][]byte, 0, n)
		for len(txs) < n {
			tx := rapid.SliceOfN(rapid.Byte(), 1, 64).Draw(t, "tx")
			if !slices.ContainsFunc(txs, func(o []byte) bool { return string(o) == string(tx) }) {
				txs = append(txs, tx)
			}
		}
		return txs
	})
}

// Orderer is an honest tx_orderer leader for one rollup and height: it numbers the
// transactions it is sent in order and signs a commitment to each.
type Orderer struct {
	Key      *secp256k1.PrivateKey
	RollupID string
	Height   uint64
	// Legacy issues the earlier data without transaction_hash (tx_orderer dd9735d4).
	Legacy bool
	txs    [][]byte
	nodes  [][]interop.Hash // tx_orderer's MerkleTree.nodes, level by level
}

// NewOrderer returns an Orderer with an empty block.
func NewOrderer(key *secp256k1.PrivateKey, rollupID string, height uint64) *Orderer {
	return &Orderer{Key: key, RollupID: rollupID, Height: height, nodes: [][]interop.Hash{nil}}
}

// Send orders tx and returns the signed commitment to it, as send_raw_transaction does.
func (o *Orderer) Send(tx []byte) radius.SignedOrderCommitment {
	h := radius.TxHash(tx)
	o.update()
	d := radius.OrderCommitmentData{
		RollupID:         o.RollupID,
		BlockHeight:      o.Height,
		TransactionOrder: uint64(len(o.nodes[0])),
		TransactionHash:  h,
		PreMerklePath:    o.prePath(),
	}
	if o.Legacy {
		d.TransactionHash, d.NoTransactionHash = interop.Hash{}, true
	}
	o.nodes[0] = append(o.nodes[0], radius.LeafHash(h))
	o.txs = append(o.txs, slices.Clone(tx))
	return radius.Sign(o.Key, d)
}

// Block returns the transactions ordered so far, as the block will hold them.
func (o *Orderer) Block() [][]byte { return slices.Clone(o.txs) }

// update is MerkleTree::update_tree.
func (o *Orderer) update() {
	for lv := 0; len(o.nodes[lv]) > 0 && len(o.nodes[lv])%2 == 0; lv++ {
		l := o.nodes[lv]
		p := merkle.Keccak256{}.Pair(l[len(l)-2], l[len(l)-1])
		if len(o.nodes) <= lv+1 {
			o.nodes = append(o.nodes, nil)
		}
		o.nodes[lv+1] = append(o.nodes[lv+1], p)
	}
}

// prePath is MerkleTree::get_pre_merkle_path: from leaf 0, climb while the level holds
// nodes past the current one, take the node reached, and skip the leaves it covers.
func (o *Orderer) prePath() []interop.Hash {
	n := len(o.nodes[0])
	path := []interop.Hash{}
	switch n {
	case 0:
		return path
	case 1:
		return append(path, o.nodes[0][0])
	}
	for leaf := 0; leaf < n; {
		lv, idx := 0, leaf
		for len(o.nodes[lv]) > idx+1 {
			lv++
			idx /= 2
		}
		path = append(path, o.nodes[lv][idx])
		leaf += 1 << lv
	}
	return path
}

// Block generates an honest block from a fresh Orderer and all its commitments; one in five
// is of the earlier form without transaction hashes.
func Block(key *secp256k1.PrivateKey) *rapid.Generator[BlockWithCommitments] {
	return rapid.Custom(func(t *rapid.T) BlockWithCommitments {
		o := NewOrderer(key, RollupID().Draw(t, "rollup"), rapid.Uint64().Draw(t, "height"))
		o.Legacy = rapid.IntRange(0, 4).Draw(t, "legacy") == 0
		var cs []radius.SignedOrderCommitment
		for _, tx := range Txs().Draw(t, "txs") {
			cs = append(cs, o.Send(tx))
		}
		return BlockWithCommitments{Txs: o.Block(), Commitments: cs}
	})
}

// BlockWithCommitments is a block and the commitment issued for each of its transactions.
type BlockWithCommitments struct {
	Txs         [][]byte
	Commitments []radius.SignedOrderCommitment
}

// Omit returns txs without transaction i.
func Omit(txs [][]byte, i int) [][]byte { return slices.Delete(slices.Clone(txs), i, i+1) }

// Insert returns txs with tx inserted at index i.
func Insert(txs [][]byte, i int, tx []byte) [][]byte { return slices.Insert(slices.Clone(txs), i, tx) }

// Swap returns txs with transactions i and j exchanged.
func Swap(txs [][]byte, i, j int) [][]byte {
	out := slices.Clone(txs)
	out[i], out[j] = out[j], out[i]
	return out
}
