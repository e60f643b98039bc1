// Package hyperlane verifies Hyperlane v3 messages as a destination chain's multisig
// ISMs do (hyperlane-monorepo solidity/contracts: libs/Message.sol, libs/CheckpointLib.sol,
// isms/multisig/AbstractMultisigIsm.sol, AbstractMessageIdMultisigIsm.sol,
// AbstractMerkleRootMultisigIsm.sol): message encoding and id, checkpoint digests, the
// validators' EIP-191 ECDSA signatures (recovered with crypto/secp256k1 under
// OpenZeppelin ECDSA.recover's rules), and the mailbox's incremental Merkle tree, which
// is proof/merkle's Incremental with Keccak256.
//
// It lives under lightclient, not proof, because it says which roots and messages to
// trust on the word of a validator set: the ISMs adapt to lightclient.Verifier (Claim,
// MessageIDMultisig.Verifier), so that lightclient.Route is Hyperlane's DomainRoutingIsm
// and the ISMs compose with other committees and light clients. Its dependencies point
// down: crypto/secp256k1, proof/merkle, lightclient.
//
// The agents' files decode too: a validator's signed checkpoints as it writes them to its
// checkpoint storage (DecodeSignedCheckpoint, SignedCheckpoint.Verify against the
// validator a relayer expects, MessageIDMetadataFrom to assemble ISM metadata), and its
// announcement.json with ValidatorAnnounce's announcement digest (DecodeSignedAnnouncement,
// SignedAnnouncement.Digest and Verify), as hyperlane-core's SignedType serializes them.
//
// Verification is as strict as the contracts, and stricter where they are lax only
// because calldata is trusted to be well formed: metadata with a trailing partial
// signature and message bodies over MaxBodySize are errors. Every error wraps one of the
// package's sentinels.
//
// # Resource bounds
//
//   - DecodeMessage: bodies up to MaxBodySize (128 KiB), refused before reading; no
//     allocation (the body aliases the input).
//   - DecodeMessageIDMetadata, DecodeMerkleRootMetadata: one copy of the signatures, 65 bytes
//     per 65 input bytes; a trailing partial signature is refused before allocating.
//   - NewMultisig (and the ISMs' constructors): the validator-set check, once, in
//     O(n log n) for n validators and a 20n-byte copy.
//   - Multisig.VerifySignatures and both ISMs' Verify: at most Threshold recoveries,
//     however many signatures the metadata carries (the rest are not read, as on chain)
//     and however often one is repeated (a repeat fails the forward-only scan at once); O(n) comparisons.
//   - Recover: one recovery.
//   - DecodeSignedCheckpoint, DecodeSignedAnnouncement: input over MaxAgentJSONSize
//     (64 KiB) refused before reading; one pass of encoding/json tokens (the signature
//     object copied once), at most about 60 bytes allocated per input byte (a wide array
//     of one-digit numbers in an ignored field, the worst case measured).
//
// TestBoundsAllocPerInputByte holds the binary decoders and verifiers to about one byte
// allocated per input byte at 2^14 signatures and 2^17 validators; TestBoundsAgentJSON
// holds the JSON decoders to the project's bound (internal/hostile).
//
// # Concurrency
//
// Everything here is safe for concurrent use: SignedCheckpoint and SignedAnnouncement
// values are only read by their methods; the ISMs and Multisig are immutable once built
// (their constructors copy the validator list), and their lightclient.Verifier adapters
// keep no state.
package hyperlane
