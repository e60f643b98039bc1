// Package bls verifies BLS signatures on BLS12-381 as Ethereum's consensus layer uses them:
// the ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_ of draft-irtf-cfrg-bls-signature-05
// (minimal-pubkey-size: 48-byte compressed G1 public keys, 96-byte compressed G2 signatures,
// proof-of-possession scheme), with the extra rules of consensus-specs
// (specs/phase0/beacon-chain.md "BLS signatures", specs/altair/bls.md: eth_aggregate_pubkeys,
// eth_fast_aggregate_verify). Hashing to G2 is RFC 9380 hash_to_curve with
// BLS12381G2_XMD:SHA-256_SSWU_RO_. Points are encoded as in the ZCash BLS12-381 serialization
// format that the draft adopts (Appendix A).
//
// The arithmetic is gnark-crypto's ecc/bls12-381. Decoding does not rely on gnark-crypto's
// SetBytes: this package checks the flag bits, the range of x, the curve equation and the
// subgroup itself, so that each failure has its own error and nothing lenient slips through.
//
// Decoded values are the cache: a [PublicKey] holds an affine point that has passed
// KeyValidate, a [Signature] a point that has passed the G2 subgroup check. A light client
// decodes its 512 sync-committee keys once per period and verifies each update against the
// decoded keys; no verification function decodes or subgroup-checks a key again.
//
// # Resource bounds
//
// The decoders take fixed sizes (SecretKeyFromBytes 32 bytes, PublicKeyFromBytes 48,
// SignatureFromBytes 96) and refuse any other length before reading the bytes; each costs
// one square root and one subgroup check and allocates only its result (and an error
// message of at most a few hundred bytes). The verifiers take decoded values, so the
// input an attacker controls is the lists and the messages:
//
//   - Verify, PopVerify: one hash to G2 of the message (linear in its length, no copy),
//     two Miller loops;
//   - FastAggregateVerify, EthFastAggregateVerify, AggregatePublicKeys, Aggregate: one
//     point addition per key or signature, no allocation per entry;
//   - AggregateVerify: n additions, an O(n log n) sort of the messages, one hash and one
//     Miller loop per distinct message; about 8n + 340d bytes for d distinct messages;
//   - VerifyBatch: at most 2^20 triples (more is false before anything is allocated);
//     64 doublings and up to 64 additions per triple, the same sort and per-message work
//     as AggregateVerify, about 24n + 340d bytes; w workers add at most w-1 hashes and
//     Miller-loop pairs (a message split between two workers is hashed by both).
//
// Mismatched or empty lists are refused before any allocation. No input costs more than
// a few hundred bytes of memory per 48-byte key.
//
// # Concurrency
//
// SecretKey, PublicKey and Signature are immutable once built: any number of goroutines
// may sign, verify, aggregate and encode with the same values at once. Package-level
// tables are computed at initialization. VerifyBatch reads its rng from one goroutine; a
// shared io.Reader must itself be safe for concurrent use (crypto/rand's is). VerifyBatch
// is the one function that starts goroutines: up to GOMAXPROCS workers (interop.Workers
// sets another count, 1 keeps it on the caller's goroutine), which end before it returns;
// its answer does not depend on the count.
package bls
