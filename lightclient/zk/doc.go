// Package zk is a light client whose updates are zero-knowledge proofs of Ethereum
// consensus, as SP1-Helios (succinctlabs/sp1-helios, contracts/src/SP1Helios.sol) runs it
// on chain: a program verifies sync-committee signatures off chain, and its Groth16
// proof over BN254 (proof/groth16's SP1Verifier) attests public values naming the
// previous and the new beacon header and slot, the new header's execution state root and
// the sync-committee hashes.
//
// The program's verification key is pinned in Config; the public values are read by a
// pluggable PublicValuesDecoder (the ABI layouts SP1-Helios has shipped are provided);
// an update must start from a header the client already trusts and move the head
// forward. Verified roots are published through lightclient.RootSource at Finalized,
// since SP1-Helios proves finalized headers: the beacon block root at its slot, and the
// execution state root at the same slot, as SP1Helios.executionStateRoots keys it.
package zk
