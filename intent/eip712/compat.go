package eip712

import (
	"fmt"
	"math"
	"strings"

	"github.com/holiman/uint256"
)

// The value readings of the compatibility modes. Each function appends one member word
// (or the hash of a dynamic value) and returns an error that wraps a sentinel; the caller
// adds the path.

// jsInteger reads a JSON number as JavaScript and encoding/json both do, through float64,
// and accepts it only when the literal is an integer whose value that float64 holds
// exactly, of magnitude at most 2^63-1: then every reader agrees on the value.
func jsInteger(lit string) (neg bool, mag uint64, err error) {
	neg, mag, ok := exactInteger(lit, math.MaxInt64)
	if !ok || uint64(float64(mag)) != mag {
		return false, 0, fmt.Errorf("%w: %.32s", ErrAmbiguousNumber, lit)
	}
	return neg, mag, nil
}

// minimalBytes is a non-negative integer's big-endian bytes without leading zeros, with
// eth-sig-util's numberToBuffer reading of 0 as one zero byte.
func minimalBytes(n uint64) []byte {
	var b [8]byte
	i := 8
	for n > 0 {
		i--
		b[i] = byte(n)
		n >>= 8
	}
	if i == 8 {
		return []byte{0}
	}
	return append([]byte(nil), b[i:]...)
}

// nonNegativeNumber reads a JSON number used where eth-sig-util converts it to bytes.
func nonNegativeNumber(v *jval) ([]byte, error) {
	neg, n, err := jsInteger(v.s)
	if err != nil {
		return nil, err
	}
	if neg && n != 0 {
		return nil, fmt.Errorf("%w: negative number %.32s for a byte value", ErrTypeMismatch, v.s)
	}
	return minimalBytes(n), nil
}

// isPrefixedHex is ethjs-util's isHexString: "0x" (lower-case x) followed by hex digits,
// possibly none.
func isPrefixedHex(s string) bool {
	if len(s) < 2 || s[0] != '0' || s[1] != 'x' {
		return false
	}
	for _, c := range []byte(s[2:]) {
		if _, ok := unhex(c); !ok {
			return false
		}
	}
	return true
}

// sigUtilBytesLike reads an address or bytesN value as eth-sig-util V4 hands it to the ABI
// encoder: 0x-hex (odd counts padded with a leading zero) or a non-negative JSON integer.
// Other strings are refused: eth-sig-util reads an address without 0x through bn.js in
// base 10, giving hex letters digit values (bBbB… becomes 0x23eafa…), and a negative
// number for bytesN as no bytes; neither is the value the text shows.
func sigUtilBytesLike(v *jval) ([]byte, error) {
	switch v.kind {
	case jNumber:
		return nonNegativeNumber(v)
	case jString:
		if !isPrefixedHex(v.s) {
			return nil, fmt.Errorf("%w: %.24q is not 0x-hex", ErrInvalidHex, v.s)
		}
		return decodeHex(v.s[2:], true)
	}
	return nil, fmt.Errorf("%w: a JSON %v, not bytes", ErrTypeMismatch, v.kind)
}

