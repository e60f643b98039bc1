package secp256k1

import (
	"math/big"
	"testing"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
	"pgregory.net/rapid"
)

func feFromBig(x *big.Int) fe {
	var b [32]byte
	x.FillBytes(b[:])
	return fe(limbsFromBytes(&b))
}

func (z *fe) big() *big.Int {
	l := limbs(*z)
	b := l.bytes()
	return new(big.Int).SetBytes(b[:])
}

// feElem draws field elements, often at the ends of the range and around 2^255 and c.
func feElem(t *rapid.T, label string) *big.Int {
	p := fp.Modulus()
	switch rapid.IntRange(0, 5).Draw(t, label+"Kind") {
	case 0:
		return big.NewInt(rapid.Int64Range(0, 1<<40).Draw(t, label))
	case 1:
		return new(big.Int).Sub(p, big.NewInt(rapid.Int64Range(1, 1<<40).Draw(t, label)))
	case 2:
		x := new(big.Int).Lsh(big.NewInt(1), uint(rapid.IntRange(0, 255).Draw(t, label+"Bit")))
		return x.Mod(x.Add(x, big.NewInt(rapid.Int64Range(-3, 3).Draw(t, label))), p)
	}
	b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, label)
	return new(big.Int).Mod(new(big.Int).SetBytes(b), p)
}

// TestPropFeArithmetic checks mul, sqr, add and sub (assembly and portable) against math/big.
func TestPropFeArithmetic(t *testing.T) {
	p := fp.Modulus()
	rapid.Check(t, func(t *rapid.T) {
		xb, yb := feElem(t, "x"), feElem(t, "y")
		x, y := feFromBig(xb), feFromBig(yb)
		check := func(op string, got fe, want *big.Int) {
			want.Mod(want, p)
			if got.big().Cmp(want) != 0 {
				t.Fatalf("%s(%x, %x) = %x, want %x", op, xb, yb, got.big(), want)
			}
		}
		var z fe
		z.mul(&x, &y)
		check("mul", z, new(big.Int).Mul(xb, yb))
		z.mulGeneric(&x, &y)
		check("mulGeneric", z, new(big.Int).Mul(xb, yb))
		z.sqr(&x)
		check("sqr", z, new(big.Int).Mul(xb, xb))
		z.add(&x, &y)
		check("add", z, new(big.Int).Add(xb, yb))
		z.sub(&x, &y)
		check("sub", z, new(big.Int).Sub(xb, yb))
		z.addGeneric(&x, &y)
		check("addGeneric", z, new(big.Int).Add(xb, yb))
		z.subGeneric(&x, &y)
		check("subGeneric", z, new(big.Int).Sub(xb, yb))
	})
}

// curvePoint draws k·G for a random k in [1, 2^64), as gnark-crypto computes it.
func curvePoint(t *rapid.T, label string) curve.G1Affine {
	k := new(big.Int).SetUint64(rapid.Uint64Range(1, 1<<63).Draw(t, label))
	var p curve.G1Affine
	p.ScalarMultiplicationBase(k)
	return p
}

func jacToCurve(p *jacPt) curve.G1Affine {
	var a affPt
	if !p.toAff(&a) {
		return curve.G1Affine{} // gnark-crypto's affine infinity
	}
	return a.toCurve()
}

// TestPropPointOps checks double, addMixed and add (including P + P, P + (-P) and
// infinity on either side), toAff, sqrt and liftXFe against gnark-crypto.
func TestPropPointOps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		P := curvePoint(t, "p")
		var Q curve.G1Affine
		switch rapid.IntRange(0, 3).Draw(t, "q") {
		case 0:
			Q = P
		case 1:
			Q.Neg(&P)
		default:
			Q = curvePoint(t, "q")
		}
		// A Jacobian P with a random z, as the loops meet it.
		zf := feFromBig(feElem(t, "z"))
		if zf.isZero() {
			zf = feOne
		}
		var jp jacPt
		pa, qa := affFromCurve(&P), affFromCurve(&Q)
		var z2, z3 fe
		z2.sqr(&zf)
		z3.mul(&z2, &zf)
		jp.x.mul(&pa.x, &z2)
		jp.y.mul(&pa.y, &z3)
		jp.z = zf
		infinity := rapid.IntRange(0, 9).Draw(t, "inf") == 0
		if infinity {
			jp = jacPt{}
		}

		var want curve.G1Jac
		if !infinity {
			want.FromAffine(&P)
		}
		var qj curve.G1Jac
		qj.FromAffine(&Q)
		var sum curve.G1Jac
		sum.Set(&want).AddAssign(&qj)
		var wantSum, wantDbl curve.G1Affine
		wantSum.FromJacobian(&sum)
		var dbl curve.G1Jac
		dbl.Double(&want)
		wantDbl.FromJacobian(&dbl)

		m := jp
		m.addMixed(&qa)
		if got := jacToCurve(&m); !got.Equal(&wantSum) {
			t.Fatalf("addMixed: %v, want %v", got, wantSum)
		}
		var jq jacPt
		jq.fromAff(&qa)
		jq.z = zf
		jq.x.mul(&qa.x, &z2)
		jq.y.mul(&qa.y, &z3)
		a := jp
		a.add(&jq)
		if got := jacToCurve(&a); !got.Equal(&wantSum) {
			t.Fatalf("add: %v, want %v", got, wantSum)
		}
		d := jp
		d.double()
		if got := jacToCurve(&d); !got.Equal(&wantDbl) {
			t.Fatalf("double: %v, want %v", got, wantDbl)
		}

		// liftXFe against the point itself, and sqrt against gnark-crypto on a random value.
		l, ok := liftXFe(&pa.x, pa.y[0]&1 == 1)
		if !ok || l != pa {
			t.Fatalf("liftXFe(%x) = %v, %v", pa.x, l, ok)
		}
		xb := feElem(t, "s")
		x := feFromBig(xb)
		var r fe
		var want2 fp.Element
		xf := x.toFp()
		isSq := want2.Sqrt(&xf) != nil
		if got := r.sqrt(&x); got != isSq {
			t.Fatalf("sqrt(%x) square = %v, gnark-crypto %v", xb, got, isSq)
		}
		if isSq {
			var rr fe
			rr.sqr(&r)
			if rr != x {
				t.Fatalf("sqrt(%x)² ≠ x", xb)
			}
		}
	})
}
