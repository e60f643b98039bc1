package tendermint

import (
	"errors"
)

// Sentinel errors.
var (
	// ErrInvalidHeader: a malformed header, or one that does not follow the trusted one
	// (height, time, chain id, validator hashes).
	ErrInvalidHeader = errors.New("tendermint: invalid header")
	// ErrInvalidCommit: a commit for another block or height, of the wrong size, with a
	// bad signature, or without more than 2/3 of the voting power.
	ErrInvalidCommit = errors.New("tendermint: invalid commit")
	// ErrExpired: the trusted header is outside the trusting period.
	ErrExpired = errors.New("tendermint: trusted header expired")
	// ErrFuture: the new header's time is past now plus the allowed clock drift.
	ErrFuture = errors.New("tendermint: header from the future")
	// ErrDecode: JSON that is not a CometBFT RPC header, commit or validator set.
	ErrDecode = errors.New("tendermint: malformed JSON")
	// ErrNotTrusted: in a skipping step, the trusted validators that signed the new header
	// hold no more than the trust level of their power (CometBFT's
	// ErrNewValSetCantBeTrusted): verify an intermediate header first.
	ErrNotTrusted = errors.New("tendermint: too little trusted power signed")
	// ErrTrustLevel: a trust level outside [1/3, 1] or with a zero denominator.
	ErrTrustLevel = errors.New("tendermint: invalid trust level")
)
