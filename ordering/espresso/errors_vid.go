package espresso

import "errors"

// Sentinel errors of the VID part (namespace proofs, AVID-M, namespace payloads).
var (
	// ErrVIDParam: an AVID-M parameter out of range (0 < recovery threshold <= total weights
	// <= MaxAvidMTotalWeights).
	ErrVIDParam = errors.New("espresso: invalid AVID-M parameter")
	// ErrVIDEncoding: a namespace proof, VID commitment or query response is malformed
	// (JSON shape, base64, tagged base64, canonical serialisation, sizes).
	ErrVIDEncoding = errors.New("espresso: malformed VID encoding")
	// ErrVIDUnsupported: a namespace proof of a VID scheme this package does not verify.
	ErrVIDUnsupported = errors.New("espresso: unsupported VID scheme")
	// ErrVIDNamespace: the proof is for another namespace than the one asked for, or its
	// index or payload length disagree with the namespace table.
	ErrVIDNamespace = errors.New("espresso: namespace proof does not match the namespace table")
	// ErrVIDMissingProof: the namespace is in the table but no proof was given.
	ErrVIDMissingProof = errors.New("espresso: namespace in the block but no proof")
	// ErrVIDCommitment: the namespace payload does not open the block's VID commitment.
	ErrVIDCommitment = errors.New("espresso: namespace proof does not match the VID commitment")
	// ErrVIDTransactions: the transactions served beside a proof are not exactly those of
	// the proven namespace payload (omitted, inserted, altered or reordered).
	ErrVIDTransactions = errors.New("espresso: served transactions differ from the proven namespace payload")
)
