package bls

import (
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/hash_to_curve"
)

// hashToG2 is hash_to_curve of RFC 9380 §3 with the suite BLS12381G2_XMD:SHA-256_SSWU_RO_
// (§8.8.2): expand_message_xmd with SHA-256 into two elements of Fp2, the simplified SWU map
// of each onto the 3-isogenous curve E' (§6.6.2), their sum on E', the 3-isogeny to E2
// (Appendix E.3), and cofactor clearing by h_eff (§7).
//
// It returns the same point as gnark-crypto's HashToG2 but spends about half the time in
// the map: the square roots in Fp2 are taken by the norm ("complex") method, two
// exponentiations in Fp per map, where gnark-crypto's constant-time sqrt_ratio raises to a
// 758-bit power in Fp2. Hashing a message is public work, so the data-dependent branches here leak
// nothing. The isogeny is applied once, to Q0 + Q1, as §6.6.3 allows: it is a group
// homomorphism.
func hashToG2(msg, dst []byte) bls12381.G2Affine {
	// fp.Hash is hash_to_field(msg, 2) over Fp2 with expand_message_xmd (§5.2, §5.3.1); it
	// fails only for a DST longer than 255 bytes, and every DST here is a short constant.
	u, err := fp.Hash(msg, dst, 4)
	if err != nil {
		panic("bls: hash_to_curve with invalid DST: " + err.Error())
	}
	x0, y0 := mapToIsoCurve(&bls12381.E2{A0: u[0], A1: u[1]})
	x1, y1 := mapToIsoCurve(&bls12381.E2{A0: u[2], A1: u[3]})
	x, y, ok := addIso(&x0, &y0, &x1, &y1)
	if !ok {
		// Q0 = -Q1: the sum is the point at infinity, and so is its image.
		return bls12381.G2Affine{}
	}
	hash_to_curve.G2Isogeny(&x, &y)
	var j bls12381.G2Jac
	j.FromAffine(&bls12381.G2Affine{X: x, Y: y})
	j.ClearCofactor(&j)
	var q bls12381.G2Affine
	q.FromJacobian(&j)
	return q
}

// Constants of E': y² = x³ + A'·x + B' with A' = 240·i, B' = 1012·(1 + i), and the SSWU
// constant Z = -(2 + i) (RFC 9380 §8.8.2).
var (
	isoA, isoB = hash_to_curve.G2SSWUIsogenyCurveCoefficients()
	isoZ       = hash_to_curve.G2SSWUIsogenyZ()
	// -B'/A' and B'/(Z·A'), the two values x1 can take.
	isoMinusBOverA, isoBOverZA = func() (m, e bls12381.E2) {
		var inv bls12381.E2
		inv.Inverse(&isoA)
		m.Mul(&isoB, &inv).Neg(&m)
		inv.Mul(&isoZ, &isoA).Inverse(&inv)
		e.Mul(&isoB, &inv)
		return m, e
	}()
)

// mapToIsoCurve is map_to_curve_simple_swu (RFC 9380 §6.6.2) onto E', in the straight-line
// form of the section's description rather than its constant-time appendix.
func mapToIsoCurve(u *bls12381.E2) (x, y bls12381.E2) {
	// tv1 = Z²·u⁴ + Z·u² = Z·u²·(Z·u² + 1)
	var zu2, tv1 bls12381.E2
	zu2.Square(u).Mul(&zu2, &isoZ)
	tv1.SetOne()
	tv1.Add(&tv1, &zu2).Mul(&tv1, &zu2)
	if tv1.IsZero() {
		// Exceptional case: x1 = B'/(Z·A').
		x = isoBOverZA
	} else {
		// x1 = (-B'/A')·(1 + 1/tv1)
		var one bls12381.E2
		one.SetOne()
		x.Inverse(&tv1).Add(&x, &one).Mul(&x, &isoMinusBOverA)
	}
	// One exponentiation decides which of x1, x2 to take and gives the root of its norm:
	// r = n^((p+1)/4) has r² = n when n = N(g(x1)) is a square in Fp, else r² = -n.
	gx := isoRHS(&x)
	n := normE2(&gx)
	var r, r2 fp.Element
	r.ExpBySqrtPp1o4(n)
	r2.Square(&r)
	if !r2.Equal(&n) {
		// g(x1) is not a square, so g(x2) is, with x2 = Z·u²·x1 and g(x2) = Z³·u⁶·g(x1)
		// (§6.6.2). Its norm 125·N(u)⁶·n has the root 5·N(u)³·√(-5)·r, since -n = r² and
		// -5 are squares (5 = N(Z) is not, or g(x2) would not be square either).
		x.Mul(&x, &zu2)
		gx = isoRHS(&x)
		nu := normE2(u)
		var nu3 fp.Element
		nu3.Square(&nu).Mul(&nu3, &nu)
		r.Mul(&r, &sqrtMinus5).Mul(&r, &nu3).Mul(&r, &fpFive)
	}
	if !sqrtE2Given(&y, &gx, &r) && !sqrtE2(&y, &gx) {
		// Unreachable: SSWU guarantees g(x1) or g(x2) is a square, and should the shortcut
		// for the root of the norm ever fail, sqrtE2 recomputes it.
		panic("bls: SSWU found no square root of g(x)")
	}
	// The root with the sign of u (sgn0, §4.1).
	if hash_to_curve.G2Sgn0(u) != hash_to_curve.G2Sgn0(&y) {
		y.Neg(&y)
	}
	return x, y
}

