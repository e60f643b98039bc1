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
// All types are safe for concurrent reads once built. The package starts no goroutines.
package bls
