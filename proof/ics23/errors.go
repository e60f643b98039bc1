package ics23

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrMalformed: the proof bytes are not a canonically encoded CommitmentProof.
	ErrMalformed = errors.New("ics23: malformed proof")
	// ErrSpec: the proof's leaf or inner operations do not have the shape the ProofSpec
	// requires (hash functions, prefixes, depth, IAVL node metadata).
	ErrSpec = errors.New("ics23: proof does not match spec")
	// ErrNoProofForKey: the CommitmentProof holds no existence proof for the key, or no
	// non-existence proof whose neighbours bracket it.
	ErrNoProofForKey = errors.New("ics23: no proof for key")
	// ErrValueMismatch: the existence proof is for a different value.
	ErrValueMismatch = errors.New("ics23: value does not match proof")
	// ErrRootMismatch: the proof computes a different root.
	ErrRootMismatch = errors.New("ics23: root does not match proof")
	// ErrInvalidProof: the proof cannot be evaluated (an empty key, value or child, a
	// non-existence proof whose neighbours are not adjacent or do not bracket the key).
	ErrInvalidProof = errors.New("ics23: invalid proof")
	// ErrUnsupported: a hash or length operation that ics23/go v0.11 does not implement
	// (KECCAK256, BLAKE3, VAR_RLP) or an unknown one.
	ErrUnsupported = errors.New("ics23: unsupported operation")
	// ErrIsMerkleProof: bytes given as a CommitmentProof are an IBC MerkleProof (repeated
	// CommitmentProof), which DecodeMerkleProof reads. Returned with ErrMalformed.
	ErrIsMerkleProof = errors.New("ics23: bytes are an IBC MerkleProof, not a CommitmentProof: use DecodeMerkleProof")
	// ErrIsProofOps: bytes given as a CommitmentProof are CometBFT ProofOps (an ABCI
	// query's proof), which DecodeProofOps reads. Returned with ErrMalformed.
	ErrIsProofOps = errors.New("ics23: bytes are CometBFT ProofOps, not a CommitmentProof: use DecodeProofOps")
	// ErrPath: a MerkleProof, its MerklePath and its specs differ in length, or one is
	// empty.
	ErrPath = errors.New("ics23: merkle path does not match the proof")
	// ErrProofOp: a CometBFT ProofOp is not an ICS-23 commitment op: its type is not one
	// the Cosmos SDK store writes, its data holds no single existence or non-existence
	// proof, or its key is not the key that proof is for.
	ErrProofOp = errors.New("ics23: not an ICS-23 commitment proof op")
)
