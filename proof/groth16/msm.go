package groth16

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// maxTabledIC bounds the IC points that get window tables: enough for every deployed
// verifier we know (SP1 has 6, snarkjs circuits rarely more than a few dozen). Larger keys
// multiply with GLV per input (msm).
const maxTabledIC = 64

// windowTables holds, for each fixed point P of a key, 1·P … 15·P at 15i … 15i+14: 960
// bytes per point, 30 per byte of P's compressed encoding, so that a key's tables stay
// within the package's allocation bound (a table of every j·16ⁱ·P, 61 KiB per point,
// made a 2 KB key cost 14 MB to parse).
type windowTables []bn254.G1Affine

// newWindowTables returns the window tables of pts, converted to affine in one batch.
func newWindowTables(pts []bn254.G1Affine) windowTables {
	jac := make([]bn254.G1Jac, 15*len(pts))
	for i := range pts {
		row := jac[15*i : 15*i+15]
		row[0].FromAffine(&pts[i])
		for j := 1; j < 15; j++ {
			row[j].Set(&row[j-1]).AddMixed(&pts[i])
		}
	}
	return bn254.BatchJacobianToAffineG1(jac)
}

// strausInputs is how many scalars icMSM digests on the stack.
const strausInputs = 8

// icMSM adds Σ xs[i]·IC[first+i] to acc. With the key's window tables it is Straus's
// method with 4-bit windows: 63 shared rounds of four doublings, one mixed addition per
// nonzero digit of each scalar.
func (vk *VerifyingKey) icMSM(acc *bn254.G1Jac, first int, xs []fr.Element) {
	if vk.tables == nil {
		msm(acc, vk.ic[first:], xs)
		return
	}
	var buf [strausInputs][32]byte
	digits := buf[:0]
	if len(xs) > strausInputs {
		digits = make([][32]byte, 0, len(xs))
	}
	for i := range xs {
		digits = append(digits, xs[i].Bytes()) // canonical big-endian
	}
	tables := vk.tables[15*first:]
	var sum bn254.G1Jac
	for i := 63; i >= 0; i-- { // digit i weighs 16^i
		if i < 63 {
			sum.Double(&sum).Double(&sum).Double(&sum).Double(&sum)
		}
		for j := range digits {
			d := digits[j][31-i/2]
			if i&1 == 1 {
				d >>= 4
			}
			if d &= 0x0f; d != 0 {
				sum.AddMixed(&tables[15*j+int(d)-1])
			}
		}
	}
	acc.AddAssign(&sum)
}
