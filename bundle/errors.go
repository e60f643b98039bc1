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
	// ErrAbsenceWindow is returned, beside ErrEvidence, for absence evidence over a window
	// whose heights it cannot cover: unbounded, never opening, or longer than
	// MaxAbsenceBlocks.
	ErrAbsenceWindow = errors.New("bundle: window too long to prove absence")
	ErrCapacity      = errors.New("bundle: invalid packing input")
)
