package bls

import (
	"fmt"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Encoding sizes of the minimal-pubkey-size variant.
const (
	SecretKeySize = 32 // big-endian scalar, I2OSP(SK, 32)
	PublicKeySize = 48 // compressed G1 point
	SignatureSize = 96 // compressed G2 point
)

// SecretKey is a scalar 0 < sk < r. It is never the zero value once built by
// SecretKeyFromBytes.
type SecretKey struct {
	s fr.Element
}

// PublicKey is a G1 point that passed KeyValidate (draft-irtf-cfrg-bls-signature-05 §2.5):
// on the curve, in the subgroup, and not the point at infinity. The one exception is the
// result of AggregatePublicKeys, which, like eth_aggregate_pubkeys, may be infinity; every
// verification function rejects an infinity key, as CoreVerify's KeyValidate step does.
type PublicKey struct {
	p bls12381.G1Affine
}

// SecretKeyFromBytes parses a 32-byte big-endian secret key and rejects 0 and values ≥ r
// (draft-irtf-cfrg-bls-signature-05 §2.3: SK is an integer 0 < SK < r). Any length but 32
// is refused first.
func SecretKeyFromBytes(b []byte) (*SecretKey, error) {
	if len(b) != SecretKeySize {
		return nil, fmt.Errorf("%w: secret key of %d bytes", ErrInvalidLength, len(b))
	}
	var sk SecretKey
	if err := sk.s.SetBytesCanonical(b); err != nil {
		return nil, fmt.Errorf("%w: secret key not below r", ErrInvalidSecretKey)
	}
	if sk.s.IsZero() {
		return nil, fmt.Errorf("%w: secret key is zero", ErrInvalidSecretKey)
	}
	return &sk, nil
}

// Bytes returns the 32-byte big-endian encoding of sk.
func (sk *SecretKey) Bytes() [SecretKeySize]byte {
	return sk.s.Bytes()
}

// scalar returns sk as a big.Int, the form gnark-crypto's scalar multiplications take.
func (sk *SecretKey) scalar() *big.Int {
	var k big.Int
	sk.s.BigInt(&k)
	return &k
}

// PublicKey returns SkToPk(sk) = sk·G1 (draft-irtf-cfrg-bls-signature-05 §2.4).
func (sk *SecretKey) PublicKey() *PublicKey {
	var pk PublicKey
	pk.p.ScalarMultiplicationBase(sk.scalar())
	return &pk
}

// PublicKeyFromBytes decodes a 48-byte compressed G1 public key and runs KeyValidate on it.
// It rejects, each with its own sentinel error: a length other than 48 (ErrInvalidLength);
// a clear compression flag, or an infinity flag with any other bit set (ErrInvalidEncoding);
// x ≥ p (ErrNotCanonical); an x with no point on the curve (ErrNotOnCurve); a point outside
// the order-r subgroup (ErrNotInSubgroup); and the point at infinity 0xc0 00… (ErrInfinity).
//
// Decompression and the subgroup check cost tens of microseconds: decode a committee once and
// keep the keys. Any length but 48 is refused before the bytes are read; the result is the
// only allocation.
func PublicKeyFromBytes(b []byte) (*PublicKey, error) {
	if len(b) != PublicKeySize {
		return nil, fmt.Errorf("%w: public key of %d bytes", ErrInvalidLength, len(b))
	}
	var pk PublicKey
	if err := decodeG1(&pk.p, (*[PublicKeySize]byte)(b)); err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	// KeyValidate step 2: the identity is not a valid public key.
	if pk.p.IsInfinity() {
		return nil, fmt.Errorf("%w: public key %#x", ErrInfinity, b)
	}
	return &pk, nil
}

// Bytes returns the 48-byte compressed encoding of pk.
func (pk *PublicKey) Bytes() [PublicKeySize]byte {
	return pk.p.Bytes()
}

// Equal reports whether pk and other are the same point.
func (pk *PublicKey) Equal(other *PublicKey) bool {
	return pk.p.Equal(&other.p)
}

// valid reports whether pk can take part in verification: present, and not infinity.
// Subgroup membership holds by construction.
func (pk *PublicKey) valid() bool {
	return pk != nil && !pk.p.IsInfinity()
}

// AggregatePublicKeys returns the sum of pks, as eth_aggregate_pubkeys
// (consensus-specs specs/altair/bls.md) does: an empty list is an error (ErrEmpty), and so is
// a nil entry (ErrNil) or an infinity entry (ErrInfinity, the spec's KeyValidate assertion).
// The sum itself is not validated and may be infinity; verification rejects such a key.
// Cost: one point addition per key; it allocates only the result.
func AggregatePublicKeys(pks []*PublicKey) (*PublicKey, error) {
	if len(pks) == 0 {
		return nil, fmt.Errorf("%w: aggregate public keys", ErrEmpty)
	}
	var acc bls12381.G1Jac
	for i, pk := range pks {
		if pk == nil {
			return nil, fmt.Errorf("%w: public key %d", ErrNil, i)
		}
		if pk.p.IsInfinity() {
			return nil, fmt.Errorf("%w: public key %d", ErrInfinity, i)
		}
		acc.AddMixed(&pk.p)
	}
	var out PublicKey
	out.p.FromJacobian(&acc)
	return &out, nil
}

// aggregateG1 sums pks into out, failing on a nil or infinity key (FastAggregateVerify
// KeyValidates every key) and on an infinity sum (CoreVerify KeyValidates the aggregate).
func aggregateG1(out *bls12381.G1Affine, pks []*PublicKey) bool {
	var acc bls12381.G1Jac
	for _, pk := range pks {
		if !pk.valid() {
			return false
		}
		acc.AddMixed(&pk.p)
	}
	out.FromJacobian(&acc)
	return !out.IsInfinity()
}
