package mpt

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

func fuzzSeedTrie() (*Trie, [][]byte) {
	var tr Trie
	keys := [][]byte{{0x01}, {0x01, 0x02}, {0x10, 0x00}, bytes.Repeat([]byte{0xab}, 32), {0xff}}
	for i, k := range keys {
		tr.Update(k, bytes.Repeat([]byte{byte(i + 1)}, 1+i*10))
	}
	return &tr, keys
}

// FuzzVerifyProof feeds arbitrary nodes and keys: the verifier must not panic, and whatever
// it accepts against a root must be consistent with the trie that root came from.
func FuzzVerifyProof(f *testing.F) {
	tr, keys := fuzzSeedTrie()
	for _, k := range append(keys, []byte{0x02}, []byte{0x01, 0x03}) {
		proof := tr.Prove(k)
		f.Add(k, bytes.Join(proof, []byte{0xde, 0xad}), uint8(0))
	}
	root := tr.Root()
	f.Fuzz(func(t *testing.T, key, joined []byte, rootSel uint8) {
		proof := bytes.Split(joined, []byte{0xde, 0xad})
		r := root
		if rootSel%2 == 1 {
			r = Keccak256(proof[0])
		}
		v, err := VerifyProof(r, key, proof)
		if err != nil {
			if !errors.Is(err, ErrInvalidProof) && !errors.Is(err, ErrInvalidNode) && !errors.Is(err, ErrMissingNode) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if r == root {
			// Against the real root a proof can only say what the trie holds.
			if want := tr.Get(key); !bytes.Equal(v, want) {
				t.Fatalf("key %x: proved %x, trie holds %x", key, v, want)
			}
		}
	})
}

// FuzzGetProofJSON decodes arbitrary JSON as an eth_getProof result and verifies it; it must
// not panic, and errors must carry a sentinel.
func FuzzGetProofJSON(f *testing.F) {
	var tr Trie
	addr := interop.Address{1}
	acc := Account{Nonce: 1, StorageRoot: EmptyRoot, CodeHash: EmptyCodeHash}
	acc.Balance.SetUint64(1000)
	key := Keccak256(addr[:])
	tr.Update(key[:], acc.EncodeRLP(nil))
	res := GetProofResult{Address: addr, AccountProof: tr.Prove(key[:]), Nonce: 1, Balance: acc.Balance,
		StorageHash: EmptyRoot, CodeHash: EmptyCodeHash, StorageProof: []StorageResult{{Key: interop.Hash{31: 1}}}}
	seed, _ := json.Marshal(res)
	f.Add(seed, tr.Root().String())
	f.Add([]byte(`{"address":"0x01"}`), EmptyRoot.String())
	f.Fuzz(func(t *testing.T, data []byte, rootHex string) {
		var r GetProofResult
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		root, err := interop.HashFromHex(rootHex)
		if err != nil {
			return
		}
		if err := r.Verify(root); err != nil {
			if !errors.Is(err, ErrInvalidProof) && !errors.Is(err, ErrInvalidNode) && !errors.Is(err, ErrMissingNode) &&
				!errors.Is(err, ErrValueMismatch) && !errors.Is(err, ErrInvalidAccount) && !errors.Is(err, ErrInvalidValue) {
				t.Fatalf("error without a sentinel: %v", err)
			}
		}
	})
}

// FuzzDecodeReceipt: no panic; whatever decodes re-encodes to the same bytes (one encoding
// per receipt).
func FuzzDecodeReceipt(f *testing.F) {
	r := Receipt{Type: 2, Status: 1, CumulativeGasUsed: 21000, Logs: []Log{{Topics: []interop.Hash{{1}}, Data: []byte{1, 2}}}}
	f.Add(r.EncodeRLP(nil))
	r.Type = 0
	f.Add(r.EncodeRLP(nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := DecodeReceipt(b)
		if err != nil {
			if !errors.Is(err, ErrInvalidReceipt) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if re := rec.EncodeRLP(nil); !bytes.Equal(re, b) {
			t.Fatalf("decoded %x, re-encoded %x", b, re)
		}
	})
}