// isoRHS returns x³ + A'·x + B'.
func isoRHS(x *bls12381.E2) bls12381.E2 {
	var g bls12381.E2
	g.Square(x).Add(&g, &isoA).Mul(&g, x).Add(&g, &isoB)
	return g
}

// addIso adds two affine points of E'. ok is false when the sum is the point at infinity.
func addIso(x0, y0, x1, y1 *bls12381.E2) (x, y bls12381.E2, ok bool) {
	var num, den bls12381.E2
	if x0.Equal(x1) {
		if !y0.Equal(y1) || y0.IsZero() {
			return x, y, false // P + (-P)
		}
		// Doubling: λ = (3·x0² + A')/(2·y0).
		num.Square(x0)
		var t bls12381.E2
		t.Double(&num)
		num.Add(&num, &t).Add(&num, &isoA)
		den.Double(y0)
	} else {
		num.Sub(y1, y0)
		den.Sub(x1, x0)
	}
	var l bls12381.E2
	l.Inverse(&den).Mul(&l, &num)
	// x = λ² - x0 - x1, y = λ·(x0 - x) - y0
	x.Square(&l).Sub(&x, x0).Sub(&x, x1)
	y.Sub(x0, &x).Mul(&y, &l).Sub(&y, y0)
	return x, y, true
}

// Constants in Fp: 1/2, 5 and √(-5).
var fpHalf, fpFive, sqrtMinus5 = func() (h, f, c fp.Element) {
	h.SetUint64(2).Inverse(&h)
	f.SetUint64(5)
	c.Neg(&f)
	if c.Sqrt(&c) == nil {
		panic("bls: -5 is not a square in Fp")
	}
	return h, f, c
}()

// normE2 returns N(a) = a0² + a1², the norm from Fp2 = Fp[i]/(i² + 1) to Fp.
func normE2(a *bls12381.E2) fp.Element {
	var n, t fp.Element
	n.Square(&a.A0)
	t.Square(&a.A1)
	return *n.Add(&n, &t)
}

// sqrtE2 sets z to a square root of a in Fp2 and reports whether a is a square. a is a
// square exactly when its norm is one in Fp (p ≡ 3 mod 4, so -1 is not a square in Fp).
func sqrtE2(z, a *bls12381.E2) bool {
	n := normE2(a)
	var r fp.Element
	if r.Sqrt(&n) == nil {
		return false
	}
	return sqrtE2Given(z, a, &r)
}

// sqrtE2Given sets z to a square root of a = a0 + a1·i given r, a square root of its norm,
// with one exponentiation in Fp (the norm method): one of t = (a0 ± r)/2 is a square in Fp,
// and with x0 = √t, (x0 + a1/(2·x0)·i)² = a. y = t^((p+1)/4) is √t when t is a square and
// √(-t) when not, and then √((a0 - r)/2) = √(-a1²/(4t)) = a1/(2y): either way no second
// exponentiation. Which of the two roots it returns is left to the caller, who fixes the
// sign by sgn0. It reports false, leaving z unspecified, when r is not a root of the norm.
func sqrtE2Given(z, a *bls12381.E2, r *fp.Element) bool {
	var y, y2 fp.Element
	if a.A1.IsZero() {
		// a in Fp: √a0, or √(-a0)·i when a0 is not a square in Fp.
		y.ExpBySqrtPp1o4(a.A0)
		y2.Square(&y)
		if y2.Equal(&a.A0) {
			z.A0, z.A1 = y, fp.Element{}
		} else {
			z.A0, z.A1 = fp.Element{}, y
		}
	} else {
		var t fp.Element
		t.Add(&a.A0, r).Mul(&t, &fpHalf)
		y.ExpBySqrtPp1o4(t)
		if y.IsZero() {
			return false // t = 0 would make a1 = 0, so r was not a root of the norm
		}
		var w fp.Element // a1/(2y)
		w.Double(&y).Inverse(&w).Mul(&w, &a.A1)
		y2.Square(&y)
		if y2.Equal(&t) {
			z.A0, z.A1 = y, w
		} else {
			z.A0, z.A1 = w, y
		}
	}
	// One squaring checks the root, so a wrong r or a non-square a cannot pass.
	var sq bls12381.E2
	sq.Square(z)
	return sq.Equal(a)
}
