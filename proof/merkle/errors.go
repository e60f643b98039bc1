package merkle

import "errors"

// Sentinel errors. Functions wrap them with the offending values; test with errors.Is.
var (
	// ErrInvalidProof is returned when a branch does not lead from the leaf to the root.
	ErrInvalidProof = errors.New("merkle: invalid proof")
	// ErrDepth is returned when a branch is deeper than MaxBranchDepth.
	ErrDepth = errors.New("merkle: branch too deep")
	// ErrIndex is returned when a leaf index does not fit the branch or the tree.
	ErrIndex = errors.New("merkle: leaf index out of range")
	// ErrTreeFull is returned when inserting into a tree that holds MaxLeaves leaves.
	ErrTreeFull = errors.New("merkle: tree full")
	// ErrFinalized is returned when a proof is asked for a leaf that finalization pruned.
	ErrFinalized = errors.New("merkle: leaf finalized")
	// ErrNotFinalized is returned when a snapshot is asked of a deposit tree that was
	// never finalized.
	ErrNotFinalized = errors.New("merkle: deposit tree not finalized")
	// ErrFinalize is returned when finalization data does not match the tree.
	ErrFinalize = errors.New("merkle: invalid finalization")
	// ErrInvalidSnapshot is returned for a malformed or inconsistent deposit tree snapshot.
	ErrInvalidSnapshot = errors.New("merkle: invalid snapshot")
)
