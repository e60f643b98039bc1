package kzg

import (
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
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
