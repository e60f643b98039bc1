package zcash

import (
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
)

// FuzzDecodeG1 checks DecodeG1 against gnark-crypto's own ZCash decoder: both accept the
// same 48-byte strings and decode them to the same point, and every refusal is an *Error.
func FuzzDecodeG1(f *testing.F) {
	_, _, g1, _ := bls12381.Generators()
	gb := g1.Bytes()
	f.Add(gb[:])
	f.Add([]byte{0xc0, 47: 0})
	f.Add([]byte{0xc0, 47: 1})
	f.Add([]byte{0x80, 47: 0})
	f.Add([]byte{0x1f, 47: 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) != 48 {
			return
		}
		var p bls12381.G1Affine
		err := DecodeG1(&p, (*[48]byte)(in))
		var q bls12381.G1Affine
		_, qerr := q.SetBytes(in)
		if (err == nil) != (qerr == nil) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", in, err, qerr)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind < BadFlags || e.Kind > NotInSubgroup {
				t.Fatalf("%x: error %v is not a *Error with a kind", in, err)
			}
			return
		}
		if !p.Equal(&q) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", in, p, q)
		}
	})
}

// FuzzDecodeG2 is FuzzDecodeG1 for 96-byte G2 points.
func FuzzDecodeG2(f *testing.F) {
	_, _, _, g2 := bls12381.Generators()
	gb := g2.Bytes()
	f.Add(gb[:])
	f.Add([]byte{0xc0, 95: 0})
	f.Add([]byte{0xa0, 95: 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) != 96 {
			return
		}
		var p bls12381.G2Affine
		err := DecodeG2(&p, (*[96]byte)(in))
		var q bls12381.G2Affine
		_, qerr := q.SetBytes(in)
		if (err == nil) != (qerr == nil) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", in, err, qerr)
		}
		if err == nil && !p.Equal(&q) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", in, p, q)
		}
	})
}

// TestDecodeKinds: each way an encoding can be wrong is reported with its kind.
func TestDecodeKinds(t *testing.T) {
	_, _, g1, _ := bls12381.Generators()
	good := g1.Bytes()
	cases := []struct {
		name string
		mod  func(b *[48]byte)
		want Kind
	}{
		{"uncompressed flag", func(b *[48]byte) { b[0] &^= FlagCompressed }, BadFlags},
		{"infinity with sign", func(b *[48]byte) { *b = [48]byte{0xe0} }, BadFlags},
		{"infinity with x", func(b *[48]byte) { *b = [48]byte{0xc0, 47: 1} }, BadFlags},
		{"x above p", func(b *[48]byte) {
			*b = [48]byte{0x9f}
			for i := 1; i < 48; i++ {
				b[i] = 0xff
			}
		}, NotCanonical},
		{"x with no y", func(b *[48]byte) { *b = [48]byte{0x80, 47: 1} }, NotOnCurve},
		{"(0, 2): on the curve, outside G1", func(b *[48]byte) { *b = [48]byte{0x80} }, NotInSubgroup},
	}
	for _, c := range cases {
		b := good
		c.mod(&b)
		var p bls12381.G1Affine
		var e *Error
		if err := DecodeG1(&p, &b); !errors.As(err, &e) || e.Kind != c.want {
			t.Errorf("%s: %v, want kind %d", c.name, err, c.want)
		}
	}
	var p bls12381.G1Affine
	inf := [48]byte{0xc0}
	if err := DecodeG1(&p, &inf); err != nil || !p.IsInfinity() {
		t.Fatalf("infinity: %v", err)
	}
}
