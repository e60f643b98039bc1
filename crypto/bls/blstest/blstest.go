// Package blstest provides pgregory.net/rapid generators for package bls: secret keys,
// messages, signed triples, committees, and adversarial point encodings, for users'
// property suites. Signing costs about a millisecond, so keep committee sizes small.
package blstest

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/crypto/bls"
)

// SecretKey generates valid secret keys, 0 < sk < r. Shrinking moves toward small scalars,
// so sk = 1 (public key = the generator) is tried early.
func SecretKey() *rapid.Generator[*bls.SecretKey] {
	return rapid.Custom(func(t *rapid.T) *bls.SecretKey {
		raw := rapid.SliceOfN(rapid.Byte(), bls.SecretKeySize, bls.SecretKeySize).Draw(t, "sk")
		k := new(big.Int).SetBytes(raw)
		k.Mod(k, fr.Modulus())
		if k.Sign() == 0 {
			k.SetUint64(1)
		}
		var b [bls.SecretKeySize]byte
		k.FillBytes(b[:])
		sk, err := bls.SecretKeyFromBytes(b[:])
		if err != nil {
			panic(err) // 0 < k < r by construction
		}
		return sk
	})
}

// Message generates messages: usually a 32-byte signing root, as the beacon chain signs,
// sometimes any length up to 128 bytes, including empty.
func Message() *rapid.Generator[[]byte] {
	return rapid.OneOf(
		rapid.SliceOfN(rapid.Byte(), 32, 32),
		rapid.SliceOfN(rapid.Byte(), 0, 128),
	)
}

// Signed is a secret key, its public key, a message and the key's signature of it.
type Signed struct {
	SK  *bls.SecretKey
	PK  *bls.PublicKey
	Msg []byte
	Sig *bls.Signature
}

// SignedMessage generates a fresh key and its valid signature of a generated message.
func SignedMessage() *rapid.Generator[Signed] {
	return rapid.Custom(func(t *rapid.T) Signed {
		sk := SecretKey().Draw(t, "sk")
		msg := Message().Draw(t, "msg")
		return Signed{SK: sk, PK: sk.PublicKey(), Msg: msg, Sig: sk.Sign(msg)}
	})
}

// Committee generates between minSize and maxSize secret keys (repeats possible).
func Committee(minSize, maxSize int) *rapid.Generator[[]*bls.SecretKey] {
	return rapid.SliceOfN(SecretKey(), minSize, maxSize)
}

// PublicKeyEncoding generates 48-byte strings that stress a G1 decoder: valid keys, the
// same with one bit flipped or flag bits rewritten, the infinity encoding with stray bits,
// x at or above p, and random bytes.
func PublicKeyEncoding() *rapid.Generator[[]byte] {
	return pointEncoding(bls.PublicKeySize, func(t *rapid.T) []byte {
		b := SecretKey().Draw(t, "sk").PublicKey().Bytes()
		return b[:]
	})
}

// SignatureEncoding generates 96-byte strings that stress a G2 decoder, as PublicKeyEncoding
// does for G1.
func SignatureEncoding() *rapid.Generator[[]byte] {
	return pointEncoding(bls.SignatureSize, func(t *rapid.T) []byte {
		s := SignedMessage().Draw(t, "signed").Sig.Bytes()
		return s[:]
	})
}

// modulusP is the base field modulus, big-endian.
var modulusP = []byte{
	0x1a, 0x01, 0x11, 0xea, 0x39, 0x7f, 0xe6, 0x9a, 0x4b, 0x1b, 0xa7, 0xb6, 0x43, 0x4b, 0xac, 0xd7,
	0x64, 0x77, 0x4b, 0x84, 0xf3, 0x85, 0x12, 0xbf, 0x67, 0x30, 0xd2, 0xa0, 0xf6, 0xb0, 0xf6, 0x24,
	0x1e, 0xab, 0xff, 0xfe, 0xb1, 0x53, 0xff, 0xff, 0xb9, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xaa, 0xab,
}

func pointEncoding(size int, valid func(*rapid.T) []byte) *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		switch rapid.IntRange(0, 5).Draw(t, "kind") {
		case 0:
			return valid(t)
		case 1: // one bit flipped
			b := valid(t)
			bit := rapid.IntRange(0, 8*size-1).Draw(t, "bit")
			b[bit/8] ^= 1 << (bit % 8)
			return b
		case 2: // flag bits rewritten
			b := valid(t)
			b[0] = b[0]&0x1f | rapid.SampledFrom([]byte{0x00, 0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0}).Draw(t, "flags")
			return b
		case 3: // infinity with possibly stray bits
			b := make([]byte, size)
			b[0] = 0xc0
			if rapid.Bool().Draw(t, "stray") {
				i := rapid.IntRange(0, 8*size-1).Draw(t, "bit")
				b[i/8] |= 1 << (i % 8)
			}
			return b
		case 4: // an x coordinate at or just above p, with valid flags
			b := make([]byte, size)
			off := 0
			if size == bls.SignatureSize && rapid.Bool().Draw(t, "c0") {
				off = 48
			}
			copy(b[off:], modulusP)
			b[off+47] += byte(rapid.IntRange(0, 3).Draw(t, "above"))
			b[0] |= rapid.SampledFrom([]byte{0x80, 0xa0}).Draw(t, "flags")
			return b
		default:
			return rapid.SliceOfN(rapid.Byte(), size, size).Draw(t, "random")
		}
	})
}
