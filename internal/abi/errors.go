package abi

import "errors"

// Sentinel errors; every decoding error wraps one of them with the position at fault.
var (
	// ErrShort: the input ends inside a head word, a length word or a payload.
	ErrShort = errors.New("abi: input too short")
	// ErrNonCanonical: a word has bits set beyond its type's width, a bool is not 0 or 1,
	// or the padding after bytes is not zero.
	ErrNonCanonical = errors.New("abi: non-canonical encoding")
	// ErrOffset: an offset is not the canonical one (the end of the previous tail).
	ErrOffset = errors.New("abi: non-canonical offset")
	// ErrTooLong: a length or element count exceeds the caller's bound.
	ErrTooLong = errors.New("abi: length too large")
	// ErrTrailing: bytes remain after the value.
	ErrTrailing = errors.New("abi: trailing bytes")
)
