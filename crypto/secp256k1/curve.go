package secp256k1

import (
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

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
