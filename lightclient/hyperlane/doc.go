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
// Verification is as strict as the contracts, and stricter where they are lax only
// because calldata is trusted to be well formed: metadata with a trailing partial
// signature and message bodies over MaxBodySize are errors. Every error wraps one of the
// package's sentinels. Everything here is safe for concurrent use.
package hyperlane
