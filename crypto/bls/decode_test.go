package bls

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"pgregory.net/rapid"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The edge cases of ethereum/bls12-381-tests deserialization_G1/G2 (main.py), each with the
// sentinel it must produce.
func TestPublicKeyFromBytesEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		hex  string
		want error
	}{
		{"correct point", "a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a", nil},
		{"not in G1", "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ErrNotInSubgroup},
		{"not on curve", "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0", ErrNotOnCurve},
		{"x equal to p", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", ErrNotCanonical},
		{"x greater than p", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac", ErrNotCanonical},
		{"too few bytes", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa", ErrInvalidLength},
		{"too many bytes", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaa900", ErrInvalidLength},
		{"infinity", "c0" + strings.Repeat("00", 47), ErrInfinity},
		{"infinity without b flag", "80" + strings.Repeat("00", 47), ErrNotInSubgroup},
		{"uncompressed flag", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ErrInvalidEncoding},
		{"uncompressed infinity flag", "40" + strings.Repeat("00", 47), ErrInvalidEncoding},
		{"b flag with x nonzero", "c123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ErrInvalidEncoding},
		{"b flag with a flag", "e0" + strings.Repeat("00", 47), ErrInvalidEncoding},
		{"b flag with last bit", "c0" + strings.Repeat("00", 46) + "01", ErrInvalidEncoding},
		{"empty", "", ErrInvalidLength},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PublicKeyFromBytes(unhex(t, tc.hex))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSignatureFromBytesEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		hex  string
		want error
	}{
		{"correct point", "b2cc74bc9f089ed9764bbceac5edba416bef5e73701288977b9cac1ccb6964269d4ebf78b4e8aa7792ba09d3e49c8e6a1351bdf582971f796bbaf6320e81251c9d28f674d720cca07ed14596b96697cf18238e0e03ebd7fc1353d885a39407e0", nil},
		{"x.c0 equal to p", "80" + strings.Repeat("00", 47) + "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", ErrNotCanonical},
		{"x.c1 equal to p", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab" + strings.Repeat("00", 48), ErrNotCanonical},
		{"x.c0 greater than p", "80" + strings.Repeat("00", 47) + "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac", ErrNotCanonical},
		{"x.c1 greater than p", "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac" + strings.Repeat("00", 48), ErrNotCanonical},
		{"flag bits in x.c0", "80" + strings.Repeat("00", 47) + "80" + strings.Repeat("00", 47), ErrNotCanonical},
		{"not in G2", strings.Repeat("0123456789abcdef", 12), ErrInvalidEncoding},
		{"not in G2 compressed", "81" + strings.Repeat("23456789abcdef01", 11) + "23456789abcdef", ErrNotInSubgroup},
		{"not on curve", "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0", ErrNotOnCurve},
		{"too few bytes", strings.Repeat("81", 95), ErrInvalidLength},
		{"too many bytes", strings.Repeat("81", 97), ErrInvalidLength},
		{"infinity", "c0" + strings.Repeat("00", 95), nil},
		{"b flag with x nonzero", "c1" + strings.Repeat("00", 95), ErrInvalidEncoding},
		{"b flag with x.c0 nonzero", "c0" + strings.Repeat("00", 94) + "01", ErrInvalidEncoding},
		{"b flag with a flag", "e0" + strings.Repeat("00", 95), ErrInvalidEncoding},
		{"zero signature", strings.Repeat("00", 96), ErrInvalidEncoding},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SignatureFromBytes(unhex(t, tc.hex))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSecretKeyFromBytesEdgeCases(t *testing.T) {
	r := fr.Modulus()
	rb := r.FillBytes(make([]byte, 32))
	rm1 := new(big.Int).Sub(r, big.NewInt(1)).FillBytes(make([]byte, 32))
	one := big.NewInt(1).FillBytes(make([]byte, 32))
	for _, tc := range []struct {
		name string
		b    []byte
		want error
	}{
		{"one", one, nil},
		{"r-1", rm1, nil},
		{"zero", make([]byte, 32), ErrInvalidSecretKey},
		{"r", rb, ErrInvalidSecretKey},
		{"all ones", bytes.Repeat([]byte{0xff}, 32), ErrInvalidSecretKey},
		{"short", one[1:], ErrInvalidLength},
		{"long", append([]byte{0}, one...), ErrInvalidLength},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sk, err := SecretKeyFromBytes(tc.b)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if err == nil {
				if got := sk.Bytes(); !bytes.Equal(got[:], tc.b) {
					t.Fatal("round trip")
				}
			}
		})
	}
}

// TestPropDecodeMatchesReference compares the decoders with gnark-crypto's SetBytes and with
// a slow subgroup check, [r]P = O, on random and near-valid encodings.
func TestPropDecodeMatchesReference(t *testing.T) {
	r := fr.Modulus()
	rapid.Check(t, func(t *rapid.T) {
		b := nearValid(t, PublicKeySize)
		var ours, ref bls12381.G1Affine
		err := decodeG1(&ours, (*[PublicKeySize]byte)(b))
		_, refErr := ref.SetBytes(b)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", b, err, refErr)
		}
		if err == nil && !ours.Equal(&ref) {
			t.Fatalf("%x: points differ", b)
		}
		if errors.Is(err, ErrNotInSubgroup) {
			var j bls12381.G1Jac
			j.FromAffine(&ours)
			j.ScalarMultiplication(&j, r)
			if j.Z.IsZero() {
				t.Fatalf("%x: rejected but [r]P = O", b)
			}
		}
	})
	rapid.Check(t, func(t *rapid.T) {
		b := nearValid(t, SignatureSize)
		var ours, ref bls12381.G2Affine
		err := decodeG2(&ours, (*[SignatureSize]byte)(b))
		_, refErr := ref.SetBytes(b)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%x: ours %v, gnark-crypto %v", b, err, refErr)
		}
		if err == nil && !ours.Equal(&ref) {
			t.Fatalf("%x: points differ", b)
		}
		if errors.Is(err, ErrNotInSubgroup) {
			var j bls12381.G2Jac
			j.FromAffine(&ours)
			j.ScalarMultiplication(&j, r)
			if j.Z.IsZero() {
				t.Fatalf("%x: rejected but [r]P = O", b)
			}
		}
	})
}

// nearValid draws a compressed encoding with the c flag set (gnark-crypto reads a clear c
// flag as the longer uncompressed form, so those are compared elsewhere): often a valid
// point with bits changed, otherwise random x.
func nearValid(t *rapid.T, size int) []byte {
	b := rapid.SliceOfN(rapid.Byte(), size, size).Draw(t, "random")
	if rapid.Bool().Draw(t, "fromValid") {
		var sk SecretKey
		sk.s.SetUint64(rapid.Uint64Min(1).Draw(t, "sk"))
		if size == PublicKeySize {
			v := sk.PublicKey().Bytes()
			b = v[:]
		} else {
			v := sk.Sign([]byte("near valid")).Bytes()
			b = v[:]
		}
		if rapid.Bool().Draw(t, "flip") {
			i := rapid.IntRange(0, 8*size-1).Draw(t, "bit")
			b[i/8] ^= 1 << (i % 8)
		}
	}
	b[0] |= flagCompressed
	if rapid.IntRange(0, 7).Draw(t, "clearTop") == 0 {
		// Keep x below 2^381 more often than random bytes do, so it is usually canonical.
		b[0] &^= 0x1f
	}
	return b
}

// TestPropBatchToAffine compares batchToAffine with one inversion per point, including
// points at infinity.
func TestPropBatchToAffine(t *testing.T) {
	_, _, g1, _ := bls12381.Generators()
	rapid.Check(t, func(t *rapid.T) {
		ks := rapid.SliceOfN(rapid.Uint64(), 1, 8).Draw(t, "scalars")
		src := make([]bls12381.G1Jac, len(ks))
		for i, k := range ks {
			// k = 0 leaves the zero value, an infinity point.
			if k != 0 {
				src[i].FromAffine(&g1)
				src[i].ScalarMultiplication(&src[i], new(big.Int).SetUint64(k))
			}
		}
		dst := make([]bls12381.G1Affine, len(src))
		batchToAffine(dst, src)
		for i := range src {
			var want bls12381.G1Affine
			want.FromJacobian(&src[i])
			if !dst[i].Equal(&want) {
				t.Fatalf("point %d: %s, want %s", i, dst[i].String(), want.String())
			}
		}
	})
}
