package secp256k1_test

import (
	"errors"
	"math/big"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/crypto/secp256k1/secp256k1test"
)

// TestPropSignMatchesReference: Sign is RFC 6979 + low-s exactly as the math/big model.
func TestPropSignMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := secp256k1test.PrivateKey().Draw(t, "key")
		d := secp256k1test.Digest().Draw(t, "digest")
		got := k.Sign(d)
		if want := refSign(k.Bytes(), d); got != want {
			t.Fatalf("Sign = %x, reference %x", got, want)
		}
		if again := k.Sign(d); again != got {
			t.Fatal("Sign is not deterministic")
		}
		kb := k.Bytes()
		pub := refMul(new(big.Int).SetBytes(kb[:]), refPoint{refGx, refGy})
		if k.Address() != refAddress(pub) {
			t.Fatal("address differs from the reference")
		}
	})
}

// TestPropDigestReducedModN: a digest and the same digest plus n sign and recover alike
// (RFC 6979 bits2octets and SEC 1 both work mod n).
func TestPropDigestReducedModN(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := secp256k1test.PrivateKey().Draw(t, "key")
		lo := rapid.Int64Range(0, 1<<40).Draw(t, "e")
		var d1, d2 interop.Hash
		big.NewInt(lo).FillBytes(d1[:])
		new(big.Int).Add(refN, big.NewInt(lo)).FillBytes(d2[:])
		if k.Sign(d1) != k.Sign(d2) {
			t.Fatal("digest e and e+n sign differently")
		}
	})
}

func TestPropSignRecover(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := secp256k1test.Signature().Draw(t, "signed")
		if s.Sig[64] > 1 {
			t.Fatalf("v = %d", s.Sig[64])
		}
		if new(big.Int).SetBytes(s.Sig[32:64]).Cmp(new(big.Int).Rsh(refN, 1)) > 0 {
			t.Fatal("high s")
		}
		want := s.Key.Address()
		for _, off := range []byte{0, 27} {
			sig := s.Sig
			sig[64] += off
			for name, rec := range map[string]func(interop.Hash, [65]byte) (interop.Address, error){
				"RecoverAddress": secp256k1.RecoverAddress, "RecoverAddressStrict": secp256k1.RecoverAddressStrict,
			} {
				if a, err := rec(s.Digest, sig); err != nil || a != want {
					t.Fatalf("%s(v=%d) = %v, %v; want %v", name, sig[64], a, err, want)
				}
			}
		}
		pub, err := secp256k1.RecoverPublicKey(s.Digest, s.Sig)
		if err != nil || !pub.Equal(s.Key.PublicKey()) || pub.Address() != want {
			t.Fatalf("RecoverPublicKey: %v", err)
		}
		rs := [64]byte(s.Sig[:64])
		if err := secp256k1.Verify(pub, s.Digest, rs); err != nil {
			t.Fatal(err)
		}
		if err := secp256k1.VerifyStrict(pub, s.Digest, rs); err != nil {
			t.Fatal(err)
		}
		var in [128]byte
		copy(in[:32], s.Digest[:])
		in[63] = s.Sig[64] + 27
		copy(in[64:], s.Sig[:64])
		out := secp256k1.Ecrecover(in[:])
		if len(out) != 32 || interop.Address(out[12:]) != want {
			t.Fatalf("Ecrecover = %x", out)
		}
	})
}

func TestPropHighS(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := secp256k1test.Signature().Draw(t, "signed")
		hi := secp256k1test.HighS(s.Sig)
		if a, err := secp256k1.RecoverAddress(s.Digest, hi); err != nil || a != s.Key.Address() {
			t.Fatalf("RecoverAddress(high s) = %v, %v", a, err)
		}
		if _, err := secp256k1.RecoverAddressStrict(s.Digest, hi); !errors.Is(err, secp256k1.ErrHighS) || !errors.Is(err, secp256k1.ErrInvalidSignature) {
			t.Fatalf("RecoverAddressStrict(high s) = %v", err)
		}
		rs := [64]byte(hi[:64])
		if err := secp256k1.Verify(s.Key.PublicKey(), s.Digest, rs); err != nil {
			t.Fatalf("Verify(high s) = %v", err)
		}
		if err := secp256k1.VerifyStrict(s.Key.PublicKey(), s.Digest, rs); !errors.Is(err, secp256k1.ErrHighS) {
			t.Fatalf("VerifyStrict(high s) = %v", err)
		}
	})
}

