package brotli

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"testing"
)

// TestDictionaryDigest checks the embedded dictionary against RFC 7932 Appendix A: its size,
// its CRC-32 (the checksum the RFC gives) and its SHA-256 (the one google/brotli checks).
func TestDictionaryDigest(t *testing.T) {
	if len(dictionary) != 122784 {
		t.Fatalf("dictionary is %d bytes, want 122784", len(dictionary))
	}
	if dictOffset[25] != len(dictionary) {
		t.Fatalf("DOFFSET/NDBITS cover %d bytes, want %d", dictOffset[25], len(dictionary))
	}
	if c := crc32.ChecksumIEEE([]byte(dictionary)); c != 0x5136cb04 {
		t.Fatalf("CRC-32 %#x, want 0x5136cb04", c)
	}
	sum := sha256.Sum256([]byte(dictionary))
	if got := hex.EncodeToString(sum[:]); got != "20e42eb1b511c21806d4d227d07e5dd06877d8ce7b3a817f378f313653f35c70" {
		t.Fatalf("SHA-256 %s", got)
	}
}

// TestTransforms checks a few transforms against RFC 7932 section 8 by hand: identity with
// a suffix, omit-first, omit-last, and the upper-casing rules.
func TestTransforms(t *testing.T) {
	// Word 0 of length 4 is "time" in Appendix A.
	cases := []struct {
		name string
		id   int
		want string
	}{
		{"identity", 0, "time"},
		{"identity with suffix", 1, "time "},
		{"prefix and suffix", 2, " time "},
		{"omit first 1", 3, "ime"},
		{"uppercase first", 4, "Time "},
		{"omit last 1", 12, "tim"},
		{"uppercase all", 44, "TIME"},
		{"omit first 9 of a short word", 54, ""},
	}
	for _, c := range cases {
		got := string(appendWord(nil, 4, 0, &transforms[c.id]))
		if got != c.want {
			t.Errorf("%s (transform %d): %q, want %q", c.name, c.id, got, c.want)
		}
	}
	// UTF-8 upper-casing flips bit 5 of a 2-byte sequence's second byte, bit 0 and 2 of a
	// 3-byte sequence's third byte.
	w := []byte("\xc3\xa9\xe6\x9d\xb1a")
	rest := w
	for len(rest) > 0 {
		rest = rest[toUpper(rest):]
	}
	if string(w) != "\xc3\x89\xe6\x9d\xb4A" {
		t.Fatalf("uppercase all: %q", w)
	}
}
