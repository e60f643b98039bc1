package groth16

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// maxTabledIC bounds the IC points that get window tables: enough for every deployed
// verifier we know (SP1 has 6, snarkjs circuits rarely more than a few dozen). Larger keys
// multiply with GLV per input (msm).
const maxTabledIC = 64

// windowTables holds, for each fixed point P of a key, 1·P … 15·P at 15i … 15i+14: 960
// bytes per point, 30 per byte of P's compressed encoding, and nothing else is allocated
// to build them, so that a key's tables stay within the package's allocation bound (a
// table of every j·16ⁱ·P, 61 KiB per point, made a 2 KB key cost 14 MB to parse).
type windowTables []bn254.G1Affine

// newWindowTables returns the window tables of pts.
func newWindowTables(pts []bn254.G1Affine) windowTables {
	out := make(windowTables, 15*len(pts))
	var row [15]bn254.G1Jac
	for i := range pts {
		if pts[i].IsInfinity() {
			continue // every multiple is infinity, (0, 0) in affine form
		}
		row[0].FromAffine(&pts[i])
		for j := 1; j < 15; j++ {
			row[j].Set(&row[j-1]).AddMixed(&pts[i])
		}
		rowToAffine(out[15*i:15*i+15], &row)
	}
	return out
}

// rowToAffine converts j·P for j = 1..15, P of order r (so no Z is zero), to affine with
// one inversion (Montgomery's trick), on the stack.
func rowToAffine(dst []bn254.G1Affine, row *[15]bn254.G1Jac) {
	var prefix [15]fp.Element // prefix[j] = Z₀·…·Zⱼ₋₁
	var prod fp.Element
	prod.SetOne()
	for j := range row {
		prefix[j] = prod
		prod.Mul(&prod, &row[j].Z)
	}
	var inv, zinv, t fp.Element
	inv.Inverse(&prod) // 1/(Z₀·…·Z₁₄)
	for j := len(row) - 1; j >= 0; j-- {
		zinv.Mul(&inv, &prefix[j]) // 1/Zⱼ
		inv.Mul(&inv, &row[j].Z)
		t.Square(&zinv)
		dst[j].X.Mul(&row[j].X, &t) // X/Z²
		t.Mul(&t, &zinv)
		dst[j].Y.Mul(&row[j].Y, &t) // Y/Z³
	}
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
