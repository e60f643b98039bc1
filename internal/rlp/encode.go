package rlp

import "github.com/holiman/uint256"

// StringSize returns the encoded size of a string with the given payload.
func StringSize(s []byte) int {
	if len(s) == 1 && s[0] < 0x80 {
		return 1
	}
	return headSize(len(s)) + len(s)
}

// ListSize returns the encoded size of a list whose items encode to contentSize bytes.
func ListSize(contentSize int) int { return headSize(contentSize) + contentSize }

func headSize(n int) int {
	if n < 56 {
		return 1
	}
	return 1 + intSize(uint64(n))
}

// AppendString appends the encoding of the byte string s.
func AppendString(dst, s []byte) []byte {
	if len(s) == 1 && s[0] < 0x80 {
		return append(dst, s[0])
	}
	dst = appendHead(dst, 0x80, len(s))
	return append(dst, s...)
}

// AppendListHeader appends the header of a list whose items encode to contentSize bytes;
// the caller appends the items.
func AppendListHeader(dst []byte, contentSize int) []byte {
	return appendHead(dst, 0xc0, contentSize)
}

// AppendUint64 appends the canonical encoding of x: big-endian, no leading zeros, zero as
// the empty string.
func AppendUint64(dst []byte, x uint64) []byte {
	switch {
	case x == 0:
		return append(dst, 0x80)
	case x < 0x80:
		return append(dst, byte(x))
	}
	n := intSize(x)
	dst = append(dst, 0x80+byte(n))
	return appendBigEndian(dst, x, n)
}

// Uint64Size returns the encoded size of x.
func Uint64Size(x uint64) int {
	if x < 0x80 {
		return 1
	}
	return 1 + intSize(x)
}

func appendHead(dst []byte, base byte, n int) []byte {
	if n < 56 {
		return append(dst, base+byte(n))
	}
	s := intSize(uint64(n))
	dst = append(dst, base+55+byte(s))
	return appendBigEndian(dst, uint64(n), s)
}

func appendBigEndian(dst []byte, x uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, byte(x>>(8*uint(i))))
	}
	return dst
}

func intSize(x uint64) int {
	n := 0
	for ; x > 0; x >>= 8 {
		n++
	}
	return n
}

// AppendUint256 appends the canonical encoding of x (a big-endian string with no leading
// zeros; zero is the empty string).
func AppendUint256(dst []byte, x *uint256.Int) []byte {
	if x.IsUint64() {
		return AppendUint64(dst, x.Uint64())
	}
	b := x.Bytes32()
	n := (x.BitLen() + 7) / 8
	dst = append(dst, 0x80+byte(n))
	return append(dst, b[32-n:]...)
}

// Uint256Size returns the encoded size of x.
func Uint256Size(x *uint256.Int) int {
	if x.IsUint64() {
		return Uint64Size(x.Uint64())
	}
	return 1 + (x.BitLen()+7)/8
}
