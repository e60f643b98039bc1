package groth16

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrMalformed is returned for bytes or JSON that do not have the expected shape:
	// wrong lengths, unknown flag bits, trailing data, non-decimal numbers.
	ErrMalformed = errors.New("groth16: malformed encoding")
	// ErrFieldRange is returned when a coordinate is not a canonical base-field element
	// (it is not below p).
	ErrFieldRange = errors.New("groth16: coordinate not below p")
	// ErrNotOnCurve is returned when a point is not on the BN254 curve (or its twist).
	ErrNotOnCurve = errors.New("groth16: point not on curve")
	// ErrNotInSubgroup is returned when a G2 point is on the twist but outside the
	// order-r subgroup.
	ErrNotInSubgroup = errors.New("groth16: point not in subgroup")
	// ErrInvalidKey is returned for a verifying key that is well-formed bytes but not a
	// usable key: infinity where a generator is needed, committed-input indices out of
	// range, mismatched commitment keys.
	ErrInvalidKey = errors.New("groth16: invalid verifying key")
	// ErrInvalidProof is returned for a proof whose shape does not fit the key (number of
	// commitments).
	ErrInvalidProof = errors.New("groth16: invalid proof")
	// ErrInputCount is returned when the number of public inputs differs from the key's.
	ErrInputCount = errors.New("groth16: wrong number of public inputs")
	// ErrInputRange is returned when a public input is not below the scalar field modulus
	// r. Accepting x + r as x is the classic Groth16 malleability bug.
	ErrInputRange = errors.New("groth16: public input not below r")
	// ErrVerification is returned when the pairing equation does not hold.
	ErrVerification = errors.New("groth16: proof does not verify")
	// ErrSP1 is returned when an SP1 proof's envelope is wrong: the verifier-hash
	// selector, the exit code or the recursion vk root.
	ErrSP1 = errors.New("groth16: invalid SP1 proof")
)
