package zk

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrConfig is returned by New for an incomplete configuration or checkpoint.
	ErrConfig = errors.New("zk: invalid configuration")
	// ErrPublicValues is returned when the public values do not decode.
	ErrPublicValues = errors.New("zk: malformed public values")
	// ErrUnknownPrev is returned when an update does not start from a header the client
	// trusts (prevHeader at prevHead).
	ErrUnknownPrev = errors.New("zk: update does not extend a trusted header")
	// ErrNotMonotonic is returned when an update does not move the head forward.
	ErrNotMonotonic = errors.New("zk: update does not advance the head")
	// ErrSyncCommittee is returned when an update's committee hashes contradict the
	// ones the client holds.
	ErrSyncCommittee = errors.New("zk: sync committee mismatch")
	// ErrConflict is returned when an update names a different header or state root for
	// a slot the client already verified.
	ErrConflict = errors.New("zk: conflicting root")
	// ErrProof is returned when the proof does not verify; it wraps the verifier's error.
	ErrProof = errors.New("zk: invalid proof")
)
