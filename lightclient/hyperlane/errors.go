package hyperlane

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrMessage: message bytes too short, of an unknown version, or with a body over
	// MaxBodySize.
	ErrMessage = errors.New("hyperlane: malformed message")
	// ErrMetadata: ISM metadata of the wrong length or with a trailing partial signature.
	ErrMetadata = errors.New("hyperlane: malformed metadata")
	// ErrSignature: a signature that does not recover under OpenZeppelin ECDSA.recover's
	// rules (v 27 or 28, s at most n/2).
	ErrSignature = errors.New("hyperlane: invalid signature")
	// ErrUnknownValidator: a signature recovered to an address outside the validator set.
	ErrUnknownValidator = errors.New("hyperlane: signer not a validator")
	// ErrSignatureOrder: signatures are not in validator-set order; a validator signing
	// twice is also out of order, since the contract never scans back.
	ErrSignatureOrder = errors.New("hyperlane: signatures out of validator order")
	// ErrThreshold: fewer signatures than the threshold.
	ErrThreshold = errors.New("hyperlane: threshold not met")
	// ErrIndex: a merkle-root ISM proof for a message later than the signed checkpoint.
	ErrIndex = errors.New("hyperlane: message index after signed index")
	// ErrConfig: a validator set or threshold the contracts would not deploy (threshold
	// zero or above the set size, a zero or repeated validator).
	ErrConfig = errors.New("hyperlane: invalid ISM configuration")
	// ErrWrongDomain: a claim whose digest or route is not the message's.
	ErrWrongDomain = errors.New("hyperlane: wrong domain")
	// ErrAgentJSON: a checkpoint or announcement file that is not the JSON the agents
	// write (malformed, a field missing, repeated or of the wrong form, or a
	// serialized_signature that is not the signature).
	ErrAgentJSON = errors.New("hyperlane: malformed agent JSON")
)
