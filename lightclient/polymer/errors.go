package polymer

import "errors"

// Sentinel errors.
var (
	// ErrMalformed: the proof bytes do not follow the layout.
	ErrMalformed = errors.New("polymer: malformed proof")
	// ErrSignature: the app hash is not signed by the configured sequencer.
	ErrSignature = errors.New("polymer: invalid sequencer signature")
	// ErrInvalidProof: the IAVL proof does not lead to the signed app hash.
	ErrInvalidProof = errors.New("polymer: invalid IAVL proof")
)

// Sentinel errors of the verifier configuration and chain ids.
var (
	// ErrChainID: a chain id that is not a canonical 64-bit decimal, or a source chain id
	// that the proof layout cannot carry (2^32 or more), or a proof for another chain
	// than the one asked for.
	ErrChainID = errors.New("polymer: invalid chain id")
	// ErrConfig: a verifier configuration CrossL2ProverV2 could not verify with (no client
	// type, zero sequencer, zero Polymer chain id).
	ErrConfig = errors.New("polymer: invalid verifier configuration")
)
