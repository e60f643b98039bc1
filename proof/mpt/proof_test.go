package mpt

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
)

// smallTrie holds keys that give a branch at the root, an extension, embedded leaves and a
// hashed leaf, so proofs touch every node kind.
func smallTrie() (*Trie, map[string][]byte) {
	kv := map[string][]byte{
		"\x01\x23\x45": []byte("a"),
		"\x01\x23\x46": []byte("b"),
		"\x01\x24":     bytes.Repeat([]byte("long value "), 5),
		"\xf0":         []byte("c"),
	}
	var tr Trie
	for k, v := range kv {
		tr.Update([]byte(k), v)
	}
	return &tr, kv
}

func TestVerifyProofBadInput(t *testing.T) {
	tr, _ := smallTrie()
	root := tr.Root()
	key := []byte("\x01\x24")
	good := tr.Prove(key)
	if v, err := VerifyProof(root, key, good); err != nil || v == nil {
		t.Fatalf("good proof: %v", err)
	}
	clone := func() [][]byte {
		out := make([][]byte, len(good))
		for i := range good {
			out[i] = bytes.Clone(good[i])
		}
		return out
	}
	truncatedNode := clone()
	truncatedNode[0] = truncatedNode[0][:len(truncatedNode[0])-1]
	oversized := clone()
	oversized[0] = append(oversized[0], 0x80)
	missing := clone()[:1]
	tooMany := make([][]byte, MaxProofNodes+1)

	for _, tc := range []struct {
		name  string
		root  interop.Hash
		proof [][]byte
		want  error
	}{
		{"wrong root", interop.Hash{1}, good, ErrMissingNode},
		{"truncated node", root, truncatedNode, ErrMissingNode},
		{"node with trailing bytes", root, oversized, ErrMissingNode},
		{"missing node", root, missing, ErrMissingNode},
		{"empty proof", root, nil, ErrMissingNode},
		{"too many nodes", root, tooMany, ErrInvalidProof},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := VerifyProof(tc.root, key, tc.proof)
			if !errors.Is(err, tc.want) || v != nil {
				t.Fatalf("got %x, %v; want %v", v, err, tc.want)
			}
		})
	}

	// Nodes that hash correctly (we take the root to be their hash) but are malformed.
	list := func(items ...[]byte) []byte {
		var body []byte
		for _, it := range items {
			body = append(body, it...)
		}
		return append(rlp.AppendListHeader(nil, len(body)), body...)
	}
	str := func(b []byte) []byte { return rlp.AppendString(nil, b) }
	branch := func(child []byte) []byte {
		items := make([][]byte, 17)
		for i := range items {
			items[i] = []byte{0x80}
		}
		items[0] = child
		return list(items...)
	}
	for _, tc := range []struct {
		name string
		node []byte
		key  []byte
		want error
	}{
		{"not a list", str([]byte("hello")), []byte{0}, ErrInvalidNode},
		{"three items", list(str([]byte{0x20}), str([]byte{1}), str([]byte{2})), []byte{0}, ErrInvalidNode},
		{"non-canonical RLP", append([]byte{0xc3, 0x81, 0x01}, 0x01), []byte{0}, ErrInvalidNode},
		{"hex-prefix flag 4", list(str([]byte{0x40}), str([]byte{1})), []byte{}, ErrInvalidNode},
		{"non-zero padding nibble", list(str([]byte{0x21}), str([]byte{1})), []byte{}, ErrInvalidNode},
		{"empty extension path", list(str([]byte{0x00}), str(make([]byte, 32))), []byte{0}, ErrInvalidNode},
		{"extension without child", list(str([]byte{0x10}), str(nil)), []byte{0}, ErrInvalidNode},
		{"child reference of 5 bytes", branch(str([]byte{1, 2, 3, 4, 5})), []byte{0}, ErrInvalidNode},
		{"embedded node of 32 bytes", branch(list(str(make([]byte, 30)))), []byte{0}, ErrInvalidNode},
		{"leaf value is a list", list(str([]byte{0x20}), list(str([]byte{1}))), []byte{}, ErrInvalidNode},
		{"branch value is a list", func() []byte {
			items := make([][]byte, 17)
			for i := range items {
				items[i] = []byte{0x80}
			}
			items[16] = list()
			return list(items...)
		}(), []byte{}, ErrInvalidNode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := VerifyProof(Keccak256(tc.node), tc.key, [][]byte{tc.node})
			if !errors.Is(err, tc.want) || v != nil {
				t.Fatalf("got %x, %v; want %v", v, err, tc.want)
			}
		})
	}
}

func TestVerifyProofEmptyTrie(t *testing.T) {
	for _, proof := range [][][]byte{nil, {{0x80}}} {
		if v, err := VerifyProof(EmptyRoot, []byte{1}, proof); v != nil || err != nil {
			t.Fatalf("empty trie %x: %x, %v", proof, v, err)
		}
	}
	var tr Trie
	if tr.Root() != EmptyRoot || tr.Prove([]byte{1}) != nil {
		t.Fatal("zero Trie is not the empty trie")
	}
	if DeriveRoot(nil) != EmptyRoot {
		t.Fatal("DeriveRoot(nil) is not the empty root")
	}
}

