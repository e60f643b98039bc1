package secp256k1_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"math/big"

	"github.com/interopkit/interop"
)

// A slow, obviously-correct model in math/big: affine double-and-add, textbook ECDSA and
// RFC 6979 through crypto/hmac. The properties compare the package against it.

var (
	refP, _  = new(big.Int).SetString("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16)
	refN, _  = new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
	refGx, _ = new(big.Int).SetString("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", 16)
	refGy, _ = new(big.Int).SetString("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", 16)
)

type refPoint struct{ x, y *big.Int } // nil x: infinity

func refAdd(a, b refPoint) refPoint {
	if a.x == nil {
		return b
	}
	if b.x == nil {
		return a
	}
	var l big.Int
	if a.x.Cmp(b.x) == 0 {
		if new(big.Int).Add(a.y, b.y).Mod(new(big.Int).Add(a.y, b.y), refP).Sign() == 0 {
			return refPoint{}
		}
		// λ = 3x² / 2y
		l.Mul(a.x, a.x).Mul(&l, big.NewInt(3))
		d := new(big.Int).Lsh(a.y, 1)
		l.Mul(&l, d.ModInverse(d, refP))
	} else {
		d := new(big.Int).Sub(b.x, a.x)
		d.Mod(d, refP)
		l.Sub(b.y, a.y).Mul(&l, d.ModInverse(d, refP))
	}
	l.Mod(&l, refP)
	x := new(big.Int).Mul(&l, &l)
	x.Sub(x, a.x).Sub(x, b.x).Mod(x, refP)
	y := new(big.Int).Sub(a.x, x)
	y.Mul(y, &l).Sub(y, a.y).Mod(y, refP)
	return refPoint{x, y}
}

// refMul is double-and-add in Jacobian coordinates (X/Z², Y/Z³), textbook formulas with a
// single inversion at the end; refAdd's affine formulas check it in TestRefMul.
func refMul(k *big.Int, p refPoint) refPoint {
	if p.x == nil {
		return p
	}
	mod := func(v *big.Int) *big.Int { return v.Mod(v, refP) }
	mul := func(a, b *big.Int) *big.Int { return mod(new(big.Int).Mul(a, b)) }
	sub := func(a, b *big.Int) *big.Int { return mod(new(big.Int).Sub(a, b)) }
	var X, Y, Z *big.Int // Z = nil: infinity
	for i := k.BitLen() - 1; i >= 0; i-- {
		if Z != nil && Y.Sign() != 0 {
			// dbl: S = 4XY², M = 3X², X' = M² - 2S, Y' = M(S - X') - 8Y⁴, Z' = 2YZ
			yy := mul(Y, Y)
			S := mul(big.NewInt(4), mul(X, yy))
			M := mul(big.NewInt(3), mul(X, X))
			nx := sub(mul(M, M), mul(big.NewInt(2), S))
			ny := sub(mul(M, sub(S, nx)), mul(big.NewInt(8), mul(yy, yy)))
			Z = mul(big.NewInt(2), mul(Y, Z))
			X, Y = nx, ny
		} else if Z != nil {
			Z = nil
		}
		if k.Bit(i) == 0 {
			continue
		}
		if Z == nil {
			X, Y, Z = new(big.Int).Set(p.x), new(big.Int).Set(p.y), big.NewInt(1)
			continue
		}
		// mixed add: U2 = x·Z², S2 = y·Z³, H = U2 - X, R = S2 - Y
		zz := mul(Z, Z)
		H := sub(mul(p.x, zz), X)
		R := sub(mul(p.y, mul(zz, Z)), Y)
		if H.Sign() == 0 {
			if R.Sign() != 0 {
				Z = nil // P + (-P)
				continue
			}
			// equal points: double the affine input
			d := refAdd(p, p)
			X, Y, Z = d.x, d.y, big.NewInt(1)
			continue
		}
		hh := mul(H, H)
		hhh := mul(hh, H)
		v := mul(X, hh)
		nx := sub(sub(mul(R, R), hhh), mul(big.NewInt(2), v))
		Y = sub(mul(R, sub(v, nx)), mul(Y, hhh))
		X = nx
		Z = mul(Z, H)
	}
	if Z == nil {
		return refPoint{}
	}
	zi := new(big.Int).ModInverse(Z, refP)
	zi2 := mul(zi, zi)
	return refPoint{mul(X, zi2), mul(Y, mul(zi2, zi))}
}

// refMulAffine is the plainest double-and-add, on refAdd.
func refMulAffine(k *big.Int, p refPoint) refPoint {
	var acc refPoint
	for i := k.BitLen() - 1; i >= 0; i-- {
		acc = refAdd(acc, acc)
		if k.Bit(i) == 1 {
			acc = refAdd(acc, p)
		}
	}
	return acc
}

func refAddress(p refPoint) interop.Address {
	var xy [64]byte
	p.x.FillBytes(xy[:32])
	p.y.FillBytes(xy[32:])
	h := keccak(xy[:])
	return interop.Address(h[12:])
}

// refRecover follows SEC 1 section 4.1.6 with j = 0; ok is false where ecrecover fails.
func refRecover(digest interop.Hash, sig [65]byte) (refPoint, bool) {
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:64])
	if v > 1 || r.Sign() == 0 || s.Sign() == 0 || r.Cmp(refN) >= 0 || s.Cmp(refN) >= 0 {
		return refPoint{}, false
	}
	rhs := new(big.Int).Exp(r, big.NewInt(3), refP)
	rhs.Add(rhs, big.NewInt(7)).Mod(rhs, refP)
	y := new(big.Int).ModSqrt(rhs, refP)
	if y == nil {
		return refPoint{}, false
	}
	if y.Bit(0) != uint(v) {
		y.Sub(refP, y)
	}
	e := new(big.Int).SetBytes(digest[:])
	e.Mod(e, refN)
	rinv := new(big.Int).ModInverse(r, refN)
	sR := refMul(s, refPoint{r, y})
	eG := refMul(e, refPoint{refGx, refGy})
	if eG.x != nil {
		eG.y = new(big.Int).Sub(refP, eG.y)
	}
	q := refMul(rinv, refAdd(sR, eG))
	return q, q.x != nil
}