// sigUtilAtomic is eth-sig-util V4's encodeField for non-struct, non-array types, and the
// ABI encoding of the atomic ones.
func (e *encoder) sigUtilAtomic(r *typeRef, v *jval) error {
	switch r.kind {
	case kindString:
		switch v.kind {
		case jString:
			return e.appendHashString(v.s)
		case jNumber:
			// typeof value === 'number': numberToBuffer(value)
			b, err := nonNegativeNumber(v)
			if err != nil {
				return err
			}
			return e.appendHash(b)
		}
		return fmt.Errorf("%w: a JSON %v, not a string", ErrTypeMismatch, v.kind)
	case kindBytes:
		switch v.kind {
		case jNumber:
			b, err := nonNegativeNumber(v)
			if err != nil {
				return err
			}
			return e.appendHash(b)
		case jString:
			if isPrefixedHex(v.s) {
				b, err := decodeHex(v.s[2:], true)
				if err != nil {
					return err
				}
				return e.appendHash(b)
			}
			if len(v.s) >= 2 && v.s[0] == '0' && v.s[1] == 'X' {
				// Read as hex by every other reader, as the UTF-8 of its text here.
				return fmt.Errorf("%w: %.24q (eth-sig-util hashes its text, not the hex)", ErrInvalidHex, v.s)
			}
			// Buffer.from(value, 'utf8')
			return e.appendHashString(v.s)
		}
		return fmt.Errorf("%w: a JSON %v, not bytes", ErrTypeMismatch, v.kind)
	case kindFixedBytes:
		b, err := sigUtilBytesLike(v)
		if err != nil {
			return err
		}
		// The ABI encoder right-pads to 32 bytes whatever N is: a bytes1 value of two
		// bytes signs both.
		if len(b) > 32 {
			return fmt.Errorf("%w: %d bytes for bytes%d", ErrWrongLength, len(b), r.size)
		}
		var w [32]byte
		copy(w[:], b)
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	case kindAddress:
		b, err := sigUtilBytesLike(v)
		if err != nil {
			return err
		}
		if len(b) > 20 {
			return fmt.Errorf("%w: %d bytes for address", ErrWrongLength, len(b))
		}
		var w [32]byte
		copy(w[32-len(b):], b)
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	case kindBool:
		var w [32]byte
		switch v.kind {
		case jTrue:
			w[31] = 1
		case jFalse:
		case jString:
			// The ABI encoder takes JavaScript truthiness: "true" is true, but so is
			// "false", which is refused rather than signed as true.
			if v.s != "true" {
				return fmt.Errorf("%w: %.24q for bool (eth-sig-util signs every non-empty string as true)", ErrTypeMismatch, v.s)
			}
			w[31] = 1
		case jNumber:
			_, n, err := jsInteger(v.s)
			if err != nil {
				return err
			}
			if n != 0 {
				w[31] = 1
			}
		default:
			return fmt.Errorf("%w: a JSON %v, not a boolean", ErrTypeMismatch, v.kind)
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	case kindUint, kindInt:
		var mag uint256.Int
		neg := false
		switch v.kind {
		case jNumber:
			var n uint64
			var err error
			if neg, n, err = jsInteger(v.s); err != nil {
				return err
			}
			mag.SetUint64(n)
		case jString:
			// bn.js reads "0x" as hex; any other string in base 10 (where "0X0F" has a
			// digit worth 33), so only 0x and plain decimals are accepted.
			s := v.s
			if len(s) >= 2 && s[0] == '0' && s[1] == 'x' {
				if err := parseHexInt(&mag, s[2:]); err != nil {
					return fmt.Errorf("%w: %.80q", err, v.s)
				}
			} else {
				if strings.HasPrefix(s, "-") {
					neg, s = true, s[1:]
				}
				if err := parseDecimal(&mag, s); err != nil {
					return fmt.Errorf("%w: %.80q", err, v.s)
				}
			}
		default:
			return fmt.Errorf("%w: a JSON %v, not an integer", ErrTypeMismatch, v.kind)
		}
		w, err := bitLengthWord(&mag, neg, r.kind == kindInt, r.size)
		if err != nil {
			return err
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	}
	return fmt.Errorf("%w: kind %d", ErrInvalidType, r.kind)
}

// bitLengthWord is the integer check of eth-sig-util and go-ethereum: the magnitude has at
// most N bits and an unsigned value is not negative; the word is the value's 256-bit two's
// complement. For intN this admits [-(2^N-1), 2^N-1], wider than the type's range.
func bitLengthWord(mag *uint256.Int, neg, signed bool, bits int) ([32]byte, error) {
	if mag.IsZero() {
		neg = false
	}
	if neg && !signed {
		return [32]byte{}, fmt.Errorf("%w: -%s for uint%d", ErrOutOfRange, mag.Dec(), bits)
	}
	if mag.BitLen() > bits {
		sign := ""
		if neg {
			sign = "-"
		}
		return [32]byte{}, fmt.Errorf("%w: %s%s has more than %d bits", ErrOutOfRange, sign, mag.Dec(), bits)
	}
	var w uint256.Int
	w.Set(mag)
	if neg {
		w.Neg(&w)
	}
	return w.Bytes32(), nil
}

// gethAtomic is go-ethereum's EncodePrimitiveValue for values from encoding/json.
func (e *encoder) gethAtomic(r *typeRef, v *jval) error {
	switch r.kind {
	case kindAddress:
		// common.IsHexAddress: 40 hex digits, 0x or 0X optional.
		if v.kind != jString {
			return fmt.Errorf("%w: a JSON %v, not an address", ErrTypeMismatch, v.kind)
		}
		s := v.s
		if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
			s = s[2:]
		}
		if len(s) != 40 {
			return fmt.Errorf("%w: %.48q is not 40 hex digits", ErrWrongLength, v.s)
		}
		b, err := decodeHex(s, false)
		if err != nil {
			return err
		}
		var w [32]byte
		copy(w[12:], b)
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	case kindUint, kindInt:
		var mag uint256.Int
		neg := false
		switch v.kind {
		case jNumber:
			// float64(int64(v)) == v, read exactly.
			var n uint64
			var err error
			if neg, n, err = jsInteger(v.s); err != nil {
				return err
			}
			mag.SetUint64(n)
		case jString:
			var err error
			if neg, err = parseBig256(&mag, v.s); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: a JSON %v, not an integer", ErrTypeMismatch, v.kind)
		}
		w, err := bitLengthWord(&mag, neg, r.kind == kindInt, r.size)
		if err != nil {
			return err
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
		return nil
	}
	// string, bytes (hexutil.Decode: 0x or 0X, even length), bytesN (exactly N bytes) and
	// bool read as in the strict mode.
	return e.strictAtomic(r, v)
}

// parseBig256 is go-ethereum's math.ParseBig256: "" is zero; 0x or 0X then big.Int
// SetString base 16, else base 10, both with an optional sign; at most 256 bits.
func parseBig256(z *uint256.Int, s string) (neg bool, err error) {
	z.Clear()
	if s == "" {
		return false, nil
	}
	hex := len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
	if hex {
		s = s[2:]
	}
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if hex {
		err = parseHexInt(z, s)
	} else {
		err = parseDecimal(z, s)
	}
	if err != nil {
		return false, fmt.Errorf("%w: %.80q", err, s)
	}
	return neg, nil
}

// gethDomainKeys are the members of go-ethereum's TypedDataDomain struct.
var gethDomainKeys = []string{"name", "version", "chainId", "verifyingContract", "salt"}

// gethDomain reads the domain as go-ethereum does: json.Unmarshal into TypedDataDomain
// (other keys dropped, the five members typed), then TypedDataDomain.validate and Map
// (empty members dropped). The result is an object with the members that remain, which
// the EIP712Domain type must then declare exactly. chainId becomes a string holding its
// literal, which HexOrDecimal256.UnmarshalJSON reads the same way as a quoted one.
func gethDomain(d *jval) (*jval, error) {
	if err := foldedKeys(d, gethDomainKeys...); err != nil {
		return nil, err
	}
	out := &jval{kind: jObject}
	for _, k := range gethDomainKeys {
		v, ok := d.get(k)
		if !ok || v.kind == jNull {
			continue
		}
		if k == "chainId" {
			if v.kind != jNumber && v.kind != jString {
				return nil, fmt.Errorf("%w: domain.chainId is a JSON %v", ErrTypeMismatch, v.kind)
			}
			out.members = append(out.members, jmember{key: k, val: jval{kind: jString, s: v.s}})
			continue
		}
		if v.kind != jString {
			return nil, fmt.Errorf("%w: domain.%s is a JSON %v, not a string", ErrTypeMismatch, k, v.kind)
		}
		if v.s != "" {
			out.members = append(out.members, jmember{key: k, val: *v})
		}
	}
	if len(out.members) == 0 {
		return nil, fmt.Errorf("%w: domain has none of name, version, chainId, verifyingContract, salt (go-ethereum: domain is undefined)", ErrMissingField)
	}
	return out, nil
}
