package kzg

import "errors"

// Sentinel errors. Every error the package returns wraps exactly one of them, with the
// offending value; test with errors.Is.
var (
	// ErrInvalidProof: the inputs are well-formed but the pairing check fails.
	ErrInvalidProof = errors.New("kzg: proof does not verify")
	// ErrInvalidFieldElement: a 32-byte scalar (z, y, a blob or cell element) is not a
	// canonical big-endian integer below BLS_MODULUS.
	ErrInvalidFieldElement = errors.New("kzg: field element not below BLS_MODULUS")
	// ErrInvalidPoint: a 48-byte G1 encoding is malformed (compression flag clear, bad
	// infinity encoding, x not below the base-field modulus) or names no curve point.
	ErrInvalidPoint = errors.New("kzg: invalid compressed G1 point")
	// ErrNotInSubgroup: a G1 point is on the curve but outside the order-r subgroup.
	ErrNotInSubgroup = errors.New("kzg: G1 point not in the r-order subgroup")
	// ErrLengthMismatch: parallel input lists have different lengths.
	ErrLengthMismatch = errors.New("kzg: input lists differ in length")
	// ErrInvalidLength: a byte string has the wrong length (precompile input).
	ErrInvalidLength = errors.New("kzg: input has the wrong length")
	// ErrVersionedHashMismatch: the precompile's versioned hash is not
	// kzg_to_versioned_hash(commitment).
	ErrVersionedHashMismatch = errors.New("kzg: versioned hash does not match the commitment")
	// ErrInvalidCellIndex: a cell index is not below CELLS_PER_EXT_BLOB.
	ErrInvalidCellIndex = errors.New("kzg: cell index out of range")
	// ErrDuplicateCellIndex: recovery was given the same cell twice.
	ErrDuplicateCellIndex = errors.New("kzg: duplicate cell index")
	// ErrNotEnoughCells: recovery needs at least half of the cells.
	ErrNotEnoughCells = errors.New("kzg: fewer than half of the cells")
	// ErrTrustedSetup: the embedded trusted setup failed its hash or format check. It
	// means a corrupted build, never bad input.
	ErrTrustedSetup = errors.New("kzg: embedded trusted setup is corrupt")
	// ErrInvalidSidecar: a blob sidecar (Beacon-API JSON or SSZ) is malformed: a member
	// missing, of the wrong length, or an index past MAX_BLOB_COMMITMENTS_PER_BLOCK.
	ErrInvalidSidecar = errors.New("kzg: invalid blob sidecar")
	// ErrBlockRoot: a blob sidecar's header is not the header of the trusted block.
	ErrBlockRoot = errors.New("kzg: blob sidecar is of another block")
	// ErrInclusionProof: a blob sidecar's commitment inclusion proof does not lead to the
	// header's body root.
	ErrInclusionProof = errors.New("kzg: commitment not proven in the block body")
)
