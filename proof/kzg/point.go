package kzg

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Blob is a blob: FIELD_ELEMENTS_PER_BLOB big-endian field elements, each below
// BLS_MODULUS, the evaluations of a polynomial over the bit-reversed roots of unity.
type Blob [BytesPerBlob]byte

// Commitment is a KZGCommitment: a compressed BLS12-381 G1 point (ZCash encoding).
type Commitment [BytesPerCommitment]byte

// Proof is a KZGProof: a compressed BLS12-381 G1 point (ZCash encoding).
type Proof [BytesPerProof]byte

// ZCash encoding flags in the first byte of a compressed point.
const (
	flagCompressed = 0x80
	flagInfinity   = 0x40
	flagSign       = 0x20
)

// g1Infinity is G1_POINT_AT_INFINITY.
var g1Infinity = [48]byte{flagCompressed | flagInfinity}

var curveB = func() fp.Element { var b fp.Element; b.SetUint64(4); return b }()

// validateG1 is validate_kzg_g1 followed by the decompression of bytes_to_kzg_commitment /
// bytes_to_kzg_proof: the exact infinity encoding is accepted; otherwise the compression
// flag must be set, the infinity flag clear, x canonical, the point on the curve
// (KeyValidate) and in the order-r subgroup. In gnark-crypto, infinity is (0, 0).
func validateG1(p *bls12381.G1Affine, b *[48]byte, what string) error {
	if *b == g1Infinity {
		p.X.SetZero()
		p.Y.SetZero()
		return nil
	}
	if b[0]&flagCompressed == 0 || b[0]&flagInfinity != 0 {
		return fmt.Errorf("%w: %s 0x%x: flags %#02x", ErrInvalidPoint, what, b[:], b[0]&0xe0)
	}
	xb := *b
	xb[0] &^= flagCompressed | flagInfinity | flagSign
	if err := p.X.SetBytesCanonical(xb[:]); err != nil {
		return fmt.Errorf("%w: %s 0x%x: x not below the field modulus", ErrInvalidPoint, what, b[:])
	}
	var y2 fp.Element
	y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &curveB)
	if p.Y.Sqrt(&y2) == nil {
		return fmt.Errorf("%w: %s 0x%x: not on the curve", ErrInvalidPoint, what, b[:])
	}
	if p.Y.LexicographicallyLargest() != (b[0]&flagSign != 0) {
		p.Y.Neg(&p.Y)
	}
	if !p.IsInSubGroup() {
		return fmt.Errorf("%w: %s 0x%x", ErrNotInSubgroup, what, b[:])
	}
	return nil
}

// msmConfig bounds gnark-crypto's multi-exponentiation to one task. Its MSM still starts
// short-lived goroutines internally (one per window, joined before it returns); with a
// single task they run one at a time, so a call never uses more than one core.
var msmConfig = ecc.MultiExpConfig{NbTasks: 1}

// g1Lincomb is g1_lincomb: Σ scalars[i]·points[i].
func g1Lincomb(points []bls12381.G1Affine, scalars []fr.Element) bls12381.G1Jac {
	var r bls12381.G1Jac
	if len(points) == 0 {
		r.Set(&g1JacInfinity)
		return r
	}
	if _, err := r.MultiExp(points, scalars, msmConfig); err != nil {
		// Only mismatched lengths or a bad config make MultiExp fail; both are fixed here.
		panic("kzg: internal multi-exponentiation error: " + err.Error())
	}
	return r
}

var g1JacInfinity = func() bls12381.G1Jac {
	var p bls12381.G1Jac
	p.X.SetOne()
	p.Y.SetOne()
	return p
}()

func compressG1(p *bls12381.G1Jac) [48]byte {
	var a bls12381.G1Affine
	a.FromJacobian(p)
	return a.Bytes()
}
