// Package polymer verifies Polymer Prove API v2 proofs (polymerdao/prover-contracts,
// CrossL2ProverV2.validateEvent and validateSolanaLogs): a source-chain event or Solana
// program log, committed under a Polymer (Peptide) app hash that the Polymer sequencer
// signed, through a compact IAVL existence proof.
//
// The sequencer signs keccak256(bytes32(0) ‖ chainID ‖ keccak256(appHash ‖
// u64be(peptideHeight))) with plain ECDSA (OP Stack p2p style, no EIP-191), recovered
// here with crypto/secp256k1. The stored value is keccak256 of the raw event. Every
// error wraps one of the package's sentinels; functions are safe for concurrent use.
//
// Two parts of an event proof are not authenticated, in the deployed contract as here:
// the topic count at byte 125 (the stored value commits to emitter ‖ topics ‖ data as one
// string, so whoever relays a proof can move 32-byte words between Topics and Data), and
// any bytes after the IAVL path (ignored). A consumer must check that an event has the
// topic count its signature implies before reading Topics or Data. Generators for
// property tests are in polymertest.
package polymer
