package ics23_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// perKey is what ics23.BatchVerifyMembership and ics23.BatchVerifyNonMembership did before they
// indexed the batch: one linear search of the entries per item.
func perKey(p *ics23.CommitmentProof, spec *ics23.ProofSpec, root []byte, items []ics23.KeyValue, absent [][]byte) (error, error) {
	var em, en error
	for i, it := range items {
		if err := p.VerifyMembership(spec, root, it.Key, it.Value); err != nil {
			em = fmt.Errorf("item %d: %w", i, err)
			break
		}
	}
	for i, k := range absent {
		if err := p.VerifyNonMembership(spec, root, k); err != nil {
			en = fmt.Errorf("key %d: %w", i, err)
			break
		}
	}
	return em, en
}

// The indexed batch checks give exactly the per-key answers, errors included, on batches
// with repeated keys, overlapping and tampered neighbours, under both key orders.
func TestPropBatchIndexMatchesPerKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := ics23test.Generate(12).Draw(t, "tree")
		var batch []ics23.BatchEntry
		for range rapid.IntRange(0, 10).Draw(t, "entries") {
			switch rapid.IntRange(0, 2).Draw(t, "kind") {
			case 0:
				e := tr.Exist(rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "i"))
				if rapid.Bool().Draw(t, "tamper") {
					e.Value = append(bytes.Clone(e.Value), 1)
				}
				batch = append(batch, ics23.BatchEntry{Exist: e})
			case 1:
				if np := tr.NonExist(ics23test.Key().Draw(t, "absent")); np != nil {
					batch = append(batch, ics23.BatchEntry{Nonexist: np})
				}
			default:
				// Neighbours that need not be adjacent: they bracket more than they prove.
				i := rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "left")
				j := rapid.IntRange(i, len(tr.Keys)-1).Draw(t, "right")
				batch = append(batch, ics23.BatchEntry{Nonexist: &ics23.NonExistenceProof{Left: tr.Exist(i), Right: tr.Exist(j)}})
			}
		}
		enc := must((&ics23.CommitmentProof{Batch: batch, IsBatch: true}).AppendBinary(nil))
		p, err := ics23.DecodeCommitmentProof(enc)
		if err != nil {
			t.Fatal(err)
		}
		var items []ics23.KeyValue
		var absent [][]byte
		for range rapid.IntRange(0, 8).Draw(t, "keys") {
			i := rapid.IntRange(0, len(tr.Keys)-1).Draw(t, "member")
			items = append(items, ics23.KeyValue{tr.Keys[i], tr.Values[i]})
			absent = append(absent, ics23test.Key().Draw(t, "key"))
		}
		for _, spec := range []*ics23.ProofSpec{ics23.TendermintSpec, {LeafSpec: ics23.TendermintSpec.LeafSpec, InnerSpec: ics23.TendermintSpec.InnerSpec, PrehashKeyBeforeComparison: true}} {
			wantM, wantN := perKey(&p, spec, tr.Root, items, absent)
			gotM := ics23.BatchVerifyMembership(spec, tr.Root, enc, items)
			gotN := ics23.BatchVerifyNonMembership(spec, tr.Root, enc, absent)
			if fmt.Sprint(gotM) != fmt.Sprint(wantM) {
				t.Fatalf("ics23.BatchVerifyMembership = %v, per key %v", gotM, wantM)
			}
			if fmt.Sprint(gotN) != fmt.Sprint(wantN) {
				t.Fatalf("ics23.BatchVerifyNonMembership = %v, per key %v", gotN, wantN)
			}
		}
	})
}

// The batch checks match m keys against n entries in O((n+m) log) steps where a linear
// search per key took n*m: 20,000 absent keys, all proved by the last of 20,000 entries.
func TestBoundsBatchKeysAgainstEntries(t *testing.T) {
	const n = 20000
	tr := ics23test.New([][]byte{{1}, {3}}, [][]byte{{1}, {3}})
	proved := ics23.BatchEntry{Nonexist: tr.NonExist([]byte{2})}
	// Entries that bracket none of the keys: their left neighbour sorts above all of them.
	junk := ics23.BatchEntry{Nonexist: &ics23.NonExistenceProof{Left: tr.Exist(1)}}
	batch := make([]ics23.BatchEntry, n)
	for i := range batch {
		batch[i] = junk
	}
	batch[n-1] = proved
	proof := must((&ics23.CommitmentProof{Batch: batch, IsBatch: true}).AppendBinary(nil))
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = []byte{2, byte(i >> 8), byte(i)}
	}
	start := time.Now()
	if err := ics23.BatchVerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, keys); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d keys against %d entries (%d bytes): %v", n, n, len(proof), time.Since(start))
	items := make([]ics23.KeyValue, n)
	for i := range items {
		items[i] = ics23.KeyValue{Key: tr.Keys[1], Value: tr.Values[1]}
	}
	batch[0] = ics23.BatchEntry{Exist: tr.Exist(1)} // the last key an index must find first
	for i := 1; i < n; i++ {
		batch[i] = ics23.BatchEntry{Exist: tr.Exist(0)}
	}
	batch[n-1] = ics23.BatchEntry{Exist: tr.Exist(1)}
	proof = must((&ics23.CommitmentProof{Batch: batch, IsBatch: true}).AppendBinary(nil))
	start = time.Now()
	if err := ics23.BatchVerifyMembership(ics23.TendermintSpec, tr.Root, proof, items); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d items against %d entries (%d bytes): %v", n, n, len(proof), time.Since(start))
}

// A batch entry whose path is longer than the spec allows is not built by the Verify
// functions, yet, as in ics23/go (checked against cosmos/ics23 in bench), it makes only
// itself invalid: the other entries of the batch, compressed or not, still verify.
func TestDeepUnusedEntryIgnored(t *testing.T) {
	tr := ics23test.New([][]byte{[]byte("a"), []byte("b"), []byte("c")}, [][]byte{[]byte("1"), []byte("2"), []byte("3")})
	deep := tr.Exist(0)
	for range 200 {
		deep.Path = append(deep.Path, deep.Path[0])
	}
	batch := []ics23.BatchEntry{{Exist: deep}, {Exist: tr.Exist(1)}}
	for _, compressed := range []bool{false, true} {
		p := &ics23.CommitmentProof{Batch: batch, IsBatch: true, Compressed: compressed}
		enc := must(p.AppendBinary(nil))
		if q, err := ics23.DecodeCommitmentProof(enc); err != nil || q.Compressed != compressed {
			t.Fatalf("compressed %v: %v", compressed, err)
		}
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, enc, []byte("b"), []byte("2")); err != nil {
			t.Errorf("compressed %v: the shallow entry: %v", compressed, err)
		}
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, enc, []byte("a"), []byte("1")); !errors.Is(err, ics23.ErrSpec) {
			t.Errorf("compressed %v: the deep entry: %v, want ErrSpec", compressed, err)
		}
		if err := ics23.BatchVerifyMembership(ics23.TendermintSpec, tr.Root, enc, []ics23.KeyValue{{Key: []byte("b"), Value: []byte("2")}}); err != nil {
			t.Errorf("compressed %v: batch: %v", compressed, err)
		}
	}
}
