package secp256k1

import "math/bits"

// fe is an element of the secp256k1 base field GF(p), p = 2^256 - 2^32 - 977, as four
// little-endian 64-bit words, always fully reduced (< p). Multiplication folds the high
// half of the 512-bit product with 2^256 ≡ 2^32 + 977 (mod p) instead of a Montgomery
// reduction. On amd64 with BMI2 and ADX the arithmetic runs in assembly (fe_amd64.s),
// about 1.5× faster per multiplication than gnark-crypto's field code, which has no
// assembly for this modulus; the portable Go here, used elsewhere, is about as fast as
// gnark-crypto's.
type fe [4]uint64

// feC is 2^256 mod p.
const feC = 0x1000003D1

// reduceWide sets z to (t4..t7)·2^256 + (t0..t3) mod p.
func (z *fe) reduceWide(t0, t1, t2, t3, t4, t5, t6, t7 uint64) {
	h0, l0 := bits.Mul64(t4, feC)
	h1, l1 := bits.Mul64(t5, feC)
	h2, l2 := bits.Mul64(t6, feC)
	h3, l3 := bits.Mul64(t7, feC)
	var c uint64
	r0, c := bits.Add64(t0, l0, 0)
	r1, c := bits.Add64(t1, l1, c)
	r2, c := bits.Add64(t2, l2, c)
	r3, c := bits.Add64(t3, l3, c)
	r4 := h3 + c
	r1, c = bits.Add64(r1, h0, 0)
	r2, c = bits.Add64(r2, h1, c)
	r3, c = bits.Add64(r3, h2, c)
	r4 += c
	// r4 < 2^34: fold it once more; the sum is below 2^256 + 2^67.
	h, l := bits.Mul64(r4, feC)
	r0, c = bits.Add64(r0, l, 0)
	r1, c = bits.Add64(r1, h, c)
	r2, c = bits.Add64(r2, 0, c)
	r3, c = bits.Add64(r3, 0, c)
	// A carry out means the value is 2^256 + r with r < 2^67: add 2^256 mod p.
	r0, c = bits.Add64(r0, c*feC, 0)
	r1 += c
	z.reduceOnce(r0, r1, r2, r3)
}

// reduceOnce sets z to r mod p for r < 2^256 (so r < 2p): r - p when r + c carries.
func (z *fe) reduceOnce(r0, r1, r2, r3 uint64) {
	s0, c := bits.Add64(r0, feC, 0)
	s1, c := bits.Add64(r1, 0, c)
	s2, c := bits.Add64(r2, 0, c)
	s3, c := bits.Add64(r3, 0, c)
	m := -c // all ones when r ≥ p
	z[0] = r0 ^ (r0^s0)&m
	z[1] = r1 ^ (r1^s1)&m
	z[2] = r2 ^ (r2^s2)&m
	z[3] = r3 ^ (r3^s3)&m
}

// mac returns the high and low words of a + x·y + c (which fits in 128 bits).
func mac(a, x, y, c uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(x, y)
	var cc uint64
	lo, cc = bits.Add64(lo, a, 0)
	hi += cc
	lo, cc = bits.Add64(lo, c, 0)
	return hi + cc, lo
}

// mulGeneric sets z = x·y in portable Go: schoolbook rows t += x_i·y·2^(64i), then the fold.
func (z *fe) mulGeneric(x, y *fe) {
	var c, t0, t1, t2, t3, t4, t5, t6, t7 uint64
	c, t0 = mac(0, x[0], y[0], 0)
	c, t1 = mac(0, x[0], y[1], c)
	c, t2 = mac(0, x[0], y[2], c)
	t4, t3 = mac(0, x[0], y[3], c)
	c, t1 = mac(t1, x[1], y[0], 0)
	c, t2 = mac(t2, x[1], y[1], c)
	c, t3 = mac(t3, x[1], y[2], c)
	t5, t4 = mac(t4, x[1], y[3], c)
	c, t2 = mac(t2, x[2], y[0], 0)
	c, t3 = mac(t3, x[2], y[1], c)
	c, t4 = mac(t4, x[2], y[2], c)
	t6, t5 = mac(t5, x[2], y[3], c)
	c, t3 = mac(t3, x[3], y[0], 0)
	c, t4 = mac(t4, x[3], y[1], c)
	c, t5 = mac(t5, x[3], y[2], c)
	t7, t6 = mac(t6, x[3], y[3], c)
	z.reduceWide(t0, t1, t2, t3, t4, t5, t6, t7)
}

// addGeneric sets z = x + y in portable Go.
func (z *fe) addGeneric(x, y *fe) {
	r0, c := bits.Add64(x[0], y[0], 0)
	r1, c := bits.Add64(x[1], y[1], c)
	r2, c := bits.Add64(x[2], y[2], c)
	r3, c := bits.Add64(x[3], y[3], c)
	// x + y < 2p < 2^257: a carry means 2^256 + r ≡ r + c, and r < p - c there.
	r0, c2 := bits.Add64(r0, c*feC, 0)
	r1, c2 = bits.Add64(r1, 0, c2)
	r2, c2 = bits.Add64(r2, 0, c2)
	r3, _ = bits.Add64(r3, 0, c2)
	z.reduceOnce(r0, r1, r2, r3)
}

// subGeneric sets z = x - y in portable Go.
func (z *fe) subGeneric(x, y *fe) {
	r0, b := bits.Sub64(x[0], y[0], 0)
	r1, b := bits.Sub64(x[1], y[1], b)
	r2, b := bits.Sub64(x[2], y[2], b)
	r3, b := bits.Sub64(x[3], y[3], b)
	// A borrow means r = x - y + 2^256: subtract c to get x - y + p.
	r0, b2 := bits.Sub64(r0, b*feC, 0)
	r1, b2 = bits.Sub64(r1, 0, b2)
	r2, b2 = bits.Sub64(r2, 0, b2)
	r3, _ = bits.Sub64(r3, 0, b2)
	z[0], z[1], z[2], z[3] = r0, r1, r2, r3
}
