package interop

import (
	"fmt"
	"strings"
	"testing"
)

// TestHardeningHexVerbPrintsBytes is issue 13's finding 11: %x on a Hash printed the hex of
// its text ("3078…" for "0x…"), so error messages in proof/mpt, proof/nmt and ordering showed
// the wrong digits.
func TestHardeningHexVerbPrintsBytes(t *testing.T) {
	var h Hash
	for i := range h {
		h[i] = byte(i)
	}
	const hexH = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	a := Address{0xde, 0xad, 0xbe, 0xef, 19: 0x01}
	const hexA = "deadbeef00000000000000000000000000000001"
	b := Bytes{0xab, 0xcd}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"hash %x", fmt.Sprintf("%x", h), hexH},
		{"hash %X", fmt.Sprintf("%X", h), strings.ToUpper(hexH)},
		{"hash %#x", fmt.Sprintf("%#x", h), "0x" + hexH},
		{"hash %v", fmt.Sprintf("%v", h), "0x" + hexH},
		{"hash %+v", fmt.Sprintf("%+v", h), "0x" + hexH},
		{"hash %s", fmt.Sprintf("%s", h), "0x" + hexH},
		{"hash %q", fmt.Sprintf("%q", h), `"0x` + hexH + `"`},
		{"hash %.2x", fmt.Sprintf("%.2x", h), "0001"},
		{"hash %d", fmt.Sprintf("%d", Hash{1, 2})[:6], "[1 2 0"},
		{"hash in struct %v", fmt.Sprintf("%v", struct{ H Hash }{h}), "{0x" + hexH + "}"},
		{"hash pointer %x", fmt.Sprintf("%x", &h), hexH},
		{"address %x", fmt.Sprintf("%x", a), hexA},
		{"address %s", fmt.Sprintf("%s", a), "0x" + hexA},
		{"address %70s", fmt.Sprintf("%44s", a), "  0x" + hexA},
		{"address %-44s|", fmt.Sprintf("%-44s|", a), "0x" + hexA + "  |"},
		{"address %#v", fmt.Sprintf("%#v", Address{1, 0xff}), "interop.Address{0x1, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}"},
		{"bytes %x", fmt.Sprintf("%x", b), "abcd"},
		{"bytes % x", fmt.Sprintf("% x", b), "ab cd"},
		{"bytes %v", fmt.Sprintf("%v", b), "0xabcd"},
		{"nil bytes %v", fmt.Sprintf("%v", Bytes(nil)), "0x"},
		{"nil bytes %x", fmt.Sprintf("%x", Bytes(nil)), ""},
		{"bytes %#v", fmt.Sprintf("%#v", b), "interop.Bytes{0xab, 0xcd}"},
		{"error wrap", fmt.Errorf("root %x: %w", h, ErrWrongLength).Error(), "root " + hexH + ": interop: wrong length"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestFormatMatchesByteSlice holds %x, %X, %d and their flags to what fmt prints for the
// same bytes as a plain slice, for every verb a caller might use on a digest.
func TestFormatMatchesByteSlice(t *testing.T) {
	h := Hash{0x00, 0x7f, 0x80, 0xff, 31: 0x42}
	for _, f := range []string{"%x", "%X", "%#x", "%#X", "% x", "%.3x", "%70x", "%-70x|", "%d", "%o", "%c"} {
		if got, want := fmt.Sprintf(f, h), fmt.Sprintf(f, h[:]); got != want {
			t.Errorf("%s: got %q, want %q", f, got, want)
		}
	}
}
