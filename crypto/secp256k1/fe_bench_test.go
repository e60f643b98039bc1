package secp256k1

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

func BenchmarkFeMul(b *testing.B) {
	x := fe{1, 2, 3, 4}
	y := fe{5, 6, 7, 8}
	for b.Loop() {
		x.mul(&x, &y)
	}
}

func BenchmarkFpMul(b *testing.B) {
	var x, y fp.Element
	x.SetUint64(12345)
	y.SetUint64(678)
	for b.Loop() {
		x.Mul(&x, &y)
	}
}
