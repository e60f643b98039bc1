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
//
// # Resource bounds
//
// [HeliosV1] and [HeliosV2] read exactly 224 and 256 bytes; any other length is refused
// without allocating. [HeliosStorage] reads 352 bytes plus 96 per storage slot, at most
// [MaxStorageSlots]; the slot count is checked against the bound and the input length
// before the slots are allocated (memory O(len(b)), about one byte per input byte).
// [Client.Update] decodes first (the decoder's bound), then does O(1) map look-ups, then
// runs the ProofVerifier once (the pairing is the ProofVerifier's bound: proof/groth16's
// SP1Verifier reads a fixed-size proof); an accepted update adds O(len(publicValues)) to
// what the client keeps (its header, roots, committees and storage slots).
//
// # Concurrency
//
// A [Client] is safe for concurrent use: updates are serialized and readers see the
// client before or after an update. The decoders are stateless values, safe for
// concurrent use; a Config's ProofVerifier must be safe for concurrent use if the client
// is shared (proof/groth16's verifiers are).
package zk
