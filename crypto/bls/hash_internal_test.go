package bls

import (
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/hash_to_curve"
	"pgregory.net/rapid"
)

// drawFp draws an element of Fp, with 0, 1 and -1 among the likely ones.
func drawFp(t *rapid.T, label string) fp.Element {
	var e fp.Element
	switch rapid.IntRange(0, 5).Draw(t, label+"-kind") {
	case 0:
	case 1:
		e.SetOne()
	case 2:
		e.SetOne()
		e.Neg(&e)
	default:
		e.SetBytes(rapid.SliceOfN(rapid.Byte(), 48, 48).Draw(t, label))
	}
	return e
}

func drawE2(t *rapid.T, label string) bls12381.E2 {
	return bls12381.E2{A0: drawFp(t, label+".a0"), A1: drawFp(t, label+".a1")}
}

// The norm-method square root finds a root exactly for the squares of Fp2.
func TestSqrtE2(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := drawE2(t, "a")
		if rapid.Bool().Draw(t, "square") {
			a.Square(&a)
		}
		var z bls12381.E2
		ok := sqrtE2(&z, &a)
		if want := a.Legendre() >= 0; ok != want {
			t.Fatalf("sqrtE2(%v) reports square=%v, Legendre says %v", a, ok, want)
		}
		if ok {
			var sq bls12381.E2
			sq.Square(&z)
			if !sq.Equal(&a) {
				t.Fatalf("sqrtE2(%v)² = %v", a, sq)
			}
		}
	})
}

// The map to E' gives gnark-crypto's point for every u, the exceptional u = 0 included.
func TestMapToIsoCurveMatchesGnark(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, u bls12381.E2) {
		x, y := mapToIsoCurve(&u)
		want := bls12381.MapToCurve2(&u)
		if !x.Equal(&want.X) || !y.Equal(&want.Y) {
			t.Fatalf("map(%v) = (%v, %v), gnark-crypto (%v, %v)", u, x, y, want.X, want.Y)
		}
	}
	check(t, bls12381.E2{})
	rapid.Check(t, func(t *rapid.T) { check(t, drawE2(t, "u")) })
}

// hash_to_curve gives gnark-crypto's point for any message and DST.
func TestHashToG2MatchesGnark(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		msg := rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "msg")
		dst := rapid.SliceOfN(rapid.Byte(), 1, 255).Draw(t, "dst")
		got := hashToG2(msg, dst)
		want, err := bls12381.HashToG2(msg, dst)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(&want) {
			t.Fatalf("hashToG2(%x, %x) differs from gnark-crypto", msg, dst)
		}
	})
}

// The sum on E' covers doubling and P + (-P), which random hashes never reach.
func TestAddIsoSpecialCases(t *testing.T) {
	var u bls12381.E2
	u.A0.SetUint64(7)
	x, y := mapToIsoCurve(&u)
	var ny bls12381.E2
	ny.Neg(&y)
	if _, _, ok := addIso(&x, &y, &x, &ny); ok {
		t.Fatal("P + (-P) is not infinity")
	}
	dx, dy, ok := addIso(&x, &y, &x, &y)
	if !ok {
		t.Fatal("P + P is infinity")
	}
	// 2P on E' must satisfy E' and differ from P.
	var y2 bls12381.E2
	y2.Square(&dy)
	if g := isoRHS(&dx); !y2.Equal(&g) || dx.Equal(&x) {
		t.Fatal("2P is not a new point of E'")
	}
	// (2P) + P = P + (2P): both branches of the chord formula agree.
	ax, ay, _ := addIso(&dx, &dy, &x, &y)
	bx, by, _ := addIso(&x, &y, &dx, &dy)
	if !ax.Equal(&bx) || !ay.Equal(&by) {
		t.Fatal("addition on E' is not commutative")
	}
	// Through the isogeny, P + P must match gnark-crypto's doubling on E2.
	px, py := x, y
	isoPoint := func(x, y bls12381.E2) bls12381.G2Jac {
		var j bls12381.G2Jac
		hash_to_curve.G2Isogeny(&x, &y)
		j.FromAffine(&bls12381.G2Affine{X: x, Y: y})
		return j
	}
	p := isoPoint(px, py)
	p.DoubleAssign()
	d := isoPoint(dx, dy)
	if !p.Equal(&d) {
		t.Fatal("isogeny(P + P) differs from 2·isogeny(P)")
	}
}

// BenchmarkHashToG2 compares hash_to_curve here with gnark-crypto's.
func BenchmarkHashToG2(b *testing.B) {
	msg := benchMsg
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hashToG2(msg, dstSig)
		}
	})
	b.Run("impl=gnark", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := bls12381.HashToG2(msg, dstSig); err != nil {
				b.Fatal(err)
			}
		}
	})
}
