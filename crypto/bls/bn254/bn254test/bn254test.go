// Package bn254test provides pgregory.net/rapid generators for package bn254 (BLS over BN254
// as jellyfish and HotShot use it): secret keys, messages, and signed triples, for users'
// property suites. Signing costs about half a millisecond, so keep committees small.
package bn254test

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/crypto/bls/bn254"
)

// SecretKey generates valid secret keys, 0 < sk < r. Shrinking moves toward small scalars.
func SecretKey() *rapid.Generator[*bn254.SecretKey] {
	return rapid.Custom(func(t *rapid.T) *bn254.SecretKey {
		raw := rapid.SliceOfN(rapid.Byte(), bn254.SecretKeySize, bn254.SecretKeySize).Draw(t, "sk")
		k := new(big.Int).SetBytes(raw)
		k.Mod(k, fr.Modulus())
		if k.Sign() == 0 {
			k.SetUint64(1)
		}
		var be, le [bn254.SecretKeySize]byte
		k.FillBytes(be[:])
		for i := range le {
			le[i] = be[len(be)-1-i]
		}
		sk, err := bn254.SecretKeyFromBytes(le[:])
		if err != nil {
			panic(err) // 0 < k < r by construction
		}
		return sk
	})
}

// Message generates messages: usually 32 bytes, as HotShot signs vote commitments,
// sometimes any length up to 128 bytes, including empty.
func Message() *rapid.Generator[[]byte] {
	return rapid.OneOf(
		rapid.SliceOfN(rapid.Byte(), 32, 32),
		rapid.SliceOfN(rapid.Byte(), 0, 128),
	)
}

// Signed is a secret key, its public key, a message and the key's signature of it.
type Signed struct {
	SK  *bn254.SecretKey
	PK  *bn254.PublicKey
	Msg []byte
	Sig *bn254.Signature
}

// SignedMessage generates a fresh key and its valid signature of a generated message.
func SignedMessage() *rapid.Generator[Signed] {
	return rapid.Custom(func(t *rapid.T) Signed {
		sk := SecretKey().Draw(t, "sk")
		msg := Message().Draw(t, "msg")
		return Signed{SK: sk, PK: sk.PublicKey(), Msg: msg, Sig: sk.Sign(msg)}
	})
}
