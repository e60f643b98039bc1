package abi

import (
	"encoding/binary"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
)

// WordSize is the size of one ABI slot.
const WordSize = 32

// Encoder writes one tuple: its head (one word per static member word, one offset word per
// dynamic member) is reserved up front and filled in order; dynamic members are appended
// after it, so offsets come out canonical. A nested dynamic member is written through a
// child Encoder and handed back with End, since appending may move the buffer.
type Encoder struct {
	buf  []byte
	base int // start of this tuple in buf
	pos  int // next head byte, absolute
	end  int // end of the head, absolute
}

// NewEncoder starts a tuple of headWords head words at the end of dst.
func NewEncoder(dst []byte, headWords int) Encoder {
	base := len(dst)
	dst = append(dst, make([]byte, headWords*WordSize)...)
	return Encoder{buf: dst, base: base, pos: base, end: base + headWords*WordSize}
}

func (e *Encoder) slot() []byte {
	if e.pos >= e.end {
		panic("abi: encoder head overrun")
	}
	s := e.buf[e.pos : e.pos+WordSize]
	e.pos += WordSize
	return s
}

// Word writes a bytes32 (or any pre-encoded word).
func (e *Encoder) Word(w [32]byte) { copy(e.slot(), w[:]) }

// Uint64 writes a uintN for N ≤ 64, left-padded.
func (e *Encoder) Uint64(v uint64) { binary.BigEndian.PutUint64(e.slot()[24:], v) }

// Uint256 writes a uint256.
func (e *Encoder) Uint256(v *uint256.Int) { v.PutUint256(e.slot()) }

// Address writes an address, left-padded.
func (e *Encoder) Address(a interop.Address) { copy(e.slot()[12:], a[:]) }

// Bool writes 1 or 0.
func (e *Encoder) Bool(b bool) {
	if b {
		e.slot()[31] = 1
	} else {
		e.slot()
	}
}

func (e *Encoder) offset() {
	binary.BigEndian.PutUint64(e.slot()[24:], uint64(len(e.buf)-e.base))
}

// Bytes writes a dynamic bytes member: an offset in the head, then the length and the data
// right-padded to a word in the tail.
func (e *Encoder) Bytes(b []byte) {
	e.offset()
	e.buf = AppendBytes(e.buf, b)
}

// Tuple starts a dynamic tuple member of headWords head words; write it, then call End.
func (e *Encoder) Tuple(headWords int) Encoder {
	e.offset()
	return NewEncoder(e.buf, headWords)
}

// Array starts a dynamic array member T[] of n elements, each taking elemWords head words
// (the words of a static element, or 1 for the offset of a dynamic one); write the
// elements in order, then call End.
func (e *Encoder) Array(n, elemWords int) Encoder {
	e.offset()
	var w [WordSize]byte
	binary.BigEndian.PutUint64(w[24:], uint64(n))
	e.buf = append(e.buf, w[:]...)
	return NewEncoder(e.buf, n*elemWords)
}

// End takes back the buffer from a finished child Encoder.
func (e *Encoder) End(child *Encoder) {
	if child.pos != child.end {
		panic("abi: child encoder head not filled")
	}
	e.buf = child.buf
}

// Finish returns the buffer with the tuple appended. The head must be filled.
func (e *Encoder) Finish() []byte {
	if e.pos != e.end {
		panic("abi: encoder head not filled")
	}
	return e.buf
}

// AppendBytes appends the tail encoding of bytes: its length word, then b right-padded
// with zeros to a multiple of 32 bytes.
func AppendBytes(dst, b []byte) []byte {
	var w [WordSize]byte
	binary.BigEndian.PutUint64(w[24:], uint64(len(b)))
	dst = append(dst, w[:]...)
	dst = append(dst, b...)
	if r := len(b) % WordSize; r != 0 {
		dst = append(dst, make([]byte, WordSize-r)...)
	}
	return dst
}
