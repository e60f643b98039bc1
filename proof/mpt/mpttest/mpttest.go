// Package mpttest provides rapid generators of Merkle-Patricia tries, keys and proofs for
// property tests of code built on proof/mpt.
//
// Generators may be drawn from concurrently (each draw uses its own *rapid.T); a Fixture's
// Trie holds a lock, like every mpt.Trie, and its key set is read-only once drawn.
package mpttest

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

// Fixture is a trie with the key/value set it holds.
type Fixture struct {
	Trie *mpt.Trie
	// Keys are the present keys, sorted; Values[i] is the value of Keys[i].
	Keys   [][]byte
	Values [][]byte
	Root   interop.Hash
}

// Has reports whether key is present, and its value.
func (f *Fixture) Has(key []byte) ([]byte, bool) {
	i := sort.Search(len(f.Keys), func(i int) bool { return string(f.Keys[i]) >= string(key) })
	if i < len(f.Keys) && string(f.Keys[i]) == string(key) {
		return f.Values[i], true
	}
	return nil, false
}

// Key generates raw trie keys: mostly 32-byte (as in the secure state and storage tries),
// sometimes short and of varied length, so that keys share prefixes and end at branches.
func Key() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		if rapid.IntRange(0, 3).Draw(t, "short") == 0 {
			n := rapid.IntRange(0, 4).Draw(t, "len")
			return rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 0x01, 0x10, 0x11, 0xff}), n, n).Draw(t, "key")
		}
		return rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "key")
	})
}

// Value generates non-empty values: one-byte values (which give embedded leaves), short
// ones, and values long enough to force hashed nodes.
func Value() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		n := rapid.SampledFrom([]int{1, 1, 2, 5, 31, 32, 33, 80}).Draw(t, "vlen")
		return rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "value")
	})
}

// Trie generates a trie of up to maxKeys keys, built by Update in a random order.
func Trie(maxKeys int) *rapid.Generator[*Fixture] {
	return rapid.Custom(func(t *rapid.T) *Fixture {
		kv := rapid.MapOfN(rapid.Map(Key(), func(b []byte) string { return string(b) }), Value(), 0, maxKeys).Draw(t, "kv")
		f := &Fixture{Trie: new(mpt.Trie)}
		for k := range kv {
			f.Keys = append(f.Keys, []byte(k))
		}
		sort.Slice(f.Keys, func(i, j int) bool { return string(f.Keys[i]) < string(f.Keys[j]) })
		order := rapid.Permutation(f.Keys).Draw(t, "order")
		for _, k := range order {
			f.Trie.Update(k, kv[string(k)])
		}
		for _, k := range f.Keys {
			f.Values = append(f.Values, kv[string(k)])
		}
		f.Root = f.Trie.Root()
		return f
	})
}

// PresentKey draws a key present in f; f must not be empty.
func PresentKey(f *Fixture) *rapid.Generator[[]byte] {
	return rapid.SampledFrom(f.Keys)
}

// AbsentKey draws a key absent from f: a fresh key, or a present key with one byte
// changed, cut short or extended (the hard cases for absence proofs).
func AbsentKey(f *Fixture) *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		for {
			var k []byte
			if len(f.Keys) > 0 && rapid.Bool().Draw(t, "nearby") {
				k = append([]byte(nil), rapid.SampledFrom(f.Keys).Draw(t, "base")...)
				switch rapid.IntRange(0, 2).Draw(t, "how") {
				case 0:
					if len(k) > 0 {
						k[rapid.IntRange(0, len(k)-1).Draw(t, "i")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
					}
				case 1:
					if len(k) > 0 {
						k = k[:len(k)-1]
					}
				default:
					k = append(k, rapid.Byte().Draw(t, "extra"))
				}
			} else {
				k = Key().Draw(t, "fresh")
			}
			if _, ok := f.Has(k); !ok {
				return k
			}
		}
	})
}

// GetProof is an eth_getProof response with the state root it verifies against.
type GetProof struct {
	StateRoot interop.Hash
	Result    mpt.GetProofResult
}

