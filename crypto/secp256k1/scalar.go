package secp256k1

import (
	"encoding/binary"
	"math/big"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"
)

// limbs is a 256-bit unsigned integer, least significant word first. Scalars are kept in this
// plain (non-Montgomery) form wherever their bits are read, and as fr.Element where they are
// multiplied.
type limbs [4]uint64

// The group order n and ⌊n/2⌋ (SEC 2, section 2.4.1).
var (
	orderN = limbs{0xBFD25E8CD0364141, 0xBAAEDCE6AF48A03B, 0xFFFFFFFFFFFFFFFE, 0xFFFFFFFFFFFFFFFF}
	halfN  = limbs{0xDFE92F46681B20A0, 0x5D576E7357A4501D, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF}
)

func limbsFromBytes(b *[32]byte) limbs {
	return limbs{
		binary.BigEndian.Uint64(b[24:32]),
		binary.BigEndian.Uint64(b[16:24]),
		binary.BigEndian.Uint64(b[8:16]),
		binary.BigEndian.Uint64(b[0:8]),
	}
}

func (l *limbs) bytes() (b [32]byte) {
	binary.BigEndian.PutUint64(b[24:32], l[0])
	binary.BigEndian.PutUint64(b[16:24], l[1])
	binary.BigEndian.PutUint64(b[8:16], l[2])
	binary.BigEndian.PutUint64(b[0:8], l[3])
	return b
}

func (l *limbs) isZero() bool { return l[0]|l[1]|l[2]|l[3] == 0 }

