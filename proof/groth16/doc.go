// Package groth16 verifies Groth16 proofs over BN254 (Groth, "On the Size of
// Pairing-based Non-interactive Arguments", EUROCRYPT 2016) in the encodings deployed
// systems use:
//
//   - snarkjs / circom JSON (verification_key.json, proof.json, public.json): ParseSnarkJS;
//   - gnark's binary serialization of backend/groth16/bn254 keys and proofs, WriteTo
//     (compressed) and WriteRawTo (uncompressed), including gnark's commitment extension
//     (BSB22 Pedersen commitments with a folded proof of knowledge): ParseGnarkVerifyingKey,
//     ParseGnarkProof;
//   - the uint256[8] calldata of Solidity verifiers, G2 coordinates in EIP-197 order
//     (imaginary part first): ParseEVMProof; and SP1's proof envelope (sp1-contracts
//     SP1VerifierGroth16: verifier-hash selector, exit code, vk root, nonce): SP1Verifier.
//
// Keys and proofs from any parser mix freely. Verify checks one proof with one
// multi-pairing against the precomputed e(α, β), with the lines of −γ and −δ and window
// tables of the IC points precomputed in the key; BatchVerify checks many proofs under one key with a random linear
// combination and one final exponentiation.
//
// Everything is checked where it enters: coordinates below p, points on the curve, G2
// points in the order-r subgroup (G1 has cofactor 1), public inputs below r (an input
// x + r is refused, not reduced: the classic malleability bug), input counts equal to the
// key's, committed-input indices in range (gnark panics on a key where they are not).
// Every error wraps one of the package's sentinels.
//
// PrecompileAdd, PrecompileScalarMul and PrecompilePairing implement the BN254
// precompiles 0x06, 0x07 and 0x08 with the input rules of EIP-196 and EIP-197, so that a
// caller can reproduce what a contract's verifier computes on chain.
//
// # Resource bounds
//
// Every count is checked against the bytes that remain (gnark) or against its limit
// (JSON) before anything is allocated; no parser allocates more than about 100 bytes per
// input byte beyond a fixed 80 KiB (the lines of −γ and −δ and e(α, β)):
//   - ParseGnarkVerifyingKey: at most MaxPublicInputs+1+MaxCommitments IC points and
//     MaxCommitments commitment keys; a count the remaining bytes cannot hold is refused
//     (a declared 2^32−1 costs nothing). Keys of at most 64 IC points get window tables of
//     15 points each (960 bytes per 32-byte compressed point, nothing else allocated to
//     build them). Time: one square root and one subgroup check per point, and one
//     pairing.
//   - ParseGnarkProof: at most MaxCommitments commitments, checked against the input first.
//   - ParseSnarkJS: encoding/json's linear decoding, then at most MaxPublicInputs+1 IC
//     points and MaxPublicInputs inputs; under 90 bytes per input byte at worst (64 IC
//     points written as ["1","2","1"], each getting a window table).
//   - ParseEVMProof, SP1Verifier.Decode: fixed sizes, O(1).
//   - Verify: a multi-scalar multiplication over the key's inputs (checked equal to
//     NumPublic first) and one multi-pairing of 3 + NumCommitments + 1 pairs; BatchVerify
//     the same per proof and one pairing for all. Memory O(inputs + commitments).
//   - PrecompilePairing: at most MaxPairingPairs pairs, length checked first.
//
// # Concurrency
//
// Keys, proofs and SP1Verifiers are immutable once built and safe for concurrent use;
// every function is. Verify starts no goroutines; BatchVerify splits its proofs over up to
// GOMAXPROCS goroutines (interop.Workers sets another count, 1 keeps it on the caller's),
// which end before it returns, and its answer does not depend on the count.
package groth16
