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
// [DeriveRoot] computes transactionsRoot and receiptsRoot. [DecodeBlockReceiptsJSON] and
// [DecodeReceiptJSON] read receipts as eth_getBlockReceipts and eth_getTransactionReceipt
// return them, and [VerifyReceiptsRoot] checks a block's list against its receiptsRoot.
//
// # Resource bounds
//
// Every verifier bounds its work by its input before it allocates; n is the total size of
// the input bytes:
//   - VerifyProof, VerifyAccount, VerifyStorage, VerifyReceipt, VerifyTransaction: at most
//     MaxProofNodes (256) nodes, refused before any is hashed; each node hashed once, at
//     most 256 lookups of 256 hashes; memory 32 bytes per node beyond 16 nodes, O(1) else.
//   - DecodeAccount: O(1) memory. DecodeReceipt: one pass to count the logs, then memory
//     O(n) (a Log per log, its topics and a copy of its data; about 3 bytes per input byte
//     at worst).
//   - VerifyProofs: one VerifyProof per query; one slice of values.
//   - GetProofResult.UnmarshalJSON: encoding/json's linear decoding, then at most
//     MaxProofNodes nodes per proof; about 30 bytes per input byte at worst. Verify: one
//     VerifyProof per proof (the storage proofs twice for an account whose proven storage
//     root is the zero hash, when split over workers).
//   - DecodeReceiptJSON, DecodeBlockReceiptsJSON: encoding/json's linear pass; receipts and
//     logs are decoded one at a time and the first invalid one stops the decoding, so
//     memory is O(n), under 30 bytes per input byte. DeriveReceiptsRoot and
//     VerifyReceiptsRoot: one EncodeRLP per receipt, then DeriveRoot.
//   - DeriveRoot: O(len(items)) time and memory (about 75 bytes per item, plus a copy of
//     the items' bytes), no recursion deeper than 18 nibbles.
//
// # Concurrency
//
// All functions are safe for concurrent use. The multi-proof verifiers, [VerifyProofs] and
// [GetProofResult.Verify], take trailing interop.BatchOption values: interop.Workers(n)
// lets one call walk its proofs on n goroutines (default GOMAXPROCS) once they hold at
// least 128 KiB of nodes; they are joined before the call returns, and the answer, error included, does not
// depend on n. Everything else runs on the caller's goroutine. Decoded values
// (GetProofResult, Receipt, Account) are plain data: safe to read concurrently, not to
// change while read. [Trie] holds a lock and is safe for concurrent use, reads and writes
// alike.
package mpt
