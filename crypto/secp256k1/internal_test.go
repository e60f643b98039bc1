package secp256k1

import (
	"math/big"
	"testing"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"
	"pgregory.net/rapid"
)

func limbsBig(l limbs) *big.Int { b := l.bytes(); return new(big.Int).SetBytes(b[:]) }

func TestConstants(t *testing.T) {
	n := fr.Modulus()
	p := fp.Modulus()
	if limbsBig(orderN).Cmp(n) != 0 {
		t.Fatal("order or modulus mismatch")
	}
	if limbsBig(halfN).Cmp(new(big.Int).Rsh(n, 1)) != 0 {
		t.Fatal("halfN")
	}
	if limbsBig(pMinusN).Cmp(new(big.Int).Sub(p, n)) != 0 {
		t.Fatal("p - n")
	}
	// φ(G) = (β·Gx, Gy) must equal [λ]G for the GLV split to be sound.
	_, g := curve.Generators()
	var lambda big.Int
	lambda.SetString(lambdaDec, 10)
	var lg, phi curve.G1Affine
	lg.ScalarMultiplication(&g, &lambda)
	phi.X.Mul(&g.X, &betaFp)
	phi.Y = g.Y
	if !lg.Equal(&phi) {
		t.Fatal("β and λ do not pair")
	}
}

func TestPropSplitScalar(t *testing.T) {
	n := fr.Modulus()
	lambda, _ := new(big.Int).SetString(lambdaDec, 10)
	rapid.Check(t, func(t *rapid.T) {
		kb := scalarGen().Draw(t, "k")
		k := limbsFromBytes(&kb)
		k1, k2, neg1, neg2 := splitScalar(&k)
		a, b := limbsBig(k1), limbsBig(k2)
		if a.BitLen() > 129 || b.BitLen() > 129 {
			t.Fatalf("split of %x too long: %d, %d bits", kb, a.BitLen(), b.BitLen())
		}
		if neg1 {
			a.Neg(a)
		}
		if neg2 {
			b.Neg(b)
		}
		b.Mul(b, lambda).Add(b, a).Sub(b, limbsBig(k)).Mod(b, n)
		if b.Sign() != 0 {
			t.Fatalf("k1 + k2·λ ≠ k for %x", kb)
		}
	})
}

func TestPropWNAF(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var v limbs
		for i := range 4 {
			v[i] = rapid.Uint64().Draw(t, "limb")
		}
		v[3] >>= 2
		w := uint(rapid.IntRange(2, 16).Draw(t, "w"))
		var naf [maxNAF]int16
		l := wnaf(&naf, v, w)
		sum := new(big.Int)
		for i := l - 1; i >= 0; i-- {
			sum.Lsh(sum, 1).Add(sum, big.NewInt(int64(naf[i])))
			if d := int(naf[i]); d != 0 && (d%2 == 0 || d >= 1<<(w-1) || d <= -(1<<(w-1))) {
				t.Fatalf("digit %d out of range for w=%d", d, w)
			}
		}
		if sum.Cmp(limbsBig(v)) != 0 {
			t.Fatalf("wNAF sums to %x, want %x", sum, limbsBig(v))
		}
	})
}

func TestPropCombDigits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		kb := scalarGen().Draw(t, "k")
		k := limbsFromBytes(&kb)
		d := combDigits(&k)
		sum := new(big.Int)
		for i := len(d) - 1; i >= 0; i-- {
			sum.Lsh(sum, combW).Add(sum, big.NewInt(int64(d[i])))
		}
		if sum.Cmp(limbsBig(k)) != 0 {
			t.Fatalf("digits sum to %x, want %x", sum, kb)
		}
	})
}

// scalarGen draws scalars in [1, n-1]; the exported generators live in secp256k1test, which
// this package's internal tests cannot import.
func scalarGen() *rapid.Generator[[32]byte] {
	return rapid.Custom(func(t *rapid.T) [32]byte {
		var b [32]byte
		copy(b[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "bytes"))
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			b = [32]byte{31: 1}
		case 1:
			b = orderN.bytes()
			b[31]--
		}
		k := limbsFromBytes(&b)
		if !k.inScalarRange() {
			b[0] = 0x7f
		}
		return b
	})
}

func TestPropInvVar(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "x")
		if rapid.Bool().Draw(t, "small") {
			b = make([]byte, 32)
			b[31] = rapid.Byte().Draw(t, "v")
			b[0] = rapid.SampledFrom([]byte{0, 0xff}).Draw(t, "top")
		}
		var x fp.Element
		x.SetBytes(b)
		if !x.IsZero() {
			z := invVarP(&x)
			if z.Mul(&z, &x); !z.IsOne() {
				t.Fatalf("invVarP(%x) wrong", b)
			}
		}
		var xn fr.Element
		xn.SetBytes(b)
		if !xn.IsZero() {
			z := invVarN(&xn)
			if z.Mul(&z, &xn); !z.IsOne() {
				t.Fatalf("invVarN(%x) wrong", b)
			}
		}
	})
}

// The 2^-k table, built with fe multiplications by (p+1)/2, matches math/big.
func TestInvDiv2Table(t *testing.T) {
	half := new(big.Int).ModInverse(big.NewInt(2), fp.Modulus())
	c := big.NewInt(1)
	var b [32]byte
	for k, got := range invDiv2() {
		c.FillBytes(b[:])
		if want := fe(limbsFromBytes(&b)); !got.equal(&want) || limbs(got) != limbs(want) {
			t.Fatalf("2^-%d: got %x, want %x", k, limbs(got), limbs(want))
		}
		c.Mul(c, half).Mod(c, fp.Modulus())
	}
}
