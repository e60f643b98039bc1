package secp256k1

import (
	"sync"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

// Points of y² = x³ + 7 over fe, for the variable-base paths (recovery and verification):
// affine, and Jacobian (x, y, z) standing for (x/z², y/z³), infinity when z = 0. All of it
// runs in variable time on public values.

type affPt struct{ x, y fe }

type jacPt struct{ x, y, z fe }

var feOne = fe{1}

func (z *fe) isZero() bool { return z[0]|z[1]|z[2]|z[3] == 0 }

func (z *fe) equal(x *fe) bool { return *z == *x }

func (z *fe) neg(x *fe) { z.sub(&fe{}, x) }

// sqrN sets z = x^(2^n).
func (z *fe) sqrN(x *fe, n int) {
	*z = *x
	for range n {
		z.sqr(z)
	}
}

func feFromFp(x *fp.Element) fe {
	b := x.Bytes()
	return fe(limbsFromBytes(&b))
}

func (z *fe) toFp() fp.Element {
	l := limbs(*z)
	b := l.bytes()
	e, _ := fp.BigEndian.Element(&b) // z < p
	return e
}

func affFromCurve(p *curve.G1Affine) affPt { return affPt{feFromFp(&p.X), feFromFp(&p.Y)} }

func (p *affPt) toCurve() curve.G1Affine { return curve.G1Affine{X: p.x.toFp(), Y: p.y.toFp()} }

// invDiv2Table[k] is 2^-k mod p, for the k that the almost inverse returns. It is filled
// on first use, in place (no heap allocation), by invDiv2.
var (
	invDiv2Once  sync.Once
	invDiv2Table [maxShifts + 1]fe
)

// feHalf is 2⁻¹ mod p = (p+1)/2 = 2^255 - 2^31 - 488.
var feHalf = fe{0xFFFFFFFF7FFFFE18, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF}

func invDiv2() *[maxShifts + 1]fe {
	invDiv2Once.Do(func() {
		invDiv2Table[0] = feOne
		for k := 1; k < len(invDiv2Table); k++ {
			invDiv2Table[k].mul(&invDiv2Table[k-1], &feHalf)
		}
	})
	return &invDiv2Table
}

// inv sets z = x⁻¹ for x ≠ 0, in variable time (x public).
func (z *fe) inv(x *fe) {
	s, k := invP.run(limbs(*x))
	t := fe(s)
	z.mul(&t, &invDiv2()[k])
}

// sqrt sets z to a square root of x and reports whether x is a square: z = x^((p+1)/4)
// through the addition chain of libsecp256k1's secp256k1_fe_sqrt (p ≡ 3 mod 4).
func (z *fe) sqrt(x *fe) bool {
	var x2, x3, x6, x9, x11, x22, x44, x88, x176, x220, x223, t fe
	x2.sqr(x)
	x2.mul(&x2, x)
	x3.sqr(&x2)
	x3.mul(&x3, x)
	x6.sqrN(&x3, 3)
	x6.mul(&x6, &x3)
	x9.sqrN(&x6, 3)
	x9.mul(&x9, &x3)
	x11.sqrN(&x9, 2)
	x11.mul(&x11, &x2)
	x22.sqrN(&x11, 11)
	x22.mul(&x22, &x11)
	x44.sqrN(&x22, 22)
	x44.mul(&x44, &x22)
	x88.sqrN(&x44, 44)
	x88.mul(&x88, &x44)
	x176.sqrN(&x88, 88)
	x176.mul(&x176, &x88)
	x220.sqrN(&x176, 44)
	x220.mul(&x220, &x44)
	x223.sqrN(&x220, 3)
	x223.mul(&x223, &x3)
	t.sqrN(&x223, 23)
	t.mul(&t, &x22)
	t.sqrN(&t, 6)
	t.mul(&t, &x2)
	t.sqrN(&t, 2)
	var check fe
	check.sqr(&t)
	*z = t
	return check.equal(x)
}

var fe7 = fe{7}

// liftXFe returns the point with x-coordinate x and y of the given parity (SEC 1 section
// 2.3.4, steps 2.4.1–2.4.2), or false when x³ + 7 is not a square.
func liftXFe(x *fe, odd bool) (affPt, bool) {
	var rhs, y fe
	rhs.sqr(x)
	rhs.mul(&rhs, x)
	rhs.add(&rhs, &fe7)
	if !y.sqrt(&rhs) {
		return affPt{}, false
	}
	if (y[0]&1 == 1) != odd {
		y.neg(&y)
	}
	return affPt{*x, y}, true
}

func (p *jacPt) isInfinity() bool { return p.z.isZero() }

func (p *jacPt) fromAff(a *affPt) { p.x, p.y, p.z = a.x, a.y, feOne }

// double sets p = 2p (dbl-2009-l, a = 0). Infinity stays infinity (z = 2·y·z = 0); the
// curve has no point of order two.
func (p *jacPt) double() {
	var a, b, c, d, e, f, t fe
	a.sqr(&p.x)
	b.sqr(&p.y)
	c.sqr(&b)
	d.add(&p.x, &b)
	d.sqr(&d)
	d.sub(&d, &a)
	d.sub(&d, &c)
	d.add(&d, &d)
	e.add(&a, &a)
	e.add(&e, &a)
	f.sqr(&e)
	p.z.mul(&p.y, &p.z)
	p.z.add(&p.z, &p.z)
	p.x.sub(&f, &d)
	p.x.sub(&p.x, &d)
	t.sub(&d, &p.x)
	p.y.mul(&e, &t)
	c.add(&c, &c)
	c.add(&c, &c)
	c.add(&c, &c)
	p.y.sub(&p.y, &c)
}

// addMixed sets p = p + q for an affine q (madd-2007-bl), with the infinity and equal-x
// cases handled.
func (p *jacPt) addMixed(q *affPt) {
	if p.isInfinity() {
		p.fromAff(q)
		return
	}
	var z1z1, u2, s2, h, hh, i, j, r, v fe
	z1z1.sqr(&p.z)
	u2.mul(&q.x, &z1z1)
	s2.mul(&q.y, &p.z)
	s2.mul(&s2, &z1z1)
	h.sub(&u2, &p.x)
	r.sub(&s2, &p.y)
	if h.isZero() {
		p.sameX(&r)
		return
	}
	r.add(&r, &r)
	hh.sqr(&h)
	i.add(&hh, &hh)
	i.add(&i, &i)
	j.mul(&h, &i)
	v.mul(&p.x, &i)
	// z3 = (z1 + h)² - z1z1 - hh
	p.z.add(&p.z, &h)
	p.z.sqr(&p.z)
	p.z.sub(&p.z, &z1z1)
	p.z.sub(&p.z, &hh)
	p.finishAdd(&r, &j, &v, &p.y)
}

// add sets p = p + q (add-2007-bl), with the infinity and equal-x cases handled.
func (p *jacPt) add(q *jacPt) {
	if q.isInfinity() {
		return
	}
	if p.isInfinity() {
		*p = *q
		return
	}
	var z1z1, z2z2, u1, u2, s1, s2, h, i, j, r, v fe
	z1z1.sqr(&p.z)
	z2z2.sqr(&q.z)
	u1.mul(&p.x, &z2z2)
	u2.mul(&q.x, &z1z1)
	s1.mul(&p.y, &q.z)
	s1.mul(&s1, &z2z2)
	s2.mul(&q.y, &p.z)
	s2.mul(&s2, &z1z1)
	h.sub(&u2, &u1)
	r.sub(&s2, &s1)
	if h.isZero() {
		p.sameX(&r)
		return
	}
	r.add(&r, &r)
	i.add(&h, &h)
	i.sqr(&i)
	j.mul(&h, &i)
	v.mul(&u1, &i)
	// z3 = ((z1 + z2)² - z1z1 - z2z2)·h
	p.z.add(&p.z, &q.z)
	p.z.sqr(&p.z)
	p.z.sub(&p.z, &z1z1)
	p.z.sub(&p.z, &z2z2)
	p.z.mul(&p.z, &h)
	p.finishAdd(&r, &j, &v, &s1)
}

// sameX finishes an addition of two points with the same x: their sum is 2p when the y
// coordinates agree too (r = 0), else infinity.
func (p *jacPt) sameX(r *fe) {
	if r.isZero() {
		p.double()
	} else {
		*p = jacPt{}
	}
}

// finishAdd ends both additions: x3 = r² - j - 2v and y3 = r·(v - x3) - 2·s·j, s being
// y1 (mixed) or s1 = y1·z2³ (general). s may alias p.y.
func (p *jacPt) finishAdd(r, j, v, s *fe) {
	var t, u fe
	u.mul(s, j)
	u.add(&u, &u)
	p.x.sqr(r)
	p.x.sub(&p.x, j)
	p.x.sub(&p.x, v)
	p.x.sub(&p.x, v)
	t.sub(v, &p.x)
	t.mul(r, &t)
	p.y.sub(&t, &u)
}

// toAff sets a to p in affine coordinates; false for infinity.
func (p *jacPt) toAff(a *affPt) bool {
	if p.isInfinity() {
		return false
	}
	var zi, zi2 fe
	zi.inv(&p.z)
	zi2.sqr(&zi)
	a.x.mul(&p.x, &zi2)
	a.y.mul(&p.y, &zi2)
	a.y.mul(&a.y, &zi)
	return true
}

// batchToAffFe converts points, none of them infinity, with one inversion.
func batchToAffFe(out []affPt, in []jacPt, scratch []fe) {
	acc := feOne
	for i := range in {
		scratch[i] = acc
		acc.mul(&acc, &in[i].z)
	}
	var inv fe
	inv.inv(&acc)
	for i := len(in) - 1; i >= 0; i-- {
		var zi, zi2 fe
		zi.mul(&inv, &scratch[i])
		inv.mul(&inv, &in[i].z)
		zi2.sqr(&zi)
		out[i].x.mul(&in[i].x, &zi2)
		out[i].y.mul(&in[i].y, &zi2)
		out[i].y.mul(&out[i].y, &zi)
	}
}
