package mpt_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/mpt"
	"github.com/interopkit/interop/proof/mpt/mpttest"
	"pgregory.net/rapid"
)

// workerCounts are the worker settings every response is verified with: serial (the
// reference: it runs the proofs in order on the caller's goroutine), the default, two, an
// odd count and more workers than most responses have proofs.
var workerCounts = []int{1, 0, 2, 3, 8}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error()
}

// cloneResult copies a response deeply enough that faults applied to it leave the
// original alone.
func cloneResult(r *mpt.GetProofResult) *mpt.GetProofResult {
	c := *r
	c.AccountProof = cloneNodes(r.AccountProof)
	c.StorageProof = slices.Clone(r.StorageProof)
	for i := range c.StorageProof {
		c.StorageProof[i].Proof = cloneNodes(r.StorageProof[i].Proof)
	}
	return &c
}

func cloneNodes(nodes [][]byte) [][]byte {
	out := make([][]byte, len(nodes))
	for i, n := range nodes {
		out[i] = slices.Clone(n)
	}
	return out
}

// fault changes one thing in a response: a node byte, a node dropped, a reported field or
// value, or two storage proofs swapped.
func fault(t *rapid.T, r *mpt.GetProofResult) {
	proofs := [][][]byte{r.AccountProof}
	for i := range r.StorageProof {
		proofs = append(proofs, r.StorageProof[i].Proof)
	}
	switch rapid.IntRange(0, 7).Draw(t, "fault") {
	case 0, 1: // flip a bit of a node
		p := proofs[rapid.IntRange(0, len(proofs)-1).Draw(t, "proof")]
		if len(p) == 0 {
			return
		}
		n := p[rapid.IntRange(0, len(p)-1).Draw(t, "node")]
		n[rapid.IntRange(0, len(n)-1).Draw(t, "byte")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
	case 2: // drop a node
		i := rapid.IntRange(0, len(proofs)-1).Draw(t, "proof")
		if len(proofs[i]) == 0 {
			return
		}
		j := rapid.IntRange(0, len(proofs[i])-1).Draw(t, "node")
		dropped := slices.Delete(slices.Clone(proofs[i]), j, j+1)
		if i == 0 {
			r.AccountProof = dropped
		} else {
			r.StorageProof[i-1].Proof = dropped
		}
	case 3:
		if len(r.StorageProof) == 0 {
			return
		}
		sp := &r.StorageProof[rapid.IntRange(0, len(r.StorageProof)-1).Draw(t, "slot")]
		sp.Value.AddUint64(&sp.Value, 1)
	case 4:
		r.Nonce++
	case 5:
		r.Balance.AddUint64(&r.Balance, 1)
	case 6:
		r.StorageHash = rapid.SampledFrom([]interop.Hash{{}, mpt.EmptyRoot, {1}}).Draw(t, "storageHash")
	default:
		if len(r.StorageProof) < 2 {
			return
		}
		i := rapid.IntRange(0, len(r.StorageProof)-2).Draw(t, "swap")
		r.StorageProof[i].Proof, r.StorageProof[i+1].Proof = r.StorageProof[i+1].Proof, r.StorageProof[i].Proof
	}
}

// TestPropGetProofWorkers: valid responses verify with every worker count; responses with
// up to three faults give the same error, text included, with every worker count as with
// one, which walks the proofs in order on the caller's goroutine.
func TestPropGetProofWorkers(t *testing.T) {
	defer mpt.SetMinParallelBytes(0)() // split even the small tries drawn here
	rapid.Check(t, func(t *rapid.T) {
		f := mpttest.GetProofResult(12).Draw(t, "response")
		for _, w := range workerCounts {
			if err := f.Result.Verify(f.StateRoot, interop.Workers(w)); err != nil {
				t.Fatalf("valid response, workers=%d: %v", w, err)
			}
		}
		r := cloneResult(&f.Result)
		for range rapid.IntRange(1, 3).Draw(t, "faults") {
			fault(t, r)
		}
		want := r.Verify(f.StateRoot, interop.Workers(1))
		for _, w := range workerCounts[1:] {
			if got := r.Verify(f.StateRoot, interop.Workers(w)); !sameError(got, want) {
				t.Fatalf("workers=%d: %v, workers=1: %v", w, got, want)
			}
		}
	})
}

// TestPropVerifyProofsWorkers: VerifyProofs over queries into a few random tries (present
// and absent keys, some proofs damaged) answers as VerifyProof does query by query, with
// every worker count: the same values, or the first failing query's error.
func TestPropVerifyProofsWorkers(t *testing.T) {
	defer mpt.SetMinParallelBytes(0)() // split even the small tries drawn here
	rapid.Check(t, func(t *rapid.T) {
		tries := []*mpttest.Fixture{mpttest.Trie(30).Draw(t, "trie a"), mpttest.Trie(30).Draw(t, "trie b")}
		// Up to 100 queries, so that two workers claim blocks of several (len/(16·workers)).
		n := rapid.IntRange(0, 100).Draw(t, "queries")
		qs := make([]mpt.Query, n)
		for i := range qs {
			f := tries[rapid.IntRange(0, 1).Draw(t, "trie")]
			var k []byte
			if len(f.Keys) > 0 && rapid.Bool().Draw(t, "present") {
				k = mpttest.PresentKey(f).Draw(t, "key")
			} else {
				k = mpttest.AbsentKey(f).Draw(t, "key")
			}
			qs[i] = mpt.Query{Root: f.Root, Key: k, Proof: cloneNodes(f.Trie.Prove(k))}
		}
		if n > 0 {
			for range rapid.IntRange(0, 2).Draw(t, "faults") {
				q := &qs[rapid.IntRange(0, n-1).Draw(t, "at")]
				if len(q.Proof) == 0 {
					q.Root[0] ^= 1
					continue
				}
				node := q.Proof[rapid.IntRange(0, len(q.Proof)-1).Draw(t, "node")]
				node[rapid.IntRange(0, len(node)-1).Draw(t, "byte")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
			}
		}
		var want error
		wantValues := make([][]byte, n)
		for i, q := range qs {
			v, err := mpt.VerifyProof(q.Root, q.Key, q.Proof)
			if err != nil {
				want = fmt.Errorf("query %d: %w", i, err)
				wantValues = nil
				break
			}
			wantValues[i] = v
		}
		for _, w := range workerCounts {
			values, err := mpt.VerifyProofs(qs, interop.Workers(w))
			if !sameError(err, want) {
				t.Fatalf("workers=%d: %v, query by query: %v", w, err, want)
			}
			if len(values) != len(wantValues) {
				t.Fatalf("workers=%d: %d values, want %d", w, len(values), len(wantValues))
			}
			for i := range values {
				if !bytes.Equal(values[i], wantValues[i]) || (values[i] == nil) != (wantValues[i] == nil) {
					t.Fatalf("workers=%d: query %d: %x, want %x", w, i, values[i], wantValues[i])
				}
			}
		}
	})
}

// TestGetProofWorkersZeroStorageRoot: an account whose proven storage root is the zero
// hash (no real trie has one, but a proof can say so) must have its storage proofs walked
// from that root, not from the empty root the parallel walk assumes for a zero
// storageHash: absence proofs that hold under the empty root fail under the zero hash.
func TestGetProofWorkersZeroStorageRoot(t *testing.T) {
	defer mpt.SetMinParallelBytes(0)() // split even the small tries drawn here
	var state mpt.Trie
	addr := interop.Address{7}
	ak := mpt.Keccak256(addr[:])
	acc := mpt.Account{Nonce: 1, CodeHash: mpt.EmptyCodeHash} // StorageRoot zero
	state.Update(ak[:], acc.EncodeRLP(nil))
	r := mpt.GetProofResult{Address: addr, AccountProof: state.Prove(ak[:]), Nonce: 1, CodeHash: mpt.EmptyCodeHash}
	for i := range 6 { // enough proofs for the response to be split
		r.StorageProof = append(r.StorageProof, mpt.StorageResult{Key: interop.Hash{31: byte(i)}})
	}
	if _, err := mpt.VerifyStorage(mpt.EmptyRoot, r.StorageProof[0].Key, nil); err != nil {
		t.Fatalf("an empty proof proves absence under the empty root: %v", err)
	}
	want := r.Verify(state.Root(), interop.Workers(1))
	if !errors.Is(want, mpt.ErrMissingNode) {
		t.Fatalf("workers=1: %v, want ErrMissingNode", want)
	}
	for _, w := range workerCounts[1:] {
		if got := r.Verify(state.Root(), interop.Workers(w)); !sameError(got, want) {
			t.Fatalf("workers=%d: %v, workers=1: %v", w, got, want)
		}
	}
}

// TestConcurrentGetProofWorkers verifies responses that split their proofs over workers
// from 16 goroutines at once (run it with -race).
func TestConcurrentGetProofWorkers(t *testing.T) {
	defer mpt.SetMinParallelBytes(0)() // split even the small tries drawn here
	var state, storage mpt.Trie
	addr := interop.Address{9}
	ak := mpt.Keccak256(addr[:])
	r := mpt.GetProofResult{Address: addr}
	for i := range 12 {
		slot := interop.Hash{31: byte(i)}
		sk := mpt.Keccak256(slot[:])
		storage.Update(sk[:], []byte{byte(i + 1)})
		sr := mpt.StorageResult{Key: slot}
		sr.Value.SetUint64(uint64(i + 1))
		r.StorageProof = append(r.StorageProof, sr)
	}
	for i := range r.StorageProof {
		sk := mpt.Keccak256(r.StorageProof[i].Key[:])
		r.StorageProof[i].Proof = storage.Prove(sk[:])
	}
	acc := mpt.Account{Nonce: 3, StorageRoot: storage.Root(), CodeHash: mpt.EmptyCodeHash}
	state.Update(ak[:], acc.EncodeRLP(nil))
	r.AccountProof, r.Nonce, r.StorageHash, r.CodeHash = state.Prove(ak[:]), 3, acc.StorageRoot, acc.CodeHash
	bad := cloneResult(&r)
	bad.StorageProof[9].Value.SetUint64(99)
	root := state.Root()
	hostile.Concurrent(t, 8, func(g int) {
		w := interop.Workers(2 + g%3)
		if err := r.Verify(root, w); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := bad.Verify(root, w); !errors.Is(err, mpt.ErrValueMismatch) {
			t.Errorf("goroutine %d: wrong value: %v", g, err)
		}
	})
}
