package radius

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrInvalidEncoding is returned for JSON that is not the canonical form tx_orderer
	// serves: unknown or repeated fields, non-canonical numbers or hex, a wrong length.
	ErrInvalidEncoding = errors.New("radius: invalid encoding")
	// ErrTooLarge is returned for input past a documented bound (MaxCommitmentJSON,
	// MaxRollupIDLen, MaxPathLen, MaxTxs, MaxTxLen), before it is allocated.
	ErrTooLarge = errors.New("radius: input over its bound")
	// ErrUnsigned is returned for a commitment of type transaction_hash: tx_orderer then
	// answers with the bare transaction hash, which promises nothing verifiable.
	ErrUnsigned = errors.New("radius: order commitment is not signed")
	// ErrBundle is returned for a bundle order commitment, which tx_orderer declares but
	// never issues or signs; there is no signing rule to verify it against.
	ErrBundle = errors.New("radius: bundle order commitments are not supported")
	// ErrInvalidSignature is returned for a signature that is malformed or recovers no key:
	// v outside {27, 28}, r or s out of range, or s above n/2.
	ErrInvalidSignature = errors.New("radius: invalid signature")
	// ErrWrongSigner is returned when a signature recovers an address other than the
	// orderer's.
	ErrWrongSigner = errors.New("radius: signed by another address")
	// ErrPosition is returned when a block does not hold the committed transaction at the
	// committed position.
	ErrPosition = errors.New("radius: transaction not at its committed position")
	// ErrPrefix is returned when the transactions before the committed position do not
	// hash to the commitment's pre_merkle_path.
	ErrPrefix = errors.New("radius: transactions before the position differ from pre_merkle_path")
	// ErrNotBreach is returned for breach evidence whose block keeps the commitment; it is
	// wrapped beside ordering.ErrNotBreach.
	ErrNotBreach = errors.New("radius: order commitment kept")
)
