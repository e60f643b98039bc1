package interop

import (
	"fmt"
	"strconv"
)

// The one canonical-decimal reader of the module. JSON APIs carry 64-bit integers as
// decimal strings (the Beacon API, CometBFT's RPC, EIP-4881 snapshots); every package reads
// them here, so "+5", "007", "-0", " 5", "5e0" and values past 64 bits are refused the same
// way everywhere.

// IsCanonicalDecimal reports whether d is 0 or a non-zero digit followed by digits: no sign,
// no leading zero, no other character.
func IsCanonicalDecimal(d []byte) bool {
	if len(d) == 0 || (d[0] == '0' && len(d) > 1) {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ParseUint64 parses d, a canonical decimal (IsCanonicalDecimal) within 64 bits. Errors wrap
// ErrNotDecimal.
func ParseUint64(d []byte) (uint64, error) {
	if len(d) > 20 || !IsCanonicalDecimal(d) {
		return 0, fmt.Errorf("%w: %.24q", ErrNotDecimal, d)
	}
	var v uint64
	for _, c := range d {
		if v > (^uint64(0)-uint64(c-'0'))/10 {
			return 0, fmt.Errorf("%w: %.24q exceeds 64 bits", ErrNotDecimal, d)
		}
		v = v*10 + uint64(c-'0')
	}
	return v, nil
}

// ParseInt64 parses d, an optional minus sign and a canonical decimal, within int64's
// range; "-0" is refused. Errors wrap ErrNotDecimal.
func ParseInt64(d []byte) (int64, error) {
	neg := len(d) > 0 && d[0] == '-'
	digits := d
	if neg {
		digits = d[1:]
		if len(digits) == 1 && digits[0] == '0' {
			return 0, fmt.Errorf("%w: %.24q", ErrNotDecimal, d)
		}
	}
	u, err := ParseUint64(digits)
	if err != nil {
		return 0, fmt.Errorf("%w: %.24q", ErrNotDecimal, d)
	}
	switch {
	case !neg && u <= 1<<63-1:
		return int64(u), nil
	case neg && u <= 1<<63:
		return int64(-u), nil
	}
	return 0, fmt.Errorf("%w: %.24q exceeds int64", ErrNotDecimal, d)
}

// DecimalJSON returns the digits of a JSON integer written as a string ("42") or, when
// numbers is set, also as a bare number (42); it checks only the quoting. Use ParseUint64 or
// ParseInt64 on the result.
func DecimalJSON(raw []byte, numbers bool) ([]byte, error) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		return raw[1 : len(raw)-1], nil
	}
	if numbers && len(raw) > 0 && raw[0] != '"' {
		return raw, nil
	}
	return nil, fmt.Errorf("%w: %.24q is not a JSON string", ErrNotDecimal, raw)
}

// Uint64 is a uint64 whose JSON is a canonical decimal in a string ("42"), as the Beacon API
// writes integers. Bare numbers are refused.
type Uint64 uint64

// UnmarshalJSON reads a quoted canonical decimal within 64 bits.
func (u *Uint64) UnmarshalJSON(raw []byte) error {
	d, err := DecimalJSON(raw, false)
	if err != nil {
		return err
	}
	v, err := ParseUint64(d)
	if err != nil {
		return err
	}
	*u = Uint64(v)
	return nil
}

// MarshalJSON writes u as a quoted decimal.
func (u Uint64) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, strconv.FormatUint(uint64(u), 10)), nil
}
