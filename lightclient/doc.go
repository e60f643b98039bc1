// Package lightclient is where trusted roots come from. A proof (package proof/...) says
// what is true under a root; this package says which roots to trust, how final they are,
// and who vouched for them.
//
// A [Root] names a chain, a height, what the hash commits to ([RootKind]) and how final it
// is ([Finality]). Consumers — bundle verdicts, intent settlement — ask a [RootSource] for
// the root they need and carry its finality into what they conclude: a verdict is never more
// final than its weakest root.
//
// Sources live in subpackages: lightclient/beacon (Ethereum's sync-committee light client),
// lightclient/zk (roots attested by a Groth16 proof), lightclient/opstack (OP Stack output
// roots). [Memory] records roots by hand for tests, examples and trusted checkpoints.
package lightclient