// TestPropBitFlip: one flipped bit in the digest or in r‖s‖v never recovers the signer, and
// never verifies.
func TestPropBitFlip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := secp256k1test.Signature().Draw(t, "signed")
		digest, sig := s.Digest, s.Sig
		bit := rapid.IntRange(0, 256+65*8-1).Draw(t, "bit")
		if bit < 256 {
			digest[bit/8] ^= 1 << (bit % 8)
		} else {
			sig[(bit-256)/8] ^= 1 << (bit % 8)
		}
		a, err := secp256k1.RecoverAddress(digest, sig)
		if err == nil && a == s.Key.Address() {
			t.Fatalf("flipped bit still recovers the signer")
		}
		if secp256k1.Verify(s.Key.PublicKey(), digest, [64]byte(sig[:64])) == nil && bit < 256+512 { // v is not part of r‖s
			t.Fatalf("flipped bit still verifies")
		}
	})
}

// TestPropRecoverMatchesReference compares recovery of arbitrary r‖s‖v, mostly invalid, with
// the model.
func TestPropRecoverMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digest := secp256k1test.Digest().Draw(t, "digest")
		var sig [65]byte
		r := secp256k1test.Scalar().Draw(t, "r")
		s := secp256k1test.Scalar().Draw(t, "s")
		copy(sig[:32], r[:])
		copy(sig[32:], s[:])
		if rapid.Bool().Draw(t, "raw") {
			copy(sig[:64], rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "rs"))
		}
		sig[64] = rapid.SampledFrom([]byte{0, 1, 2, 26, 27, 28, 29, 255}).Draw(t, "v")
		want, ok := refRecover(digest, sig)
		got, err := secp256k1.RecoverAddress(digest, sig)
		if ok != (err == nil) {
			t.Fatalf("RecoverAddress error %v, reference ok=%v", err, ok)
		}
		if ok && got != refAddress(want) {
			t.Fatalf("RecoverAddress = %v, reference %v", got, refAddress(want))
		}
	})
}

func TestPropVerifyMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := secp256k1test.PrivateKey().Draw(t, "key")
		digest := secp256k1test.Digest().Draw(t, "digest")
		var rs [64]byte
		copy(rs[:], rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, "rs"))
		if rapid.Bool().Draw(t, "honest") {
			sig := k.Sign(digest)
			copy(rs[:], sig[:64])
			rs[rapid.IntRange(0, 63).Draw(t, "at")] ^= rapid.Byte().Draw(t, "xor")
		}
		xy := k.PublicKey().Bytes()
		pub := refPoint{new(big.Int).SetBytes(xy[:32]), new(big.Int).SetBytes(xy[32:])}
		if want, got := refVerify(pub, digest, rs), secp256k1.Verify(k.PublicKey(), digest, rs); want != (got == nil) {
			t.Fatalf("Verify = %v, reference %v", got, want)
		}
	})
}

func TestPropPublicKeyEncodings(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pub := secp256k1test.PrivateKey().Draw(t, "key").PublicKey()
		checkPublicKeyEncodings(t, pub)
		c := pub.BytesCompressed()
		xy := pub.Bytes()
		if c[0]-2 != xy[63]&1 {
			t.Fatal("compressed prefix does not give y's parity")
		}
		// Flipping the prefix gives the negated point, a different key.
		c[0] ^= 1
		if p, err := secp256k1.PublicKeyFromBytes(c[:]); err != nil || p.Equal(pub) {
			t.Fatalf("flipped prefix: %v", err)
		}
		xy[63] ^= 1 // (x, y^1) is off the curve: y² changes by an odd amount
		if _, err := secp256k1.PublicKeyFromBytes(xy[:]); !errors.Is(err, secp256k1.ErrInvalidPublicKey) {
			t.Fatalf("off-curve point accepted: %v", err)
		}
	})
}

// TestRefMul checks the model's Jacobian multiplication against its affine one, small
// multiples and n·G = infinity included.
func TestRefMul(t *testing.T) {
	g := refPoint{refGx, refGy}
	for _, k := range []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3), big.NewInt(1 << 40),
		new(big.Int).Sub(refN, big.NewInt(1)), refN, new(big.Int).Rsh(refN, 1)} {
		a, b := refMul(k, g), refMulAffine(k, g)
		if (a.x == nil) != (b.x == nil) || a.x != nil && (a.x.Cmp(b.x) != 0 || a.y.Cmp(b.y) != 0) {
			t.Fatalf("refMul(%v) differs from the affine model", k)
		}
	}
	if refMul(refN, g).x != nil {
		t.Fatal("n·G is not infinity in the model")
	}
}
