package astria

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
// Errors from lightclient/tendermint and proof/nmt are wrapped alongside, so errors.Is
// finds both.
var (
	// ErrDecode is returned for bytes that are not a strict protobuf encoding of the message:
	// an unknown or mismatched wire type, a non-minimal varint, a length past the end, a
	// non-repeated field twice, a hash of the wrong length, a missing required field.
	ErrDecode = errors.New("astria: invalid protobuf encoding")
	// ErrTooLarge is returned for an input or a count over the package's bounds.
	ErrTooLarge = errors.New("astria: too large")
	// ErrProof is returned for an astria.primitive.v1.Proof that is malformed (tree size not
	// 2n-1 nodes, leaf outside it, audit path not whole hashes) or does not lead to its root.
	ErrProof = errors.New("astria: invalid merkle proof")
	// ErrRollupTransactionsRoot is returned when rollup_transactions_root is not proven
	// into data_hash, or the rollups served do not rebuild it.
	ErrRollupTransactionsRoot = errors.New("astria: rollup transactions root not in data hash")
	// ErrRollupIDsRoot is returned when the rollup ids do not rebuild a root proven into
	// data_hash, or are not strictly sorted.
	ErrRollupIDsRoot = errors.New("astria: rollup ids not in data hash")
	// ErrRollupNotIncluded is returned when a rollup's transactions do not rebuild its leaf
	// id ‖ MTH(txs) under rollup_transactions_root: a transaction omitted, inserted, changed
	// or reordered.
	ErrRollupNotIncluded = errors.New("astria: rollup transactions not in block")
	// ErrNotServed is returned when a rollup the ids root lists has no transactions in a
	// filtered block, so neither its data nor its absence can be shown.
	ErrNotServed = errors.New("astria: rollup listed but not served")
	// ErrHeaderMismatch is returned when the sequencer block does not match the CometBFT
	// signed header: block hash, chain id, height, time, proposer or data_hash.
	ErrHeaderMismatch = errors.New("astria: sequencer block does not match signed header")
	// ErrConfig is returned by NewSoftVerifier for an invalid configuration.
	ErrConfig = errors.New("astria: invalid verifier configuration")
)
