package bn254

import (
	"encoding/base64"
	"fmt"
)

// Tags of jellyfish's tagged-base64 forms (signature/src/constants.rs).
const (
	TagPublicKey = "BLS_VER_KEY"
	TagSignature = "BLS_SIG"
)

// maxTagged bounds a tagged-base64 string before it is decoded: the longest form here is an
// uncompressed key, 11 + 1 + 172 characters.
const maxTagged = 200

var tb64 = base64.RawURLEncoding.Strict()

// crc8 is the checksum of the tagged-base64 crate (tagged-base64/src/lib.rs calc_checksum):
// crc_any's CRC::crc8 (polynomial 0x07, initial value 0, no reflection, no final xor) over
// tag ‖ value, xored with the value's length modulo 256.
func crc8(tag string, value []byte) byte {
	var c byte
	step := func(b byte) {
		c ^= b
		for range 8 {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
	}
	for i := 0; i < len(tag); i++ {
		step(tag[i])
	}
	for _, b := range value {
		step(b)
	}
	return c ^ byte(len(value))
}

func tagByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// parseTagged decodes "tag~base64(value ‖ crc8)" into buf and returns the value. It refuses a
// string longer than maxTagged, a missing delimiter, tag characters outside [A-Za-z0-9_-],
// another tag than want (ErrTag), padded or non-canonical base64, and a checksum mismatch
// (ErrChecksum). The base64 alphabet is URL-safe, without padding, as the crate's.
func parseTagged(s, want string, buf []byte) ([]byte, error) {
	if len(s) > maxTagged {
		return nil, fmt.Errorf("%d characters, at most %d: %w", len(s), maxTagged, ErrTaggedBase64)
	}
	i := 0
	for i < len(s) && s[i] != '~' {
		if !tagByte(s[i]) {
			return nil, fmt.Errorf("tag byte %q at %d: %w", s[i], i, ErrTaggedBase64)
		}
		i++
	}
	if i == len(s) {
		return nil, fmt.Errorf("no '~' in %q: %w", s, ErrTaggedBase64)
	}
	if tag := s[:i]; tag != want {
		return nil, fmt.Errorf("tag %q, want %q: %w", tag, want, ErrTag)
	}
	enc := s[i+1:]
	if tb64.DecodedLen(len(enc)) > len(buf) {
		return nil, fmt.Errorf("%d base64 characters: %w", len(enc), ErrInvalidLength)
	}
	n, err := tb64.Decode(buf, []byte(enc))
	if err != nil {
		return nil, fmt.Errorf("%q: %v: %w", enc, err, ErrTaggedBase64)
	}
	if n == 0 {
		return nil, fmt.Errorf("no checksum: %w", ErrTaggedBase64)
	}
	v, sum := buf[:n-1], buf[n-1]
	if want := crc8(want, v); sum != want {
		return nil, fmt.Errorf("checksum %#02x, want %#02x: %w", sum, want, ErrChecksum)
	}
	return v, nil
}

// formatTagged is the inverse of parseTagged.
func formatTagged(tag string, value []byte) string {
	b := make([]byte, 0, len(value)+1)
	b = append(b, value...)
	b = append(b, crc8(tag, value))
	return tag + "~" + tb64.EncodeToString(b)
}
