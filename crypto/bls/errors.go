package bls

import "errors"

// Sentinel errors. Decoders wrap them with the offending value; test with errors.Is.
var (
	// ErrInvalidLength is returned when an encoding does not have its exact size.
	ErrInvalidLength = errors.New("bls: invalid length")
	// ErrInvalidEncoding is returned for flag bits the compressed format forbids: the
	// compression bit unset, or the infinity bit set together with any other bit.
	ErrInvalidEncoding = errors.New("bls: invalid point encoding")
	// ErrNotCanonical is returned when an encoded field element is not below the modulus p.
	ErrNotCanonical = errors.New("bls: field element not canonical")
	// ErrNotOnCurve is returned when x has no y on the curve.
	ErrNotOnCurve = errors.New("bls: point not on curve")
	// ErrNotInSubgroup is returned when a point is not in the prime-order subgroup.
	ErrNotInSubgroup = errors.New("bls: point not in subgroup")
	// ErrInfinity is returned for the point at infinity where a public key is required.
	ErrInfinity = errors.New("bls: public key is the point at infinity")
	// ErrInvalidSecretKey is returned for a secret key that is not 0 < sk < r.
	ErrInvalidSecretKey = errors.New("bls: invalid secret key")
	// ErrEmpty is returned when aggregating an empty list.
	ErrEmpty = errors.New("bls: nothing to aggregate")
	// ErrNil is returned when a list holds a nil key or signature.
	ErrNil = errors.New("bls: nil key or signature")
)
