package eip712

import "errors"

// Sentinel errors. Every error the package returns wraps one of them, with the offending
// type, field or value; test with errors.Is.
var (
	// ErrSyntax reports typed data that is not well-formed JSON (RFC 8259), holds a
	// duplicate object key, nests too deeply, or lacks a member the eth_signTypedData_v4
	// schema requires (types, primaryType, domain, message, types.EIP712Domain).
	ErrSyntax = errors.New("eip712: malformed typed data")
	// ErrInvalidType reports a type definition that breaks the EIP's grammar: a struct or
	// field name that is not an identifier, a struct named like an atomic type, a repeated
	// field name, a malformed array suffix.
	ErrInvalidType = errors.New("eip712: invalid type")
	// ErrUnknownType reports a field or primary type that names neither an atomic type nor
	// a defined struct type.
	ErrUnknownType = errors.New("eip712: unknown type")
	// ErrCyclicType reports a struct type that references itself through fields that can
	// never end (a struct field or a fixed-size array), so no finite value of it exists.
	ErrCyclicType = errors.New("eip712: cyclic type")
	// ErrMissingField reports a declared field without a value, or a null value.
	ErrMissingField = errors.New("eip712: missing field")
	// ErrExtraField reports a value for a field the type does not declare.
	ErrExtraField = errors.New("eip712: undeclared field")
	// ErrTypeMismatch reports a JSON value of the wrong kind for its type: a number for
	// bytes, a string for bool, an object for an array.
	ErrTypeMismatch = errors.New("eip712: value does not match type")
	// ErrOutOfRange reports an integer outside its intN/uintN range.
	ErrOutOfRange = errors.New("eip712: integer out of range")
	// ErrInvalidHex reports hex text that lacks the 0x prefix, has an odd number of
	// digits, or holds a character that is not a hex digit.
	ErrInvalidHex = errors.New("eip712: invalid hex")
	// ErrWrongLength reports an address that is not 20 bytes, a bytesN value that is not
	// exactly N bytes, or a fixed-size array with the wrong number of elements.
	ErrWrongLength = errors.New("eip712: wrong length")
	// ErrAmbiguousNumber reports a JSON number that is not an exact integer, or whose
	// magnitude exceeds 2^53-1: JavaScript wallets and go-ethereum both read such numbers
	// through float64 and may sign a different value than the text says.
	ErrAmbiguousNumber = errors.New("eip712: ambiguous JSON number")
	// ErrTooComplex reports typed data whose hashing would exceed the work bound: more
	// bytes to hash than 64 per input byte plus 64 KiB (see HashTypedData). Well-formed
	// documents stay far below it; type sets in which every type references every other
	// (so that each encodeType repeats the whole set) do not.
	ErrTooComplex = errors.New("eip712: typed data exceeds the work bound")
)
