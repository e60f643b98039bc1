// Package nmt builds and verifies namespaced Merkle trees with Celestia's rules
// (celestiaorg/nmt hasher.go, proof.go and docs/spec/nmt.md), and plain RFC 6962 Merkle
// paths (RFC 6962 §2.1, RFC 9162 §2.1.3) as Astria commits rollup data with them.
//
// An NMT over leaves sorted by namespace labels every node with the minimum and maximum
// namespace below it: node = min ‖ max ‖ sha256(prefix ‖ …), leaf prefix 0x00, inner
// prefix 0x01, namespace size configurable (Hasher). Because of the labels a proof can show
// not only that some leaves are in the tree but that they are every leaf of their
// namespace (VerifyNamespace), or that the namespace has none (absence and empty proofs).
// That completeness is what a rollup needs from a shared sequencer: its full transaction
// list, with nothing omitted, inserted or reordered.
//
// Verification follows nmt's VerifyNamespace with the fix for GHSA-r9fq-g486-v8pg: the walk
// over the left proof nodes must land exactly on the range start, or the proof is
// incomplete. It is stricter than nmt where nmt is lax by accident: nodes must be exactly
// 2n+32 bytes with min ≤ max, an absence proof takes no leaves, ranges are non-negative.
// Nothing a correct nmt prover emits is rejected. A proof carries no tree size, so where
// the size is not a power of two the index of a range is not bound by it (a leaf carried up
// on the right edge verifies at another position too); VerifyRangeSize takes the size and
// binds the index.
//
// The IgnoreMaxNamespace rule (see Hasher) hides the all-0xFF namespace from node ranges;
// with it on, the namespace proof of all-0xFF is empty even when leaves carry it, as nmt
// returns and accepts. Package ordering turns the rule off for that reason.
//
// Every decoder and verifier returns an error wrapping one of the package's sentinels.
//
// # Resource bounds
//
// Shapes are checked before anything is hashed or allocated; w = 2n+32 is the node size:
//   - DecodeProof: at most MaxProofNodes (128) nodes, exact length; memory 24 bytes per
//     node (the nodes alias the input).
//   - VerifyNamespace, VerifyNamespaceData, VerifyRange, VerifyRangeSize: 0 ≤ Start ≤ End ≤
//     MaxLeaves, at most MaxProofNodes nodes and exactly End−Start leaves, all checked
//     first; then one hash per leaf and per inner node, memory 2w per leaf and w per node,
//     recursion at most 33 levels deep.
//   - VerifyLeafPath, VerifyRFC6962: at most 64 path nodes, refused before any is read; 64
//     hashes and O(1) memory beyond the leaf hash.
//   - RFC6962Root, RFC6962Path: O(len(leaves)) hashes, 64 bytes of memory per leaf.
//
// # Concurrency
//
// Hashers and proofs are immutable values, and every function is safe for concurrent use.
// A Tree holds a lock and is safe for concurrent use, pushes and proofs alike; slices it
// returns (Root, LeafHash, proof nodes) belong to it and must not be changed.
package nmt
