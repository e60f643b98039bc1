package bn254

import (
	"encoding/base64"
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"

	"github.com/interopkit/interop/internal/taggedb64"
)

func testKey(t testing.TB, i byte) *SecretKey {
	t.Helper()
	var b [SecretKeySize]byte
	b[0], b[1] = i, 0x5a
	sk, err := SecretKeyFromBytes(b[:])
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// pModLE is p little-endian: the smallest non-canonical field element.
func pModLE() [32]byte {
	be := fp.Modulus().FillBytes(make([]byte, 32))
	var le [32]byte
	for i := range le {
		le[i] = be[31-i]
	}
	return le
}

// offSubgroupG2 is a point on the twist curve outside the order-r subgroup.
func offSubgroupG2(t *testing.T) bn254.G2Affine {
	t.Helper()
	var p bn254.G2Affine
	for i := uint64(1); i < 100; i++ {
		p.X.A0.SetUint64(i)
		p.X.A1.SetUint64(1)
		var y2 bn254.E2
		y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &bTwist)
		if y2.Legendre() != 1 {
			continue
		}
		p.Y.Sqrt(&y2)
		if p.IsOnCurve() && !p.IsInSubGroup() {
			return p
		}
	}
	t.Fatal("no off-subgroup point found")
	return p
}

