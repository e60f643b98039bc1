package kzg

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/interopkit/interop/internal/zcash"
)

// Blob is a blob: FIELD_ELEMENTS_PER_BLOB big-endian field elements, each below
// BLS_MODULUS, the evaluations of a polynomial over the bit-reversed roots of unity.
type Blob [BytesPerBlob]byte

// Commitment is a KZGCommitment: a compressed BLS12-381 G1 point (ZCash encoding).
type Commitment [BytesPerCommitment]byte

// Proof is a KZGProof: a compressed BLS12-381 G1 point (ZCash encoding).
type Proof [BytesPerProof]byte

// g1Infinity is G1_POINT_AT_INFINITY.
var g1Infinity = [48]byte{zcash.FlagCompressed | zcash.FlagInfinity}

// validateG1 is validate_kzg_g1 followed by the decompression of bytes_to_kzg_commitment /
// bytes_to_kzg_proof (the ZCash format, internal/zcash, shared with crypto/bls): the exact
// infinity encoding is accepted; otherwise the compression flag must be set, the infinity
// flag clear, x canonical, the point on the curve (KeyValidate) and in the order-r
// subgroup. In gnark-crypto, infinity is (0, 0).
func validateG1(p *bls12381.G1Affine, b *[48]byte, what string) error {
	err := zcash.DecodeG1(p, b)
	var e *zcash.Error
	if !errors.As(err, &e) {
		return err
	}
	if e.Kind == zcash.NotInSubgroup {
		return fmt.Errorf("%w: %s %s", ErrNotInSubgroup, what, e.Detail)
	}
	return fmt.Errorf("%w: %s: %s", ErrInvalidPoint, what, e.Detail)
}

// g1Lincomb is g1_lincomb: Σ scalars[i]·points[i], on one core (g1LincombTasks with one
// task).
func g1Lincomb(points []bls12381.G1Affine, scalars []fr.Element) bls12381.G1Jac {
	return g1LincombTasks(points, scalars, 1)
}

// g1LincombTasks is g1_lincomb with gnark-crypto's multi-exponentiation limited to tasks
// concurrent tasks. Its MSM starts short-lived goroutines internally (one per window,
// joined before it returns); with one task they run one at a time, so the call never uses
// more than one core. The sum is the same point for any tasks.
func g1LincombTasks(points []bls12381.G1Affine, scalars []fr.Element, tasks int) bls12381.G1Jac {
	var r bls12381.G1Jac
	if len(points) == 0 {
		r.Set(&g1JacInfinity)
		return r
	}
	if _, err := r.MultiExp(points, scalars, ecc.MultiExpConfig{NbTasks: max(tasks, 1)}); err != nil {
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
