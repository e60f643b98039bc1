// Package taggedb64 is Espresso's tagged base64 (crate tagged-base64): a tag of URL-safe
// characters, "~", then base64url without padding of value ‖ checksum. The checksum is
// crc-any's CRC::crc8 (polynomial 0x07, initial value 0, no reflection, no final xor) over
// the tag's bytes then the value's, xored with the value's length modulo 256.
//
// It is the one reader and writer of the form for crypto/bls/bn254 (keys and signatures)
// and ordering/espresso (commitments, VID and Merkle proofs). Errors wrap ErrSyntax or
// ErrChecksum; callers rewrap them with their package's sentinels.
package taggedb64

import (
	"encoding/base64"
	"errors"
	"fmt"
)

var (
	// ErrSyntax: no delimiter, a character outside [A-Za-z0-9_-] in the tag or value,
	// padding, non-canonical trailing bits, or no checksum byte.
	ErrSyntax = errors.New("tagged base64: malformed")
	// ErrChecksum: the checksum byte does not match the tag and value.
	ErrChecksum = errors.New("tagged base64: checksum mismatch")
)

// enc is the URL-safe alphabet without padding, refusing non-zero trailing bits as the base64
// crate's URL_SAFE_NO_PAD engine that tagged-base64 uses does.
var enc = base64.RawURLEncoding.Strict()

var crcTable = func() (t [256]byte) {
	for i := range t {
		c := byte(i)
		for range 8 {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

// Checksum is tagged-base64's calc_checksum of tag and value.
func Checksum(tag string, value []byte) byte {
	var c byte
	for i := 0; i < len(tag); i++ {
		c = crcTable[c^tag[i]]
	}
	for _, v := range value {
		c = crcTable[c^v]
	}
	return c ^ byte(len(value))
}

// URLSafe reports whether every byte of s is in [A-Za-z0-9_-], the tag alphabet and the
// base64url alphabet alike.
func URLSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Split returns the tag and the base64 text of s, refusing a missing delimiter and tag
// characters outside [A-Za-z0-9_-] (ErrSyntax). It does not decode.
func Split(s string) (tag, text string, err error) {
	for i := 0; i < len(s); i++ {
		if s[i] == '~' {
			tag, text = s[:i], s[i+1:]
			if !URLSafe(tag) {
				return "", "", fmt.Errorf("%w: tag %.40q", ErrSyntax, tag)
			}
			return tag, text, nil
		}
	}
	return "", "", fmt.Errorf("%w: no '~' in %.40q", ErrSyntax, s)
}

// DecodedLen is the most bytes Decode writes for a base64 text of n characters (the value
// and its checksum byte).
func DecodedLen(n int) int { return enc.DecodedLen(n) }

// Decode decodes the base64 text of a string tagged tag into buf, which must hold
// DecodedLen(len(text)) bytes, checks the checksum and returns the value (a prefix of buf).
// Characters outside the URL-safe alphabet (the standard decoder would skip CR and LF),
// padding, non-canonical trailing bits and an empty decoding are ErrSyntax; a checksum
// mismatch is ErrChecksum.
func Decode(tag, text string, buf []byte) ([]byte, error) {
	if !URLSafe(text) {
		return nil, fmt.Errorf("%w: value %.40q", ErrSyntax, text)
	}
	n, err := enc.Decode(buf, []byte(text))
	if err != nil {
		return nil, fmt.Errorf("%w: value %.40q: %v", ErrSyntax, text, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: no checksum byte", ErrSyntax)
	}
	v, sum := buf[:n-1], buf[n-1]
	if want := Checksum(tag, v); sum != want {
		return nil, fmt.Errorf("%w: %#02x, want %#02x", ErrChecksum, sum, want)
	}
	return v, nil
}

// Format writes tag~base64url(value ‖ checksum). The tag is written as it is.
func Format(tag string, value []byte) string {
	raw := make([]byte, 0, len(value)+1)
	raw = append(raw, value...)
	raw = append(raw, Checksum(tag, value))
	return tag + "~" + enc.EncodeToString(raw)
}
