// Package mpt verifies statements about Ethereum state against a trusted root: Merkle-Patricia
// trie proofs (Yellow Paper, Appendix D) for accounts and storage slots as EIP-1186
// eth_getProof returns them, receipts and transactions under a block's receiptsRoot and
// transactionsRoot, and proofs of absence.
//
// A trie node is RLP: a branch of 17 items (16 children and a value) or a two-item
// extension or leaf whose first item is the hex-prefix encoded path (Appendix C). A child is
// referenced by keccak256 of its RLP, or embedded as the RLP itself when that is shorter than
// 32 bytes. The root is always referenced by hash.
//
// The verifiers take adversarial input: every node is checked to be canonical RLP of a
// known shape, every hash link is checked, and every failure is an error wrapping one of the
// package's sentinels (ErrInvalidProof, ErrInvalidNode, ErrMissingNode, ...). Nothing here
// panics on bad input.
//
// [Trie] is an in-memory builder for making roots and proofs in tests and simulations;
// [DeriveRoot] computes transactionsRoot and receiptsRoot.
//
// Types are safe for concurrent use once built, except [Trie], which callers must guard
// while they change it.
package mpt
