package bls

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// Flag bits in the most significant byte of a compressed point, as the ZCash BLS12-381
// serialization format defines them (draft-irtf-cfrg-bls-signature-05, Appendix A;
// zkcrypto/pairing src/bls12_381/README.md "Serialization").
const (
	flagCompressed = 0x80 // c_flag: always set in the compressed form
	flagInfinity   = 0x40 // b_flag: the point at infinity; every other bit must be zero
	flagSign       = 0x20 // a_flag: y is the lexicographically larger of ±y
	flagMask       = flagCompressed | flagInfinity | flagSign
)

// bCurve is the coefficient of G1's curve E: y² = x³ + 4.
var bCurve = func() fp.Element {
	var b fp.Element
	b.SetUint64(4)
	return b
}()

// bTwist is the coefficient of the G2 twist E': y² = x³ + 4(u + 1).
var bTwist = func() bls12381.E2 {
	var b bls12381.E2
	b.A0.SetUint64(4)
	b.A1.SetUint64(4)
	return b
}()

// decodeFlags applies the rules that both groups share and reports whether b encodes the
// point at infinity. b is the whole encoding (48 or 96 bytes).
func decodeFlags(b []byte) (infinity bool, err error) {
	if b[0]&flagCompressed == 0 {
		// The uncompressed form is 96/192 bytes; at this length a clear c_flag is invalid.
		return false, fmt.Errorf("%w: compression flag unset in %#x", ErrInvalidEncoding, b)
	}
	if b[0]&flagInfinity == 0 {
		return false, nil
	}
	// Infinity is exactly c_flag|b_flag followed by zeros: a_flag and x bits must be clear.
	if b[0] != flagCompressed|flagInfinity {
		return false, fmt.Errorf("%w: infinity flag with other bits set in %#x", ErrInvalidEncoding, b)
	}
	for _, v := range b[1:] {
		if v != 0 {
			return false, fmt.Errorf("%w: infinity flag with nonzero x in %#x", ErrInvalidEncoding, b)
		}
	}
	return true, nil
}

// decodeG1 decompresses a 48-byte G1 point and checks it is in the subgroup. The point at
// infinity is returned as such (gnark-crypto's (0, 0)); the caller decides whether to
// accept it.
func decodeG1(p *bls12381.G1Affine, b *[PublicKeySize]byte) error {
	inf, err := decodeFlags(b[:])
	if err != nil {
		return err
	}
	if inf {
		p.SetInfinity()
		return nil
	}
	xb := *b
	xb[0] &^= flagMask
	if err := p.X.SetBytesCanonical(xb[:]); err != nil {
		return fmt.Errorf("%w: x of %#x is not below p", ErrNotCanonical, b[:])
	}
	var y2 fp.Element
	y2.Square(&p.X).Mul(&y2, &p.X)
	y2.Add(&y2, &bCurve)
	if p.Y.Sqrt(&y2) == nil {
		return fmt.Errorf("%w: no y for x of %#x", ErrNotOnCurve, b[:])
	}
	// y = 0 would need a point of order 2, which E(Fp) lacks (its order h·r is odd), so the
	// sign flag always picks one of two distinct roots.
	if p.Y.LexicographicallyLargest() != (b[0]&flagSign != 0) {
		p.Y.Neg(&p.Y)
	}
	// KeyValidate / signature_subgroup_check: a point outside G1 would let an attacker work
	// in a small subgroup.
	if !p.IsInSubGroup() {
		return fmt.Errorf("%w: %#x", ErrNotInSubgroup, b[:])
	}
	return nil
}

// decodeG2 decompresses a 96-byte G2 point (x = x_c1 ‖ x_c0, imaginary part first) and checks
// it is in the subgroup. Infinity is returned as gnark-crypto's (0, 0).
func decodeG2(p *bls12381.G2Affine, b *[SignatureSize]byte) error {
	inf, err := decodeFlags(b[:])
	if err != nil {
		return err
	}
	if inf {
		p.SetInfinity()
		return nil
	}
	var x1 [fp.Bytes]byte
	copy(x1[:], b[:fp.Bytes])
	x1[0] &^= flagMask
	if err := p.X.A1.SetBytesCanonical(x1[:]); err != nil {
		return fmt.Errorf("%w: x.c1 of %#x is not below p", ErrNotCanonical, b[:])
	}
	// The second half carries no flags: its top three bits are part of x.c0 and make it ≥ p.
	if err := p.X.A0.SetBytesCanonical(b[fp.Bytes:]); err != nil {
		return fmt.Errorf("%w: x.c0 of %#x is not below p", ErrNotCanonical, b[:])
	}
	var y2 bls12381.E2
	y2.Square(&p.X).Mul(&y2, &p.X)
	y2.Add(&y2, &bTwist)
	if y2.Legendre() == -1 {
		return fmt.Errorf("%w: no y for x of %#x", ErrNotOnCurve, b[:])
	}
	p.Y.Sqrt(&y2)
	// As in G1, E'(Fp2) has odd order, so y ≠ 0 and the sign flag is never ambiguous.
	if p.Y.LexicographicallyLargest() != (b[0]&flagSign != 0) {
		p.Y.Neg(&p.Y)
	}
	if !p.IsInSubGroup() {
		return fmt.Errorf("%w: %#x", ErrNotInSubgroup, b[:])
	}
	return nil
}
