package secp256k1_test

import (
	"encoding/hex"
	"errors"
	"math/big"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/crypto/secp256k1/secp256k1test"
)

func word(v *big.Int) []byte {
	var b [32]byte
	v.FillBytes(b[:])
	return b[:]
}

func TestPrivateKeyFromBytesEdges(t *testing.T) {
	one := big.NewInt(1)
	for _, c := range []struct {
		name string
		b    []byte
		ok   bool
	}{
		{"one", word(one), true},
		{"n-1", word(new(big.Int).Sub(refN, one)), true},
		{"zero", make([]byte, 32), false},
		{"n", word(refN), false},
		{"n+1", word(new(big.Int).Add(refN, one)), false},
		{"2^256-1", word(new(big.Int).Sub(new(big.Int).Lsh(one, 256), one)), false},
		{"31 bytes", make([]byte, 31), false},
		{"33 bytes", append([]byte{0}, word(one)...), false},
		{"nil", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := secp256k1.PrivateKeyFromBytes(c.b)
			if c.ok != (err == nil) || err != nil && !errors.Is(err, secp256k1.ErrInvalidPrivateKey) {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func TestRecoverEdges(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes(word(big.NewInt(0x1234567)))
	digest := interop.Hash{1}
	good := k.Sign(digest)
	with := func(r, s []byte, v byte) [65]byte {
		var sig [65]byte
		copy(sig[:32], r)
		copy(sig[32:64], s)
		sig[64] = v
		return sig
	}
	r, s := good[:32], good[32:64]
	// x = 5: 5³ + 7 = 132 is not a square mod p, so no R has this x.
	noPoint := word(big.NewInt(5))
	for _, c := range []struct {
		name string
		sig  [65]byte
		err  error
	}{
		{"v=2", with(r, s, 2), secp256k1.ErrInvalidRecoveryID},
		{"v=26", with(r, s, 26), secp256k1.ErrInvalidRecoveryID},
		{"v=29", with(r, s, 29), secp256k1.ErrInvalidRecoveryID},
		{"r=0", with(make([]byte, 32), s, 0), secp256k1.ErrInvalidSignature},
		{"s=0", with(r, make([]byte, 32), 0), secp256k1.ErrInvalidSignature},
		{"r=n", with(word(refN), s, 0), secp256k1.ErrInvalidSignature},
		{"s=n", with(r, word(refN), 0), secp256k1.ErrInvalidSignature},
		{"r=p-1", with(word(new(big.Int).Sub(refP, big.NewInt(1))), s, 0), secp256k1.ErrInvalidSignature},
		{"x=r not on curve", with(noPoint, s, 0), secp256k1.ErrInvalidSignature},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := secp256k1.RecoverAddress(digest, c.sig)
			if !errors.Is(err, c.err) || !errors.Is(err, secp256k1.ErrInvalidSignature) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if _, ok := refRecover(digest, c.sig); ok {
				t.Fatal("the reference recovers it")
			}
		})
	}
}

// TestRecoverAtInfinity: when s·R = e·G, Q = r⁻¹(s·R - e·G) is infinity, which ecrecover
// rejects. R = G (r = Gx and v the parity of Gy) with s = e = 3 is such a case.
func TestRecoverAtInfinity(t *testing.T) {
	var sig [65]byte
	copy(sig[:32], word(refGx))
	copy(sig[32:64], word(big.NewInt(3)))
	sig[64] = byte(refGy.Bit(0))
	digest := interop.Hash(word(big.NewInt(3)))
	if _, err := secp256k1.RecoverAddress(digest, sig); !errors.Is(err, secp256k1.ErrInvalidSignature) {
		t.Fatalf("err = %v", err)
	}
}

func TestPublicKeyFromBytesEdges(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes(word(big.NewInt(42)))
	pub := k.PublicKey()
	xy, unc, cmp := pub.Bytes(), pub.BytesUncompressed(), pub.BytesCompressed()
	hybrid := unc
	hybrid[0] = 0x06 | xy[63]&1
	badPrefix := cmp
	badPrefix[0] = 0x04
	xAboveP := append([]byte{0x02}, word(new(big.Int).Add(refP, big.NewInt(1)))...)
	noY := append([]byte{0x02}, word(big.NewInt(5))...)
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"infinity 0x00", []byte{0}},
		{"all-zero 64", make([]byte, 64)},
		{"hybrid", hybrid[:]},
		{"compressed prefix 0x04", badPrefix[:]},
		{"x ≥ p", xAboveP},
		{"x without y", noY},
		{"uncompressed without prefix byte stripped", unc[:64]},
		{"empty", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := secp256k1.PublicKeyFromBytes(c.b); !errors.Is(err, secp256k1.ErrInvalidPublicKey) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestEcrecoverEdges(t *testing.T) {
	k, _ := secp256k1.PrivateKeyFromBytes(word(big.NewInt(7)))
	digest := interop.Hash{9}
	sig := k.Sign(digest)
	in := make([]byte, 128)
	copy(in, digest[:])
	in[63] = sig[64] + 27
	copy(in[64:], sig[:64])
	addr := k.Address()
	want := "000000000000000000000000" + hex.EncodeToString(addr[:])
	if got := hex.EncodeToString(secp256k1.Ecrecover(in)); got != want {
		t.Fatalf("Ecrecover = %s, want %s", got, want)
	}
	if got := secp256k1.Ecrecover(append(in, 0xff)); hex.EncodeToString(got) != want {
		t.Fatal("bytes past 128 must be ignored")
	}
	for name, mut := range map[string]func([]byte){
		"v=0":         func(b []byte) { b[63] = sig[64] },
		"v=29":        func(b []byte) { b[63] = 29 },
		"v high byte": func(b []byte) { b[32] = 1 },
		"s=0":         func(b []byte) { clear(b[96:]) },
		"high s":      func(b []byte) { hs := secp256k1test.HighS(sig); copy(b[96:], hs[32:64]); b[63] = hs[64] + 27 },
	} {
		c := append([]byte(nil), in...)
		mut(c)
		got := secp256k1.Ecrecover(c)
		switch name {
		case "high s":
			if hex.EncodeToString(got) != want {
				t.Errorf("%s: precompile accepts high s, got %x", name, got)
			}
		default:
			if got != nil {
				t.Errorf("%s: Ecrecover = %x, want empty", name, got)
			}
		}
	}
}
