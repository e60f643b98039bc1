package ordering

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
// Errors from proof/nmt are wrapped alongside, so errors.Is finds both.
var (
	// ErrInvalidEncoding is returned by decoders for bytes that are not a canonical encoding.
	ErrInvalidEncoding = errors.New("ordering: invalid encoding")
	// ErrInvalidCommittee is returned for an empty or oversized committee, or a nil key.
	ErrInvalidCommittee = errors.New("ordering: invalid committee")
	// ErrZeroStake is returned for a member with no stake (and so a committee with none).
	ErrZeroStake = errors.New("ordering: zero stake")
	// ErrStakeOverflow is returned when the stakes of a committee do not sum within 256 bits.
	ErrStakeOverflow = errors.New("ordering: total stake overflows")
	// ErrThreshold is returned for a quorum fraction outside (0, 1].
	ErrThreshold = errors.New("ordering: threshold outside (0, 1]")
	// ErrDuplicateSigner is returned for a key that appears twice in a committee, or a
	// member listed twice among a QC's signers.
	ErrDuplicateSigner = errors.New("ordering: duplicate signer")
	// ErrBitmap is returned for a signer bitmap whose length is not ⌈members/8⌉ or that sets
	// bits past the last member.
	ErrBitmap = errors.New("ordering: invalid signer bitmap")
	// ErrNoSigners is returned for a QC that no member signed.
	ErrNoSigners = errors.New("ordering: no signers")
	// ErrNoQuorum is returned when the signers' stake is below the committee's quorum.
	ErrNoQuorum = errors.New("ordering: no quorum")
	// ErrInvalidSignature is returned when an aggregate or single BLS signature does not verify.
	ErrInvalidSignature = errors.New("ordering: invalid signature")
	// ErrEpoch is returned when a commitment or handover names another committee epoch.
	ErrEpoch = errors.New("ordering: wrong epoch")
	// ErrHeight is returned for a commitment at an unexpected height.
	ErrHeight = errors.New("ordering: wrong height")
	// ErrFork is returned for a commitment that does not extend the trusted chain.
	ErrFork = errors.New("ordering: fork")
	// ErrTimestamp is returned for a commitment timestamp below its parent's.
	ErrTimestamp = errors.New("ordering: timestamp goes backwards")
	// ErrHandover is returned for a committee handover that is not hash-linked to the
	// current committee.
	ErrHandover = errors.New("ordering: invalid handover")
	// ErrInvalidProof is returned when a rollup block or inclusion does not verify against
	// its commitment; the proof/nmt error is wrapped beside it.
	ErrInvalidProof = errors.New("ordering: invalid proof")
	// ErrInvalidTx is returned for an empty or oversized transaction, or too many of them.
	ErrInvalidTx = errors.New("ordering: invalid transaction")
	// ErrUnknownRollup is returned when a block holds nothing for a rollup it is asked about.
	ErrUnknownRollup = errors.New("ordering: unknown rollup")
	// ErrNotEquivocation is returned for evidence that shows no member signing two different
	// commitments at one height.
	ErrNotEquivocation = errors.New("ordering: not an equivocation")
	// ErrInvalidPreconf is returned for a malformed preconfirmation (deadline before its
	// first height, or a window longer than MaxPreconfWindow).
	ErrInvalidPreconf = errors.New("ordering: invalid preconfirmation")
	// ErrNotBreach is returned for breach evidence that does not cover every height of the
	// promise, or against a promise that was kept.
	ErrNotBreach = errors.New("ordering: preconfirmation not breached")
	// ErrInvalidNsTable is returned for an Espresso-style namespace table that breaks its rules.
	ErrInvalidNsTable = errors.New("ordering: invalid namespace table")
)
