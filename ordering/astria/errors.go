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
	// ErrShares is returned for Celestia shares that are not exactly one blob: a share
	// not ShareSize bytes, an info byte of another share version or sequence flag, a
	// sequence length that does not match the share count, non-zero padding.
	ErrShares = errors.New("astria: shares are not one blob")
	// ErrNamespace is returned for a blob or share in another namespace than the one
	// Astria posts it under (the sequencer's from its chain id, a rollup's from its id).
	ErrNamespace = errors.New("astria: blob in the wrong namespace")
	// ErrDecompress is returned when a blob's data is not a Brotli stream of at most
	// MaxMessageSize bytes; internal/brotli's sentinel is wrapped beside it.
	ErrDecompress = errors.New("astria: blob does not decompress")
	// ErrDataRoot is returned when a blob's shares are not proven under the Celestia data
	// root; proof/nmt's sentinels are wrapped beside it.
	ErrDataRoot = errors.New("astria: blob not under the celestia data root")
	// ErrNotPosted is returned when the blobs do not hold what the firm commitment
	// needs: no metadata entry of the block, its entry twice, or a listed rollup's data
	// missing or posted twice.
	ErrNotPosted = errors.New("astria: block data not posted")
	// ErrConfig is returned by NewSoftVerifier for an invalid configuration.
	ErrConfig = errors.New("astria: invalid verifier configuration")
)
