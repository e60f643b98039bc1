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
// The protobuf reader is this package's own: no generated code. It keeps slices into
// the input, rejects repeated singular fields and doubly set oneofs (which protobuf would
// merge), and skips unknown fields. Hashing reuses one SHA-256 state per proof and keeps
// intermediate hashes on the stack.
//
// All functions are safe for concurrent use; the spec variables must not be modified.
package ics23
