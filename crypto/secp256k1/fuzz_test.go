package secp256k1_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
)

// FuzzRecoverAddress: any 97 bytes either recover an address that the model agrees with, or
// fail with a wrapped sentinel; RecoverAddressStrict and Ecrecover agree with it.
func FuzzRecoverAddress(f *testing.F) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	for _, d := range []interop.Hash{{}, {1}, {31: 7}} {
		sig := k.Sign(d)
		f.Add(append(d[:], sig[:]...))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var in [97]byte
		copy(in[:], b)
		digest, sig := interop.Hash(in[:32]), [65]byte(in[32:])
		addr, err := secp256k1.RecoverAddress(digest, sig)
		if err != nil && !errors.Is(err, secp256k1.ErrInvalidSignature) {
			t.Fatalf("unwrapped error %v", err)
		}
		want, ok := refRecover(digest, sig)
		if ok != (err == nil) || ok && addr != refAddress(want) {
			t.Fatalf("RecoverAddress = %v, %v; reference ok=%v", addr, err, ok)
		}
		strict, errS := secp256k1.RecoverAddressStrict(digest, sig)
		if errS == nil && (err != nil || strict != addr) {
			t.Fatal("strict recovery accepted what lenient rejected")
		}
		if err == nil && errS != nil && !errors.Is(errS, secp256k1.ErrHighS) {
			t.Fatalf("strict rejected for another reason: %v", errS)
		}
		if err == nil {
			// Accepted ⇒ the recovered key, re-encoded in every form and decoded again, has
			// the same address and verifies r‖s over the digest.
			pub, errP := secp256k1.RecoverPublicKey(digest, sig)
			if errP != nil || pub.Address() != addr {
				t.Fatalf("RecoverPublicKey = %v, %v; address %v", pub, errP, addr)
			}
			xy, unc, cmp := pub.Bytes(), pub.BytesUncompressed(), pub.BytesCompressed()
			for _, enc := range [][]byte{xy[:], unc[:], cmp[:]} {
				back, err := secp256k1.PublicKeyFromBytes(enc)
				if err != nil || back.Address() != addr {
					t.Fatalf("re-encoded key %x: %v", enc, err)
				}
				if err := secp256k1.Verify(back, digest, [64]byte(sig[:64])); err != nil {
					t.Fatalf("recovered key does not verify its signature: %v", err)
				}
			}
		}
		if sig[64] == 27 || sig[64] == 28 {
			var pre [128]byte
			copy(pre[:32], digest[:])
			pre[63] = sig[64]
			copy(pre[64:], sig[:64])
			out := secp256k1.Ecrecover(pre[:])
			if (out != nil) != (err == nil) || out != nil && interop.Address(out[12:]) != addr {
				t.Fatalf("Ecrecover = %x, RecoverAddress = %v, %v", out, addr, err)
			}
		}
	})
}

// FuzzEcrecover: arbitrary call data never panics and yields empty or 32 bytes with 12 zeros.
func FuzzEcrecover(f *testing.F) {
	f.Add([]byte{})
	f.Add(make([]byte, 128))
	f.Add(make([]byte, 200))
	f.Fuzz(func(t *testing.T, in []byte) {
		out := secp256k1.Ecrecover(in)
		if out == nil {
			return
		}
		if len(out) != 32 || string(out[:12]) != string(make([]byte, 12)) {
			t.Fatalf("malformed output %x", out)
		}
	})
}

// FuzzPublicKeyFromBytes: a parsed key re-encodes to the same point in every form.
func FuzzPublicKeyFromBytes(f *testing.F) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	pub := k.PublicKey()
	xy, unc, cmp := pub.Bytes(), pub.BytesUncompressed(), pub.BytesCompressed()
	f.Add(xy[:])
	f.Add(unc[:])
	f.Add(cmp[:])
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := secp256k1.PublicKeyFromBytes(b)
		if err != nil {
			if !errors.Is(err, secp256k1.ErrInvalidPublicKey) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		checkPublicKeyEncodings(t, p)
	})
}

// FuzzPrivateKeyFromBytes: accepted keys round-trip and sign signatures that recover to them.
func FuzzPrivateKeyFromBytes(f *testing.F) {
	f.Add([]byte("0123456789abcdef0123456789abcdef"))
	f.Add(make([]byte, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := secp256k1.PrivateKeyFromBytes(b)
		if err != nil {
			if !errors.Is(err, secp256k1.ErrInvalidPrivateKey) {
				t.Fatalf("unwrapped error %v", err)
			}
			return
		}
		if kb := k.Bytes(); string(kb[:]) != string(b) {
			t.Fatal("Bytes does not round-trip")
		}
		d := interop.Hash(b)
		if a, err := secp256k1.RecoverAddressStrict(d, k.Sign(d)); err != nil || a != k.Address() {
			t.Fatalf("sign/recover: %v", err)
		}
	})
}

// FuzzVerify: Verify agrees with the model on arbitrary r‖s for a fixed key and digest.
func FuzzVerify(f *testing.F) {
	k, _ := secp256k1.PrivateKeyFromBytes([]byte("0123456789abcdef0123456789abcdef"))
	d := interop.Hash{1, 2, 3}
	sig := k.Sign(d)
	f.Add(d[:], sig[:64])
	f.Fuzz(func(t *testing.T, digest, rs []byte) {
		var dg interop.Hash
		var s [64]byte
		copy(dg[:], digest)
		copy(s[:], rs)
		err := secp256k1.Verify(k.PublicKey(), dg, s)
		if err != nil && !errors.Is(err, secp256k1.ErrInvalidSignature) && !errors.Is(err, secp256k1.ErrVerification) {
			t.Fatalf("unwrapped error %v", err)
		}
		xy := k.PublicKey().Bytes()
		pub := refPoint{bigFrom(xy[:32]), bigFrom(xy[32:])}
		if want := refVerify(pub, dg, s); want != (err == nil) {
			t.Fatalf("Verify = %v, reference %v", err, want)
		}
	})
}
