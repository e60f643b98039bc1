package secp256k1

import (
	"math/big"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"
)

// Variable-time inversion for the Montgomery-form elements of fp and fr: Kaliski's almost
// Montgomery inverse (IEEE Trans. Computers 44(8), 1995), phase 1 with multi-bit shifts,
// then one Montgomery multiplication by a precomputed 2^-k·R³ that removes the 2^k and puts
// the result back in Montgomery form. gnark-crypto's Inverse goes through math/big and
// allocates; Fermat's x^(m-2) costs about four times as much. The running time depends on
// the input: callers pass public values, or blind secret ones first.

const maxShifts = 512 // u·v < 2^512 and every counted step halves u or v

type almostInverse struct {
	m limbs
	// corr[k] = 2^-k·R³ mod m in plain words: MontMul(s, corr[k]) = s·2^-k·R².
	corr [maxShifts + 1]limbs
}

var invP, invN = newAlmostInverse(fp.Modulus()), newAlmostInverse(fr.Modulus())

func newAlmostInverse(m *big.Int) *almostInverse {
	a := new(almostInverse)
	var b [32]byte
	m.FillBytes(b[:])
	a.m = limbsFromBytes(&b)
	c := new(big.Int).Lsh(big.NewInt(1), 3*256)
	c.Mod(c, m)
	half := new(big.Int).ModInverse(big.NewInt(2), m)
	for k := range a.corr {
		c.FillBytes(b[:])
		a.corr[k] = limbsFromBytes(&b)
		c.Mul(c, half).Mod(c, m)
	}
	return a
}

// run returns s and k with s = x⁻¹·2^k mod m, 0 < s < m, for 0 < x < m. Invariant:
// u·s + v·r = m. The loop stops at u = v = gcd = 1, one step before Kaliski's v = 0, where
// s = m - r is already the almost inverse; this keeps r and s below m, in four words.
func (a *almostInverse) run(x limbs) (limbs, int) {
	u, v := a.m, x
	r, s := limbs{}, limbs{1}
	k := 0
	for {
		if t := trailingZeros(&u); t > 0 {
			shr(&u, t)
			shl(&s, t)
			k += t
			continue
		}
		if t := trailingZeros(&v); t > 0 {
			shr(&v, t)
			shl(&r, t)
			k += t
			continue
		}
		switch u.cmp(&v) {
		case 0:
			return s, k
		case 1:
			u.sub(&v)
			shr(&u, 1)
			add(&r, &s)
			shl(&s, 1)
		default:
			v.sub(&u)
			shr(&v, 1)
			add(&s, &r)
			shl(&r, 1)
		}
		k++
	}
}

// trailingZeros counts the trailing zero bits of a non-zero w, at most 63 at a time.
func trailingZeros(w *limbs) int {
	if w[0] != 0 {
		return bits.TrailingZeros64(w[0])
	}
	return 63
}

func shr(w *limbs, t int) {
	w[0] = w[0]>>t | w[1]<<(64-t)
	w[1] = w[1]>>t | w[2]<<(64-t)
	w[2] = w[2]>>t | w[3]<<(64-t)
	w[3] >>= t
}

func shl(w *limbs, t int) {
	w[3] = w[3]<<t | w[2]>>(64-t)
	w[2] = w[2]<<t | w[1]>>(64-t)
	w[1] = w[1]<<t | w[0]>>(64-t)
	w[0] <<= t
}

func add(w, x *limbs) {
	var c uint64
	w[0], c = bits.Add64(w[0], x[0], 0)
	w[1], c = bits.Add64(w[1], x[1], c)
	w[2], c = bits.Add64(w[2], x[2], c)
	w[3], _ = bits.Add64(w[3], x[3], c)
}

// invVarP returns x⁻¹ for x ≠ 0. With x's Montgomery words X = x·R, run gives X⁻¹·2^k, and
// MontMul by 2^-k·R³ gives x⁻¹·R, the Montgomery words of x⁻¹.
func invVarP(x *fp.Element) fp.Element {
	s, k := invP.run(limbs(*x))
	z := fp.Element(s)
	c := fp.Element(invP.corr[k])
	z.Mul(&z, &c)
	return z
}

// invVarN is invVarP in fr.
func invVarN(x *fr.Element) fr.Element {
	s, k := invN.run(limbs(*x))
	z := fr.Element(s)
	c := fr.Element(invN.corr[k])
	z.Mul(&z, &c)
	return z
}
