package secp256k1

import (
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

// sqrN sets z = z^(2^k).
func sqrN(z *fp.Element, k int) {
	for range k {
		z.Square(z)
	}
}

// invModP sets z = x⁻¹ mod p as x^(p-2). fp.Element.Inverse goes through math/big and allocates;
// this addition chain does not. The binary expansion of p-2 is 223 ones, a zero, 22 ones and
// 0000101101; the chain builds 2^k-1 powers for k in {2, 3, 6, 9, 11, 22, 44, 88, 176, 220, 223}.
func invModP(z, x *fp.Element) {
	var x2, x3, x6, x9, x11, x22, x44, x88, x176, x220, x223, t fp.Element
	x2.Square(x).Mul(&x2, x)
	x3.Square(&x2).Mul(&x3, x)
	x6 = x3
	sqrN(&x6, 3)
	x6.Mul(&x6, &x3)
	x9 = x6
	sqrN(&x9, 3)
	x9.Mul(&x9, &x3)
	x11 = x9
	sqrN(&x11, 2)
	x11.Mul(&x11, &x2)
	x22 = x11
	sqrN(&x22, 11)
	x22.Mul(&x22, &x11)
	x44 = x22
	sqrN(&x44, 22)
	x44.Mul(&x44, &x22)
	x88 = x44
	sqrN(&x88, 44)
	x88.Mul(&x88, &x44)
	x176 = x88
	sqrN(&x176, 88)
	x176.Mul(&x176, &x88)
	x220 = x176
	sqrN(&x220, 44)
	x220.Mul(&x220, &x44)
	x223 = x220
	sqrN(&x223, 3)
	x223.Mul(&x223, &x3)

	t = x223
	sqrN(&t, 23)
	t.Mul(&t, &x22)
	sqrN(&t, 5)
	t.Mul(&t, x)
	sqrN(&t, 3)
	t.Mul(&t, &x2)
	sqrN(&t, 2)
	*z = *t.Mul(&t, x)
}

// curveB is the constant of y² = x³ + 7 (SEC 2, section 2.4.1).
var curveB = fp.NewElement(7)

// liftX returns the point with x-coordinate x and y of the given parity (SEC 1 section 2.3.4,
// step 2.4.1 and 2.4.2), or false when x³ + 7 is not a square.
func liftX(x *fp.Element, odd bool) (y fp.Element, ok bool) {
	var rhs fp.Element
	rhs.Square(x).Mul(&rhs, x).Add(&rhs, &curveB)
	if y.Sqrt(&rhs) == nil {
		return y, false
	}
	if (y.Bits()[0]&1 == 1) != odd {
		y.Neg(&y)
	}
	return y, true
}
