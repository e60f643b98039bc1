package bn254

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// SecretKeySize is the size of jellyfish's SignKey::to_bytes: the scalar, little-endian.
const SecretKeySize = 32

// SecretKey is a BLS signing key, a scalar 0 < sk < r.
type SecretKey struct{ s fr.Element }

// PublicKey is a BLS verification key: sk·g₂, a G2 point in the prime-order subgroup, never
// the point at infinity.
type PublicKey struct{ p bn254.G2Affine }

// Signature is a BLS signature: sk·H(msg ‖ CSID), a G1 point. Decoded signatures are never
// the point at infinity; an aggregate can be, and then verifies against nothing.
type Signature struct{ p bn254.G1Affine }

var g2Gen = func() bn254.G2Affine { _, _, _, g := bn254.Generators(); return g }()

// SecretKeyFromBytes reads a 32-byte little-endian scalar, as jellyfish's SignKey::to_bytes
// writes it. Unlike SignKey::from_bytes, which reduces any input, it rejects sk = 0 and
// sk ≥ r (ErrInvalidSecretKey) and other lengths (ErrInvalidLength).
func SecretKeyFromBytes(b []byte) (*SecretKey, error) {
	if len(b) != SecretKeySize {
		return nil, fmt.Errorf("secret key of %d bytes: %w", len(b), ErrInvalidLength)
	}
	var be [SecretKeySize]byte
	for i := range be {
		be[i] = b[SecretKeySize-1-i]
	}
	sk := new(SecretKey)
	if err := sk.s.SetBytesCanonical(be[:]); err != nil || sk.s.IsZero() {
		return nil, ErrInvalidSecretKey
	}
	return sk, nil
}

// Bytes returns the scalar, little-endian.
func (sk *SecretKey) Bytes() (out [SecretKeySize]byte) {
	be := sk.s.Bytes()
	for i := range out {
		out[i] = be[SecretKeySize-1-i]
	}
	return out
}

// PublicKey returns sk·g₂.
func (sk *SecretKey) PublicKey() *PublicKey {
	b := sk.s.BigInt(new(big.Int))
	pk := new(PublicKey)
	pk.p.ScalarMultiplication(&g2Gen, b)
	return pk
}

// Sign returns sk·H(msg ‖ CSID), jellyfish's KeyPair::sign(msg, CS_ID_BLS_BN254).
func (sk *SecretKey) Sign(msg []byte) *Signature {
	h := hashMessage(msg)
	sig := new(Signature)
	sig.p.ScalarMultiplication(&h, sk.s.BigInt(new(big.Int)))
	return sig
}

// PublicKeyFromBytes decodes an arkworks G2 point: 128 bytes uncompressed (the tagged form's
// payload) or 64 bytes compressed. It rejects other lengths (ErrInvalidLength), coordinates
// not below p (ErrNotCanonical), flag bits arkworks would not write (ErrInvalidEncoding),
// the point at infinity (ErrInfinity), points off the curve (ErrNotOnCurve) and outside the
// prime-order subgroup (ErrNotInSubgroup). Bound: fixed-size input, no allocation beyond the key.
func PublicKeyFromBytes(b []byte) (*PublicKey, error) {
	pk := new(PublicKey)
	if err := decodeG2(&pk.p, b); err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	return pk, nil
}

// ParsePublicKey decodes the tagged-base64 form "BLS_VER_KEY~…" (HotShot's JSON, TOML and
// stake-table encodings): the checksum and tag are checked (ErrChecksum, ErrTag,
// ErrTaggedBase64), then the payload as PublicKeyFromBytes. Bound: at most 200 characters read.
func ParsePublicKey(s string) (*PublicKey, error) {
	var buf [PublicKeySize + 1]byte
	v, err := parseTagged(s, TagPublicKey, buf[:])
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	return PublicKeyFromBytes(v)
}

// Bytes returns the 128-byte uncompressed arkworks encoding.
func (pk *PublicKey) Bytes() [PublicKeySize]byte { return encodeG2(&pk.p) }

// BytesCompressed returns the 64-byte compressed arkworks encoding.
func (pk *PublicKey) BytesCompressed() [PublicKeyCompressedSize]byte {
	return encodeG2Compressed(&pk.p)
}

// String returns the tagged-base64 form "BLS_VER_KEY~…", as jellyfish displays a VerKey.
func (pk *PublicKey) String() string {
	b := pk.Bytes()
	return formatTagged(TagPublicKey, b[:])
}

// Equal reports whether two keys are the same point.
func (pk *PublicKey) Equal(o *PublicKey) bool { return pk.p.Equal(&o.p) }

// Point returns the key as a gnark-crypto G2 point.
func (pk *PublicKey) Point() bn254.G2Affine { return pk.p }

// MarshalText returns String's form, so keys are JSON strings as in HotShot.
func (pk *PublicKey) MarshalText() ([]byte, error) { return []byte(pk.String()), nil }

// UnmarshalText decodes as ParsePublicKey.
func (pk *PublicKey) UnmarshalText(b []byte) error {
	if len(b) > maxTagged {
		return fmt.Errorf("public key: %d characters: %w", len(b), ErrTaggedBase64)
	}
	k, err := ParsePublicKey(string(b))
	if err != nil {
		return err
	}
	*pk = *k
	return nil
}

// SignatureFromBytes decodes an arkworks G1 point: 64 bytes uncompressed (the tagged form's
// payload) or 32 bytes compressed, with PublicKeyFromBytes's rejections (G1 has cofactor 1,
// so on the curve is in the group). Bound: fixed-size input.
func SignatureFromBytes(b []byte) (*Signature, error) {
	s := new(Signature)
	if err := decodeG1(&s.p, b); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	return s, nil
}

// ParseSignature decodes the tagged-base64 form "BLS_SIG~…", as ParsePublicKey.
func ParseSignature(s string) (*Signature, error) {
	var buf [SignatureSize + 1]byte
	v, err := parseTagged(s, TagSignature, buf[:])
	if err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	return SignatureFromBytes(v)
}

// Bytes returns the 64-byte uncompressed arkworks encoding.
func (s *Signature) Bytes() [SignatureSize]byte { return encodeG1(&s.p) }

// BytesCompressed returns the 32-byte compressed arkworks encoding.
func (s *Signature) BytesCompressed() [SignatureCompressedSize]byte {
	return encodeG1Compressed(&s.p)
}

// String returns the tagged-base64 form "BLS_SIG~…".
func (s *Signature) String() string {
	b := s.Bytes()
	return formatTagged(TagSignature, b[:])
}

// Equal reports whether two signatures are the same point.
func (s *Signature) Equal(o *Signature) bool { return s.p.Equal(&o.p) }

// Point returns the signature as a gnark-crypto G1 point.
func (s *Signature) Point() bn254.G1Affine { return s.p }

// MarshalText returns String's form.
func (s *Signature) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes as ParseSignature.
func (s *Signature) UnmarshalText(b []byte) error {
	if len(b) > maxTagged {
		return fmt.Errorf("signature: %d characters: %w", len(b), ErrTaggedBase64)
	}
	v, err := ParseSignature(string(b))
	if err != nil {
		return err
	}
	*s = *v
	return nil
}
