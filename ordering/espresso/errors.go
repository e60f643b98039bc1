package espresso

import "errors"

// Sentinel errors of the commitments part (tagged base64, headers, leaves). Functions wrap
// them with the offending value; test with errors.Is. The other parts of the package keep
// theirs in errors_<part>.go.
var (
	// ErrTaggedBase64 is returned for a string that is not tag~base64url (no padding,
	// canonical trailing bits) with a URL-safe tag, or whose decoded value is empty.
	ErrTaggedBase64 = errors.New("espresso: invalid tagged base64")
	// ErrChecksum is returned when a tagged base64 string's checksum byte does not match
	// its tag and value.
	ErrChecksum = errors.New("espresso: tagged base64 checksum mismatch")
	// ErrTag is returned when a tagged base64 value carries another tag than the one its
	// place requires (e.g. a FEE_INFO commitment where a BLOCK one is expected), or a
	// commitment is not 32 bytes.
	ErrTag = errors.New("espresso: wrong tag or length")
	// ErrJSON is returned for input that is not the JSON shape the query service serves:
	// syntax errors, wrong types, unknown, duplicate or missing members, data after the
	// value, or a size past the decoder's bound.
	ErrJSON = errors.New("espresso: invalid JSON")
	// ErrNumber is returned for a number that is not in canonical form (leading zeros, a
	// sign, a fraction or exponent, hex of the wrong length) or that overflows its type.
	ErrNumber = errors.New("espresso: non-canonical number")
	// ErrVersion is returned for a header version this package does not know.
	ErrVersion = errors.New("espresso: unsupported header version")
	// ErrLeafCommitment is returned when a QC does not name the commitment of the leaf it
	// comes with.
	ErrLeafCommitment = errors.New("espresso: QC does not certify the leaf")
	// ErrUnsupported is returned for a well-formed member whose commitment this package
	// cannot compute (e.g. a leaf carrying an upgrade certificate).
	ErrUnsupported = errors.New("espresso: unsupported member")
)
