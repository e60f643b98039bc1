package espresso

import "errors"

// Sentinel errors of the finality part: the light-client contract's state read from Ethereum
// storage proofs, and block Merkle tree proofs checked against it. Every error the part returns
// wraps one of them, with the offending value.
var (
	// ErrNotFinal: the block's height is not below the finalized block height, so the finalized
	// block commitment tree cannot hold it yet.
	ErrNotFinal = errors.New("espresso: block not final under the light client state")
	// ErrWrongRoot: a block tree proof leads to a tree whose commitment does not hash to the
	// light client's blockCommRoot (or to the commitment given).
	ErrWrongRoot = errors.New("espresso: block tree proof leads to a different root")
	// ErrBlockProofShape: a block tree proof is malformed for the tree it claims (path length,
	// arity, node kinds, position, inconsistent recorded node values).
	ErrBlockProofShape = errors.New("espresso: malformed block tree proof")
	// ErrBlockProofLeaf: the proof is for another position or another leaf than the one asked.
	ErrBlockProofLeaf = errors.New("espresso: block tree proof is for another block")
	// ErrBlockTreeCommitment: a block tree commitment (MERKLE_COMM) is malformed.
	ErrBlockTreeCommitment = errors.New("espresso: invalid block tree commitment")
	// ErrBlockProofJSON: a block tree proof's JSON is malformed.
	ErrBlockProofJSON = errors.New("espresso: invalid block tree proof JSON")
	// ErrStorageProof: the eth_getProof response does not prove the light client's storage
	// under the trusted state root (it also wraps proof/mpt's own error).
	ErrStorageProof = errors.New("espresso: light client storage proof failed")
	// ErrLightClientStorage: the proven storage words are not a LightClientState the contract
	// can hold (non-zero unused bits, blockCommRoot not below the BN254 scalar modulus).
	ErrLightClientStorage = errors.New("espresso: invalid light client storage value")
)
