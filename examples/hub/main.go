// Command hub is a verification hub: it verifies messages of three messaging systems from
// what each system emits. First one Hyperlane message, three ways:
//
//  1. by a 2-of-3 ECDSA attestation committee (lightclient.Threshold);
//  2. by a routing stack (lightclient.Route, Hyperlane's DomainRoutingIsm) whose route for
//     the message's origin is LayerZero's rule, required + optional verifiers
//     (lightclient.RequiredOptional), with Hyperlane's message-id multisig ISM required;
//  3. by state: the origin is an OP Stack chain whose L2ToL1MessagePasser marked the
//     message id sent, proven from an L1 state root through the L2OutputOracle's output
//     root (lightclient/opstack).
//
// Then a forged signature and a replay of the attestation to another route are refused,
// with the verdict trees saying why (4 to 6).
//
// A LayerZero v2 packet (lightclient/layerzero), Ethereum → Arbitrum: its GUID, header and
// payload hashes; three of the receive library's four DVNs (MultiSigs with their own
// signer sets and quorums) sign verify(header, payloadHash, confirmations) instructions,
// accepted under ReceiveUlnBase's rule — both required DVNs and one of two optional ones —
// composed with lightclient.RequiredOptional (7); a tampered payload is refused (8), and
// so are the DVNs' instructions rewritten to match it (9). The same packet on the storage
// route: ReceiveUln302's hashLookup slots proven from a destination state root (proof/mpt)
// (10), and the tampered payload's slots proven empty (11).
//
// An IBC packet commitment (ibc-go CommitPacket, under 24-host's PacketCommitmentKey) in
// the "ibc" IAVL store of a Cosmos SDK chain's multistore, whose root is the app hash:
// the relayer's MerkleProof (IAVL, then the multistore's simple tree) chained to the app
// hash over the MerklePath ("ibc", key) with ibc-go's SDK specs (proof/ics23), as bytes
// and as an ABCI query's ProofOps (12); tampered packet data (13) and a flipped proof
// byte (14) are refused. The same verification on a proof a real chain served (a union
// devnet's connection end, exampledata) accepts (15), and refuses the value one byte off
// (16).
//
// Everything is deterministic: keys come from fixed seeds and the chains are built in
// memory.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hub:", err)
		os.Exit(1)
	}
}
