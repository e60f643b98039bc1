package bn254

import "errors"

// Sentinel errors. Decoders wrap them with the offending value; test with errors.Is.
var (
	// ErrInvalidLength is returned when an encoding does not have one of its exact sizes.
	ErrInvalidLength = errors.New("bn254: invalid length")
	// ErrInvalidEncoding is returned for flag bits arkworks would not write: both flags set,
	// a flag on a field element that carries none, or a sign flag that does not match y.
	ErrInvalidEncoding = errors.New("bn254: invalid point encoding")
	// ErrNotCanonical is returned when an encoded field element is not below the modulus p.
	ErrNotCanonical = errors.New("bn254: field element not canonical")
	// ErrNotOnCurve is returned for coordinates that are not a curve point.
	ErrNotOnCurve = errors.New("bn254: point not on curve")
	// ErrNotInSubgroup is returned for a G2 point outside the prime-order subgroup.
	ErrNotInSubgroup = errors.New("bn254: point not in subgroup")
	// ErrInfinity is returned for the point at infinity as a key or signature.
	ErrInfinity = errors.New("bn254: point at infinity")
	// ErrInvalidSecretKey is returned for a secret key that is not 0 < sk < r.
	ErrInvalidSecretKey = errors.New("bn254: invalid secret key")
	// ErrTaggedBase64 is returned for a tagged-base64 string that is malformed: no '~',
	// a tag outside [A-Za-z0-9_-], padding or non-canonical base64, or too long.
	ErrTaggedBase64 = errors.New("bn254: invalid tagged base64")
	// ErrTag is returned for a tagged-base64 string with another tag than expected.
	ErrTag = errors.New("bn254: wrong tagged-base64 tag")
	// ErrChecksum is returned when a tagged-base64 string's CRC-8 does not match.
	ErrChecksum = errors.New("bn254: tagged-base64 checksum mismatch")
	// ErrEmpty is returned when aggregating an empty list.
	ErrEmpty = errors.New("bn254: nothing to aggregate")
	// ErrNil is returned when a list holds a nil key or signature.
	ErrNil = errors.New("bn254: nil key or signature")
)
