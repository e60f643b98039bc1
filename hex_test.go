package interop

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

func TestDecodeHexRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrMissingPrefix},
		{"no prefix", "abcd", ErrMissingPrefix},
		{"odd", "0xabc", ErrOddLength},
		{"bad digit", "0xzz", ErrInvalidHex},
		{"space", "0x ab", ErrOddLength},
		{"sign", "0x+a", ErrInvalidHex},
	} {
		if _, err := DecodeHex(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: DecodeHex(%q) = %v, want %v", tc.name, tc.in, err, tc.want)
		}
	}
	if b, err := DecodeHex("0x"); err != nil || len(b) != 0 {
		t.Errorf(`DecodeHex("0x") = %x, %v`, b, err)
	}
	if b, err := DecodeHex("0XAbCd"); err != nil || !bytes.Equal(b, []byte{0xab, 0xcd}) {
		t.Errorf(`DecodeHex("0XAbCd") = %x, %v`, b, err)
	}
}

func TestHashAndAddressText(t *testing.T) {
	var h Hash
	if err := json.Unmarshal([]byte(`"0x`+strings.Repeat("ab", 32)+`"`), &h); err != nil || h[31] != 0xab {
		t.Fatalf("hash JSON: %v %v", h, err)
	}
	for _, in := range []string{`"0x` + strings.Repeat("ab", 31) + `"`, `"` + strings.Repeat("ab", 32) + `"`, `12`, `"0x` + strings.Repeat("ab", 33) + `"`} {
		if err := json.Unmarshal([]byte(in), &h); err == nil {
			t.Errorf("hash JSON %s accepted", in)
		}
	}
	var a Address
	if err := a.UnmarshalText([]byte("0x" + strings.Repeat("AB", 20))); err != nil || a.String() != "0x"+strings.Repeat("ab", 20) {
		t.Fatalf("address text: %v %v", a, err)
	}
	var b Bytes
	if err := json.Unmarshal([]byte(`"0x0102"`), &b); err != nil || b.String() != "0x0102" {
		t.Fatalf("bytes JSON: %v %v", b, err)
	}
}

// TestBoundsDecodeHex: decoding allocates the output and nothing per digit.
func TestBoundsDecodeHex(t *testing.T) {
	in := "0x" + strings.Repeat("a5", 1<<20)
	hostile.Proportional(t, "DecodeHex 2 MiB", len(in), 1, 4096, func() { _, _ = DecodeHex(in) })
	bad := "0x" + strings.Repeat("a5", 1<<20) + "z"
	hostile.Proportional(t, "DecodeHex odd 2 MiB", len(bad), 1, 4096, func() { _, _ = DecodeHex(bad) })
}

// FuzzDecodeHex holds DecodeHex to encoding/hex: same accepts and bytes for prefixed input,
// and an accepted input re-encodes to its lower-case form.
func FuzzDecodeHex(f *testing.F) {
	for _, s := range []string{"0x", "0x00", "0XFF", "0xabc", "0xzz", "ab", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := DecodeHex(s)
		hasPrefix := len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
		if !hasPrefix {
			if err == nil {
				t.Fatalf("%q accepted without prefix", s)
			}
			return
		}
		want, werr := hex.DecodeString(s[2:])
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: DecodeHex err %v, encoding/hex err %v", s, err, werr)
		}
		if err != nil {
			return
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q: %x, encoding/hex %x", s, got, want)
		}
		if enc := EncodeHex(got); enc != "0x"+strings.ToLower(s[2:]) {
			t.Fatalf("%q re-encodes to %q", s, enc)
		}
	})
}

// FuzzHashJSON: an accepted hash JSON re-marshals to the canonical lower-case text and parses
// back to the same value; Format's %x agrees with encoding/hex.
func FuzzHashJSON(f *testing.F) {
	f.Add([]byte(`"0x` + strings.Repeat("00", 32) + `"`))
	f.Add([]byte(`"0X` + strings.Repeat("Ab", 32) + `"`))
	f.Add([]byte(`"0x1"`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var h Hash
		if err := h.UnmarshalJSON(in); err != nil {
			return
		}
		out, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bytes.ToLower(in), out) {
			t.Fatalf("%s re-marshals to %s", in, out)
		}
		var back Hash
		if err := json.Unmarshal(out, &back); err != nil || back != h {
			t.Fatalf("round trip: %v %v", back, err)
		}
		if got := []byte(strings.ToLower(string(in[3 : len(in)-1]))); string(got) != fmt.Sprintf("%x", h) {
			t.Fatalf("%%x of %s is %x", in, h)
		}
	})
}
