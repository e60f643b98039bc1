package kzg

import (
	"fmt"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/interopkit/interop"
)

func benchBlob() (*Blob, Commitment, Proof) {
	b := new(Blob)
	for i := range FieldElementsPerBlob {
		b[i*32+5] = byte(i)
		b[i*32+31] = byte(i * 7)
	}
	c, _ := BlobToKZGCommitment(b)
	p, _ := ComputeBlobKZGProof(b, c)
	return b, c, p
}

func BenchmarkVerifyBlobKZGProof(b *testing.B) {
	blob, c, p := benchBlob()
	b.ReportAllocs()
	for b.Loop() {
		if err := VerifyBlobKZGProof(blob, c, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	blob, c, _ := benchBlob()
	b.ReportAllocs()
	for b.Loop() {
		var cp bls12381.G1Affine
		var z, y fr.Element
		if err := blobOpening(blob, &c, &cp, &z, &y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateOnly is the barycentric evaluation alone (no hashing, no decoding).
func BenchmarkEvaluateOnly(b *testing.B) {
	blob, c, _ := benchBlob()
	w := new(openingWork)
	if err := blobToPolynomialRaw(&w.poly, blob); err != nil {
		b.Fatal(err)
	}
	z := computeChallenge(blob, &c)
	var y fr.Element
	for b.Loop() {
		y, _ = evaluate(&w.poly, &z, &w.s)
	}
	_ = y
}

// benchBatch returns n valid (blob, commitment, proof) triples.
func benchBatch(b *testing.B, n int) ([]Blob, []Commitment, []Proof) {
	blobs := make([]Blob, n)
	cs := make([]Commitment, n)
	ps := make([]Proof, n)
	for i := range n {
		for j := range FieldElementsPerBlob {
			blobs[i][j*32+3] = byte(i)
			blobs[i][j*32+17] = byte(j)
			blobs[i][j*32+31] = byte(i * j)
		}
		var err error
		if cs[i], err = BlobToKZGCommitment(&blobs[i]); err != nil {
			b.Fatal(err)
		}
		if ps[i], err = ComputeBlobKZGProof(&blobs[i], cs[i]); err != nil {
			b.Fatal(err)
		}
	}
	return blobs, cs, ps
}

// BenchmarkVerifyBlobKZGProofBatch64: 64 blobs at 1 and 2 workers.
func BenchmarkVerifyBlobKZGProofBatch64(b *testing.B) {
	blobs, cs, ps := benchBatch(b, 64)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			opt := interop.Workers(w)
			b.ReportAllocs()
			for b.Loop() {
				if err := VerifyBlobKZGProofBatch(blobs, cs, ps, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyCellKZGProofBatch128: 128 cells, 64 from each of two blobs at the same
// 64 cell indices, at 1 and 2 workers.
func BenchmarkVerifyCellKZGProofBatch128(b *testing.B) {
	blobs, cs, _ := benchBatch(b, 2)
	var cells []Cell
	var idx []uint64
	var commitments []Commitment
	var proofs []Proof
	for i := range blobs {
		all, ps, err := ComputeCellsAndKZGProofs(&blobs[i])
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < CellsPerExtBlob; k += 2 {
			cells = append(cells, all[k])
			idx = append(idx, uint64(k))
			commitments = append(commitments, cs[i])
			proofs = append(proofs, ps[k])
		}
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			opt := interop.Workers(w)
			b.ReportAllocs()
			for b.Loop() {
				if err := VerifyCellKZGProofBatch(commitments, idx, cells, proofs, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