func refVerify(pub refPoint, digest interop.Hash, rs [64]byte) bool {
	r := new(big.Int).SetBytes(rs[:32])
	s := new(big.Int).SetBytes(rs[32:])
	if r.Sign() == 0 || s.Sign() == 0 || r.Cmp(refN) >= 0 || s.Cmp(refN) >= 0 {
		return false
	}
	e := new(big.Int).SetBytes(digest[:])
	w := new(big.Int).ModInverse(s, refN)
	u1 := new(big.Int).Mul(e, w)
	u1.Mod(u1, refN)
	u2 := new(big.Int).Mul(r, w)
	u2.Mod(u2, refN)
	x := refAdd(refMul(u1, refPoint{refGx, refGy}), refMul(u2, pub))
	return x.x != nil && new(big.Int).Mod(x.x, refN).Cmp(r) == 0
}

// refSign is RFC 6979 section 3.2 verbatim, then low-s normalisation.
func refSign(key [32]byte, digest interop.Hash) [65]byte {
	d := new(big.Int).SetBytes(key[:])
	e := new(big.Int).SetBytes(digest[:])
	e.Mod(e, refN)
	var h1 [32]byte
	e.FillBytes(h1[:])
	mac := func(k, m []byte) []byte {
		h := hmac.New(sha256.New, k)
		h.Write(m)
		return h.Sum(nil)
	}
	cat := func(b ...[]byte) []byte {
		var o []byte
		for _, x := range b {
			o = append(o, x...)
		}
		return o
	}
	V := make([]byte, 32)
	for i := range V {
		V[i] = 1
	}
	K := make([]byte, 32)
	K = mac(K, cat(V, []byte{0}, key[:], h1[:]))
	V = mac(K, V)
	K = mac(K, cat(V, []byte{1}, key[:], h1[:]))
	V = mac(K, V)
	for {
		V = mac(K, V)
		k := new(big.Int).SetBytes(V)
		if k.Sign() > 0 && k.Cmp(refN) < 0 {
			R := refMul(k, refPoint{refGx, refGy})
			if R.x.Cmp(refN) < 0 && R.x.Sign() != 0 {
				s := new(big.Int).Mul(R.x, d)
				s.Add(s, e).Mul(s, new(big.Int).ModInverse(k, refN)).Mod(s, refN)
				if s.Sign() != 0 {
					v := byte(R.y.Bit(0))
					if s.Cmp(new(big.Int).Rsh(refN, 1)) > 0 {
						s.Sub(refN, s)
						v ^= 1
					}
					var sig [65]byte
					R.x.FillBytes(sig[:32])
					s.FillBytes(sig[32:64])
					sig[64] = v
					return sig
				}
			}
		}
		K = mac(K, cat(V, []byte{0}))
		V = mac(K, V)
	}
}

func bigFrom(b []byte) *big.Int { return new(big.Int).SetBytes(b) }
