// Package polymer verifies Polymer Prove API v2 proofs (polymerdao/prover-contracts,
// CrossL2ProverV2.validateEvent and validateSolanaLogs): a source-chain event or Solana
// program log, committed under a Polymer (Peptide) app hash that the Polymer sequencer
// signed, through a compact IAVL existence proof.
//
// The sequencer signs keccak256(bytes32(0) ‖ chainID ‖ keccak256(appHash ‖
// u64be(peptideHeight))) with plain ECDSA (OP Stack p2p style, no EIP-191), recovered
// here with crypto/secp256k1 under OpenZeppelin ECDSA.recover's rules, as
// SequencerSignatureVerifierV2 does: v 27 or 28, s at most n/2. The stored value is
// keccak256 of the raw event. Every error wraps one of the package's sentinels.
//
// Two parts of an event proof are not authenticated, in the deployed contract as here:
// the topic count at byte 125 (the stored value commits to emitter ‖ topics ‖ data as one
// string, so whoever relays a proof can move 32-byte words between Topics and Data), and
// any bytes after the IAVL path (ignored). A consumer must check that an event has the
// topic count its signature implies before reading Topics or Data. Likewise for Solana
// proofs (CrossL2ProverV2.validateSolLogs): the value commits to programID ‖ the log
// messages concatenated, so the message count at byte 117 and the boundaries between
// messages are not authenticated; only the concatenation is. Generators for property tests
// are in polymertest.
//
// Chain ids arrive as Polymer's configuration and API give them, 64-bit integers in JSON
// (ChainID, a number or a decimal string). NewVerifier takes the Polymer chain id in that
// form and deploys it as the contract does, bytes32(uint256(id)), signed whole; a source
// chain id travels in the proof as 32 bits and is spelled in the key from those bits, so
// ValidateEventFrom refuses a requested source id that does not fit or is not the proof's.
//
// # Resource bounds
//
// Every count and offset in the layout is a byte or a u16, so a proof describes at most 255
// topics, 255 log messages and 255 IAVL steps of at most 255 bytes each:
//
//   - ValidateEvent: at most 255 topics (8 KiB), one recovery, one hash of the event, and
//     VerifyIAVL's work; bytes after the path are not read.
//   - ValidateSolanaLogs: at most 255 messages (a slice header each, not copied) and one
//     copy of their concatenation to hash; then as ValidateEvent.
//   - ChainID.UnmarshalJSON: at most 22 bytes read, refused before reading past them; nothing
//     allocated but an error.
//   - VerifyIAVL: at most 256 SHA-256 hashes of at most 287 bytes plus the key; one
//     buffer, reused; malformed offsets are refused before they are used.
//
// TestBoundsAllocPerInputByte holds each at those limits to about one byte allocated per
// input byte; TestBoundsChainID holds the chain id decoder to none.
//
// # Concurrency
//
// Functions are safe for concurrent use, ChainID is a plain integer, and a Verifier is
// only read by its methods: one Verifier may validate proofs on many goroutines at once.
package polymer
