package brotli

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// tablesBound is the constant part of the resource bound: prefix-code tables and context
// maps for the largest header a stream can declare, plus the decoder itself.
const tablesBound = 4 << 20

// TestBoundsUpstreamVectors: decoding each vector allocates at most twice its output plus
// the constant for tables (the package doc's bound).
func TestBoundsUpstreamVectors(t *testing.T) {
	for _, v := range vectors(t) {
		out, err := Decode(v.compressed, testLimit)
		if err != nil {
			t.Fatal(err)
		}
		hostile.Proportional(t, v.name, len(out), 2, tablesBound, func() {
			_, _ = Decode(v.compressed, testLimit)
		})
	}
}

// TestBoundsHostile: streams built to cost much for little input stay within the bound,
// and streams that claim more output than the limit are refused before it is allocated.
func TestBoundsHostile(t *testing.T) {
	cases := []struct {
		name  string
		src   []byte
		limit int
		err   error
	}{
		// WBITS 16, ISLAST=0, MNIBBLES=6 with MLEN 2^24, compressed, then nothing: refused as too large
		// for a 1 MiB limit before anything is allocated.
		{"huge meta-block over limit", []byte{0xf8, 0xff, 0xff, 0x0f}, 1 << 20, ErrTooLarge},
		{"huge meta-block truncated", []byte{0xf8, 0xff, 0xff, 0x0f}, 1 << 30, ErrTruncated},
		{"all zero bits", make([]byte, 64), 1 << 30, ErrCorrupt},
		{"all one bits", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 1 << 30, nil},
	}
	for _, c := range cases {
		_, err := Decode(c.src, c.limit)
		if c.err != nil && !errors.Is(err, c.err) {
			t.Fatalf("%s: %v, want %v", c.name, err, c.err)
		}
		if err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
		hostile.Proportional(t, c.name, len(c.src), hostile.MaxBytesPerInputByte, tablesBound, func() {
			_, _ = Decode(c.src, c.limit)
		})
	}
}
