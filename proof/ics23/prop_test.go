package ics23_test

import (
	"bytes"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// Every key of a tree is a member with its value, and no other value.
func TestPropMembership(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(40).Draw(t, "tree")
		i := rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "i")
		proof := tr.ProveMembership(i)
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[i], tr.Values[i]); err != nil {
			t.Fatal(err)
		}
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[i], append(bytes.Clone(tr.Values[i]), 0)); !errors.Is(err, ics23.ErrValueMismatch) {
			t.Fatalf("other value: %v", err)
		}
		if err := ics23.VerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[i]); err == nil {
			t.Fatal("an existence proof proved absence")
		}
	})
}

// Every absent key has a non-existence proof; no present key does, whatever neighbours
// are offered.
func TestPropNonMembership(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(40).Draw(t, "tree")
		key := ics23test.Key().Draw(t, "key")
		i, present := tr.Index(key)
		if !present {
			proof := tr.ProveNonMembership(key)
			if err := ics23.VerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, key); err != nil {
				t.Fatal(err)
			}
			return
		}
		// A present key, with the proof of absence another key between the same
		// neighbours would have: the neighbours are not adjacent, or do not bracket it.
		p := &ics23.NonExistenceProof{}
		if i > 0 {
			p.Left = tr.Exist(i - 1)
		}
		if i+1 < len(tr.Keys) {
			p.Right = tr.Exist(i + 1)
		}
		if p.Left == nil && p.Right == nil {
			return
		}
		proof := must((&ics23.CommitmentProof{Nonexist: p}).AppendBinary(nil))
		if err := ics23.VerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, key); err == nil {
			t.Fatal("absence of a present key accepted")
		}
	})
}

// Changing any one bit of a proof makes it fail: every byte is bound by the hash chain,
// the spec or the key and value.
func TestPropBitFlip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(20).Draw(t, "tree")
		i := rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "i")
		proof := tr.ProveMembership(i)
		bit := rapid.IntRange(0, 8*len(proof)-1).Draw(t, "bit")
		proof[bit/8] ^= 1 << (bit % 8)
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[i], tr.Values[i]); err == nil {
			t.Fatalf("bit %d flipped and still valid", bit)
		}
	})
}

// Decoding and encoding a canonical proof are inverse.
func TestPropRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(20).Draw(t, "tree")
		key := ics23test.Key().Draw(t, "key")
		var b []byte
		if i, ok := tr.Index(key); ok {
			b = tr.ProveMembership(i)
		} else {
			b = tr.ProveNonMembership(key)
		}
		p, err := ics23.DecodeCommitmentProof(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := must(p.AppendBinary(nil)); !bytes.Equal(got, b) {
			t.Fatalf("round trip changed the bytes")
		}
	})
}

// A batch of every member and some absent keys verifies item by item and as a batch.
func TestPropBatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(16).Draw(t, "tree")
		absent := rapid.SliceOfN(ics23test.Key(), 0, 5).Draw(t, "absent")
		var batch []ics23.BatchEntry
		var items []ics23.KeyValue
		for i := range tr.Keys {
			batch = append(batch, ics23.BatchEntry{Exist: tr.Exist(i)})
			items = append(items, ics23.KeyValue{Key: tr.Keys[i], Value: tr.Values[i]})
		}
		var keys [][]byte
		for _, k := range absent {
			if _, ok := tr.Index(k); !ok {
				batch = append(batch, ics23.BatchEntry{Nonexist: tr.NonExist(k)})
				keys = append(keys, k)
			}
		}
		proof := must((&ics23.CommitmentProof{Batch: batch, IsBatch: true}).AppendBinary(nil))
		if err := ics23.BatchVerifyMembership(ics23.TendermintSpec, tr.Root, proof, items); err != nil {
			t.Fatal(err)
		}
		if err := ics23.BatchVerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, keys); err != nil {
			t.Fatal(err)
		}
	})
}

// VerifyMembership's streaming path and the decode-then-verify path agree on every
// proof, including damaged ones: the streaming path only ever short-cuts a success.
func TestPropFastPathAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(20).Draw(t, "tree")
		i := rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "i")
		proof := tr.ProveMembership(i)
		if rapid.Bool().Draw(t, "damage") {
			bit := rapid.IntRange(0, 8*len(proof)-1).Draw(t, "bit")
			proof[bit/8] ^= 1 << (bit % 8)
		}
		fast := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[i], tr.Values[i])
		var slow error
		if p, err := ics23.DecodeCommitmentProof(proof); err != nil {
			slow = err
		} else {
			slow = p.VerifyMembership(ics23.TendermintSpec, tr.Root, tr.Keys[i], tr.Values[i])
		}
		if (fast == nil) != (slow == nil) {
			t.Fatalf("fast %v, slow %v", fast, slow)
		}
	})
}
