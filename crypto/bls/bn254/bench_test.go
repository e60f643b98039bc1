package bn254

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

func BenchmarkVerify(b *testing.B) {
	sk := testKey(b, 1)
	pk := sk.PublicKey()
	msg := make([]byte, 32)
	sig := sk.Sign(msg)
	b.ReportAllocs()
	for b.Loop() {
		if !Verify(pk, msg, sig) {
			b.Fatal("refused")
		}
	}
}

func BenchmarkHashToCurve(b *testing.B) {
	msg := make([]byte, 32+len(CSID))
	b.ReportAllocs()
	for b.Loop() {
		HashToCurve(msg)
	}
}

func BenchmarkParsePublicKey(b *testing.B) {
	s := testKey(b, 1).PublicKey().String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePublicKey(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPairingCheckFloor is gnark-crypto's two-pair PairingCheck alone, the floor of Verify.
func BenchmarkPairingCheckFloor(b *testing.B) {
	sk := testKey(b, 1)
	pk := sk.PublicKey()
	h := HashToCurve([]byte("x"))
	sig := sk.Sign([]byte("x"))
	var neg bn254.G1Affine
	neg.Neg(&sig.p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bn254.PairingCheck([]bn254.G1Affine{neg, h}, []bn254.G2Affine{g2Gen, pk.p}); err != nil {
			b.Fatal(err)
		}
	}
}