// cmp returns -1, 0 or 1 as l is less than, equal to or greater than m.
func (l *limbs) cmp(m *limbs) int {
	for i := 3; i >= 0; i-- {
		if l[i] != m[i] {
			if l[i] < m[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// sub sets l = l - m and returns the borrow.
func (l *limbs) sub(m *limbs) uint64 {
	var b uint64
	l[0], b = bits.Sub64(l[0], m[0], 0)
	l[1], b = bits.Sub64(l[1], m[1], b)
	l[2], b = bits.Sub64(l[2], m[2], b)
	l[3], b = bits.Sub64(l[3], m[3], b)
	return b
}

// inScalarRange reports 0 < l < n, the range SEC 1 section 4.1.4 step 1 demands of r and s and
// section 3.2.1 of a private key.
func (l *limbs) inScalarRange() bool { return !l.isZero() && l.cmp(&orderN) < 0 }

// reduceDigest interprets a 32-byte digest as an integer and reduces it mod n. The digest is
// as long as the order, so SEC 1 section 4.1.3 step 5 (bits2int) keeps all 256 bits, and one
// conditional subtraction reduces it: 2^256 < 2n.
func reduceDigest(d *[32]byte) limbs {
	e := limbsFromBytes(d)
	if e.cmp(&orderN) >= 0 {
		e.sub(&orderN)
	}
	return e
}

// toFr converts a reduced scalar (l < n) to Montgomery form.
func (l *limbs) toFr() fr.Element {
	b := l.bytes()
	e, _ := fr.BigEndian.Element(&b) // cannot fail: callers pass l < n
	return e
}

func frToLimbs(e *fr.Element) limbs { return limbs(e.Bits()) }

// GLV endomorphism (Gallant, Lambert, Vanstone, CRYPTO 2001): φ(x, y) = (β·x, y) = [λ](x, y),
// β a cube root of unity mod p, λ one mod n. A scalar k splits into k₁ + k₂·λ with |kᵢ| ≈ √n,
// halving the doublings of a variable-base multiplication.
var (
	lambdaFr fr.Element // λ mod n
	// The reduced lattice basis (a₁, b₁), (a₂, b₂) of {(x, y) : x + y·λ ≡ 0 (mod n)} as
	// residues mod n, and the rounding multipliers gᵢ ≈ 2^384·|bⱼ|/n with their signs.
	glvB1, glvB2     fr.Element
	glvG1, glvG2     limbs
	glvNeg1, glvNeg2 bool
)

// The cube roots paired so that φ = [λ]; a test checks [λ]G = (β·Gx, Gy).
const (
	lambdaDec = "37718080363155996902926221483475020450927657555482586988616620542887997980018"
	betaDec   = "55594575648329892869085402983802832744385952214688224221778511981742606582254"
)

func init() {
	n := fr.Modulus()
	var lambda big.Int
	lambda.SetString(lambdaDec, 10)
	lambdaFr.SetBigInt(&lambda)

	var lat ecc.Lattice
	ecc.PrecomputeLattice(n, &lambda, &lat)
	// (k, 0) = c₁·V1 + c₂·V2 with c₁ = k·b₂/det and c₂ = -k·b₁/det (Cramer's rule).
	a1, b1, a2, b2 := &lat.V1[0], &lat.V1[1], &lat.V2[0], &lat.V2[1]
	var det, m1, m2 big.Int
	det.Mul(a1, b2)
	m1.Mul(a2, b1)
	det.Sub(&det, &m1)
	m1.Set(b2)
	m2.Neg(b1)
	if det.Sign() < 0 {
		m1.Neg(&m1)
		m2.Neg(&m2)
		det.Neg(&det)
	}
	glvNeg1, glvG1 = glvMultiplier(&m1, &det)
	glvNeg2, glvG2 = glvMultiplier(&m2, &det)
	var t big.Int
	glvB1.SetBigInt(t.Mod(b1, n))
	glvB2.SetBigInt(t.Mod(b2, n))
}

// glvMultiplier returns the sign of m and round(2^384·|m|/det) as 256-bit limbs.
func glvMultiplier(m, det *big.Int) (bool, limbs) {
	var g, half big.Int
	g.Abs(m)
	g.Lsh(&g, 384)
	half.Rsh(det, 1)
	g.Add(&g, &half)
	g.Div(&g, det)
	if g.BitLen() > 256 {
		panic("secp256k1: GLV multiplier does not fit 256 bits")
	}
	var b [32]byte
	g.FillBytes(b[:])
	return m.Sign() < 0, limbsFromBytes(&b)
}

// mulShift384 returns round(k·g / 2^384) for 256-bit k and g; the result fits 128 bits when
// g < 2^256 and is returned as two limbs.
func mulShift384(k, g *limbs) limbs {
	var prod [8]uint64
	for i := 0; i < 4; i++ {
		var carry uint64
		for j := 0; j < 4; j++ {
			hi, lo := bits.Mul64(k[i], g[j])
			var c uint64
			lo, c = bits.Add64(lo, prod[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			prod[i+j] = lo
			carry = hi
		}
		prod[i+4] = carry
	}
	// Add 2^383 (bit 63 of word 5) to round to nearest.
	var c uint64
	_, c = bits.Add64(prod[5], 1<<63, 0)
	lo, c := bits.Add64(prod[6], 0, c)
	hi, _ := bits.Add64(prod[7], 0, c)
	return limbs{lo, hi, 0, 0}
}

// splitScalar returns k₁, k₂ with k ≡ k₁ + k₂·λ (mod n) as magnitudes and signs. The
// magnitudes are about 128 bits; nothing below relies on that bound beyond speed.
func splitScalar(k *limbs) (k1, k2 limbs, neg1, neg2 bool) {
	c1 := mulShift384(k, &glvG1)
	c2 := mulShift384(k, &glvG2)
	c1f, c2f := c1.toFr(), c2.toFr()
	if glvNeg1 {
		c1f.Neg(&c1f)
	}
	if glvNeg2 {
		c2f.Neg(&c2f)
	}
	// k₂ = -(c₁·b₁ + c₂·b₂), k₁ = k - k₂·λ.
	var r2, t fr.Element
	r2.Mul(&c1f, &glvB1)
	t.Mul(&c2f, &glvB2)
	r2.Add(&r2, &t).Neg(&r2)
	kf := k.toFr()
	t.Mul(&r2, &lambdaFr)
	var r1 fr.Element
	r1.Sub(&kf, &t)
	k1, neg1 = signedMagnitude(&r1)
	k2, neg2 = signedMagnitude(&r2)
	return
}

// signedMagnitude maps a residue v to |v'| and the sign of its representative v' in (-n/2, n/2].
func signedMagnitude(e *fr.Element) (limbs, bool) {
	v := frToLimbs(e)
	if v.cmp(&halfN) > 0 {
		m := orderN
		m.sub(&v)
		return m, true
	}
	return v, false
}

// maxNAF bounds the length of a width-w NAF of an integer below 2^256.
const maxNAF = 257

// wnaf writes the width-w non-adjacent form of v (v < 2^255) into naf and returns its length:
// v = Σ naf[i]·2^i with every non-zero digit odd and below 2^(w-1) in absolute value.
func wnaf(naf *[maxNAF]int16, v limbs, w uint) int {
	window := uint64(1) << w
	mask := window - 1
	n := 0
	for !v.isZero() {
		if v[0]&1 == 1 {
			d := v[0] & mask
			if d >= window>>1 {
				// negative digit d - 2^w: v grows by 2^w - d, which cannot overflow below 2^255.
				add := window - d
				var c uint64
				v[0], c = bits.Add64(v[0], add, 0)
				v[1], c = bits.Add64(v[1], 0, c)
				v[2], c = bits.Add64(v[2], 0, c)
				v[3], _ = bits.Add64(v[3], 0, c)
				naf[n] = int16(int64(d) - int64(window))
			} else {
				v[0] -= d
				naf[n] = int16(d)
			}
		} else {
			naf[n] = 0
		}
		v[0] = v[0]>>1 | v[1]<<63
		v[1] = v[1]>>1 | v[2]<<63
		v[2] = v[2]>>1 | v[3]<<63
		v[3] >>= 1
		n++
	}
	return n
}
