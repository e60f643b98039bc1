package ssz

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrInvalidProof is returned when a Merkle branch or multiproof does not lead from its
	// leaves to the root.
	ErrInvalidProof = errors.New("ssz: invalid proof")
	// ErrIndex is returned for a generalized index or leaf index that is zero, too deep, or
	// does not fit the branch it is used with.
	ErrIndex = errors.New("ssz: invalid index")
	// ErrProofShape is returned when a branch or multiproof has the wrong number of nodes,
	// or a multiproof's indices repeat or nest.
	ErrProofShape = errors.New("ssz: malformed proof")
	// ErrTooManyChunks is returned when Merkleize is given more chunks than its limit.
	ErrTooManyChunks = errors.New("ssz: more chunks than the limit")
	// ErrSize is returned when SSZ bytes do not have the exact size of their type.
	ErrSize = errors.New("ssz: wrong size")
	// ErrOffset is returned when an SSZ offset is out of range or out of order.
	ErrOffset = errors.New("ssz: invalid offset")
	// ErrBitvector is returned when a bitvector has a padding bit set.
	ErrBitvector = errors.New("ssz: bitvector padding bit set")
	// ErrFork is returned for a fork that has no light-client types (phase0, an unknown
	// value or name) or that does not match the data.
	ErrFork = errors.New("ssz: unsupported fork")
	// ErrPreset is returned for a sync committee size that is not supported.
	ErrPreset = errors.New("ssz: invalid preset")
	// ErrField is returned when a field value does not fit its type (a list over its limit,
	// a vector of the wrong length, a malformed JSON string).
	ErrField = errors.New("ssz: invalid field")
)
