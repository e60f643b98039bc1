package lightclient

import "errors"

// Sentinel errors.
var (
	// ErrUnknownRoot: the source has no root of that kind for that chain and height.
	ErrUnknownRoot = errors.New("lightclient: unknown root")
	// ErrConflictingRoot: a root was recorded with a different value than one already held
	// for the same chain, height and kind. For a source that verified both, this is
	// evidence of equivocation upstream.
	ErrConflictingRoot = errors.New("lightclient: conflicting root")
	// ErrInsufficientFinality: a root exists but is less final than required.
	ErrInsufficientFinality = errors.New("lightclient: root not final enough")
	// ErrInvalidRoot: a root to record is malformed (zero kind or an unknown finality).
	ErrInvalidRoot = errors.New("lightclient: invalid root")
)

// Sentinel errors of the committee verifiers. A rejecting Verdict's Err wraps one or
// more of them.
var (
	// ErrThreshold: fewer valid, distinct committee signatures (or less stake) than the
	// committee requires.
	ErrThreshold = errors.New("lightclient: threshold not met")
	// ErrDuplicateSigner: a committee member signed more than once; the extra signatures
	// were not counted.
	ErrDuplicateSigner = errors.New("lightclient: duplicate signer")
	// ErrTooManySignatures: an attestation carries more signatures than the verifier's
	// committees have members (for a stack, the sum over its committees); it is refused
	// before any signature is recovered or verified.
	ErrTooManySignatures = errors.New("lightclient: more signatures than members")
	// ErrDuplicateSignature: an attestation carries one signature twice — the same bytes,
	// or, for ECDSA, the same (r, s) in another encoding (high s, v as 27/28); it is
	// refused before any signature is recovered or verified.
	ErrDuplicateSignature = errors.New("lightclient: duplicate signature")
	// ErrUnknownSigner: a signature recovered to, or named, a key outside the committee;
	// it was not counted.
	ErrUnknownSigner = errors.New("lightclient: signer not in committee")
	// ErrInvalidSignature: a signature did not verify or could not be decoded.
	ErrInvalidSignature = errors.New("lightclient: invalid signature")
	// ErrUnknownEpoch: the claim's epoch precedes every committee the verifier knows.
	ErrUnknownEpoch = errors.New("lightclient: no committee for epoch")
	// ErrInvalidCommittee: a verifier was configured with an impossible rule (a threshold
	// of zero or above the committee size, a zero total stake, a fraction above one,
	// k above the optional count, an empty stack, an epoch that does not increase).
	ErrInvalidCommittee = errors.New("lightclient: invalid committee")
	// ErrNoRoute: a routing verifier has no route for the claim's origin.
	ErrNoRoute = errors.New("lightclient: no route for origin")
	// ErrRejected: a combinator's children did not accept as its rule requires.
	ErrRejected = errors.New("lightclient: rejected")
	// ErrWrongDomain: an attestation or verdict is for a different origin, destination or
	// epoch than the claim.
	ErrWrongDomain = errors.New("lightclient: wrong domain")
)
