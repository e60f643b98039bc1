package kzg

import (
	"errors"
	"fmt"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/interopkit/interop/internal/hostile"
)

// distinctCommitments returns k·G compressed for k = 1..n: valid, distinct points.
func distinctCommitments(n int) []Commitment {
	g, _, _, _ := bls12381.Generators()
	out := make([]Commitment, n)
	acc := g
	for i := range out {
		out[i] = compressG1(&acc)
		acc.AddAssign(&g)
	}
	return out
}

// TestHardeningCellBatchDistinctCommitments: every cell may carry its own commitment;
// commitments were deduplicated by a scan of the ones seen so far, n²/2 comparisons for
// n distinct ones. Past dedupScan they are indexed; this checks the indexed path numbers
// commitments as the spec does (first appearance), since the challenge hashes those
// numbers: a batch whose commitments repeat after the switch must hash exactly like the
// scan would.
func TestHardeningCellBatchDistinctCommitments(t *testing.T) {
	n := 3 * dedupScan
	distinct := distinctCommitments(n / 2)
	cs := make([]Commitment, n)
	for i := range cs {
		cs[i] = distinct[(i*7)%len(distinct)] // every commitment twice, out of order
	}
	idx := make([]uint64, n)
	cells := make([]Cell, n)
	ps := make([]Proof, n)
	for i := range ps {
		ps[i] = Proof(g1Infinity)
		idx[i] = uint64(i % CellsPerExtBlob)
	}
	// Zero cells with infinity proofs prove the zero polynomial, whose commitment is
	// infinity: against k·G they must fail, with ErrInvalidProof, not a decoding error.
	if err := VerifyCellKZGProofBatch(cs, idx, cells, ps); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("distinct commitments: %v", err)
	}
	inf := make([]Commitment, n)
	for i := range inf {
		inf[i] = Commitment(g1Infinity)
	}
	if err := VerifyCellKZGProofBatch(inf, idx, cells, ps); err != nil {
		t.Fatalf("zero cells under the infinity commitment: %v", err)
	}
}

// TestBoundsAllocPerInputByte feeds each verifier input at its bounds: the cell batch
// with every cell under its own commitment (the most distinct points), the blob batch,
// recovery with every cell, and the fixed-size entry points.
func TestBoundsAllocPerInputByte(t *testing.T) {
	if _, err := loadVerifier(); err != nil { // the setup is a one-time, input-independent cost
		t.Fatal(err)
	}
	logU := func(name string, n int, u hostile.Usage) {
		t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, n, u.Bytes, float64(u.Bytes)/float64(n))
	}
	cellInput := BytesPerCell + 48 + 48 + 8
	for _, n := range []int{1, 64, 1024} {
		cs := distinctCommitments(n)
		idx := make([]uint64, n)
		cells := make([]Cell, n)
		ps := make([]Proof, n)
		for i := range ps {
			ps[i] = Proof(g1Infinity)
			idx[i] = uint64(i % CellsPerExtBlob)
		}
		name := fmt.Sprintf("cell batch, %d cells under distinct commitments", n)
		u := hostile.Bounded(t, name, n*cellInput, func() { _ = VerifyCellKZGProofBatch(cs, idx, cells, ps) })
		logU(name, n*cellInput, u)
	}
	{
		n := 16
		blobs := make([]Blob, n)
		cs := make([]Commitment, n)
		ps := make([]Proof, n)
		for i := range cs {
			cs[i], ps[i] = Commitment(g1Infinity), Proof(g1Infinity)
		}
		in := n * (BytesPerBlob + 96)
		var err error
		u := hostile.Bounded(t, "blob batch, 16 zero blobs", in, func() { err = VerifyBlobKZGProofBatch(blobs, cs, ps) })
		if err != nil {
			t.Errorf("zero blobs with infinity commitments and proofs: %v", err)
		}
		logU("blob batch, 16 zero blobs", in, u)
	}
	{
		input := make([]byte, PointEvaluationInputLength)
		u := hostile.Bounded(t, "point evaluation precompile", len(input), func() { _, _ = PointEvaluationPrecompile(input) })
		logU("point evaluation precompile", len(input), u)
		u = hostile.Bounded(t, "VerifyKZGProof", 48*2+64, func() { _ = VerifyKZGProof(Commitment(g1Infinity), [32]byte{}, [32]byte{}, Proof(g1Infinity)) })
		logU("VerifyKZGProof", 160, u)
	}
	{
		// Recovery computes 128 cells and proofs whatever it is given: its output, 128
		// cells and proofs (268 KB), is bounded by its input of at least 64 cells (134 KB)
		// only within a constant; the FK20 table is a one-time cost, warmed here.
		idx := make([]uint64, CellsPerExtBlob/2)
		cells := make([]Cell, len(idx))
		for i := range idx {
			idx[i] = uint64(2 * i)
		}
		if _, _, err := RecoverCellsAndKZGProofs(idx, cells); err != nil {
			t.Fatal(err)
		}
		in := len(idx) * (BytesPerCell + 8)
		u := hostile.Bounded(t, "recovery from half the cells", in, func() { _, _, _ = RecoverCellsAndKZGProofs(idx, cells) })
		logU("recovery from half the cells", in, u)
	}
}

// TestConcurrentTrustedSetup runs every entry point that loads a part of the trusted
// setup from 16 goroutines at once, and checks each answer.
func TestConcurrentTrustedSetup(t *testing.T) {
	blob := new(Blob)
	for i := range FieldElementsPerBlob {
		blob[i*32+31] = byte(i)
	}
	c, err := BlobToKZGCommitment(blob)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ComputeBlobKZGProof(blob, c)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 2, func(g int) {
		switch g % 4 {
		case 0:
			if err := VerifyBlobKZGProof(blob, c, p); err != nil {
				t.Errorf("goroutine %d: valid blob proof: %v", g, err)
			}
		case 1:
			if err := VerifyKZGProof(Commitment(g1Infinity), [32]byte{}, [32]byte{31: 1}, Proof(g1Infinity)); !errors.Is(err, ErrInvalidProof) {
				t.Errorf("goroutine %d: wrong evaluation: %v", g, err)
			}
		case 2:
			if got, err := BlobToKZGCommitment(blob); err != nil || got != c {
				t.Errorf("goroutine %d: commitment %x, %v", g, got, err)
			}
		case 3:
			if err := VerifyBlobKZGProofBatch([]Blob{*blob, {}}, []Commitment{c, Commitment(g1Infinity)}, []Proof{p, Proof(g1Infinity)}); err != nil {
				t.Errorf("goroutine %d: batch: %v", g, err)
			}
		}
	})
}
