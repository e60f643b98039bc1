// Package opstack verifies OP Stack state against trusted roots: version-0 output roots
// (specs/protocol/proposals.md, "L2 Output Commitment Construction"), an output root
// proven from L1 state through L2OutputOracle's storage (OracleProof, against an L1 state
// root from any lightclient.RootSource), then L2 storage values and withdrawals under that
// output root (VerifyL2Storage, VerifyWithdrawal, as OptimismPortal proves them), and the
// interop layer: super roots v1, DisputeGameFactory game UUIDs, and the message checksum
// and access-list entries of specs/interop (CrossL2Inbox, op-supervisor types.go).
//
// DecodeOutputResponse reads op-node's optimism_outputAtBlock answer as nodes return it
// and checks its output root against the roots beside it; the preimage it yields is what
// VerifyL2Storage and VerifyWithdrawal take. The answer's block number is not covered by
// the output root: trust it no more than the node, or prove the root from L1.
//
// Proofs are proof/mpt's EIP-1186 proofs; every error wraps one of this package's
// sentinels, with the mpt error beneath it.
//
// # Resource bounds
//
//   - DecodeSuperRoot: at most MaxSuperRootChains (4,096) chains, refused before allocating;
//     one 64-byte entry per 64 input bytes.
//   - DecodeAccess: at most three entries read, no allocation; DecodeAccessList: one pass,
//     one 88-byte Access per two entries, allocated once.
//   - OracleProof.Verify, VerifyL2Storage, VerifyWithdrawal, OutputFromState: proof/mpt's
//     bounds for each proof (one pass over the nodes on the path, memory proportional to
//     their size); junk nodes are refused at the first hash mismatch.
//   - DecodeOutputResponse: input over MaxOutputResponseSize (1 MiB) refused before
//     reading; one pass of encoding/json tokens, at most about 60 bytes allocated per input
//     byte (a JSON array of one-digit numbers, the worst case measured), nesting as deep as
//     encoding/json allows.
//   - GameUUID, LogPayload, Checksum, OracleSlots: one allocation of the encoded size at
//     most, one hash.
//
// TestBoundsAllocPerInputByte and TestBoundsOutputResponse hold each to the project's
// bound (internal/hostile), the binary decoders to a few bytes per input byte.
//
// # Concurrency
//
// Functions are safe for concurrent use; they keep no state. OracleProof, OutputV0,
// OutputResponse, SuperRoot and Access values are only read by their methods, so one
// value may be verified or encoded by many goroutines at once (the RootSource passed in
// must be safe for concurrent reads too, as lightclient.Memory is).
package opstack
