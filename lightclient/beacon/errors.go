package beacon

import "errors"

// Sentinel errors. Each rejection wraps one, with the values at fault.
var (
	// ErrConfig: a network configuration is malformed.
	ErrConfig = errors.New("beacon: invalid config")
	// ErrInvalidBootstrap: the bootstrap does not match the trusted block root, or its
	// sync committee branch does not verify.
	ErrInvalidBootstrap = errors.New("beacon: invalid bootstrap")
	// ErrInvalidHeader: a light-client header's execution payload does not verify against
	// its body root, or carries fields its fork does not have.
	ErrInvalidHeader = errors.New("beacon: invalid light-client header")
	// ErrInsufficientParticipation: fewer signers than MIN_SYNC_COMMITTEE_PARTICIPANTS.
	ErrInsufficientParticipation = errors.New("beacon: insufficient sync committee participation")
	// ErrInvalidSlots: the update's slots are not ordered current >= signature > attested >=
	// finalized.
	ErrInvalidSlots = errors.New("beacon: invalid update slots")
	// ErrWrongPeriod: the update is signed in a period the store cannot verify (it skips a
	// period, or the next committee is unknown).
	ErrWrongPeriod = errors.New("beacon: update from the wrong sync committee period")
	// ErrIrrelevantUpdate: the update neither advances the finalized header nor supplies a
	// needed next sync committee (stale or non-increasing).
	ErrIrrelevantUpdate = errors.New("beacon: update is not relevant")
	// ErrInvalidFinalityProof: the finality branch does not prove the finalized header in the
	// attested state, or an update without finality carries a finalized header.
	ErrInvalidFinalityProof = errors.New("beacon: invalid finality proof")
	// ErrInvalidSyncCommitteeProof: the next-sync-committee branch does not prove the
	// committee in the attested state, or contradicts the known next committee.
	ErrInvalidSyncCommitteeProof = errors.New("beacon: invalid next sync committee proof")
	// ErrInvalidSyncCommittee: a committee holds a key that fails KeyValidate (infinity,
	// not in the subgroup, not on the curve).
	ErrInvalidSyncCommittee = errors.New("beacon: invalid sync committee key")
	// ErrInvalidSignature: the sync aggregate signature does not verify.
	ErrInvalidSignature = errors.New("beacon: invalid sync committee signature")
	// ErrFork: a container of a fork the network does not run at that slot (its label is
	// not compute_fork_version of its header's epoch under the config, or is not a fork
	// with light-client types), a header labelled otherwise than its container, a branch
	// or committee whose size is not that fork's and preset's, or a container of a later
	// fork than the store.
	ErrFork = errors.New("beacon: fork mismatch")
)
