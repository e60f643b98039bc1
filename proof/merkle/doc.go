// Package merkle verifies and builds binary Merkle trees of 32-byte nodes over a chosen
// hash (keccak256 or SHA-256), as Ethereum's deposit contract, EIP-4881 and Hyperlane's
// mailbox use them.
//
// It covers:
//
//   - branch verification in a tree of any depth up to 64: VerifyBranch and BranchRoot
//     follow consensus-specs' is_valid_merkle_branch (phase0 beacon-chain.md) with the
//     depth taken from the branch, and Branch.Root is Hyperlane MerkleLib's branchRoot;
//   - the depth-32 incremental tree of the deposit contract (deposit_contract.sol,
//     consensus-specs solidity_deposit_contract) and of Hyperlane (MerkleLib.sol):
//     Incremental keeps only the frontier, as the contracts do, and Tree keeps every full
//     node so that it can prove any leaf, against the current root or an earlier one;
//   - the deposit contract's length mix-in (MixInLength, DepositRoot) and its leaf,
//     hash_tree_root(DepositData) (DepositDataRoot);
//   - EIP-4881 deposit tree snapshots: DepositTree with Finalize, Snapshot, Proof and
//     DepositTreeFromSnapshot, and the Snapshot type in its Beacon-API JSON and SSZ forms.
//
// A tree's hash is a Hasher; Keccak256 and SHA256 allocate nothing per node and their
// zero-hash ladders (Zeros) are computed once. The contracts accept at most MaxLeaves =
// 2^32 - 1 leaves, and so do the trees here.
//
// Verification is strict where the specs are lax: an index with bits above the branch
// depth is rejected rather than ignored, so a proof is valid for exactly one index; and
// DepositTree.Finalize checks the Eth1Data's deposit root against the tree. Every decoder
// and verifier returns an error wrapping one of the package's sentinels.
//
// # Resource bounds
//
//   - VerifyBranch, BranchRoot: at most MaxBranchDepth (64) nodes, refused before any is
//     hashed (ErrDepth); an index with bits above the depth refused (ErrIndex, no shift by
//     64 or more); then len(branch) hashes, nothing allocated. Branch.Root: 32 hashes.
//   - Snapshot.UnmarshalSSZ: length checked first (at most TreeDepth roots); memory 32
//     bytes per root. Snapshot.UnmarshalJSON: the finalized list is counted while it is
//     decoded and refused past TreeDepth roots; linear in the input otherwise.
//   - Snapshot.CalculateRoot, Verify, DepositTreeFromSnapshot: deposit count at most
//     MaxLeaves and one root per set bit, checked first; at most 33 hashes.
//   - Tree, DepositTree: 64 bytes kept per leaf (about twice that allocated while the
//     level slices grow); Insert one hash on average, Root, RootAt, Branch, BranchAt and
//     Proof at most 64. Incremental: 1 KiB whatever its size, at most 32 hashes per call.
//
// # Concurrency
//
// Every function is safe for concurrent use, and so are the Hashers (Keccak256, SHA256).
// Tree, DepositTree and Incremental: their read methods (Root, RootAt, Branch, BranchAt,
// Count, Frontier, DepositRoot, Proof, Snapshot, FinalizedCount) may run concurrently
// with each other; Insert and Finalize must not run with anything else on the same tree.
// A Snapshot is plain data.
package merkle
