package opstack

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrOutputMismatch: the output root preimage does not hash to the trusted root.
	ErrOutputMismatch = errors.New("opstack: output root mismatch")
	// ErrL1Proof: the L1 account or storage proof of the proposal contract failed.
	ErrL1Proof = errors.New("opstack: invalid L1 proof")
	// ErrL2Proof: the L2 account, storage or withdrawal proof failed.
	ErrL2Proof = errors.New("opstack: invalid L2 proof")
	// ErrNoProposal: the proven slot is empty (no output proposed there).
	ErrNoProposal = errors.New("opstack: no output proposal")
	// ErrWithdrawalNotSent: the withdrawal hash is not marked sent in L2ToL1MessagePasser.
	ErrWithdrawalNotSent = errors.New("opstack: withdrawal not sent")
	// ErrSuperRoot: a malformed super root encoding.
	ErrSuperRoot = errors.New("opstack: malformed super root")
	// ErrExpectedEntry: an access list ends where an entry is required (errExpectedEntry).
	ErrExpectedEntry = errors.New("opstack: expected access-list entry")
	// ErrUnexpectedEntryType: an access-list entry of the wrong type (errUnexpectedEntryType).
	ErrUnexpectedEntryType = errors.New("opstack: unexpected access-list entry type")
	// ErrMalformedEntry: an access-list entry with non-zero padding (errMalformedEntry).
	ErrMalformedEntry = errors.New("opstack: malformed access-list entry")
	// ErrOutputResponse: an optimism_outputAtBlock answer that is not the JSON op-node
	// writes (malformed, a material field missing, repeated or of the wrong form).
	ErrOutputResponse = errors.New("opstack: malformed output response")
	// ErrOutputVersion: an output root of a version other than 0.
	ErrOutputVersion = errors.New("opstack: unknown output version")
)
