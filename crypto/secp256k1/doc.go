// Package secp256k1 signs and recovers Ethereum ECDSA signatures over secp256k1 (SEC 2,
// section 2.4.1), with the conventions of go-ethereum and libsecp256k1:
//
//   - signatures are 65 bytes r‖s‖v, v the parity of R.y in {0, 1} (27/28 accepted on input);
//   - Sign draws its nonce by RFC 6979 (HMAC-SHA256) over the digest reduced mod n, and
//     returns s ≤ n/2 (EIP-2);
//   - RecoverAddress has ecrecover semantics: r, s in [1, n-1], high s accepted;
//     RecoverAddressStrict also rejects s > n/2, as EIP-2 does for transactions;
//   - Ecrecover is the 0x01 precompile on raw call data;
//   - an address is the last 20 bytes of keccak256(X‖Y);
//   - Verify checks a plain 64-byte r‖s ECDSA signature (SEC 1 section 4.1.4), VerifyStrict
//     with go-ethereum's low-s rule.
//
// Digests are 32 bytes and are reduced mod n where SEC 1 reduces them; go-ethereum's pure-Go
// (CGO_ENABLED=0) signer differs from libsecp256k1 and from this package for digests ≥ n,
// which keccak256 outputs only with probability about 2^-128.
//
// Signing and key derivation use gnark-crypto's field and curve arithmetic (ecc/secp256k1,
// fp, fr). Recovery and verification, which are public-value and variable-time, run on
// this package's own base field (fe.go): p = 2^256 - 2^32 - 977 lets the high half of a
// product fold back with two small multiplications instead of a Montgomery reduction,
// done with MULX/ADCX/ADOX on amd64 with BMI2 and ADX (portable Go elsewhere and with the
// purego tag), about 1.5× faster per multiplication than gnark-crypto's generic code for
// this field. The variable-base part splits the scalar with the GLV endomorphism and shares
// one chain of doublings with the generator part (Strauss–Shamir) on precomputed tables; the
// fixed-base multiplication of signing is a comb without doublings. Inversions use Kaliski's
// almost Montgomery inverse on public (or blinded) values. No math/big, and no allocation
// beyond the returned values, on any of these paths. The generator tables (about 220 KiB)
// are built on first use, in about a millisecond, in place in package-level arrays: no heap
// allocation, so the first call costs no more memory than the next.
//
// # Resource bounds
//
// Every input has a fixed size. PrivateKeyFromBytes (32 bytes) and PublicKeyFromBytes (33,
// 64 or 65 bytes) refuse any other length before reading the bytes; recovery, verification
// and signing take fixed-size arrays. Each call is one or two scalar multiplications (tens
// of microseconds) and allocates at most its result and an error message of at most a few
// hundred bytes. Ecrecover reads the first 128 bytes of its call data, whatever its length,
// and copies nothing else.
//
// # Concurrency
//
// All functions are safe for concurrent use, and PrivateKey and PublicKey are immutable:
// any number of goroutines may sign, verify, recover and encode with the same key at once.
// The first-use tables are built under sync.Once. The package starts no goroutines.
package secp256k1
