package secp256k1_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
)

func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

// Every decoder takes a fixed size and refuses any other length before reading; recovery
// and verification take fixed-size arrays and allocate at most their result; Ecrecover
// reads the first 128 bytes of any call data without copying the rest.
func TestBoundsAllocPerInputByte(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	d := interop.Hash{1, 2, 3}
	sig := k.Sign(d)
	huge := bytes.Repeat([]byte{0xff}, 1<<20)
	xy, cmp := k.PublicKey().Bytes(), k.PublicKey().BytesCompressed()
	logged(t, "PrivateKeyFromBytes 1 MiB", len(huge), func() { _, _ = secp256k1.PrivateKeyFromBytes(huge) })
	logged(t, "PrivateKeyFromBytes n", 32, func() { _, _ = secp256k1.PrivateKeyFromBytes(huge[:32]) })
	logged(t, "PublicKeyFromBytes 1 MiB", len(huge), func() { _, _ = secp256k1.PublicKeyFromBytes(huge) })
	logged(t, "PublicKeyFromBytes 64", 64, func() { _, _ = secp256k1.PublicKeyFromBytes(xy[:]) })
	logged(t, "PublicKeyFromBytes 33", 33, func() { _, _ = secp256k1.PublicKeyFromBytes(cmp[:]) })
	logged(t, "PublicKeyFromBytes off curve", 64, func() { _, _ = secp256k1.PublicKeyFromBytes(make([]byte, 64)) })
	logged(t, "RecoverAddress", 97, func() { _, _ = secp256k1.RecoverAddress(d, sig) })
	logged(t, "RecoverAddressStrict high s", 97, func() {
		var s [65]byte
		copy(s[:], huge[:64])
		_, _ = secp256k1.RecoverAddressStrict(d, s)
	})
	logged(t, "RecoverPublicKey", 97, func() { _, _ = secp256k1.RecoverPublicKey(d, sig) })
	logged(t, "Verify", 128, func() { _ = secp256k1.Verify(k.PublicKey(), d, [64]byte(sig[:64])) })
	logged(t, "VerifyStrict bad", 128, func() { _ = secp256k1.VerifyStrict(k.PublicKey(), d, [64]byte(huge[:64])) })
	logged(t, "Ecrecover 1 MiB", len(huge), func() { _ = secp256k1.Ecrecover(huge) })
	logged(t, "Sign", 32, func() { _ = k.Sign(d) })
}

// TestConcurrentPrivateKey: one key signing, deriving and encoding on 16 goroutines; the
// generator tables are built on first use (sync.Once), possibly by this test.
func TestConcurrentPrivateKey(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	addr := k.Address()
	hostile.Concurrent(t, 20, func(g int) {
		d := interop.Hash{byte(g), 1}
		sig := k.Sign(d)
		if a, err := secp256k1.RecoverAddressStrict(d, sig); err != nil || a != addr {
			t.Errorf("goroutine %d: recovered %v, %v", g, a, err)
		}
		if k.Address() != addr || k.PublicKey().Address() != addr {
			t.Errorf("goroutine %d: address changed", g)
		}
		if b := k.Bytes(); string(b[:]) != "0123456789abcdef0123456789abcdef" {
			t.Errorf("goroutine %d: key bytes changed", g)
		}
	})
}

// TestConcurrentPublicKey: one public key verifying and encoding on 16 goroutines.
func TestConcurrentPublicKey(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	pub := k.PublicKey()
	d := interop.Hash{9}
	sig := k.Sign(d)
	hostile.Concurrent(t, 20, func(g int) {
		if err := secp256k1.VerifyStrict(pub, d, [64]byte(sig[:64])); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		cmp := pub.BytesCompressed()
		back, err := secp256k1.PublicKeyFromBytes(cmp[:])
		if err != nil || !back.Equal(pub) {
			t.Errorf("goroutine %d: compressed round trip %v", g, err)
		}
		if pub.Address() != k.Address() {
			t.Errorf("goroutine %d: address", g)
		}
	})
}
