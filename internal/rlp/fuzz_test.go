package rlp

import (
	"bytes"
	"testing"
)

// FuzzDecode checks the strict decoder never panics, and that whatever it accepts is the
// one canonical encoding of the value it decodes to.
func FuzzDecode(f *testing.F) {
	for _, s := range [][]byte{
		{0x80}, {0x00}, {0x81, 0x80}, {0xc0}, {0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0},
		{0xb8, 0x38}, {0xf8, 0x01, 0x80}, {0xbf, 0x0f, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x11},
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if err := Validate(in, 64); err != nil {
			return
		}
		it, err := decodeItem(in)
		if err != nil {
			t.Fatalf("Validate accepted %x but decode failed: %v", in, err)
		}
		if re := encodeItem(nil, it); !bytes.Equal(re, in) {
			t.Fatalf("accepted non-canonical %x (canonical %x)", in, re)
		}
		if _, err := CountValues(in); err != nil {
			t.Fatalf("CountValues(%x): %v", in, err)
		}
	})
}