func TestDecodeRefusals(t *testing.T) {
	sk := testKey(t, 7)
	pk := sk.PublicKey()
	sig := sk.Sign([]byte("hello"))
	pkb, pkc := pk.Bytes(), pk.BytesCompressed()
	sigb, sigc := sig.Bytes(), sig.BytesCompressed()
	p := pModLE()
	off := offSubgroupG2(t)
	offb, offc := encodeG2(&off), encodeG2Compressed(&off)
	var infG1 [SignatureSize]byte
	infG1[63] = flagInfinity
	var infG2 [PublicKeySize]byte
	infG2[127] = flagInfinity
	var infG2c [PublicKeyCompressedSize]byte
	infG2c[63] = flagInfinity

	mut := func(b []byte, f func([]byte)) []byte {
		c := append([]byte(nil), b...)
		f(c)
		return c
	}
	cases := []struct {
		name string
		key  bool
		in   []byte
		want error
	}{
		{"key/empty", true, nil, ErrInvalidLength},
		{"key/short", true, pkb[:127], ErrInvalidLength},
		{"key/long", true, append(pkb[:], 0), ErrInvalidLength},
		{"key/infinity", true, infG2[:], ErrInfinity},
		{"key/compressed infinity", true, infG2c[:], ErrInfinity},
		{"key/both flags", true, mut(pkb[:], func(b []byte) { b[127] |= flagMask }), ErrInvalidEncoding},
		{"key/sign flag flipped", true, mut(pkb[:], func(b []byte) { b[127] ^= flagNegative }), ErrInvalidEncoding},
		{"key/x.c0 = p", true, mut(pkb[:], func(b []byte) { copy(b, p[:]) }), ErrNotCanonical},
		{"key/x flag bit", true, mut(pkb[:], func(b []byte) { b[31] |= flagNegative }), ErrNotCanonical},
		{"key/y.c1 = p", true, mut(pkb[:], func(b []byte) { copy(b[96:], p[:]) }), ErrNotCanonical},
		{"key/off curve", true, mut(pkb[:], func(b []byte) { b[64] ^= 1 }), ErrNotOnCurve},
		{"key/compressed off curve", true, mut(pkc[:], func(b []byte) { b[0] ^= 1 }), nil},
		{"key/off subgroup", true, offb[:], ErrNotInSubgroup},
		{"key/compressed off subgroup", true, offc[:], ErrNotInSubgroup},
		{"sig/short", false, sigb[:63], ErrInvalidLength},
		{"sig/infinity", false, infG1[:], ErrInfinity},
		{"sig/compressed infinity", false, infG1[32:], ErrInfinity},
		{"sig/both flags", false, mut(sigb[:], func(b []byte) { b[63] |= flagMask }), ErrInvalidEncoding},
		{"sig/sign flag flipped", false, mut(sigb[:], func(b []byte) { b[63] ^= flagNegative }), ErrInvalidEncoding},
		{"sig/x = p", false, mut(sigb[:], func(b []byte) { copy(b, p[:]) }), ErrNotCanonical},
		{"sig/compressed x = p", false, p[:], ErrNotCanonical},
		{"sig/off curve", false, mut(sigb[:], func(b []byte) { b[32] ^= 1 }), ErrNotOnCurve},
		{"sig/zero coordinates", false, make([]byte, 64), ErrNotOnCurve},
		{"key/zero coordinates", true, make([]byte, 128), ErrNotOnCurve},
		{"sig/compressed", false, sigc[:], nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.key {
				_, err = PublicKeyFromBytes(c.in)
			} else {
				_, err = SignatureFromBytes(c.in)
			}
			if c.want == nil {
				// A compressed flip may land on another valid x; either a refusal or a
				// different point is fine, but never the original.
				if err == nil && c.key {
					got, _ := PublicKeyFromBytes(c.in)
					if got.Equal(pk) {
						t.Fatal("tampered key decodes to the original")
					}
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	for i := byte(1); i < 20; i++ {
		sk := testKey(t, i)
		pk := sk.PublicKey()
		sig := sk.Sign([]byte{i})
		b, c := pk.Bytes(), pk.BytesCompressed()
		for _, in := range [][]byte{b[:], c[:]} {
			got, err := PublicKeyFromBytes(in)
			if err != nil || !got.Equal(pk) {
				t.Fatalf("key %d (%d bytes): %v", i, len(in), err)
			}
		}
		sb, sc := sig.Bytes(), sig.BytesCompressed()
		for _, in := range [][]byte{sb[:], sc[:]} {
			got, err := SignatureFromBytes(in)
			if err != nil || !got.Equal(sig) {
				t.Fatalf("signature %d (%d bytes): %v", i, len(in), err)
			}
		}
		if got, err := ParsePublicKey(pk.String()); err != nil || !got.Equal(pk) {
			t.Fatal(err)
		}
		if got, err := ParseSignature(sig.String()); err != nil || !got.Equal(sig) {
			t.Fatal(err)
		}
		kb := sk.Bytes()
		if sk2, err := SecretKeyFromBytes(kb[:]); err != nil || !sk2.PublicKey().Equal(pk) {
			t.Fatal(err)
		}
	}
}

func TestSecretKeyRefusals(t *testing.T) {
	var zero [32]byte
	if _, err := SecretKeyFromBytes(zero[:]); !errors.Is(err, ErrInvalidSecretKey) {
		t.Fatal(err)
	}
	r := [32]byte{}
	for i := range r {
		r[i] = 0xff
	}
	if _, err := SecretKeyFromBytes(r[:]); !errors.Is(err, ErrInvalidSecretKey) {
		t.Fatal(err)
	}
	if _, err := SecretKeyFromBytes(zero[:31]); !errors.Is(err, ErrInvalidLength) {
		t.Fatal(err)
	}
}

func TestTaggedRefusals(t *testing.T) {
	pk := testKey(t, 3).PublicKey()
	s := pk.String()
	long := s
	for len(long) <= maxTagged {
		long += "A"
	}
	cases := []struct {
		name, in string
		want     error
	}{
		{"no delimiter", "BLS_VER_KEY", ErrTaggedBase64},
		{"bad tag byte", "BLS VER~AA", ErrTaggedBase64},
		{"wrong tag", "BLS_SIG" + s[len(TagPublicKey):], ErrTag},
		{"empty value", "BLS_VER_KEY~", ErrTaggedBase64},
		{"padding", s + "=", ErrTaggedBase64},
		{"std alphabet", s[:len(s)-1] + "+", ErrTaggedBase64},
		{"truncated", s[:len(s)-4], ErrChecksum},
		{"too long", long, ErrTaggedBase64},
		{"short payload", formatTagged(TagPublicKey, []byte{1, 2, 3}), ErrInvalidLength},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ParsePublicKey(c.in); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
	// The CRC core follows the crate's doc examples (tagged-base64/src/lib.rs), which predate
	// the length xor that every string HotShot writes carries (see the conformance test).
	for _, ex := range []struct{ tag, val, str string }{
		{"KEY", "public key bits", "KEY~cHVibGljIGtleSBiaXRzBQ"},
		{"TX", "transaction identifier goes here", "TX~dHJhbnNhY3Rpb24gaWRlbnRpZmllciBnb2VzIGhlcmUC"},
		{"Zg", "f", "Zg~Zgg"},
		{"mytag", "mytag", "mytag~bXl0YWd7"},
	} {
		raw, err := base64.RawURLEncoding.DecodeString(ex.str[len(ex.tag)+1:])
		if err != nil {
			t.Fatal(err)
		}
		if got := taggedb64.Checksum(ex.tag, []byte(ex.val)) ^ byte(len(ex.val)); got != raw[len(raw)-1] {
			t.Errorf("CRC-8 of %q ‖ %q = %#02x, the example has %#02x", ex.tag, ex.val, got, raw[len(raw)-1])
		}
	}
}

func TestAggregateEdges(t *testing.T) {
	if _, err := Aggregate(nil); !errors.Is(err, ErrEmpty) {
		t.Fatal(err)
	}
	if _, err := AggregatePublicKeys(nil); !errors.Is(err, ErrEmpty) {
		t.Fatal(err)
	}
	if _, err := Aggregate([]*Signature{nil}); !errors.Is(err, ErrNil) {
		t.Fatal(err)
	}
	if _, err := AggregatePublicKeys([]*PublicKey{nil}); !errors.Is(err, ErrNil) {
		t.Fatal(err)
	}
	sk := testKey(t, 9)
	pk := sk.PublicKey()
	var neg PublicKey
	neg.p.Neg(&pk.p)
	if _, err := AggregatePublicKeys([]*PublicKey{pk, &neg}); !errors.Is(err, ErrInfinity) {
		t.Fatal(err)
	}
	// A key and its negation sum to infinity; with an infinity signature the pairing
	// equation would hold, so FastAggregateVerify must refuse it.
	var infSig Signature
	if FastAggregateVerify([]*PublicKey{pk, &neg}, []byte("m"), &infSig) {
		t.Fatal("rogue cancelling keys verify")
	}
	if FastAggregateVerify(nil, []byte("m"), sk.Sign([]byte("m"))) || Verify(nil, nil, nil) {
		t.Fatal("empty or nil verifies")
	}
	// An aggregate at infinity encodes as arkworks writes it and is refused on decode.
	s := sk.Sign([]byte("m"))
	var ns Signature
	ns.p.Neg(&s.p)
	agg, err := Aggregate([]*Signature{s, &ns})
	if err != nil {
		t.Fatal(err)
	}
	b := agg.Bytes()
	if _, err := SignatureFromBytes(b[:]); !errors.Is(err, ErrInfinity) {
		t.Fatal(err)
	}
}

// TestHashToCurveShape checks the properties jellyfish's hash_to_curve guarantees: the
// point is on the curve, y is the smaller root, and x is the first candidate at or after
// OS2IP(expand(msg)) mod p whose x³+3 is a square.
func TestHashToCurveShape(t *testing.T) {
	for i := range 64 {
		msg := []byte{byte(i), byte(i * 7)}
		p := HashToCurve(msg)
		if !p.IsOnCurve() || p.Y.LexicographicallyLargest() {
			t.Fatalf("msg %x: bad point", msg)
		}
		u := expand(msg)
		var x, y2, three, one fp.Element
		x.SetBytes(u[:])
		three.SetUint64(3)
		one.SetOne()
		for !x.Equal(&p.X) {
			y2.Square(&x).Mul(&y2, &x).Add(&y2, &three)
			if y2.Legendre() == 1 {
				t.Fatalf("msg %x: skipped a square at %s", msg, x.String())
			}
			x.Add(&x, &one)
		}
	}
}

// TestTaggedNewlineRefused: Go's base64 decoder skips CR and LF, so a key or signature
// string with a line break inside its value decoded to the same point and was accepted:
// two strings for one key. The value must be URL-safe characters only.
func TestTaggedNewlineRefused(t *testing.T) {
	sk := testKey(t, 3)
	pk := sk.PublicKey().String()
	sig := sk.Sign([]byte("m")).String()
	for _, s := range []string{pk, sig} {
		i := len(s) - 5
		for _, br := range []string{"\n", "\r", "\r\n"} {
			bad := s[:i] + br + s[i:]
			var err error
			if s == pk {
				_, err = ParsePublicKey(bad)
			} else {
				_, err = ParseSignature(bad)
			}
			if !errors.Is(err, ErrTaggedBase64) && !errors.Is(err, ErrInvalidLength) {
				t.Fatalf("%q accepted or misnamed: %v", bad, err)
			}
		}
	}
}
