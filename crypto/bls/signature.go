package bls

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
)

// Domain separation tags of the ciphersuite (draft-irtf-cfrg-bls-signature-05 §4.2.3), the
// ones consensus-specs uses for every signature and proof of possession.
const (
	DST    = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"
	PopDST = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_POP_"
)

var (
	dstSig = []byte(DST)
	dstPop = []byte(PopDST)
)

// Signature is a G2 point in the order-r subgroup. The point at infinity is a valid
// Signature (it is what aggregating nothing-but-infinity yields), though it verifies against
// no valid key.
type Signature struct {
	p bls12381.G2Affine
}

// SignatureFromBytes decodes a 96-byte compressed G2 signature and runs
// signature_subgroup_check on it (draft-irtf-cfrg-bls-signature-05 §2.8 step 2, §2.7). It
// rejects a length other than 96 (ErrInvalidLength); a clear compression flag, or an
// infinity flag with any other bit set (ErrInvalidEncoding); x.c1 ≥ p or x.c0 ≥ p
// (ErrNotCanonical); an x with no point on E' (ErrNotOnCurve); and a point outside the
// order-r subgroup (ErrNotInSubgroup). The infinity signature 0xc0 00… is accepted, as the
// eth2 deserialization vectors and blst's SigValidate do. Any length but 96 is refused
// before the bytes are read; one square root in Fp2 and one subgroup check follow.
func SignatureFromBytes(b []byte) (*Signature, error) {
	if len(b) != SignatureSize {
		return nil, fmt.Errorf("%w: signature of %d bytes", ErrInvalidLength, len(b))
	}
	var s Signature
	if err := decodeG2(&s.p, (*[SignatureSize]byte)(b)); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	return &s, nil
}

// Bytes returns the 96-byte compressed encoding of s.
func (s *Signature) Bytes() [SignatureSize]byte {
	return s.p.Bytes()
}

// Equal reports whether s and other are the same point.
func (s *Signature) Equal(other *Signature) bool {
	return s.p.Equal(&other.p)
}

// Sign returns CoreSign(sk, msg) = sk·hash_to_point(msg) under DST
// (draft-irtf-cfrg-bls-signature-05 §2.6).
func (sk *SecretKey) Sign(msg []byte) *Signature {
	return sk.sign(msg, dstSig)
}

func (sk *SecretKey) sign(msg, dst []byte) *Signature {
	q := hashToG2(msg, dst)
	var s Signature
	s.p.ScalarMultiplication(&q, sk.scalar())
	return &s
}

// PopProve returns the proof of possession of sk: sk·hash_pubkey_to_point(PK) with PopDST
// (draft-irtf-cfrg-bls-signature-05 §3.3.2).
func (sk *SecretKey) PopProve() *Signature {
	pk := sk.PublicKey().Bytes()
	return sk.sign(pk[:], dstPop)
}

// Aggregate returns the sum of sigs (draft-irtf-cfrg-bls-signature-05 §2.8). Aggregating
// nothing is an error (ErrEmpty), as is a nil entry (ErrNil). Each entry was
// subgroup-checked when decoded, so the sum is in the subgroup too. Cost: one point
// addition per signature; it allocates only the result.
func Aggregate(sigs []*Signature) (*Signature, error) {
	if len(sigs) == 0 {
		return nil, fmt.Errorf("%w: aggregate signatures", ErrEmpty)
	}
	var acc bls12381.G2Jac
	for i, s := range sigs {
		if s == nil {
			return nil, fmt.Errorf("%w: signature %d", ErrNil, i)
		}
		acc.AddMixed(&s.p)
	}
	var out Signature
	out.p.FromJacobian(&acc)
	return &out, nil
}
