package mpt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
		// Accepted ⇒ the same answer from the nodes in reverse order (the walk finds
		// nodes by hash, not position) and from copies of them (nothing aliases state).
		rev := make([][]byte, len(proof))
		for i, n := range proof {
			rev[len(proof)-1-i] = bytes.Clone(n)
		}
		v2, err := VerifyProof(r, key, rev)
		if err != nil || !bytes.Equal(v, v2) {
			t.Fatalf("key %x: %x forwards, %x (%v) reversed", key, v, v2, err)
		}
	})
}

// FuzzDeriveRoot: DeriveRoot's streaming builder agrees with the Trie for any list, and
// a proof from that Trie of any index verifies against it.
func FuzzDeriveRoot(f *testing.F) {
	f.Add([]byte{1, 2, 3}, uint8(3), uint16(0))
	f.Add(bytes.Repeat([]byte{0xab}, 300), uint8(1), uint16(130))
	f.Fuzz(func(t *testing.T, data []byte, width uint8, at uint16) {
		w := int(width%64) + 1
		var items [][]byte
		var tr Trie
		for i := 0; len(data) > 0 && i < 1000; i++ {
			n := min(w, len(data))
			if (i+int(width))%7 == 0 {
				n = 0 // empty items are skipped, as in the trie
			}
			items = append(items, data[:n])
			tr.Update(IndexKey(uint64(i)), data[:n])
			data = data[n:]
			if n == 0 && len(data) > 0 {
				data = data[1:]
			}
		}
		root := DeriveRoot(items)
		if want := tr.Root(); root != want {
			t.Fatalf("%d items: DeriveRoot %v, trie %v", len(items), root, want)
		}
		key := IndexKey(uint64(at))
		v, err := VerifyProof(root, key, tr.Prove(key))
		if err != nil || !bytes.Equal(v, tr.Get(key)) {
			t.Fatalf("index %d: proved %x (%v), trie holds %x", at, v, err, tr.Get(key))
		}
	})
}

// FuzzDecodeAccount: the account decoder is canonical (decode ⇒ encode is the input).
func FuzzDecodeAccount(f *testing.F) {
	a := Account{Nonce: 1, StorageRoot: EmptyRoot, CodeHash: EmptyCodeHash}
	a.Balance.SetUint64(1 << 40)
	f.Add(a.EncodeRLP(nil))
	f.Add([]byte{0xc0})
	f.Fuzz(func(t *testing.T, b []byte) {
		acc, err := DecodeAccount(b)
		if err != nil {
			if !errors.Is(err, ErrInvalidAccount) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if re := acc.EncodeRLP(nil); !bytes.Equal(re, b) {
			t.Fatalf("decoded %x, re-encoded %x", b, re)
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
			return
		}
		// Accepted ⇒ re-encoded and decoded again, the response still verifies.
		re, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back GetProofResult
		if err := json.Unmarshal(re, &back); err != nil {
			t.Fatalf("re-encoding %s does not decode: %v", re, err)
		}
		if err := back.Verify(root); err != nil {
			t.Fatalf("verified, then failed after re-encoding: %v", err)
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

// FuzzVerifyProofs splits fuzzed bytes into queries against the seed trie's root (keys and
// proofs cut at separators): the batch must not panic, and must answer as VerifyProof
// does query by query, with one worker and with several.
func FuzzVerifyProofs(f *testing.F) {
	tr, keys := fuzzSeedTrie()
	var seed [][]byte
	for _, k := range append(keys, []byte{0x02}) {
		seed = append(seed, k, bytes.Join(tr.Prove(k), []byte{0xde, 0xad}))
	}
	f.Add(bytes.Join(seed, []byte{0xbe, 0xef}))
	f.Add(bytes.Join(seed[:4], []byte{0xbe, 0xef}))
	root := tr.Root()
	defer SetMinParallelBytes(0)() // split even the few short proofs fuzzed here
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := bytes.Split(data, []byte{0xbe, 0xef})
		var qs []Query
		for i := 0; i+1 < len(parts); i += 2 {
			qs = append(qs, Query{Root: root, Key: parts[i], Proof: bytes.Split(parts[i+1], []byte{0xde, 0xad})})
		}
		want := make([][]byte, len(qs))
		var wantErr string
		for i, q := range qs {
			v, err := VerifyProof(q.Root, q.Key, q.Proof)
			if err != nil {
				wantErr = fmt.Sprintf("query %d: %v", i, err)
				break
			}
			want[i] = v
		}
		for _, w := range []int{1, 3} {
			values, err := VerifyProofs(qs, interop.Workers(w))
			switch {
			case err != nil && err.Error() != wantErr, err == nil && wantErr != "":
				t.Fatalf("workers=%d: %v, query by query %s", w, err, wantErr)
			case err != nil:
				continue
			}
			for i := range qs {
				if !bytes.Equal(values[i], want[i]) {
					t.Fatalf("workers=%d: query %d: %x, query by query %x", w, i, values[i], want[i])
				}
			}
		}
	})
}
