// Package lightclient is where trusted roots come from. A proof (package proof/...) says
// what is true under a root; this package says which roots to trust, how final they are,
// and who vouched for them.
//
// A [Root] names a chain, a height, what the hash commits to ([RootKind]) and how final it
// is ([Finality]). Consumers — bundle verdicts, intent settlement — ask a [RootSource] for
// the root they need and carry its finality into what they conclude: a verdict is never more
// final than its weakest root.
//
// Committees vouch for claims. A [Claim] is a digest on a route (origin, destination)
// in a committee epoch; a [Verifier] answers an [Attestation] for it with a [Verdict]
// tree that says what every signature and every sub-verifier decided and why.
// [Threshold] (m distinct members, ECDSA or BLS) and [Weighted] (a fraction of stake)
// build committees, refusing an impossible configuration once, when built
// ([ErrInvalidCommittee]); committees rotate with explicit epochs ([Committee.Rotate]);
// [All], [Any], [RequiredOptional] (LayerZero's DVN rule) and [Route] (Hyperlane's
// domain-routing ISM) compose them; [Pin] binds a verifier to one route. Members sign
// [Claim.SigningDigest], which covers route and epoch, and a verdict satisfies only its
// own claim, so an attestation for one route never satisfies another. Hyperlane's
// multisig ISMs (lightclient/hyperlane) are Verifiers too.
//
// Sources live in subpackages: lightclient/beacon (Ethereum's sync-committee light client),
// lightclient/zk (roots attested by a Groth16 proof), lightclient/opstack (OP Stack output
// roots), lightclient/tendermint (CometBFT commits and adjacent steps). Messaging hubs sit
// beside them: lightclient/hyperlane (multisig ISMs) and lightclient/polymer (Prove API
// proofs under a sequencer-signed app hash). [Memory] records roots by hand for tests,
// examples and trusted checkpoints.
//
// # Resource bounds
//
// A committee has at most [MaxCommitteeSize] members; [Threshold] and [Weighted] refuse a
// longer list before copying it. [Committee.Verify] and the stacks ([All], [Any],
// [RequiredOptional], [Route], [Pin]) first refuse an [Attestation] that carries more
// signatures than the stack's committees have members, or one signature twice (the same
// bytes, or an ECDSA signature's other encodings: high s, v as 27/28), in
// O(signatures) time and before any recovery ([ErrTooManySignatures],
// [ErrDuplicateSignature]). After that each signature is recovered or verified at most
// once per Verify call, however many committees of a stack look at it, so the work is at
// most one ECDSA recovery per signature and, for the members' BLS signatures, one
// decoding each and one batch verification over the claim's digest (then one
// verification each only if the batch fails); memory is O(signatures) (about 7 bytes
// allocated per attestation byte at the bound). [Memory]'s
// Add and Root are O(1); Latest is O(roots held).
//
// # Concurrency
//
// [Memory] is safe for concurrent use, writes included. A [Committee] and every stack are
// safe for concurrent Verify calls once built; [Committee.Rotate] must not run
// concurrently with them. Verify does not retain or modify the attestation. Verdicts are
// values owned by the caller. A committee recovers and verifies an attestation's
// signatures on up to GOMAXPROCS goroutines of its own, which end before Verify returns;
// [WithBatch] sets another count for a verifier and the stack under it (interop.Workers:
// 1 keeps everything on the caller's goroutine). The count changes no verdict.
package lightclient
