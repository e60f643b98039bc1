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
// # Celestia
//
// A Celestia share is hashed with its namespace prefixed: the NMT leaf of a share is
// namespace ‖ share, and the share itself already begins with that namespace (celestia-app
// pushes namespace ‖ share into each row tree). A raw share is therefore not a leaf:
// VerifyNamespace and VerifyRange hash leaves as given, and when raw shares do not lead to
// the root but the prefixed ones would, they fail with ErrMissingNamespacePrefix beside
// ErrInvalidProof. Pass shares to VerifyNamespaceData, which prefixes them, or verify a
// ShareProof, which does too.
//
// The formats celestia-node and celestia-app serve are decoded as served: the protobuf nmt
// Proof (DecodeProtoProof, celestiaorg/nmt pb/proof.proto) and its JSON; celestia-app's
// ShareProof and RowProof (DecodeShareProof, DecodeRowProof, proto/celestia/core/v1/proof/
// proof.proto) with CometBFT's crypto/merkle Proof (DecodeMerkleProof), and their JSON as
// celestia-core marshals them. celestia-node's blob proof is a JSON array of nmt proofs,
// one per row: decode it into []Proof and check each row's shares with VerifyNamespaceData
// (IgnoreMaxNamespace comes with each proof). ShareProof.Verify proves shares under NMT row roots and the
// row roots under the block's data root as celestia-app's ShareProof.Validate does, and
// also binds the rows' and shares' positions. DataRootTuple.Verify proves a Blobstream
// data root tuple, abi.encode(height, dataRoot), under a data root tuple root
// (blobstream-contracts BinaryMerkleTree.verify). The data root and the tuple root are
// RFC 6962 trees: both reuse VerifyRFC6962.
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
//   - DecodeProtoProof, DecodeMerkleProof, DecodeRowProof, DecodeShareProof: repeated fields
//     counted before their slices are allocated; at most MaxProofNodes nodes per NMT proof
//     and 64 aunts per Merkle proof (ErrTooLarge); byte fields alias the input; at most 36
//     bytes allocated per input byte (an empty NMT proof: 2 bytes in, a 72-byte struct).
//   - The JSON forms (UnmarshalJSON of Proof, MerkleProof, RowProof, ShareProof): the same
//     counts; at most about 71 bytes allocated per input byte, encoding/json included.
//   - MerkleProof.Verify, DataRootTuple.Verify: at most 64 aunts; 65 hashes, nothing
//     allocated. RowProof.Verify: one such path per row root.
//   - ShareProof.Verify: counts and ranges checked against the shares given before any
//     hashing; then one Merkle path per row, one hash per share and proof node; memory a
//     copy of each share with its namespace plus 2(2n+32) bytes per share.
//   - VerifyNamespace, VerifyRange, VerifyRangeSize on a root mismatch: the leaves are
//     hashed a second time, prefixed, to name ErrMissingNamespacePrefix; twice the work.
//
// # Concurrency
//
// Hashers and proofs (Proof, MerkleProof, RowProof, ShareProof, DataRootTuple) are values
// that verification only reads, and every function is safe for concurrent use.
// A Tree holds a lock and is safe for concurrent use, pushes and proofs alike; slices it
// returns (Root, LeafHash, proof nodes) belong to it and must not be changed.
package nmt
