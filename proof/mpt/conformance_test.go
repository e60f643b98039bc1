package mpt

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

// trieBytes converts the TrieTests string convention: "0x…" is hex, anything else raw ASCII.
func trieBytes(t *testing.T, s string) []byte {
	t.Helper()
	if strings.HasPrefix(s, "0x") {
		b, err := interop.DecodeHex(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return b
	}
	return []byte(s)
}

// TestConformanceTrieRoots runs ethereum/tests TrieTests: ordered updates with deletions
// (trietest*), sets in any order (trieanyorder*, hex_encoded_securetrie_test), secure
// variants hashing keys with keccak256. Every key of every final trie is also proven.
func TestConformanceTrieRoots(t *testing.T) {
	cases := 0
	for _, path := range vectors.Files(t, "mpt", "trie/*.json") {
		base := filepath.Base(path)
		secure := strings.Contains(base, "ecure")
		var file map[string]struct {
			In   json.RawMessage `json:"in"`
			Root string          `json:"root"`
		}
		if err := json.Unmarshal(vectors.Read(t, path), &file); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for name, tc := range file {
			if tc.Root == "" {
				continue // trietestnextprev: iteration order, no root to check
			}
			cases++
			want, err := interop.HashFromHex(tc.Root)
			if err != nil {
				t.Fatalf("%s/%s: %v", base, name, err)
			}
			var kvs [][2][]byte // value nil means delete
			if bytes.HasPrefix(bytes.TrimSpace(tc.In), []byte("[")) {
				var pairs [][2]*string
				if err := json.Unmarshal(tc.In, &pairs); err != nil {
					t.Fatalf("%s/%s: %v", base, name, err)
				}
				for _, p := range pairs {
					kv := [2][]byte{trieBytes(t, *p[0])}
					if p[1] != nil {
						kv[1] = trieBytes(t, *p[1])
					}
					kvs = append(kvs, kv)
				}
			} else {
				var set map[string]string
				if err := json.Unmarshal(tc.In, &set); err != nil {
					t.Fatalf("%s/%s: %v", base, name, err)
				}
				for k, v := range set {
					kvs = append(kvs, [2][]byte{trieBytes(t, k), trieBytes(t, v)})
				}
			}
			var tr Trie
			final := map[string][]byte{}
			for _, kv := range kvs {
				key := kv[0]
				if secure {
					h := Keccak256(key)
					key = h[:]
				}
				if kv[1] == nil {
					tr.Delete(key)
					delete(final, string(key))
				} else {
					tr.Update(key, kv[1])
					final[string(key)] = kv[1]
				}
			}
			if got := tr.Root(); got != want {
				t.Errorf("%s/%s: root %s, want %s", base, name, got, want)
				continue
			}
			for k, v := range final {
				if len(v) == 0 {
					continue
				}
				got, err := VerifyProof(want, []byte(k), tr.Prove([]byte(k)))
				if err != nil || !bytes.Equal(got, v) {
					t.Errorf("%s/%s: key %x proves %x, %v; want %x", base, name, k, got, err, v)
				}
			}
		}
	}
	t.Logf("%d trie root cases", cases)
}

type stateRootSidecar struct {
	StateRoot interop.Hash `json:"stateRoot"`
	Network   string       `json:"network"`
}

// TestConformanceGetProof verifies every eth_getProof response against its state root, and
// checks that mutated responses are rejected.
func TestConformanceGetProof(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "mpt", "*.proof.json") {
		name := strings.TrimSuffix(filepath.Base(path), ".proof.json")
		var side stateRootSidecar
		if err := json.Unmarshal(vectors.Read(t, strings.TrimSuffix(path, ".proof.json")+".stateroot.json"), &side); err != nil {
			t.Fatalf("%s: sidecar: %v", name, err)
		}
		var res GetProofResult
		if err := json.Unmarshal(vectors.Read(t, path), &res); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
		if err := res.Verify(side.StateRoot); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		// The same response must fail against any other root, and with any field changed.
		other := side.StateRoot
		other[31] ^= 1
		if err := res.Verify(other); !errors.Is(err, ErrMissingNode) {
			t.Errorf("%s: wrong root: %v", name, err)
		}
		bad := res
		bad.Nonce++
		if err := bad.Verify(side.StateRoot); !errors.Is(err, ErrValueMismatch) {
			t.Errorf("%s: nonce+1: %v", name, err)
		}
		for i := range res.StorageProof {
			bad := res
			bad.StorageProof = append([]StorageResult(nil), res.StorageProof...)
			v := &bad.StorageProof[i].Value
			v.AddUint64(v, 1)
			if err := bad.Verify(side.StateRoot); !errors.Is(err, ErrValueMismatch) {
				t.Errorf("%s: storage %d value+1: %v", name, i, err)
			}
		}
		// Round trip through our own JSON.
		enc, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var back GetProofResult
		if err := json.Unmarshal(enc, &back); err != nil || back.Verify(side.StateRoot) != nil {
			t.Errorf("%s: JSON round trip: %v", name, err)
		}
	}
	t.Logf("%d eth_getProof responses", n)
}
