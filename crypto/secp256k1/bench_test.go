package secp256k1_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
)

func benchKey(b *testing.B) (*secp256k1.PrivateKey, interop.Hash, [65]byte) {
	b.Helper()
	kb := [32]byte{31: 7}
	for i := range kb {
		kb[i] = byte(i*37 + 11)
	}
	k, err := secp256k1.PrivateKeyFromBytes(kb[:])
	if err != nil {
		b.Fatal(err)
	}
	var h interop.Hash
	for i := range h {
		h[i] = byte(i * 13)
	}
	return k, h, k.Sign(h)
}

func BenchmarkSign(b *testing.B) {
	k, h, _ := benchKey(b)
	b.ReportAllocs()
	for b.Loop() {
		k.Sign(h)
	}
}

func BenchmarkRecoverAddress(b *testing.B) {
	_, h, sig := benchKey(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := secp256k1.RecoverAddress(h, sig); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	k, h, sig := benchKey(b)
	pub := k.PublicKey()
	rs := [64]byte(sig[:64])
	b.ReportAllocs()
	for b.Loop() {
		if err := secp256k1.Verify(pub, h, rs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrivateKeyFromBytes(b *testing.B) {
	k, _, _ := benchKey(b)
	kb := k.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := secp256k1.PrivateKeyFromBytes(kb[:]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEcrecover(b *testing.B) {
	_, h, sig := benchKey(b)
	in := make([]byte, 128)
	copy(in, h[:])
	in[63] = sig[64] + 27
	copy(in[64:], sig[:64])
	b.ReportAllocs()
	for b.Loop() {
		if secp256k1.Ecrecover(in) == nil {
			b.Fatal("no address")
		}
	}
}
