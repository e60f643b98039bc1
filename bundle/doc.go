// Package bundle is atomic cross-rollup bundles, and the verdict on their atomicity.
//
// A shared sequencer can guarantee atomic inclusion: every leg of a bundle is ordered at
// the same height, or none is. Only state proofs can show atomic execution: each leg's
// receipt, proven under a receipts root that a light client trusts, says whether it ran.
// This package makes both checkable and says which happened:
//
//   - [Bundle]: legs (destination chain, opaque transaction bytes, optional expected effect,
//     a MayRevert flag as in Flashbots bundles, a validity window), a nonce and the
//     submitter; a canonical encoding, a domain-separated [Bundle.ID], secp256k1 signing.
//   - [Packer]: the sequencer side, selecting conflict-free, capacity-respecting,
//     all-or-nothing sets of bundles and single transactions for one height.
//   - [CheckInclusion]: from a shared sequencer's verified per-rollup transaction lists
//     (interface [Ordered]; [VerifyOrdered] builds it from package ordering's certified
//     commitment and rollup blocks), IncludedAtomically, NotIncluded, or PartiallyIncluded
//     with evidence. [Bundle.Sequenced] hands a bundle to ordering's Builder.
//   - [CheckExecution]: from per-leg execution evidence checked by an [ExecutionVerifier]
//     (the EVM one, [ReceiptVerifier], uses proof/mpt receipt proofs against roots from a
//     lightclient.RootSource), AllExecuted, NoneExecuted, or Violated with the legs and the
//     proofs, at the finality of the weakest root used.
//
// The package declares the narrow interfaces it consumes (Ordered, ExecutionVerifier,
// lightclient.RootSource); it imports no light client implementation, and package ordering
// only for the adapter above.
//
// # Resource bounds
//
// Every decoder and verifier takes attacker-chosen input; its limits are checked before
// anything is allocated for it, and its work and memory are linear in its input:
//
//   - [DecodeBundle]: at most MaxLegs legs of MaxTxSize bytes and MaxEffectLen
//     bytes of expected data each (about 12.6 MiB); the leg count is checked against the
//     bytes left before legs are allocated; memory one copy of the input.
//   - [Bundle.Validate]: no allocation; at most MaxLegs²/2 comparisons of legs on one chain.
//   - [Signed.Verify]: one encoding (O(size)), one keccak256, one ecrecover.
//   - [CheckInclusion]: one pass over each covered chain's list, a hash lookup per
//     transaction: linear in the lists' bytes, never legs × transactions; memory O(size of
//     the bundle).
//   - [CheckExecution] with [ReceiptVerifier]: per included leg two root lookups and two
//     proof/mpt proofs (at most mpt.MaxProofNodes nodes each); per missing leg a window of at
//     most MaxAbsenceBlocks heights, refused (ErrAbsenceWindow) before any block is read,
//     then one root lookup and one DeriveRoot per block: linear in the evidence.
//   - [VerifyOrdered]: one QC verification (one pairing check) and one namespace proof per
//     rollup block: linear in the blocks.
//   - [Packer.Pack] and [Packer.Rank]: O(n log n) in the candidates plus their legs and keys;
//     for ExactLimit candidates or fewer, a branch and bound over at most 2^(ExactLimit+1)
//     nodes of constant cost (conflicts are bitmasks), however large the candidates; memory
//     linear in the input. Capacity sums are checked, never wrapped, for every uint64
//     capacity and size.
//
// TestBoundsAllocPerInputByte holds each to at most 100 bytes allocated per input byte.
//
// # Concurrency
//
// The package starts no goroutines. A Bundle, Signed or Packer that nobody modifies may be
// read from any number of goroutines at once (Validate, ID, AppendBinary, Verify, Chains,
// Sequenced, Pack, Rank). ReceiptVerifier is safe for
// concurrent use when its RootSource is (lightclient.Memory is), and so are CheckExecution
// and CheckInclusion with it; the Ordered that VerifyOrdered returns is immutable.
package bundle
