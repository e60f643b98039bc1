package kzg_test

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop/proof/kzg"
)

// exampleBlob fills a blob with small canonical field elements.
func exampleBlob() *kzg.Blob {
	b := new(kzg.Blob)
	for i := range kzg.FieldElementsPerBlob {
		b[i*32+31] = byte(i)
		b[i*32+30] = byte(i >> 8)
	}
	return b
}

// A blob, its commitment and a blob proof, as a blob transaction carries them; any change
// to the blob is caught.
func ExampleVerifyBlobKZGProof() {
	blob := exampleBlob()
	c, err := kzg.BlobToKZGCommitment(blob)
	if err != nil {
		panic(err)
	}
	p, err := kzg.ComputeBlobKZGProof(blob, c)
	if err != nil {
		panic(err)
	}
	fmt.Println(kzg.VerifyBlobKZGProof(blob, c, p))

	blob[100*32+31] ^= 1 // one field element changed
	fmt.Println(errors.Is(kzg.VerifyBlobKZGProof(blob, c, p), kzg.ErrInvalidProof))
	// Output:
	// <nil>
	// true
}

// The point-evaluation precompile (0x0a): versioned hash ‖ z ‖ y ‖ commitment ‖ proof in,
// FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS out.
func ExamplePointEvaluationPrecompile() {
	blob := exampleBlob()
	c, _ := kzg.BlobToKZGCommitment(blob)
	var z [32]byte
	z[31] = 7
	p, y, err := kzg.ComputeKZGProof(blob, z)
	if err != nil {
		panic(err)
	}
	vh := kzg.KZGToVersionedHash(c)
	input := append(append(append(append(append([]byte{}, vh[:]...), z[:]...), y[:]...), c[:]...), p[:]...)
	out, err := kzg.PointEvaluationPrecompile(input)
	fmt.Printf("%v %x %x\n", err, out[24:32], out[32:40])
	// Output: <nil> 0000000000001000 73eda753299d7d48
}
