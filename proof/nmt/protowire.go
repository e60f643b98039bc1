package nmt

import (
	"fmt"
)

// A minimal, strict protobuf reader and writer for the few Celestia messages this package
// decodes. Canonical means what gogoproto's Marshal emits for proto3: fields in ascending
// number order, a repeated field's elements contiguous, scalars equal to their default
// omitted, varints minimal. Anything else is rejected, so that an accepted message
// re-encodes to the same bytes.

const (
	wireVarint = 0
	wireBytes  = 2
)

// pbReader walks the fields of one message.
type pbReader struct {
	b    []byte
	last int // number of the previous field, 0 before the first
	msg  string
}

// next returns the next field's number and wire type; done is true at the end. Field
// numbers must not decrease; a number may repeat only where the caller allows it.
func (r *pbReader) next() (num, wt int, done bool, err error) {
	if len(r.b) == 0 {
		return 0, 0, true, nil
	}
	key, err := r.varint()
	if err != nil {
		return 0, 0, false, err
	}
	if key>>3 == 0 || key>>3 > 1<<29-1 {
		return 0, 0, false, fmt.Errorf("%w: %s: field number %d", ErrInvalidEncoding, r.msg, key>>3)
	}
	num, wt = int(key>>3), int(key&7)
	if wt != wireVarint && wt != wireBytes {
		return 0, 0, false, fmt.Errorf("%w: %s: field %d has wire type %d", ErrInvalidEncoding, r.msg, num, wt)
	}
	if num < r.last {
		return 0, 0, false, fmt.Errorf("%w: %s: field %d after field %d", ErrInvalidEncoding, r.msg, num, r.last)
	}
	return num, wt, false, nil
}

// field checks a field's wire type and, unless repeated, that it did not occur before.
func (r *pbReader) field(num, wt, want int, repeated bool) error {
	if wt != want {
		return fmt.Errorf("%w: %s: field %d has wire type %d, want %d", ErrInvalidEncoding, r.msg, num, wt, want)
	}
	if num == r.last && !repeated {
		return fmt.Errorf("%w: %s: field %d repeated", ErrInvalidEncoding, r.msg, num)
	}
	r.last = num
	return nil
}

// varint reads a minimal varint of at most 10 bytes.
func (r *pbReader) varint() (uint64, error) {
	var v uint64
	for i := 0; i < 10; i++ {
		if i >= len(r.b) {
			return 0, fmt.Errorf("%w: %s: truncated varint", ErrInvalidEncoding, r.msg)
		}
		c := r.b[i]
		if i == 9 && c > 1 {
			return 0, fmt.Errorf("%w: %s: varint overflows 64 bits", ErrInvalidEncoding, r.msg)
		}
		v |= uint64(c&0x7F) << (7 * i)
		if c < 0x80 {
			if c == 0 && i > 0 {
				return 0, fmt.Errorf("%w: %s: varint not minimal", ErrInvalidEncoding, r.msg)
			}
			r.b = r.b[i+1:]
			return v, nil
		}
	}
	return 0, fmt.Errorf("%w: %s: varint longer than 10 bytes", ErrInvalidEncoding, r.msg)
}

// scalar reads a varint field that proto3 omits when zero.
func (r *pbReader) scalar(num int) (uint64, error) {
	v, err := r.varint()
	if err != nil {
		return 0, err
	}
	if v == 0 {
		return 0, fmt.Errorf("%w: %s: field %d holds its default 0", ErrInvalidEncoding, r.msg, num)
	}
	return v, nil
}

// bytes reads a length-delimited field, aliasing the input. A singular bytes field may
// not be empty (proto3 omits it); elements of a repeated field may.
func (r *pbReader) bytes(num int, allowEmpty bool) ([]byte, error) {
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: %s: field %d of %d bytes, %d left", ErrInvalidEncoding, r.msg, num, n, len(r.b))
	}
	if n == 0 && !allowEmpty {
		return nil, fmt.Errorf("%w: %s: field %d is empty", ErrInvalidEncoding, r.msg, num)
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v, nil
}

// uint32Field reads a proto3 uint32.
func (r *pbReader) uint32Field(num int) (uint32, error) {
	v, err := r.scalar(num)
	if err != nil {
		return 0, err
	}
	if v > 1<<32-1 {
		return 0, fmt.Errorf("%w: %s: field %d value %d is not a uint32", ErrInvalidEncoding, r.msg, num, v)
	}
	return uint32(v), nil
}

// countRepeated counts the elements of length-delimited field num in a message, for
// sizing a slice before decoding into it; malformed input returns what was counted so far
// and the decoder proper reports the error.
func countRepeated(b []byte, num int) int {
	r := pbReader{b: b}
	count := 0
	for {
		n, wt, done, err := r.next()
		if done || err != nil {
			return count
		}
		switch wt {
		case wireVarint:
			if _, err := r.varint(); err != nil {
				return count
			}
		case wireBytes:
			if _, err := r.bytes(n, true); err != nil {
				return count
			}
			if n == num {
				count++
			}
		}
	}
}

func appendVarint(dst []byte, v uint64) []byte {
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

func appendKey(dst []byte, num, wt int) []byte { return appendVarint(dst, uint64(num)<<3|uint64(wt)) }

// appendScalar appends a varint field unless it is zero (proto3 default).
func appendScalar(dst []byte, num int, v uint64) []byte {
	if v == 0 {
		return dst
	}
	return appendVarint(appendKey(dst, num, wireVarint), v)
}

// appendBytes appends a length-delimited field; a singular field is omitted when empty.
func appendBytes(dst []byte, num int, v []byte, repeated bool) []byte {
	if len(v) == 0 && !repeated {
		return dst
	}
	dst = appendVarint(appendKey(dst, num, wireBytes), uint64(len(v)))
	return append(dst, v...)
}

// appendMessage appends an embedded message built by enc, length-prefixed.
func appendMessage(dst []byte, num int, enc func([]byte) ([]byte, error)) ([]byte, error) {
	body, err := enc(nil)
	if err != nil {
		return dst, err
	}
	dst = appendVarint(appendKey(dst, num, wireBytes), uint64(len(body)))
	return append(dst, body...), nil
}
