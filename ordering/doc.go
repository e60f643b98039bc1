// Package ordering verifies what a shared sequencer (Espresso, Astria, Radius) promises
// and builds the sequencer side of it: the order of every rollup's transactions at each
// height, certified by a stake-weighted committee. It says nothing about execution: that a
// transaction was ordered does not mean it ran, or ran with any effect; for that, combine
// ordering with proof and lightclient (see package bundle).
//
// The pieces:
//
//   - Commitment: height, parent hash, timestamp, committee epoch and the root of a
//     namespaced Merkle tree (proof/nmt, 8-byte namespaces = chain ids, IgnoreMaxNamespace
//     off) over every rollup's transactions; canonical 104-byte encoding, domain-separated
//     SHA-256 hash.
//   - Committee and QC: BLS12-381 keys (crypto/bls, Ethereum's proof-of-possession
//     ciphersuite) with uint256 stakes; a QC is a signer bitmap and one aggregate signature,
//     and it is a quorum iff signed ≥ ⌊2·total/3⌋ + 1, HotShot's success_threshold
//     (espresso-network stake_table.rs) with its overflow-safe branch, or a configured
//     fraction in (0, 1]. Committees rotate by epoch with a hash-linked, certified Handover.
//   - RollupBlock: a rollup's transactions at a height with the NMT namespace proof that
//     they are all of them, in order, so a rollup node derives its chain from the
//     sequencer's and can prove nothing was omitted, inserted or reordered. Inclusion
//     proves a single transaction (e.g. a bundle leg) present.
//   - Chain: a hash-linked run of certified commitments from a trusted one; forks, gaps,
//     time going backwards and foreign epochs are rejected.
//   - Equivocation: two certified commitments at one height; verifying it yields the
//     members that signed both and their slashable stake.
//   - Preconf and Breach: a sequencer-signed promise (tx hash, rollup, heights, optional
//     position) and the evidence that it was broken: certified, linked commitments with
//     complete rollup blocks that lack the transaction at every height of the window.
//   - Builder: from per-rollup mempools and bundles whose legs must share a height to a
//     Block, which yields the commitment and every per-rollup proof.
//   - Astria's RFC 6962 rollup roots and Espresso-style namespace tables, for checking
//     those sequencers' own commitments.
//
// Every verifier lists its checks, cheap ones first, pairings last.
//
// # Resource bounds
//
// Decoders check counts and lengths against their limits and the bytes left before
// allocating; verifiers do work linear in their input, pairings last:
//
//   - [DecodeCommitment]: exactly CommitmentSize bytes; no allocation.
//   - [DecodeQC]: at most 2+MaxCommitteeSize/8+96 bytes; one copy of the bitmap and one
//     subgroup-checked G2 point.
//   - [DecodeRollupBlock]: at most MaxTxsPerHeight transactions, and at most one per 5 bytes
//     left, checked before the list is allocated; transactions alias the input; memory 24
//     bytes per transaction plus the proof's node headers.
//   - [DecodeNsTable]: O(len(b)) time and memory (a copy, the entries and a set of ids).
//   - [Committee.VerifyQC], [Committee.VerifyHandover], [Chain.Append]: one pass over the
//     bitmap (at most MaxCommitteeSize/8 bytes), one G1 addition per signer and one pairing
//     check; memory constant (signer keys are summed 256 at a time). [VerifyChain]: that per
//     commitment.
//   - [RollupBlock.Verify], [Inclusion.Verify]: proof/nmt verification, linear in the
//     transactions and at most nmt.MaxProofNodes proof nodes.
//   - [Equivocation.Verify]: two bitmap passes and two aggregate verifications; memory one
//     int per member named.
//   - [Breach.Verify]: at most MaxPreconfWindow heights, refused before any entry is read;
//     per height a commitment hash, RollupBlock.Verify and one keccak256 per transaction;
//     then one BLS verification and one QC verification per height.
//   - [AstriaRoots]: one hash per transaction and per rollup; memory linear in them.
//   - [NewCommittee]: linear in the members.
//
// TestBoundsAllocPerInputByte holds each to at most 100 bytes allocated per input byte.
//
// # Concurrency
//
// The package starts no goroutines. Committees, Blocks, Commitments, QCs, NsTables and
// decoded RollupBlocks, Inclusions, Equivocations and Breaches are safe for concurrent reads
// and verification once built; Builder and Chain are not safe for concurrent use.
package ordering
