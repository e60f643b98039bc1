package secp256k1

import (
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"
)

// modulus carries what the binary inversion needs: m odd, and -m⁻¹ mod 2^64.
type modulus struct {
	m    limbs
	mInv uint64 // -m⁻¹ mod 2^64
}

var (
	modP = newModulus(limbs{0xFFFFFFFEFFFFFC2F, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF})
	modN = newModulus(orderN)
)

func newModulus(m limbs) modulus {
	// Newton's iteration doubles the correct low bits of an inverse of an odd number.
	inv := m[0]
	for range 6 {
		inv *= 2 - m[0]*inv
	}
	return modulus{m: m, mInv: -inv}
}

// invVar returns a⁻¹ mod m for 0 < a < m by the binary extended Euclidean algorithm. It runs in
// time that depends on a: use it on public values only (signature scalars, coordinates of
// public points).
//
// Invariants: x1·a ≡ u and x2·a ≡ v (mod m), with u, v odd at the top of the loop and x1, x2
// reduced. Shifting u right by t divides x1 by 2^t mod m in one step, Montgomery style:
// x1 + q·m with q = -x1·m⁻¹ mod 2^t is divisible by 2^t.
func (md *modulus) invVar(a limbs) limbs {
	u, v := a, md.m
	x1, x2 := limbs{1}, limbs{}
	md.stripTwos(&u, &x1)
	for {
		switch u.cmp(&v) {
		case 0:
			return x1 // u = v = gcd = 1
		case 1:
			u.sub(&v)
			md.subMod(&x1, &x2)
			md.stripTwos(&u, &x1)
		default:
			v.sub(&u)
			md.subMod(&x2, &x1)
			md.stripTwos(&v, &x2)
		}
	}
}

// subMod sets x = x - y mod m.
func (md *modulus) subMod(x, y *limbs) {
	if x.sub(y) != 0 {
		var c uint64
		x[0], c = bits.Add64(x[0], md.m[0], 0)
		x[1], c = bits.Add64(x[1], md.m[1], c)
		x[2], c = bits.Add64(x[2], md.m[2], c)
		x[3], _ = bits.Add64(x[3], md.m[3], c)
	}
}

// stripTwos divides w (non-zero) by its largest power of two 2^t and x by 2^t mod m.
func (md *modulus) stripTwos(w, x *limbs) {
	for {
		var t int
		switch {
		case w[0] != 0:
			t = bits.TrailingZeros64(w[0])
		case w[1] != 0 || w[2] != 0 || w[3] != 0:
			t = 63
		default:
			return
		}
		if t == 0 {
			return
		}
		w[0] = w[0]>>t | w[1]<<(64-t)
		w[1] = w[1]>>t | w[2]<<(64-t)
		w[2] = w[2]>>t | w[3]<<(64-t)
		w[3] >>= t
		md.divPow2(x, uint(t))
	}
}

// divPow2 sets x = x / 2^t mod m for 1 ≤ t ≤ 63.
func (md *modulus) divPow2(x *limbs, t uint) {
	mask := uint64(1)<<t - 1
	q := (x[0] * md.mInv) & mask
	// s = x + q·m, 320 bits, low t bits zero.
	var s [5]uint64
	var carry uint64
	for i := range 4 {
		hi, lo := bits.Mul64(q, md.m[i])
		var c uint64
		lo, c = bits.Add64(lo, x[i], 0)
		hi += c
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		s[i] = lo
		carry = hi
	}
	s[4] = carry
	x[0] = s[0]>>t | s[1]<<(64-t)
	x[1] = s[1]>>t | s[2]<<(64-t)
	x[2] = s[2]>>t | s[3]<<(64-t)
	x[3] = s[3]>>t | s[4]<<(64-t)
	// (x + q·m)/2^t < m + m·q/2^t < 2m: one subtraction reduces.
	if x.cmp(&md.m) >= 0 {
		x.sub(&md.m)
	}
}

// invVarP returns x⁻¹ in fp for x ≠ 0, in variable time.
func invVarP(x *fp.Element) fp.Element {
	l := limbs(x.Bits())
	inv := modP.invVar(l)
	b := inv.bytes()
	z, _ := fp.BigEndian.Element(&b)
	return z
}

// invVarN returns x⁻¹ in fr for x ≠ 0, in variable time.
func invVarN(x *fr.Element) fr.Element {
	l := frToLimbs(x)
	inv := modN.invVar(l)
	return inv.toFr()
}
