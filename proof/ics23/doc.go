// Package ics23 verifies ICS-23 vector commitment proofs (cosmos/ics23, spec
// ibc/spec/core/ics-023-vector-commitments): that a key maps to a value, or is absent,
// in an IAVL, CometBFT simple-Merkle or sparse Merkle tree whose root a light client
// trusts. Proofs arrive as protobuf cosmos.ics23.v1.CommitmentProof bytes, as IBC
// relayers carry them.
//
// The semantics are those of ics23/go v0.11: for a canonically encoded proof,
// VerifyMembership and VerifyNonMembership accept exactly what ics23/go's accept, with
// its checks of every step against the ProofSpec (IAVL node metadata, prefix and
// suffix lengths, the default path depth limit of 128), its neighbour rules for
// absence (including empty-child placeholders of sparse trees and hashed-key ordering),
// legacy batch proofs and compressed batch proofs, and NonExistenceProof.key ignored.
// Where ics23/go panics on malformed input (an out-of-range compressed path index,
// empty or identical neighbour paths, ops that fit no child slot) this package returns
// an error. KECCAK256, BLAKE3 and VAR_RLP, which ics23/go v0.11 does not implement
// (BLAKE3 needs a dependency this module does not take), are ErrUnsupported.
//
// IBC does not carry single proofs: ibc-go's MerkleProof (ibc.core.commitment.v1, and
// v2) chains one CommitmentProof per tree from a key in a module's IAVL store to the
// store's root in the multistore's simple Merkle tree, whose root is the app hash a
// CometBFT header carries. DecodeMerkleProof reads those bytes, and
// VerifyMerkleMembership and VerifyMerkleNonMembership check them directly (canonical
// existence proofs streamed, as VerifyMembership streams a single one); DecodeProofOps and
// DecodeProofOpsJSON read the ProofOps an ABCI query with prove=true returns (an
// ics23:iavl op, then an ics23:simple op) into the same chain; MerkleProof's
// VerifyMembership and VerifyNonMembership check it over a MerklePath (store key, then
// key) with SDKSpecs, as ibc-go's 23-commitment types do (one check stricter: see
// MerkleProof.VerifyNonMembership). Bytes of either wrapper given to
// DecodeCommitmentProof or the single-proof Verify functions are refused with
// ErrIsMerkleProof or ErrIsProofOps, which say what to call instead.
//
// The protobuf reader is this package's own: no generated code. It keeps slices into
// the input, rejects repeated singular fields and doubly set oneofs (which protobuf would
// merge), and skips unknown fields. Hashing keeps intermediate hashes on the stack and
// copies long preimages into one buffer per verification.
//
// # Resource bounds
//
// A proof's nesting is fixed by the schema (no recursion); varints are at most ten bytes;
// every length is checked against the bytes left; every repeated field is counted before
// its slice is allocated, once, at its final size.
//
//   - DecodeCommitmentProof: work O(len(b)); memory at most 56 bytes per input byte (one
//     InnerOp per one-byte compressed path index; its prefix and suffix share the lookup
//     table's bytes).
//   - VerifyMembership, VerifyNonMembership: decode as DecodeCommitmentProof but build no
//     path longer than the spec's max depth (128 when MaxDepth is 0): a longer one is counted,
//     checked and refused (ErrSpec) without being expanded. Hashing at most max depth + 1
//     preimages per existence proof evaluated (one, or two neighbours), each at most
//     len(proof) + 64 bytes. A canonical single existence proof is verified as it is read,
//     allocating nothing but scratch.
//   - BatchVerifyMembership, BatchVerifyNonMembership: one decode; the entries are indexed
//     once, O((n + m) log) for n entries and m items; each proof is evaluated once however
//     many items name it.
//   - DecodeMerkleProof: as DecodeCommitmentProof for each proof, plus 48 bytes per proof
//     (each at least 2 input bytes), counted before the slice is allocated. MerkleProof's
//     VerifyMembership and VerifyNonMembership allocate nothing but scratch and errors,
//     and hash as the single-proof functions do for each proof.
//   - VerifyMerkleMembership, VerifyMerkleNonMembership: as DecodeMerkleProof and the
//     methods; nothing beyond scratch for canonical existence proofs.
//   - DecodeProofOps: 64 bytes per op and 48 per proof (each at least 2 input bytes),
//     counted first, then each proof as DecodeCommitmentProof. DecodeProofOpsJSON: inputs
//     over 1 MiB are refused before decoding; encoding/json then allocates a small
//     multiple of the input.
//   - DecodeCommitmentProof and the Verify functions on bytes they refuse: one more pass
//     to name a MerkleProof or ProofOps wrapper, decoding its proofs without building their paths.
//   - CommitmentProof.Calculate: at most 256 steps (ErrSpec beyond), as it has no spec.
//   - CommitmentProof.AppendBinary: output proportional to the decoded input (a compressed
//     batch is written compressed again).
//
// # Concurrency
//
// All functions are safe for concurrent use. The spec variables (IAVLSpec,
// TendermintSpec, SMTSpec, SDKSpecs) are only read, by any number of verifications at
// once; they must not be modified. A decoded CommitmentProof or MerkleProof is not
// modified by its methods, so one may be verified from many goroutines at once.
package ics23
