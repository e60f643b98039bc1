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
package bundle
