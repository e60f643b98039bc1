// Package opstack verifies OP Stack state against trusted roots: version-0 output roots
// (specs/protocol/proposals.md, "L2 Output Commitment Construction"), an output root
// proven from L1 state through L2OutputOracle's storage (OracleProof, against an L1 state
// root from any lightclient.RootSource), then L2 storage values and withdrawals under that
// output root (VerifyL2Storage, VerifyWithdrawal, as OptimismPortal proves them), and the
// interop layer: super roots v1, DisputeGameFactory game UUIDs, and the message checksum
// and access-list entries of specs/interop (CrossL2Inbox, op-supervisor types.go).
//
// Proofs are proof/mpt's EIP-1186 proofs; every error wraps one of this package's
// sentinels, with the mpt error beneath it.
//
// # Resource bounds
//
//   - DecodeSuperRoot: at most MaxSuperRootChains (4,096) chains, refused before allocating;
//     one 64-byte entry per 64 input bytes.
//   - ParseAccess: at most three entries read, no allocation; ParseAccessList: one pass,
//     one 88-byte Access per two entries, allocated once.
//   - OracleProof.Verify, VerifyL2Storage, VerifyWithdrawal, OutputFromState: proof/mpt's
//     bounds for each proof (one pass over the nodes on the path, memory proportional to
//     their size); junk nodes are refused at the first hash mismatch.
//   - GameUUID, LogPayload, Checksum, OracleSlots: one allocation of the encoded size at
//     most, one hash.
//
// TestBoundsAllocPerInputByte holds each to a few bytes allocated per input byte.
//
// # Concurrency
//
// Functions are safe for concurrent use; they keep no state. OracleProof, OutputV0,
// SuperRoot and Access values are only read by their methods, so one value may be verified
// or encoded by many goroutines at once (the RootSource passed in must be safe for
// concurrent reads too, as lightclient.Memory is).
package opstack
