// Package opstack verifies OP Stack state against trusted roots: version-0 output roots
// (specs/protocol/proposals.md, "L2 Output Commitment Construction"), an output root
// proven from L1 state through L2OutputOracle's storage (OracleProof, against an L1 state
// root from any lightclient.RootSource), then L2 storage values and withdrawals under that
// output root (VerifyL2Storage, VerifyWithdrawal, as OptimismPortal proves them), and the
// interop layer: super roots v1, DisputeGameFactory game UUIDs, and the message checksum
// and access-list entries of specs/interop (CrossL2Inbox, op-supervisor types.go).
//
// Proofs are proof/mpt's EIP-1186 proofs; every error wraps one of this package's
// sentinels, with the mpt error beneath it. Functions are safe for concurrent use.
package opstack
