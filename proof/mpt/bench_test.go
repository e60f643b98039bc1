package mpt

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/interopkit/interop"
)

// benchTrie is a secure-trie-shaped trie of n accounts-sized values under hashed keys, deep
// enough (n = 10k gives 4-5 levels) to resemble a storage trie.
func benchTrie(n int) (*Trie, [][]byte) {
	var tr Trie
	keys := make([][]byte, n)
	for i := range keys {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(i))
		h := Keccak256(b[:])
		keys[i] = h[:]
		acc := Account{Nonce: uint64(i), StorageRoot: EmptyRoot, CodeHash: EmptyCodeHash}
		acc.Balance.SetUint64(uint64(i) * 1e15)
		tr.Update(keys[i], acc.EncodeRLP(nil))
	}
	return &tr, keys
}

func BenchmarkVerifyProof(b *testing.B) {
	tr, keys := benchTrie(10000)
	root := tr.Root()
	proof := tr.Prove(keys[1234])
	b.ReportAllocs()
	for b.Loop() {
		if v, err := VerifyProof(root, keys[1234], proof); err != nil || v == nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyAccount(b *testing.B) {
	addr := interop.Address{0xc0, 0x2a}
	key := Keccak256(addr[:])
	tr, _ := benchTrie(5000)
	acc := Account{Nonce: 7, StorageRoot: EmptyRoot, CodeHash: EmptyCodeHash}
	tr.Update(key[:], acc.EncodeRLP(nil))
	root, proof := tr.Root(), tr.Prove(key[:])
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := VerifyAccount(root, addr, proof); err != nil || !ok {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeriveRoot500(b *testing.B) {
	items := make([][]byte, 500)
	for i := range items {
		r := Receipt{Type: 2, Status: 1, CumulativeGasUsed: uint64(21000 * (i + 1)),
			Logs: []Log{{Address: interop.Address{byte(i)}, Topics: []interop.Hash{{1}, {byte(i)}}, Data: make([]byte, 64)}}}
		items[i] = r.EncodeRLP(nil)
	}
	b.ReportAllocs()
	for b.Loop() {
		DeriveRoot(items)
	}
}

func BenchmarkTrieUpdateRoot1000(b *testing.B) {
	_, keys := benchTrie(1000)
	val := make([]byte, 70)
	b.ReportAllocs()
	for b.Loop() {
		var tr Trie
		for _, k := range keys {
			tr.Update(k, val)
		}
		tr.Root()
	}
}

func BenchmarkDecodeReceipt(b *testing.B) {
	r := Receipt{Type: 2, Status: 1, CumulativeGasUsed: 1 << 20,
		Logs: []Log{{Topics: []interop.Hash{{1}, {2}, {3}}, Data: make([]byte, 96)}, {Topics: []interop.Hash{{4}}, Data: make([]byte, 32)}}}
	enc := r.EncodeRLP(nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, err := DecodeReceipt(enc); err != nil {
			b.Fatal(err)
		}
	}
}

// benchGetProof is an eth_getProof response for an account among 10k in the state trie,
// with the given number of slots from a 10k-slot storage trie: proofs as deep as mainnet's
// smaller tries.
func benchGetProof(slots int) (interop.Hash, *GetProofResult) {
	state, _ := benchTrie(10000)
	var storage Trie
	for i := range 10000 {
		slot := interop.Hash{30: byte(i >> 8), 31: byte(i)}
		sk := Keccak256(slot[:])
		storage.Update(sk[:], []byte{0x83, 1, byte(i), 2})
	}
	addr := interop.Address{0xc0, 0xde}
	ak := Keccak256(addr[:])
	acc := Account{Nonce: 1, StorageRoot: storage.Root(), CodeHash: EmptyCodeHash}
	state.Update(ak[:], acc.EncodeRLP(nil))
	r := &GetProofResult{Address: addr, AccountProof: state.Prove(ak[:]), Nonce: 1, StorageHash: acc.StorageRoot, CodeHash: EmptyCodeHash}
	for i := range slots {
		slot := interop.Hash{30: byte(i * 37 >> 8), 31: byte(i * 37)}
		sk := Keccak256(slot[:])
		sr := StorageResult{Key: slot, Proof: storage.Prove(sk[:])}
		sr.Value.SetUint64(0x010002 | uint64(byte(i*37))<<8)
		r.StorageProof = append(r.StorageProof, sr)
	}
	return state.Root(), r
}

// BenchmarkGetProofVerify: one response with 1, 3, 8 and 64 storage proofs, at 1 and 2
// workers (below MinParallelProofs proofs, both are the serial walk).
func BenchmarkGetProofVerify(b *testing.B) {
	for _, slots := range []int{1, 3, 8, 64} {
		root, r := benchGetProof(slots)
		if err := r.Verify(root); err != nil {
			b.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("slots=%d/workers=%d", slots, w), func(b *testing.B) {
				opt := interop.Workers(w)
				b.ReportAllocs()
				for b.Loop() {
					if err := r.Verify(root, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
