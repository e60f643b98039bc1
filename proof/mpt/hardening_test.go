package mpt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/rlp"
)

func logUsage(t *testing.T, name string, n int, u hostile.Usage) {
	t.Helper()
	t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, n, u.Bytes, float64(u.Bytes)/float64(n))
}

// TestBoundsAllocPerInputByte feeds every decoder and verifier of the package input at
// its bounds and holds it to the project's allocation bound.
func TestBoundsAllocPerInputByte(t *testing.T) {
	// VerifyProof: MaxProofNodes large nodes (all hashed up front), and far more nodes
	// than allowed (refused before hashing).
	{
		var tr Trie
		for i := range 64 {
			tr.Update([]byte{byte(i), 1}, bytes.Repeat([]byte{byte(i)}, 40))
		}
		key := []byte{7, 1}
		proof := tr.Prove(key)
		for len(proof) < MaxProofNodes {
			proof = append(proof, bytes.Repeat([]byte{0xc0}, 4096)) // off-path junk
		}
		in := 0
		for _, p := range proof {
			in += len(p)
		}
		root := tr.Root()
		var v []byte
		var err error
		u := hostile.Bounded(t, "VerifyProof at MaxProofNodes", in, func() { v, err = VerifyProof(root, key, proof) })
		if err != nil || !bytes.Equal(v, bytes.Repeat([]byte{7}, 40)) {
			t.Errorf("padded proof: %x, %v", v, err)
		}
		logUsage(t, "VerifyProof at MaxProofNodes", in, u)
		many := make([][]byte, 100_000)
		for i := range many {
			many[i] = []byte{0x80}
		}
		u = hostile.Bounded(t, "VerifyProof with 10^5 nodes", len(many), func() { _, err = VerifyProof(root, key, many) })
		if !errors.Is(err, ErrInvalidProof) {
			t.Errorf("10^5 nodes: %v", err)
		}
		logUsage(t, "VerifyProof with 10^5 nodes", len(many), u)
	}
	// eth_getProof JSON: 10^5 empty account-proof nodes (refused after the JSON decoder,
	// which is linear), and 10^5 storage entries.
	{
		b := []byte(`{"address":"0x0000000000000000000000000000000000000001","balance":"0x0","codeHash":"0x` + strings.Repeat("0", 64) +
			`","nonce":"0x0","storageHash":"0x` + strings.Repeat("0", 64) + `","storageProof":[],"accountProof":[` +
			strings.Repeat(`"0x",`, 100_000) + `"0x"]}`)
		var r GetProofResult
		var err error
		u := hostile.Bounded(t, "eth_getProof with 10^5 account nodes", len(b), func() { err = json.Unmarshal(b, &r) })
		if !errors.Is(err, ErrInvalidJSON) {
			t.Errorf("10^5 account nodes: %v", err)
		}
		logUsage(t, "eth_getProof with 10^5 account nodes", len(b), u)
		b = []byte(`{"address":"0x0000000000000000000000000000000000000001","balance":"0x0","codeHash":"0x` + strings.Repeat("0", 64) +
			`","nonce":"0x0","storageHash":"0x` + strings.Repeat("0", 64) + `","accountProof":[],"storageProof":[` +
			strings.Repeat(`{"key":"0x0","value":"0x0","proof":[]},`, 100_000) + `{"key":"0x0","value":"0x0","proof":[]}]}`)
		u = hostile.Bounded(t, "eth_getProof with 10^5 storage entries", len(b), func() { err = json.Unmarshal(b, &r) })
		if err != nil {
			t.Errorf("10^5 storage entries: %v", err)
		}
		logUsage(t, "eth_getProof with 10^5 storage entries", len(b), u)
		u = hostile.Bounded(t, "Verify of 10^5 storage entries", len(b), func() { err = r.Verify(EmptyRoot) })
		if err != nil {
			t.Errorf("10^5 absent slots under the empty root: %v", err)
		}
		logUsage(t, "Verify of 10^5 storage entries", len(b), u)
	}
	// Receipts: 10^5 minimal logs, and a log with a 1 MB data field.
	{
		var logs []byte
		one := rlp.AppendListHeader(nil, 21+1+1)
		one = rlp.AppendString(one, make([]byte, 20))
		one = rlp.AppendListHeader(one, 0)
		one = rlp.AppendString(one, nil)
		for range 100_000 {
			logs = append(logs, one...)
		}
		b := encodeReceiptWithLogs(logs)
		var err error
		u := hostile.Bounded(t, "receipt with 10^5 logs", len(b), func() { _, err = DecodeReceipt(b) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, "receipt with 10^5 logs", len(b), u)
		r := Receipt{Logs: []Log{{Data: make([]byte, 1<<20)}}}
		b = r.EncodeRLP(nil)
		u = hostile.Bounded(t, "receipt with 1 MB of log data", len(b), func() { _, err = DecodeReceipt(b) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, "receipt with 1 MB of log data", len(b), u)
	}
	// DeriveRoot: many one-byte items (the most items per byte), counted with their
	// slice headers, which the caller holds.
	for _, n := range []int{1000, 100_000} {
		items := make([][]byte, n)
		for i := range items {
			items[i] = []byte{byte(i)}
		}
		in := n * (1 + 24)
		name := fmt.Sprintf("DeriveRoot of %d one-byte items", n)
		u := hostile.Bounded(t, name, in, func() { _ = DeriveRoot(items) })
		logUsage(t, name, in, u)
	}
}

func encodeReceiptWithLogs(logs []byte) []byte {
	size := 1 + 1 + 3 + 256 + rlp.ListSize(len(logs))
	b := rlp.AppendListHeader(nil, size)
	b = rlp.AppendString(b, nil)
	b = rlp.AppendUint64(b, 0)
	b = rlp.AppendString(b, make([]byte, 256))
	b = rlp.AppendListHeader(b, len(logs))
	return append(b, logs...)
}

var _ = interop.Hash{}

// TestConcurrentTrie: Root and Prove cache node encodings, so 16 goroutines reading one
// trie wrote the same nodes at once; Trie now holds a lock.
func TestConcurrentTrie(t *testing.T) {
	var tr Trie
	for i := range 200 {
		tr.Update([]byte{byte(i), byte(i * 3)}, bytes.Repeat([]byte{byte(i)}, 1+i%40))
	}
	var ref Trie
	for i := range 200 {
		ref.Update([]byte{byte(i), byte(i * 3)}, bytes.Repeat([]byte{byte(i)}, 1+i%40))
	}
	root := ref.Root()
	// Readers alone: every goroutine sees the reference root and proves against it.
	hostile.Concurrent(t, 4, func(g int) {
		key := []byte{byte(g * 11), byte(g * 33)}
		if got := tr.Root(); got != root {
			t.Errorf("goroutine %d: root %v, want %v", g, got, root)
		}
		v, err := VerifyProof(root, key, tr.Prove(key))
		if err != nil || !bytes.Equal(v, tr.Get(key)) {
			t.Errorf("goroutine %d: proved %x (%v), trie holds %x", g, v, err, tr.Get(key))
		}
	})
	// Writers mixed in: an update of a key outside the reference set, then its removal.
	// While they run the root moves, so a reader checks that each proof is consistent with
	// the root it was taken under (the hash of its first node) and proves the key's value,
	// which no writer touches.
	hostile.Concurrent(t, 4, func(g int) {
		key := []byte{byte(g * 11), byte(g * 33)}
		want := ref.Get(key)
		p := tr.Prove(key)
		if len(p) == 0 {
			t.Errorf("goroutine %d: empty proof", g)
			return
		}
		v, err := VerifyProof(Keccak256(p[0]), key, p)
		if err != nil || !bytes.Equal(v, want) {
			t.Errorf("goroutine %d: proved %x (%v), want %x", g, v, err, want)
		}
		if g%4 == 0 {
			k := []byte{0xff, byte(g), 0xee}
			tr.Update(k, []byte{1})
			tr.Delete(k)
		}
	})
	if got := tr.Root(); got != root {
		t.Errorf("after the run: root %v, want %v", got, root)
	}
}

// TestConcurrentGetProofResult verifies one decoded eth_getProof response from 16
// goroutines.
func TestConcurrentGetProofResult(t *testing.T) {
	var state, storage Trie
	slot := interop.Hash{31: 5}
	sk := Keccak256(slot[:])
	storage.Update(sk[:], rlp.AppendString(nil, []byte{0x2a}))
	addr := interop.Address{9}
	acc := Account{Nonce: 3, StorageRoot: storage.Root(), CodeHash: EmptyCodeHash}
	acc.Balance.SetUint64(77)
	ak := Keccak256(addr[:])
	state.Update(ak[:], acc.EncodeRLP(nil))
	res := GetProofResult{Address: addr, AccountProof: state.Prove(ak[:]), Nonce: 3, Balance: acc.Balance,
		StorageHash: acc.StorageRoot, CodeHash: EmptyCodeHash,
		StorageProof: []StorageResult{{Key: slot, Proof: storage.Prove(sk[:])}}}
	res.StorageProof[0].Value.SetUint64(0x2a)
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var r GetProofResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	root := state.Root()
	hostile.Concurrent(t, 8, func(g int) {
		if err := r.Verify(root); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := r.Verify(EmptyRoot); err == nil {
			t.Errorf("goroutine %d: verified against the empty root", g)
		}
	})
}

// TestConcurrentDeriveRoot runs DeriveRoot, whose builders come from a pool, from 16
// goroutines on lists of different lengths.
func TestConcurrentDeriveRoot(t *testing.T) {
	lists := make([][][]byte, 4)
	want := make([]interop.Hash, len(lists))
	for l := range lists {
		var tr Trie
		for i := range 50 + 100*l {
			item := bytes.Repeat([]byte{byte(i), byte(l)}, 1+i%30)
			lists[l] = append(lists[l], item)
			tr.Update(IndexKey(uint64(i)), item)
		}
		want[l] = tr.Root()
	}
	hostile.Concurrent(t, 8, func(g int) {
		l := g % len(lists)
		if got := DeriveRoot(lists[l]); got != want[l] {
			t.Errorf("goroutine %d: DeriveRoot %v, want %v", g, got, want[l])
		}
	})
}

// TestHardeningDeriveRootOneByteItems: 10^5 one-byte items made DeriveRoot allocate 40 MB,
// 403 bytes per item byte, as its lists grew by doubling; sized once (75), it stays within the
// project's 100 bytes per input byte even when the slice headers are not counted.
func TestHardeningDeriveRootOneByteItems(t *testing.T) {
	items := make([][]byte, 100_000)
	for i := range items {
		items[i] = []byte{byte(i)}
	}
	u := hostile.Bounded(t, "DeriveRoot of 10^5 one-byte items", len(items), func() { _ = DeriveRoot(items) })
	logUsage(t, "DeriveRoot of 10^5 one-byte items", len(items), u)
}