// TestVerifyProofOutOfOrder: nodes in any order, with unrelated nodes mixed in, still prove
// the key, as go-ethereum's trie.VerifyProof accepts them.
func TestVerifyProofOutOfOrder(t *testing.T) {
	tr, kv := smallTrie()
	root := tr.Root()
	for k, v := range kv {
		proof := tr.Prove([]byte(k))
		shuffled := append([][]byte{bytes.Repeat([]byte{0xc0}, 1)}, proof...)
		for i, j := 0, len(shuffled)-1; i < j; i, j = i+1, j-1 {
			shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
		}
		got, err := VerifyProof(root, []byte(k), shuffled)
		if err != nil || !bytes.Equal(got, v) {
			t.Fatalf("key %x: %x, %v", k, got, err)
		}
	}
}

func TestProofForDifferentKey(t *testing.T) {
	tr, kv := smallTrie()
	root := tr.Root()
	for k := range kv {
		for other := range kv {
			if k == other {
				continue
			}
			// A proof for another key either proves k absent, fails, or (when the paths
			// share every node) proves k's true value: never a wrong value.
			got, err := VerifyProof(root, []byte(k), tr.Prove([]byte(other)))
			if err == nil && got != nil && !bytes.Equal(got, kv[k]) {
				t.Fatalf("proof of %x for key %x gave %x", other, k, got)
			}
		}
	}
}

func TestStorageAndAccountEncodings(t *testing.T) {
	var tr Trie
	slot := interop.Hash{31: 1}
	key := Keccak256(slot[:])
	tr.Update(key[:], []byte{0x82, 0x00, 0x01}) // leading zero: non-canonical integer
	if _, err := VerifyStorage(tr.Root(), slot, tr.Prove(key[:])); !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("non-canonical storage value: %v", err)
	}
	tr.Update(key[:], []byte{0x80}) // explicit zero
	if _, err := VerifyStorage(tr.Root(), slot, tr.Prove(key[:])); !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("explicit zero: %v", err)
	}
	for name, enc := range map[string][]byte{
		"three items":      {0xc3, 0x01, 0x02, 0x03},
		"short hash":       {0xc5, 0x01, 0x02, 0x80, 0x81, 0xff},
		"nonce 9 bytes":    append([]byte{0xcb, 0x89}, make([]byte, 9)...),
		"balance 33 bytes": append(append([]byte{0xe3, 0x80, 0xa1}, 1), make([]byte, 32)...),
		"trailing bytes":   append((&Account{}).EncodeRLP(nil), 0),
	} {
		if _, err := DecodeAccount(enc); !errors.Is(err, ErrInvalidAccount) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestGetProofJSONStrictness(t *testing.T) {
	valid := `{"address":"0x0000000000000000000000000000000000000001","accountProof":[],"balance":"0x0",
	"codeHash":"0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470","nonce":"0x0",
	"storageHash":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
	"storageProof":[{"key":"0x0","value":"0x0","proof":[]}],"code":"0x"}`
	var r GetProofResult
	if err := json.Unmarshal([]byte(valid), &r); err != nil {
		t.Fatalf("valid: %v", err)
	}
	// An account absent from the empty state trie, with an empty slot: provable.
	if err := r.Verify(EmptyRoot); err != nil {
		t.Fatalf("absent account in the empty trie: %v", err)
	}
	for _, tc := range []struct{ name, from, to string }{
		{"address without 0x", `"0x0000000000000000000000000000000000000001"`, `"0000000000000000000000000000000000000001"`},
		{"short address", `"0x0000000000000000000000000000000000000001"`, `"0x01"`},
		{"odd-length proof node", `"accountProof":[]`, `"accountProof":["0x123"]`},
		{"node without 0x", `"accountProof":[]`, `"accountProof":["c0"]`},
		{"balance with leading zero", `"balance":"0x0"`, `"balance":"0x01"`},
		{"empty balance", `"balance":"0x0"`, `"balance":"0x"`},
		{"balance as number", `"balance":"0x0"`, `"balance":0`},
		{"nonce over 64 bits", `"nonce":"0x0"`, `"nonce":"0x10000000000000000"`},
		{"missing storageHash", `"storageHash"`, `"storageHashX"`},
		{"storage key too long", `"key":"0x0"`, `"key":"0x` + strings.Repeat("1", 65) + `"`},
		{"missing proof", `"proof":[]`, `"proofX":[]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(valid, tc.from, tc.to, 1)
			if in == valid {
				t.Fatal("test case does not change the input")
			}
			var r GetProofResult
			if err := json.Unmarshal([]byte(in), &r); !errors.Is(err, ErrInvalidJSON) {
				t.Fatalf("%v for %s", err, in)
			}
		})
	}
}
