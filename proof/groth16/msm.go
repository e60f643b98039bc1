package groth16

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// maxTabledIC bounds the IC points that get fixed-base tables (61 KiB each): enough for
// every deployed verifier we know (SP1 has 6, snarkjs circuits rarely more than a few
// dozen), small enough that a hostile key cannot make a parser allocate much.
const maxTabledIC = 64

// fixedBase holds, for a fixed point P, the multiples j·16ⁱ·P for j = 1..15 and
// i = 0..63, so that s·P is one mixed addition per nonzero 4-bit digit of s and no
// doubling: the IC points are fixed per key, and public inputs are full-size scalars.
type fixedBase [64][15]bn254.G1Affine

func newFixedBase(p *bn254.G1Affine) *fixedBase {
	jac := make([]bn254.G1Jac, 64*15)
	var base bn254.G1Jac
	base.FromAffine(p)
	for i := range 64 {
		row := jac[15*i : 15*i+15]
		row[0].Set(&base)
		for j := 1; j < 15; j++ {
			row[j].Set(&row[j-1]).AddAssign(&base)
		}
		base.Set(&row[14]).AddAssign(&row[0]) // 16·base
	}
	aff := bn254.BatchJacobianToAffineG1(jac)
	t := new(fixedBase)
	for i := range 64 {
		copy(t[i][:], aff[15*i:15*i+15])
	}
	return t
}

// addMul adds s·P to acc.
func (t *fixedBase) addMul(acc *bn254.G1Jac, s *fr.Element) {
	b := s.Bytes() // canonical big-endian
	for i := range 64 {
		d := b[31-i/2]
		if i&1 == 1 {
			d >>= 4
		}
		if d &= 0x0f; d != 0 {
			acc.AddMixed(&t[i][d-1])
		}
	}
}

// icMSM adds Σ xs[i]·IC[first+i] to acc, with the key's fixed-base tables when it has
// them.
func (vk *VerifyingKey) icMSM(acc *bn254.G1Jac, first int, xs []fr.Element) {
	if vk.tables == nil {
		msm(acc, vk.ic[first:], xs)
		return
	}
	for i := range xs {
		if xs[i].IsZero() {
			continue
		}
		vk.tables[first+i].addMul(acc, &xs[i])
	}
}
