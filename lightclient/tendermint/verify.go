package tendermint

// The light-client steps: adjacent and skipping (non-adjacent) verification.

import (
	"bytes"
	"fmt"
	"time"
)

// VerifyAdjacent is light.VerifyAdjacent: untrusted is the header right after trusted,
// checked against the validator set trusted named as next. The checks, in order:
//
//	a) trusted names a next validator set, and untrusted.Height == trusted.Height+1
//	   (ErrInvalidHeader);
//	b) trusted.Time + trustingPeriod is after now (ErrExpired);
//	c) untrusted passes SignedHeader.ValidateBasic for trusted's chain id (so its
//	   commit is for its own height and hash; ErrInvalidHeader, ErrInvalidCommit), its
//	   time is later than trusted's and before now + maxClockDrift (ErrInvalidHeader,
//	   ErrFuture), and vals hashes to untrusted.ValidatorsHash, which equals
//	   trusted.NextValidatorsHash (ErrInvalidHeader);
//	d) vals signed the commit with more than 2/3 of their power (ErrInvalidCommit) —
//	   last, since it is the expensive check.
func VerifyAdjacent(trusted, untrusted *SignedHeader, vals *ValidatorSet, trustingPeriod time.Duration, now time.Time, maxClockDrift time.Duration) error {
	th, uh := &trusted.Header, &untrusted.Header
	if len(th.NextValidatorsHash) == 0 {
		return fmt.Errorf("%w: trusted header has no next validators hash", ErrInvalidHeader)
	}
	if uh.Height != th.Height+1 {
		return fmt.Errorf("%w: height %d after %d", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !th.Time.Add(trustingPeriod).After(now) {
		return fmt.Errorf("%w: trusted at %s, period %s, now %s", ErrExpired, th.Time, trustingPeriod, now)
	}
	if err := verifyNewHeader(trusted, untrusted, vals, now, maxClockDrift); err != nil {
		return err
	}
	if !bytes.Equal(uh.ValidatorsHash, th.NextValidatorsHash) {
		return fmt.Errorf("%w: validators %X, trusted next %X", ErrInvalidHeader, uh.ValidatorsHash, th.NextValidatorsHash)
	}
	return vals.VerifyCommitLight(th.ChainID, &untrusted.Commit.BlockID, int64(uh.Height), &untrusted.Commit)
}

// verifyNewHeader is light's verifyNewHeaderAndVals: untrusted passes ValidateBasic for the
// trusted chain id, is higher and later than trusted, is not from the future, and vals
// hashes to its ValidatorsHash.
func verifyNewHeader(trusted, untrusted *SignedHeader, vals *ValidatorSet, now time.Time, maxClockDrift time.Duration) error {
	th, uh := &trusted.Header, &untrusted.Header
	if err := untrusted.ValidateBasic(th.ChainID); err != nil {
		return err
	}
	if uh.Height <= th.Height {
		return fmt.Errorf("%w: height %d not above %d", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !uh.Time.After(th.Time) {
		return fmt.Errorf("%w: time %s not after %s", ErrInvalidHeader, uh.Time, th.Time)
	}
	if !uh.Time.Before(now.Add(maxClockDrift)) {
		return fmt.Errorf("%w: header time %s, now %s, drift %s", ErrFuture, uh.Time, now, maxClockDrift)
	}
	if !bytes.Equal(vals.Hash(), uh.ValidatorsHash) {
		return fmt.Errorf("%w: validator set hash %X, header has %X", ErrInvalidHeader, vals.Hash(), uh.ValidatorsHash)
	}
	return nil
}

// VerifyNonAdjacent is light.VerifyNonAdjacent, the skipping step of CometBFT's light
// client: untrusted is at least two heights above trusted, and trustedVals, the validator
// set of the trusted header, still vouches for it. The checks, in order:
//
//	a) level is in [1/3, 1] (ErrTrustLevel); trustedVals hashes to the trusted header's
//	   ValidatorsHash, and untrusted.Height > trusted.Height+1 (ErrInvalidHeader);
//	b) trusted.Time + trustingPeriod is after now (ErrExpired);
//	c) untrusted passes SignedHeader.ValidateBasic for trusted's chain id, is later than
//	   trusted and before now + maxClockDrift (ErrInvalidHeader, ErrInvalidCommit,
//	   ErrFuture), and untrustedVals hashes to its ValidatorsHash (ErrInvalidHeader);
//	d) members of trustedVals holding more than level of its power signed the commit
//	   (VerifyCommitLightTrusting: ErrNotTrusted, or ErrInvalidCommit for a bad signature);
//	e) untrustedVals signed it with more than 2/3 of their power (ErrInvalidCommit).
//
// CometBFT's verifier leaves the trusted set's hash to its caller; it is checked here.
func VerifyNonAdjacent(trusted *SignedHeader, trustedVals *ValidatorSet, untrusted *SignedHeader, untrustedVals *ValidatorSet,
	trustingPeriod time.Duration, now time.Time, maxClockDrift time.Duration, level TrustLevel) error {
	if err := validateTrustLevel(level); err != nil {
		return err
	}
	th, uh := &trusted.Header, &untrusted.Header
	if !bytes.Equal(trustedVals.Hash(), th.ValidatorsHash) {
		return fmt.Errorf("%w: trusted validator set hash %X, trusted header has %X", ErrInvalidHeader, trustedVals.Hash(), th.ValidatorsHash)
	}
	if uh.Height == th.Height+1 {
		return fmt.Errorf("%w: height %d is adjacent to %d: use VerifyAdjacent", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !th.Time.Add(trustingPeriod).After(now) {
		return fmt.Errorf("%w: trusted at %s, period %s, now %s", ErrExpired, th.Time, trustingPeriod, now)
	}
	if err := verifyNewHeader(trusted, untrusted, untrustedVals, now, maxClockDrift); err != nil {
		return err
	}
	if err := trustedVals.VerifyCommitLightTrusting(th.ChainID, &untrusted.Commit, level); err != nil {
		return err
	}
	return untrustedVals.VerifyCommitLight(th.ChainID, &untrusted.Commit.BlockID, int64(uh.Height), &untrusted.Commit)
}
