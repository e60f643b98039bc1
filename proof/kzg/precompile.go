package kzg

import (
	"crypto/sha256"
	"fmt"

	"github.com/interopkit/interop"
)

// EIP-4844 constants of the point-evaluation precompile.
const (
	// VersionedHashVersionKZG is VERSIONED_HASH_VERSION_KZG, the first byte of a blob's
	// versioned hash.
	VersionedHashVersionKZG = 0x01
	// PointEvaluationPrecompileAddress is POINT_EVALUATION_PRECOMPILE_ADDRESS (0x0a).
	PointEvaluationPrecompileAddress = 0x0a
	// PointEvaluationPrecompileGas is POINT_EVALUATION_PRECOMPILE_GAS.
	PointEvaluationPrecompileGas = 50000
	// PointEvaluationInputLength is the only input length the precompile accepts:
	// versioned_hash ‖ z ‖ y ‖ commitment ‖ proof.
	PointEvaluationInputLength = 32 + 32 + 32 + BytesPerCommitment + BytesPerProof
)

// KZGToVersionedHash is kzg_to_versioned_hash (EIP-4844): VERSIONED_HASH_VERSION_KZG ‖
// sha256(commitment)[1:], the hash a blob transaction carries in blob_versioned_hashes.
func KZGToVersionedHash(c Commitment) interop.Hash {
	h := interop.Hash(sha256.Sum256(c[:]))
	h[0] = VersionedHashVersionKZG
	return h
}

// pointEvaluationOutput is the precompile's return data on success:
// U256(FIELD_ELEMENTS_PER_BLOB) ‖ U256(BLS_MODULUS), both 32-byte big-endian.
var pointEvaluationOutput = func() (out [64]byte) {
	out[30] = FieldElementsPerBlob >> 8
	out[31] = FieldElementsPerBlob & 0xff
	copy(out[32:], BLSModulus[:])
	return out
}()

// PointEvaluationPrecompile runs point_evaluation_precompile (EIP-4844, address 0x0a) on
// the call's input and returns its 64-byte output. Every failure — which reverts the call
// and consumes its gas on chain — is an error:
//
//	a) the input is not exactly 192 bytes: ErrInvalidLength;
//	b) input[:32] ≠ kzg_to_versioned_hash(commitment): ErrVersionedHashMismatch;
//	c) z or y not canonical: ErrInvalidFieldElement;
//	d) commitment or proof not a valid subgroup point (infinity allowed): ErrInvalidPoint or
//	   ErrNotInSubgroup;
//	e) the proof does not verify: ErrInvalidProof.
func PointEvaluationPrecompile(input []byte) ([64]byte, error) {
	if len(input) != PointEvaluationInputLength {
		return [64]byte{}, fmt.Errorf("%w: precompile input of %d bytes, want %d", ErrInvalidLength, len(input), PointEvaluationInputLength)
	}
	var (
		vh   interop.Hash
		z, y [32]byte
		c    Commitment
		p    Proof
	)
	copy(vh[:], input[0:32])
	copy(z[:], input[32:64])
	copy(y[:], input[64:96])
	copy(c[:], input[96:144])
	copy(p[:], input[144:192])
	// EIP-4844: assert kzg_to_versioned_hash(commitment) == versioned_hash, before the
	// (expensive) pairing.
	if want := KZGToVersionedHash(c); want != vh {
		return [64]byte{}, fmt.Errorf("%w: got %x, commitment hashes to %x", ErrVersionedHashMismatch, vh[:], want[:])
	}
	if err := VerifyKZGProof(c, z, y, p); err != nil {
		return [64]byte{}, err
	}
	return pointEvaluationOutput, nil
}
