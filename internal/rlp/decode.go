package rlp

import (
	"fmt"
	"math/bits"

	"github.com/holiman/uint256"
)

// Kind is the type of an RLP item.
type Kind uint8

// The two kinds of RLP item. A single byte below 0x80 is a String whose content is itself.
const (
	String Kind = iota
	List
)

func (k Kind) String() string {
	if k == List {
		return "list"
	}
	return "string"
}

// Split reads the header of the first item in b and returns its kind, its payload and the
// bytes that follow it. It checks the header is canonical; it does not look inside lists.
// O(1), no allocation.
func Split(b []byte) (k Kind, content, rest []byte, err error) {
	k, ts, cs, err := readKind(b)
	if err != nil {
		return 0, nil, b, err
	}
	return k, b[ts : ts+cs], b[ts+cs:], nil
}

// SplitString splits b into the payload of a string item and the bytes that follow.
func SplitString(b []byte) (content, rest []byte, err error) {
	k, content, rest, err := Split(b)
	if err != nil {
		return nil, b, err
	}
	if k == List {
		return nil, b, ErrExpectedString
	}
	return content, rest, nil
}

// SplitList splits b into the payload of a list item and the bytes that follow.
func SplitList(b []byte) (content, rest []byte, err error) {
	k, content, rest, err := Split(b)
	if err != nil {
		return nil, b, err
	}
	if k == String {
		return nil, b, ErrExpectedList
	}
	return content, rest, nil
}

// SplitUint64 decodes a canonical unsigned integer (a string of at most 8 bytes with no
// leading zero byte; zero is the empty string) and returns it with the bytes that follow.
func SplitUint64(b []byte) (x uint64, rest []byte, err error) {
	content, rest, err := SplitString(b)
	if err != nil {
		return 0, b, err
	}
	x, err = Uint64(content)
	if err != nil {
		return 0, b, err
	}
	return x, rest, nil
}

// Uint64 interprets a string payload as a canonical big-endian unsigned integer.
func Uint64(content []byte) (uint64, error) {
	switch {
	case len(content) == 0:
		return 0, nil
	case len(content) > 8:
		return 0, fmt.Errorf("%w: %d bytes", ErrUint64Range, len(content))
	case content[0] == 0:
		return 0, ErrNonCanonicalInteger
	}
	var x uint64
	for _, c := range content {
		x = x<<8 | uint64(c)
	}
	return x, nil
}

// CountValues counts the items in a list payload, checking each header is canonical.
// O(len(b)), no allocation.
func CountValues(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		_, ts, cs, err := readKind(b)
		if err != nil {
			return 0, err
		}
		b = b[ts+cs:]
		n++
	}
	return n, nil
}

// Validate checks that b holds exactly one item, canonically encoded all the way down,
// nested at most maxDepth lists deep. O(len(b)), no allocation, recursion at most
// maxDepth deep.
func Validate(b []byte, maxDepth int) error {
	k, content, rest, err := Split(b)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: %d bytes", ErrTrailingBytes, len(rest))
	}
	if k == List {
		return validateList(content, maxDepth)
	}
	return nil
}

func validateList(content []byte, depth int) error {
	if depth <= 0 {
		return ErrTooDeep
	}
	for len(content) > 0 {
		k, inner, rest, err := Split(content)
		if err != nil {
			return err
		}
		if k == List {
			if err := validateList(inner, depth-1); err != nil {
				return err
			}
		}
		content = rest
	}
	return nil
}

// readKind decodes the header at the start of buf: the kind, the header size and the
// payload size. It guarantees tagsize+contentsize <= len(buf).
func readKind(buf []byte) (k Kind, tagsize, contentsize int, err error) {
	if len(buf) == 0 {
		return 0, 0, 0, ErrUnexpectedEOF
	}
	b := buf[0]
	switch {
	case b < 0x80:
		// A single byte below 0x80 is its own encoding.
		return String, 0, 1, nil
	case b < 0xb8:
		// Short string: payload of 0-55 bytes.
		tagsize, contentsize = 1, int(b-0x80)
		if contentsize == 1 && len(buf) > 1 && buf[1] < 0x80 {
			return 0, 0, 0, fmt.Errorf("%w: single byte 0x%02x below 0x80 wrapped as a string", ErrNonCanonicalSize, buf[1])
		}
		k = String
	case b < 0xc0:
		k = String
		tagsize = 1 + int(b-0xb7)
		contentsize, err = readLongSize(buf[1:], int(b-0xb7))
	case b < 0xf8:
		k, tagsize, contentsize = List, 1, int(b-0xc0)
	default:
		k = List
		tagsize = 1 + int(b-0xf7)
		contentsize, err = readLongSize(buf[1:], int(b-0xf7))
	}
	if err != nil {
		return 0, 0, 0, err
	}
	if contentsize > len(buf)-tagsize {
		return 0, 0, 0, fmt.Errorf("%w: %d-byte payload, %d bytes left", ErrValueTooLarge, contentsize, len(buf)-tagsize)
	}
	return k, tagsize, contentsize, nil
}

// readLongSize reads a big-endian length of n (1..8) bytes, which must be canonical: no
// leading zero byte and at least 56, or the short form should have been used.
func readLongSize(b []byte, n int) (int, error) {
	if n > len(b) {
		return 0, ErrUnexpectedEOF
	}
	if b[0] == 0 {
		return 0, fmt.Errorf("%w: leading zero in length", ErrNonCanonicalSize)
	}
	var s uint64
	for _, c := range b[:n] {
		s = s<<8 | uint64(c)
	}
	if s < 56 {
		return 0, fmt.Errorf("%w: long form for %d-byte payload", ErrNonCanonicalSize, s)
	}
	if s > uint64(maxInt) {
		return 0, fmt.Errorf("%w: length %d", ErrValueTooLarge, s)
	}
	return int(s), nil
}

const maxInt = 1<<(bits.UintSize-1) - 1

// Uint256 interprets a string payload as a canonical big-endian unsigned integer of at
// most 32 bytes.
func Uint256(content []byte, z *uint256.Int) error {
	switch {
	case len(content) > 32:
		return fmt.Errorf("%w: %d bytes for a 256-bit integer", ErrUint64Range, len(content))
	case len(content) > 0 && content[0] == 0:
		return ErrNonCanonicalInteger
	}
	z.SetBytes(content)
	return nil
}
