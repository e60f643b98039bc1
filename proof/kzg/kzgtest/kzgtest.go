// Package kzgtest provides rapid generators for property tests of code that handles
// EIP-4844 blobs, field elements and KZG points (package proof/kzg).
//
// Blobs are drawn from a seed and a shape (random, all-zero, a few nonzero elements, the
// maximum element everywhere), so that rapid shrinks them quickly; every generated blob is
// valid (all elements below BLS_MODULUS). Invalid inputs have their own generators.
// Generators are stateless and may be drawn from concurrently.
package kzgtest

import (
	"encoding/binary"
	"math/big"
	"math/rand/v2"

	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/ssz"
	"pgregory.net/rapid"
)

var modulus = new(big.Int).SetBytes(kzg.BLSModulus[:])

// FieldElement generates canonical 32-byte big-endian field elements (< BLS_MODULUS),
// biased towards 0, 1, r-1 and small values.
func FieldElement() *rapid.Generator[[32]byte] {
	return rapid.Custom(func(t *rapid.T) [32]byte {
		var out [32]byte
		switch rapid.IntRange(0, 4).Draw(t, "kind") {
		case 0:
			binary.BigEndian.PutUint64(out[24:], rapid.Uint64Range(0, 3).Draw(t, "small"))
		case 1:
			v := new(big.Int).Sub(modulus, big.NewInt(int64(rapid.IntRange(1, 3).Draw(t, "offset"))))
			v.FillBytes(out[:])
		default:
			b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "bytes")
			v := new(big.Int).SetBytes(b)
			v.Mod(v, modulus)
			v.FillBytes(out[:])
		}
		return out
	})
}

// NonCanonicalFieldElement generates 32-byte values ≥ BLS_MODULUS, which every decoder must
// reject.
func NonCanonicalFieldElement() *rapid.Generator[[32]byte] {
	return rapid.Custom(func(t *rapid.T) [32]byte {
		span := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), modulus)
		b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "bytes")
		v := new(big.Int).SetBytes(b)
		if rapid.Bool().Draw(t, "near") {
			v.SetInt64(int64(rapid.IntRange(0, 3).Draw(t, "offset")))
		}
		v.Mod(v, span)
		v.Add(v, modulus)
		var out [32]byte
		v.FillBytes(out[:])
		return out
	})
}

// Blob generates valid blobs.
func Blob() *rapid.Generator[*kzg.Blob] {
	return rapid.Custom(func(t *rapid.T) *kzg.Blob {
		shape := rapid.IntRange(0, 3).Draw(t, "shape")
		seed := rapid.Uint64().Draw(t, "seed")
		return BlobFromSeed(seed, shape)
	})
}

// BlobFromSeed builds a valid blob deterministically: shape 0 random elements, 1 all zero,
// 2 a few nonzero elements, 3 BLS_MODULUS-1 everywhere.
func BlobFromSeed(seed uint64, shape int) *kzg.Blob {
	b := new(kzg.Blob)
	rng := rand.New(rand.NewPCG(seed, 0x4844))
	maxElem := new(big.Int).Sub(modulus, big.NewInt(1))
	var buf [32]byte
	random := func(i int) {
		for j := 0; j < 32; j += 8 {
			binary.BigEndian.PutUint64(buf[j:], rng.Uint64())
		}
		buf[0] &= 0x3f // below 2^254 < BLS_MODULUS
		copy(b[i*32:], buf[:])
	}
	switch shape {
	case 0:
		for i := range kzg.FieldElementsPerBlob {
			random(i)
		}
	case 2:
		for range 1 + rng.IntN(4) {
			random(rng.IntN(kzg.FieldElementsPerBlob))
		}
	case 3:
		maxElem.FillBytes(buf[:])
		for i := range kzg.FieldElementsPerBlob {
			copy(b[i*32:], buf[:])
		}
	}
	return b
}

// InvalidPoint generates 48-byte strings that are not a valid compressed G1 point in the
// subgroup: flags wrong (uncompressed, infinity with data, infinity without the
// compression flag), x ≥ p, x with no curve point, or an on-curve point outside the
// subgroup.
func InvalidPoint() *rapid.Generator[[48]byte] {
	return rapid.Custom(func(t *rapid.T) [48]byte {
		var out [48]byte
		body := rapid.SliceOfN(rapid.Byte(), 48, 48).Draw(t, "bytes")
		copy(out[:], body)
		switch rapid.IntRange(0, 5).Draw(t, "kind") {
		case 0: // compression flag clear
			out[0] &^= 0x80
		case 1: // infinity flag with a nonzero body
			out[0] = 0xc0 | out[0]&0x3f
			if out[0] == 0xc0 && isZero(out[1:]) {
				out[47] = 1
			}
		case 2: // infinity encoding without the compression flag
			out = [48]byte{0x40}
		case 3: // x ≥ p (top bits after the flags all ones)
			out[0] = 0x80 | 0x1f
			for i := 1; i < 48; i++ {
				out[i] = 0xff
			}
		case 4: // x = 1: y² = 5 has no root in Fp, so no curve point
			out = [48]byte{0x80}
			out[47] = 1
		default: // x = 4: on the curve (y² = 68 is a square), outside the r-order subgroup
			out = [48]byte{0x80}
			out[47] = 4
		}
		return out
	})
}

func isZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// BlobSidecar generates valid blob sidecars: a blob from Blob, its commitment and proof,
// an index below MAX_BLOB_COMMITMENTS_PER_BLOCK, and a header whose body root is the root
// the drawn inclusion proof leads to from the commitment. s.Verify(s.BlockRoot()) is nil.
// Each draw computes a commitment and a proof (tens of milliseconds).
func BlobSidecar() *rapid.Generator[*kzg.BlobSidecar] {
	return rapid.Custom(func(t *rapid.T) *kzg.BlobSidecar {
		s := &kzg.BlobSidecar{Blob: *Blob().Draw(t, "blob")}
		var err error
		if s.KZGCommitment, err = kzg.BlobToKZGCommitment(&s.Blob); err != nil {
			t.Fatalf("commitment of a valid blob: %v", err)
		}
		if s.KZGProof, err = kzg.ComputeBlobKZGProof(&s.Blob, s.KZGCommitment); err != nil {
			t.Fatalf("proof of a valid blob: %v", err)
		}
		s.Index = rapid.Uint64Range(0, ssz.MaxBlobCommitmentsPerBlock-1).Draw(t, "index")
		for i := range s.KZGCommitmentInclusionProof {
			copy(s.KZGCommitmentInclusionProof[i][:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "node"))
		}
		g, err := ssz.BlobKZGCommitmentGindex(s.Index)
		if err != nil {
			t.Fatal(err)
		}
		c := [48]byte(s.KZGCommitment)
		body, err := ssz.CalculateMerkleRoot(ssz.KZGCommitmentRoot(&c), s.KZGCommitmentInclusionProof[:], g)
		if err != nil {
			t.Fatal(err)
		}
		s.SignedBlockHeader.Message = ssz.BeaconBlockHeader{
			Slot:          rapid.Uint64().Draw(t, "slot"),
			ProposerIndex: rapid.Uint64().Draw(t, "proposer"),
			BodyRoot:      body,
		}
		copy(s.SignedBlockHeader.Message.ParentRoot[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "parent"))
		copy(s.SignedBlockHeader.Signature[:], rapid.SliceOfN(rapid.Byte(), 96, 96).Draw(t, "signature"))
		return s
	})
}
