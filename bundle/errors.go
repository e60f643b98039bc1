package bundle

import "errors"

// Sentinel errors.
var (
	ErrEmpty          = errors.New("bundle: no legs")
	ErrTooManyLegs    = errors.New("bundle: too many legs")
	ErrDuplicateLeg   = errors.New("bundle: duplicate leg")
	ErrWindow         = errors.New("bundle: validity window never opens")
	ErrOversize       = errors.New("bundle: transaction too large")
	ErrUnknownChain   = errors.New("bundle: unknown chain")
	ErrEncoding       = errors.New("bundle: malformed encoding")
	ErrSignature      = errors.New("bundle: invalid signature")
	ErrWrongSubmitter = errors.New("bundle: signature is not the submitter's")
	ErrEffect         = errors.New("bundle: malformed expected effect")
	ErrEvidence       = errors.New("bundle: invalid evidence")
	ErrCapacity       = errors.New("bundle: invalid packing input")
)
