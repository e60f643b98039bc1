package auction

import (
	"fmt"

	"github.com/holiman/uint256"
)

// mulDiv sets z = x*y/d, rounded up when up is set, with solmate FixedPointMathLib's
// failure conditions: d must be nonzero and x*y must fit 256 bits (mulDivDown/mulDivUp
// revert otherwise; there is no 512-bit intermediate).
func mulDiv(z, x, y, d *uint256.Int, up bool) error {
	if d.IsZero() {
		return fmt.Errorf("%w: mulDiv by zero", ErrOverflow)
	}
	var p uint256.Int
	if _, over := p.MulOverflow(x, y); over {
		return fmt.Errorf("%w: %s * %s exceeds 256 bits", ErrOverflow, x.Dec(), y.Dec())
	}
	var r uint256.Int
	z.DivMod(&p, d, &r)
	if up && !r.IsZero() {
		z.AddUint64(z, 1)
	}
	return nil
}

// isNeg reports whether x, read as int256 two's complement, is negative.
func isNeg(x *uint256.Int) bool { return x[3]>>63 != 0 }

// sadd sets z = a + b in checked int256 arithmetic (Solidity ≥0.8 reverts on overflow).
func sadd(z, a, b *uint256.Int) error {
	na, nb := isNeg(a), isNeg(b)
	var r uint256.Int
	r.Add(a, b)
	if na == nb && isNeg(&r) != na {
		return fmt.Errorf("%w: int256 %s + %s", ErrOverflow, signed(a), signed(b))
	}
	*z = r
	return nil
}

// ssub sets z = a - b in checked int256 arithmetic.
func ssub(z, a, b *uint256.Int) error {
	na, nb := isNeg(a), isNeg(b)
	var r uint256.Int
	r.Sub(a, b)
	if na != nb && isNeg(&r) != na {
		return fmt.Errorf("%w: int256 %s - %s", ErrOverflow, signed(a), signed(b))
	}
	*z = r
	return nil
}

// minInt256 is -2^255, the one int256 whose negation overflows.
var minInt256 = uint256.Int{0, 0, 0, 1 << 63}

// signed formats x as a signed decimal for error messages.
func signed(x *uint256.Int) string {
	if !isNeg(x) {
		return x.Dec()
	}
	var m uint256.Int
	m.Neg(x)
	return "-" + m.Dec()
}

// ParseInt256 parses a signed decimal ("-5", "17") into int256 two's complement, the
// representation Curve.RelativeAmounts uses. Values outside [-2^255, 2^255-1], a leading
// '+', leading zeros and empty text are rejected with ErrMalformed. At most 79 characters
// are read (longer text is refused before any arithmetic); no allocation on success.
func ParseInt256(s string) (uint256.Int, error) {
	neg := len(s) > 0 && s[0] == '-'
	digits := s
	if neg {
		digits = s[1:]
	}
	v, err := parseDecimal(digits)
	if err != nil {
		return uint256.Int{}, fmt.Errorf("int256 %.80q: %w", s, err)
	}
	if neg {
		if v.IsZero() {
			return uint256.Int{}, fmt.Errorf("%w: int256 %.80q: negative zero", ErrMalformed, s)
		}
		if v.Gt(&minInt256) {
			return uint256.Int{}, fmt.Errorf("%w: int256 %.80q below -2^255", ErrMalformed, s)
		}
		v.Neg(&v)
		return v, nil
	}
	if isNeg(&v) {
		return uint256.Int{}, fmt.Errorf("%w: int256 %.80q above 2^255-1", ErrMalformed, s)
	}
	return v, nil
}

// parseDecimal parses a canonical unsigned decimal: digits only, no sign, no leading zero
// unless the value is 0, at most 78 digits and below 2^256.
func parseDecimal(s string) (uint256.Int, error) {
	var z uint256.Int
	if len(s) == 0 || len(s) > 78 {
		return z, fmt.Errorf("%w: decimal of %d digits", ErrMalformed, len(s))
	}
	if len(s) > 1 && s[0] == '0' {
		return z, fmt.Errorf("%w: decimal %.80q has a leading zero", ErrMalformed, s)
	}
	var ten, d uint256.Int
	ten.SetUint64(10)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return z, fmt.Errorf("%w: decimal %.80q has non-digit %q", ErrMalformed, s, c)
		}
		if _, over := z.MulOverflow(&z, &ten); over {
			return z, fmt.Errorf("%w: decimal %.80q exceeds 2^256-1", ErrOverflow, s)
		}
		if _, over := z.AddOverflow(&z, d.SetUint64(uint64(c-'0'))); over {
			return z, fmt.Errorf("%w: decimal %.80q exceeds 2^256-1", ErrOverflow, s)
		}
	}
	return z, nil
}

// ParseAmount parses a canonical unsigned decimal amount, as the solver API and the
// vectors write uint256 values. Text past 2^256-1 is ErrOverflow; anything else that is not
// a canonical decimal is ErrMalformed. More than 78 digits is refused before any
// arithmetic; no allocation on success.
func ParseAmount(s string) (uint256.Int, error) { return parseDecimal(s) }
