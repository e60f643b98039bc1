// Package bn254 implements BLS signatures over BN254 as EspressoSystems/jellyfish implements
// them, the scheme HotShot's quorum certificates use (jellyfish signature/src/bls_over_bn254.rs,
// mirrored on chain by espresso-network contracts/src/libraries/BLSSig.sol).
//
// Public keys are G2 points, signatures G1 points (the "min-sig" layout). A message m is
// signed as sk·H(m ‖ CSID), where CSID is "BLS_SIG_BN254G1_XMD:KECCAK_NCTH_NUL_" and H is
// jellyfish's non-constant-time "hash and pray" map: x = OS2IP(expand_message_xmd-Keccak256(
// msg, DST = [1], 48 bytes)) mod p, as arkworks' DefaultFieldHasher computes it (with a
// 48-byte zero pad, not Keccak's 136-byte block), then x, x+1, … until x³+3 is a square, and
// y the root with 2y < p. Verification is e(σ, g₂) = e(H(m), pk).
//
// Encodings follow arkworks' CanonicalSerialize: field elements little-endian, the two top bits
// of the last byte carrying the flags (bit 7: y is the larger root, bit 6: infinity).
// Uncompressed points (x ‖ y, 64 bytes in G1, 128 in G2, with y's sign flag) are what the
// tagged-base64 forms "BLS_VER_KEY~…" and "BLS_SIG~…" hold (the tagged macro's default);
// compressed points (x with the flags, 32 and 64 bytes) are accepted too. The tagged forms end
// in a CRC-8 checksum over tag ‖ bytes, as the tagged-base64 crate computes it.
//
// Decoding is stricter than jellyfish: the tagged macro deserializes unchecked, while here every
// point is checked on the curve and in the prime-order subgroup (G2; G1 has cofactor 1), the
// point at infinity is refused for keys and signatures (as BLSSig.sol does), field elements
// must be below p, and flag bits must be the ones arkworks writes, so that each key and
// signature has exactly one accepted encoding. Aggregate verification refuses an aggregate
// public key at infinity. Keys are not checked for a proof of possession: HotShot's stake
// table is the trust root, and callers must take keys only from it (rogue keys).
//
// Resource bounds: every decoder reads a fixed-size input (keys 64 or 128 bytes, signatures
// 32 or 64, tagged strings at most 200 characters) and allocates nothing proportional to its
// input; hashing a message allocates a constant amount. Verification costs one two-pair Miller loop and one final
// exponentiation, plus, for aggregates, one G2 addition per key.
//
// All types are immutable values once built and safe for concurrent use.
package bn254
