package interop

import "errors"

// Sentinel errors of the vocabulary types' text decoding.
var (
	// ErrMissingPrefix is returned when hex text does not start with "0x" or "0X".
	ErrMissingPrefix = errors.New("interop: hex string without 0x prefix")
	// ErrOddLength is returned when hex text has an odd number of digits.
	ErrOddLength = errors.New("interop: hex string of odd length")
	// ErrInvalidHex is returned when hex text holds a character that is not a hex digit.
	ErrInvalidHex = errors.New("interop: invalid hex digit")
	// ErrWrongLength is returned when decoded bytes do not have the type's exact length.
	ErrWrongLength = errors.New("interop: wrong length")
	// ErrNotString is returned when JSON for a hex type is not a JSON string.
	ErrNotString = errors.New("interop: JSON value is not a string")
	// ErrNotDecimal is returned for an integer that is not a canonical decimal ("+5",
	// "007", "-0", "5e0"), is out of its type's range, or is not quoted where it must be.
	ErrNotDecimal = errors.New("interop: not a canonical decimal")
)
