// Package secp256k1test provides rapid generators of secp256k1 keys, digests and Ethereum
// signatures for property tests, including the edge values (scalars 1 and n-1, digests at
// and above the group order) where implementations part ways.
package secp256k1test

import (
	"math/big"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
)

// N is the order of the secp256k1 group.
var N, _ = new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)

// Scalar generates 32-byte big-endian integers in [1, n-1], often at the ends of the range.
func Scalar() *rapid.Generator[[32]byte] {
	return rapid.Custom(func(t *rapid.T) [32]byte {
		var k big.Int
		switch rapid.IntRange(0, 9).Draw(t, "kind") {
		case 0:
			k.SetInt64(rapid.Int64Range(1, 1<<20).Draw(t, "small"))
		case 1:
			k.Sub(N, big.NewInt(rapid.Int64Range(1, 1<<20).Draw(t, "fromTop")))
		default:
			b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "bytes")
			k.SetBytes(b)
			k.Mod(&k, new(big.Int).Sub(N, big.NewInt(1)))
			k.Add(&k, big.NewInt(1))
		}
		var out [32]byte
		k.FillBytes(out[:])
		return out
	})
}

// PrivateKey generates private keys from Scalar.
func PrivateKey() *rapid.Generator[*secp256k1.PrivateKey] {
	return rapid.Custom(func(t *rapid.T) *secp256k1.PrivateKey {
		b := Scalar().Draw(t, "scalar")
		k, err := secp256k1.PrivateKeyFromBytes(b[:])
		if err != nil {
			panic(err) // Scalar only yields valid keys
		}
		return k
	})
}

// Digest generates 32-byte digests: uniform ones, zero, and values at or above n, which
// signers reduce mod n.
func Digest() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		var h interop.Hash
		switch rapid.IntRange(0, 9).Draw(t, "kind") {
		case 0:
		case 1:
			var d big.Int
			d.Add(N, big.NewInt(rapid.Int64Range(0, 1<<20).Draw(t, "aboveN")))
			d.FillBytes(h[:])
		default:
			copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "bytes"))
		}
		return h
	})
}

// Signed is a key, a digest, and the key's signature r‖s‖v (v in {0, 1}) over the digest.
type Signed struct {
	Key    *secp256k1.PrivateKey
	Digest interop.Hash
	Sig    [65]byte
}

// Signature generates honest signatures.
func Signature() *rapid.Generator[Signed] {
	return rapid.Custom(func(t *rapid.T) Signed {
		k := PrivateKey().Draw(t, "key")
		d := Digest().Draw(t, "digest")
		return Signed{Key: k, Digest: d, Sig: k.Sign(d)}
	})
}

// HighS returns the malleated twin of an Ethereum signature: s' = n - s and the parity bit of
// v flipped. It recovers the same key; EIP-2 forbids it.
func HighS(sig [65]byte) [65]byte {
	var s big.Int
	s.SetBytes(sig[32:64])
	s.Sub(N, &s)
	s.FillBytes(sig[32:64])
	sig[64] ^= 1
	return sig
}
