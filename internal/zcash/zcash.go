// Package zcash decodes compressed BLS12-381 points in the ZCash serialization format
// (draft-irtf-cfrg-bls-signature-05, Appendix A; zkcrypto/pairing src/bls12_381/README.md
// "Serialization"), the one encoding crypto/bls (public keys, signatures) and proof/kzg
// (commitments, proofs) both read. Each caller maps an *Error's Kind to its own sentinel.
package zcash

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// Flag bits in the most significant byte of a compressed point.
const (
	FlagCompressed = 0x80 // c_flag: always set in the compressed form
	FlagInfinity   = 0x40 // b_flag: the point at infinity; every other bit must be zero
	FlagSign       = 0x20 // a_flag: y is the lexicographically larger of ±y
	flagMask       = FlagCompressed | FlagInfinity | FlagSign
)

// Kind says what is wrong with an encoding.
type Kind uint8

const (
	// BadFlags: the compression flag is clear, or the infinity flag is set with any other
	// bit.
	BadFlags Kind = iota + 1
	// NotCanonical: a coordinate is not below the field modulus.
	NotCanonical
	// NotOnCurve: no y satisfies the curve equation for x.
	NotOnCurve
	// NotInSubgroup: the point is on the curve but outside the order-r subgroup.
	NotInSubgroup
)

// Error is a decoding failure: its Kind and a description with the offending bytes.
type Error struct {
	Kind   Kind
	Detail string
}

func (e *Error) Error() string { return e.Detail }

func fail(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Detail: fmt.Sprintf(format, args...)}
}

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

// Flags applies the rules that both groups share and reports whether b, a whole encoding
// (48 or 96 bytes), is the point at infinity.
func Flags(b []byte) (infinity bool, err error) {
	if b[0]&FlagCompressed == 0 {
		// The uncompressed form is 96/192 bytes; at this length a clear c_flag is invalid.
		return false, fail(BadFlags, "compression flag unset in %#x", b)
	}
	if b[0]&FlagInfinity == 0 {
		return false, nil
	}
	// Infinity is exactly c_flag|b_flag followed by zeros: a_flag and x bits must be clear.
	if b[0] != FlagCompressed|FlagInfinity {
		return false, fail(BadFlags, "infinity flag with other bits set in %#x", b)
	}
	for _, v := range b[1:] {
		if v != 0 {
			return false, fail(BadFlags, "infinity flag with nonzero x in %#x", b)
		}
	}
	return true, nil
}

// DecodeG1 decompresses a 48-byte G1 point and checks it is in the subgroup. The point at
// infinity is returned as such (gnark-crypto's (0, 0)); the caller decides whether to
// accept it. Errors are *Error.
func DecodeG1(p *bls12381.G1Affine, b *[48]byte) error {
	inf, err := Flags(b[:])
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
		return fail(NotCanonical, "x of %#x is not below p", b[:])
	}
	var y2 fp.Element
	y2.Square(&p.X).Mul(&y2, &p.X)
	y2.Add(&y2, &bCurve)
	if p.Y.Sqrt(&y2) == nil {
		return fail(NotOnCurve, "no y for x of %#x", b[:])
	}
	// y = 0 would need a point of order 2, which E(Fp) lacks (its order h·r is odd), so the
	// sign flag always picks one of two distinct roots.
	if p.Y.LexicographicallyLargest() != (b[0]&FlagSign != 0) {
		p.Y.Neg(&p.Y)
	}
	// KeyValidate / signature_subgroup_check: a point outside G1 would let an attacker work
	// in a small subgroup.
	if !p.IsInSubGroup() {
		return fail(NotInSubgroup, "%#x", b[:])
	}
	return nil
}

// DecodeG2 decompresses a 96-byte G2 point (x = x_c1 ‖ x_c0, imaginary part first) and
// checks it is in the subgroup. Infinity is returned as gnark-crypto's (0, 0). Errors are
// *Error.
func DecodeG2(p *bls12381.G2Affine, b *[96]byte) error {
	inf, err := Flags(b[:])
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
		return fail(NotCanonical, "x.c1 of %#x is not below p", b[:])
	}
	// The second half carries no flags: its top three bits are part of x.c0 and make it ≥ p.
	if err := p.X.A0.SetBytesCanonical(b[fp.Bytes:]); err != nil {
		return fail(NotCanonical, "x.c0 of %#x is not below p", b[:])
	}
	var y2 bls12381.E2
	y2.Square(&p.X).Mul(&y2, &p.X)
	y2.Add(&y2, &bTwist)
	if y2.Legendre() == -1 {
		return fail(NotOnCurve, "no y for x of %#x", b[:])
	}
	p.Y.Sqrt(&y2)
	// As in G1, E'(Fp2) has odd order, so y ≠ 0 and the sign flag is never ambiguous.
	if p.Y.LexicographicallyLargest() != (b[0]&FlagSign != 0) {
		p.Y.Neg(&p.Y)
	}
	if !p.IsInSubGroup() {
		return fail(NotInSubgroup, "%#x", b[:])
	}
	return nil
}
