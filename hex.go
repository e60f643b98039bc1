package interop

import (
	"encoding/hex"
	"fmt"
)

// DecodeHex decodes "0x"-prefixed hex text with an even number of digits. "0x" alone is
// the empty byte string. Upper- and lower-case digits are accepted.
func DecodeHex(s string) ([]byte, error) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return nil, fmt.Errorf("%w: %.16q", ErrMissingPrefix, s)
	}
	s = s[2:]
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("%w: %d digits", ErrOddLength, len(s))
	}
	out := make([]byte, len(s)/2)
	if _, err := hex.Decode(out, []byte(s)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidHex, err)
	}
	return out, nil
}

// EncodeHex returns b as lower-case hex text with a "0x" prefix.
func EncodeHex(b []byte) string {
	out := make([]byte, 2+2*len(b))
	out[0], out[1] = '0', 'x'
	hex.Encode(out[2:], b)
	return string(out)
}

// decodeFixed decodes "0x"-prefixed hex text of exactly len(dst) bytes into dst without
// allocating.
func decodeFixed(dst []byte, text []byte, name string) error {
	if len(text) < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X') {
		return fmt.Errorf("%s: %w: %.16q", name, ErrMissingPrefix, text)
	}
	text = text[2:]
	if len(text)%2 != 0 {
		return fmt.Errorf("%s: %w: %d digits", name, ErrOddLength, len(text))
	}
	if len(text) != 2*len(dst) {
		return fmt.Errorf("%s: %w: %d bytes, want %d", name, ErrWrongLength, len(text)/2, len(dst))
	}
	if _, err := hex.Decode(dst, text); err != nil {
		return fmt.Errorf("%s: %w: %v", name, ErrInvalidHex, err)
	}
	return nil
}

// unquote strips the quotes of a JSON string holding hex text; hex never needs escapes.
func unquote(input []byte, name string) ([]byte, error) {
	if len(input) < 2 || input[0] != '"' || input[len(input)-1] != '"' {
		return nil, fmt.Errorf("%w: %s", ErrNotString, name)
	}
	return input[1 : len(input)-1], nil
}

func appendHex(dst []byte, b []byte) []byte {
	dst = append(dst, '0', 'x')
	n := len(dst)
	dst = append(dst, make([]byte, 2*len(b))...)
	hex.Encode(dst[n:], b)
	return dst
}
