package ics23_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/ics23"
)

// deepCopySpec snapshots a spec, so that a test can check that verification never wrote
// to the shared package variables.
func deepCopySpec(s *ics23.ProofSpec) ics23.ProofSpec {
	c := *s
	leaf := *s.LeafSpec
	leaf.Prefix = bytes.Clone(leaf.Prefix)
	inner := *s.InnerSpec
	inner.ChildOrder = append([]int32(nil), inner.ChildOrder...)
	inner.EmptyChild = bytes.Clone(inner.EmptyChild)
	c.LeafSpec, c.InnerSpec = &leaf, &inner
	return c
}

// The shared specs are read by every verification at once, and never written.
func TestConcurrentProofSpec(t *testing.T) {
	specs := []*ics23.ProofSpec{ics23.IAVLSpec, ics23.TendermintSpec, ics23.SMTSpec}
	before := make([]ics23.ProofSpec, len(specs))
	for i, s := range specs {
		before[i] = deepCopySpec(s)
	}
	tr := benchTree()
	member := tr.ProveMembership(7)
	absentKey := []byte{1, 0xf4, 'k', 0}
	absent := tr.ProveNonMembership(absentKey)
	batch := must((&ics23.CommitmentProof{IsBatch: true, Batch: []ics23.BatchEntry{
		{Exist: tr.Exist(3)}, {Nonexist: tr.NonExist(absentKey)}, {Exist: tr.Exist(7)},
	}}).AppendBinary(nil))
	hostile.Concurrent(t, 20, func(g int) {
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, member, tr.Keys[7], tr.Values[7]); err != nil {
			t.Errorf("goroutine %d: membership: %v", g, err)
		}
		if err := ics23.VerifyNonMembership(ics23.TendermintSpec, tr.Root, absent, absentKey); err != nil {
			t.Errorf("goroutine %d: non-membership: %v", g, err)
		}
		if err := ics23.BatchVerifyMembership(ics23.TendermintSpec, tr.Root, batch, []ics23.KeyValue{{Key: tr.Keys[3], Value: tr.Values[3]}, {Key: tr.Keys[7], Value: tr.Values[7]}}); err != nil {
			t.Errorf("goroutine %d: batch membership: %v", g, err)
		}
		if err := ics23.BatchVerifyNonMembership(ics23.TendermintSpec, tr.Root, batch, [][]byte{absentKey}); err != nil {
			t.Errorf("goroutine %d: batch non-membership: %v", g, err)
		}
		// The other specs are read too, and refuse a Tendermint proof.
		for _, s := range []*ics23.ProofSpec{ics23.IAVLSpec, ics23.SMTSpec} {
			if err := ics23.VerifyMembership(s, tr.Root, member, tr.Keys[7], tr.Values[7]); !errors.Is(err, ics23.ErrSpec) {
				t.Errorf("goroutine %d: other spec: %v", g, err)
			}
			if err := ics23.VerifyNonMembership(s, tr.Root, absent, absentKey); err == nil {
				t.Errorf("goroutine %d: other spec proved absence", g)
			}
		}
	})
	for i, s := range specs {
		if !reflect.DeepEqual(deepCopySpec(s), before[i]) {
			t.Errorf("spec %d changed during verification", i)
		}
	}
}

// A decoded proof is read by every goroutine at once: its methods do not write to it.
func TestConcurrentCommitmentProof(t *testing.T) {
	tr := benchTree()
	absentKey := []byte{1, 0xf4, 'k', 0}
	enc := must((&ics23.CommitmentProof{IsBatch: true, Batch: []ics23.BatchEntry{
		{Exist: tr.Exist(3)}, {Nonexist: tr.NonExist(absentKey)},
	}}).AppendBinary(nil))
	p, err := ics23.DecodeCommitmentProof(enc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.Calculate()
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 20, func(g int) {
		if err := p.VerifyMembership(ics23.TendermintSpec, tr.Root, tr.Keys[3], tr.Values[3]); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := p.VerifyNonMembership(ics23.TendermintSpec, tr.Root, absentKey); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if got, err := p.Calculate(); err != nil || !bytes.Equal(got, want) {
			t.Errorf("goroutine %d: Calculate = %x, %v", g, got, err)
		}
		if !bytes.Equal(must(p.AppendBinary(nil)), enc) {
			t.Errorf("goroutine %d: AppendBinary changed", g)
		}
	})
}

// A decoded MerkleProof, and SDKSpecs, are read by every goroutine at once: verification
// writes to neither.
func TestConcurrentMerkleProof(t *testing.T) {
	app := benchApp()
	enc := must(app.ProveMembership(0, 17).AppendBinary(nil))
	m, err := ics23.DecodeMerkleProof(enc)
	if err != nil {
		t.Fatal(err)
	}
	absentKey := []byte{'k', 0, 0xff, 0xff}
	absent := app.ProveNonMembership(0, absentKey)
	path := ics23.NewMerklePath(app.Names[0], app.Stores[0].Keys[17])
	before := []ics23.ProofSpec{deepCopySpec(ics23.SDKSpecs[0]), deepCopySpec(ics23.SDKSpecs[1])}
	hostile.Concurrent(t, 20, func(g int) {
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, app.Stores[0].Values[17]); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := m.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, []byte("other")); !errors.Is(err, ics23.ErrValueMismatch) {
			t.Errorf("goroutine %d: other value: %v", g, err)
		}
		if err := absent.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, ics23.NewMerklePath(app.Names[0], absentKey)); err != nil {
			t.Errorf("goroutine %d: absence: %v", g, err)
		}
		if !bytes.Equal(must(m.AppendBinary(nil)), enc) {
			t.Errorf("goroutine %d: AppendBinary changed", g)
		}
	})
	for i, s := range ics23.SDKSpecs {
		if !reflect.DeepEqual(deepCopySpec(s), before[i]) {
			t.Errorf("SDKSpecs[%d] changed during verification", i)
		}
	}
}
