package ics23_test

import (
	"testing"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

func benchTree() *ics23test.Tree {
	var keys, values [][]byte
	for i := range 1000 {
		keys = append(keys, []byte{byte(i >> 8), byte(i), 'k'})
		values = append(values, []byte{byte(i), 'v'})
	}
	return ics23test.New(keys, values)
}

func BenchmarkVerifyMembership(b *testing.B) {
	tr := benchTree()
	proof := tr.ProveMembership(500)
	b.ReportAllocs()
	for b.Loop() {
		if err := ics23.VerifyMembership(ics23.TendermintSpec, tr.Root, proof, tr.Keys[500], tr.Values[500]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyNonMembership(b *testing.B) {
	tr := benchTree()
	key := []byte{1, 0xf4, 'k', 0}
	proof := tr.ProveNonMembership(key)
	b.ReportAllocs()
	for b.Loop() {
		if err := ics23.VerifyNonMembership(ics23.TendermintSpec, tr.Root, proof, key); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeCommitmentProof(b *testing.B) {
	tr := benchTree()
	proof := tr.ProveMembership(500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ics23.DecodeCommitmentProof(proof); err != nil {
			b.Fatal(err)
		}
	}
}
