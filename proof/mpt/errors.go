package mpt

import "errors"

// Sentinel errors. Every error returned by the package wraps one of them (and, for RLP-level
// faults, also the internal RLP error), with the position and value at fault.
var (
	// ErrInvalidProof: the proof does not lead from the root to an answer for the key.
	ErrInvalidProof = errors.New("mpt: invalid proof")
	// ErrMissingNode: a node referenced along the key's path is not in the proof.
	ErrMissingNode = errors.New("mpt: proof node missing")
	// ErrInvalidNode: a proof node is not a canonical branch, extension or leaf.
	ErrInvalidNode = errors.New("mpt: invalid trie node")
	// ErrInvalidAccount: an account leaf is not RLP([nonce, balance, storageRoot, codeHash]).
	ErrInvalidAccount = errors.New("mpt: invalid account encoding")
	// ErrInvalidValue: a storage leaf is not a canonical RLP integer.
	ErrInvalidValue = errors.New("mpt: invalid storage value encoding")
	// ErrValueMismatch: a proven value differs from the value a response claims.
	ErrValueMismatch = errors.New("mpt: proven value differs from claimed value")
	// ErrInvalidReceipt: a receipt is not a canonical legacy or typed (EIP-2718) receipt.
	ErrInvalidReceipt = errors.New("mpt: invalid receipt encoding")
	// ErrNotFound: the proof proves the key is absent where a value was required.
	ErrNotFound = errors.New("mpt: key proven absent")
	// ErrInvalidJSON: an eth_getProof response is malformed (missing field, bad hex, bad quantity).
	ErrInvalidJSON = errors.New("mpt: invalid eth_getProof JSON")
	// ErrInvalidReceiptJSON: a receipt object (eth_getTransactionReceipt) or receipt list
	// (eth_getBlockReceipts) lacks or malforms a field the consensus encoding needs.
	ErrInvalidReceiptJSON = errors.New("mpt: invalid receipt JSON")
	// ErrReceiptsRoot: a list of receipts does not derive the block's receiptsRoot.
	ErrReceiptsRoot = errors.New("mpt: receipts do not derive the receipts root")
)