// GetProofResult generates valid eth_getProof responses: an account among up to 20 others
// in a state trie, present (with a storage trie of up to maxSlots slots, every one in the
// response, plus up to two absent slots) or absent (with up to two absent slots, its
// storageHash and codeHash reported either empty or zero, as clients differ).
func GetProofResult(maxSlots int) *rapid.Generator[*GetProof] {
	return rapid.Custom(func(t *rapid.T) *GetProof {
		var state, storage mpt.Trie
		for range rapid.IntRange(0, 20).Draw(t, "others") {
			var addr interop.Address
			copy(addr[1:], rapid.SliceOfN(rapid.Byte(), 19, 19).Draw(t, "other address"))
			acc := mpt.Account{Nonce: rapid.Uint64Range(0, 9).Draw(t, "other nonce"), StorageRoot: mpt.EmptyRoot, CodeHash: mpt.EmptyCodeHash}
			k := mpt.Keccak256(addr[:])
			state.Update(k[:], acc.EncodeRLP(nil))
		}
		addr := interop.Address{0: 1} // the others start with 0
		copy(addr[1:], rapid.SliceOfN(rapid.Byte(), 19, 19).Draw(t, "address"))
		ak := mpt.Keccak256(addr[:])
		r := mpt.GetProofResult{Address: addr}
		exists := rapid.IntRange(0, 9).Draw(t, "exists") > 0
		if exists {
			nSlots := rapid.IntRange(0, maxSlots).Draw(t, "slots")
			for i := range nSlots {
				slot := interop.Hash{0: byte(i >> 8), 1: byte(i), 31: rapid.Byte().Draw(t, "slot")}
				var v uint256.Int
				v.SetUint64(rapid.Uint64Range(1, 1<<40).Draw(t, "value"))
				sk := mpt.Keccak256(slot[:])
				storage.Update(sk[:], rlp.AppendUint256(nil, &v))
				r.StorageProof = append(r.StorageProof, mpt.StorageResult{Key: slot, Value: v})
			}
			acc := mpt.Account{Nonce: rapid.Uint64().Draw(t, "nonce"), StorageRoot: storage.Root(), CodeHash: mpt.EmptyCodeHash}
			acc.Balance.SetUint64(rapid.Uint64().Draw(t, "balance"))
			if rapid.Bool().Draw(t, "contract") {
				acc.CodeHash = mpt.Keccak256(rapid.SliceOfN(rapid.Byte(), 1, 40).Draw(t, "code"))
			}
			state.Update(ak[:], acc.EncodeRLP(nil))
			r.Nonce, r.Balance, r.StorageHash, r.CodeHash = acc.Nonce, acc.Balance, acc.StorageRoot, acc.CodeHash
		} else if rapid.Bool().Draw(t, "empty hashes") {
			r.StorageHash, r.CodeHash = mpt.EmptyRoot, mpt.EmptyCodeHash
		}
		for i := range rapid.IntRange(0, 2).Draw(t, "absent slots") {
			r.StorageProof = append(r.StorageProof, mpt.StorageResult{Key: interop.Hash{0: 0xff, 1: byte(i), 31: 1}})
		}
		for i := range r.StorageProof {
			sk := mpt.Keccak256(r.StorageProof[i].Key[:])
			r.StorageProof[i].Proof = storage.Prove(sk[:])
		}
		r.AccountProof = state.Prove(ak[:])
		return &GetProof{StateRoot: state.Root(), Result: r}
	})
}

// Receipt generates consensus receipts: legacy and typed (1 to 4, and other types below
// 0x80), success, failure and pre-Byzantium post-state roots, with up to four logs of up
// to four topics and short or empty data.
func Receipt() *rapid.Generator[mpt.Receipt] {
	return rapid.Custom(func(t *rapid.T) mpt.Receipt {
		r := mpt.Receipt{
			Type:              rapid.SampledFrom([]uint8{0, 0, 1, 2, 2, 3, 4, 0x7e}).Draw(t, "type"),
			CumulativeGasUsed: rapid.Uint64().Draw(t, "cumulativeGasUsed"),
		}
		if r.Type == 0 && rapid.IntRange(0, 3).Draw(t, "preByzantium") == 0 {
			var root interop.Hash
			copy(root[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "root"))
			r.PostState = &root
		} else {
			r.Status = rapid.Uint64Range(0, 1).Draw(t, "status")
		}
		copy(r.Bloom[:], rapid.SliceOfN(rapid.Byte(), 0, 256).Draw(t, "bloom"))
		n := rapid.IntRange(0, 4).Draw(t, "logs")
		for i := 0; i < n; i++ {
			var l mpt.Log
			copy(l.Address[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "address"))
			for range rapid.IntRange(0, 4).Draw(t, "topics") {
				var h interop.Hash
				copy(h[:], rapid.SliceOfN(rapid.Byte(), 1, 32).Draw(t, "topic"))
				l.Topics = append(l.Topics, h)
			}
			l.Data = rapid.SliceOfN(rapid.Byte(), 0, 80).Draw(t, "data")
			r.Logs = append(r.Logs, l)
		}
		return r
	})
}

// ReceiptJSON renders r as a JSON-RPC receipt object the way go-ethereum does, with its
// consensus members and, when index is not negative, the informational members a node adds
// (transactionIndex, blockHash, gasUsed, effectiveGasPrice, blob gas, ...), so that a
// fake RPC returns what a real one would.
func ReceiptJSON(r *mpt.Receipt, index int) []byte {
	m := map[string]any{
		"type":              quantity(uint64(r.Type)),
		"cumulativeGasUsed": quantity(r.CumulativeGasUsed),
		"logsBloom":         interop.Bytes(r.Bloom[:]),
	}
	if r.PostState != nil {
		m["root"] = *r.PostState
	} else {
		m["status"] = quantity(r.Status)
	}
	logs := make([]map[string]any, len(r.Logs))
	for i, l := range r.Logs {
		topics := l.Topics
		if topics == nil {
			topics = []interop.Hash{}
		}
		logs[i] = map[string]any{"address": l.Address, "topics": topics, "data": interop.Bytes(l.Data)}
		if index >= 0 {
			logs[i]["logIndex"], logs[i]["removed"] = quantity(uint64(i)), false
		}
	}
	m["logs"] = logs
	if index >= 0 {
		m["transactionIndex"] = quantity(uint64(index))
		m["blockHash"] = interop.Hash{0xbb}
		m["gasUsed"], m["effectiveGasPrice"] = "0x5208", "0x3b9aca00"
		m["contractAddress"], m["to"] = nil, interop.Address{0x11}
		if r.Type == 3 {
			m["blobGasUsed"], m["blobGasPrice"] = "0x20000", "0x1"
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // maps of strings, hashes and byte strings always marshal
	}
	return b
}

// BlockReceiptsJSON renders rs as an eth_getBlockReceipts result.
func BlockReceiptsJSON(rs []mpt.Receipt) []byte {
	out := []byte{'['}
	for i := range rs {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, ReceiptJSON(&rs[i], i)...)
	}
	return append(out, ']')
}

func quantity(v uint64) string { return "0x" + strconv.FormatUint(v, 16) }
