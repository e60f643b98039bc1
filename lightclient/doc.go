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
// are committees that rotate with explicit epochs ([Committee.Rotate]); [All], [Any],
// [RequiredOptional] (LayerZero's DVN rule) and [Route] (Hyperlane's domain-routing ISM)
// compose them; [Pin] binds a verifier to one route. Members sign
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
package lightclient
