package abi

import (
	"encoding/binary"
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
)

// Decoder reads one tuple in order: head members one by one, each dynamic member at the
// canonical offset (where the previous tail ended). A nested dynamic member is read with a
// child Decoder and closed with End, which moves the expected offset past it. The zero
// value is not usable; start with NewDecoder.
type Decoder struct {
	buf  []byte // from the tuple's first head byte to the end of the enclosing input
	base int    // position of buf[0] in the parent's buf (for End)
	pos  int    // next head byte
	head int    // head size
	tail int    // canonical offset of the next dynamic member
}

// NewDecoder starts reading a top-level tuple of headWords head words from b. Call Finish
// after the last member to reject trailing bytes. Bound: a Decoder allocates nothing and
// reads each byte of b at most once.
func NewDecoder(b []byte, headWords int) (Decoder, error) {
	return newDecoder(b, 0, headWords)
}

func newDecoder(b []byte, base, headWords int) (Decoder, error) {
	if headWords < 0 || headWords > len(b)/WordSize {
		return Decoder{}, fmt.Errorf("%w: head of %d words in %d bytes", ErrShort, headWords, len(b))
	}
	h := headWords * WordSize
	return Decoder{buf: b, base: base, head: h, tail: h}, nil
}

func (d *Decoder) slot() ([]byte, error) {
	if d.pos >= d.head {
		return nil, fmt.Errorf("%w: read past head at byte %d", ErrShort, d.pos)
	}
	s := d.buf[d.pos : d.pos+WordSize]
	d.pos += WordSize
	return s, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Word reads a bytes32.
func (d *Decoder) Word() (w [32]byte, err error) {
	s, err := d.slot()
	if err != nil {
		return w, err
	}
	copy(w[:], s)
	return w, nil
}

// Uint256 reads a uint256.
func (d *Decoder) Uint256() (v uint256.Int, err error) {
	s, err := d.slot()
	if err != nil {
		return v, err
	}
	v.SetBytes32(s)
	return v, nil
}

// Uint reads a uintN for 8 ≤ N ≤ 64 and rejects a word with bits set above N.
func (d *Decoder) Uint(bits int) (uint64, error) {
	s, err := d.slot()
	if err != nil {
		return 0, err
	}
	v := binary.BigEndian.Uint64(s[24:])
	if !allZero(s[:24]) || (bits < 64 && v>>uint(bits) != 0) {
		return 0, fmt.Errorf("%w: uint%d word %x at byte %d", ErrNonCanonical, bits, s, d.pos-WordSize)
	}
	return v, nil
}

// Address reads an address and rejects nonzero padding.
func (d *Decoder) Address() (a interop.Address, err error) {
	s, err := d.slot()
	if err != nil {
		return a, err
	}
	if !allZero(s[:12]) {
		return a, fmt.Errorf("%w: address word %x at byte %d", ErrNonCanonical, s, d.pos-WordSize)
	}
	copy(a[:], s[12:])
	return a, nil
}

// Bool reads a bool, 0 or 1.
func (d *Decoder) Bool() (bool, error) {
	v, err := d.Uint(8)
	if err != nil {
		return false, err
	}
	if v > 1 {
		return false, fmt.Errorf("%w: bool %d at byte %d", ErrNonCanonical, v, d.pos-WordSize)
	}
	return v == 1, nil
}

// offset reads an offset word and checks it is the canonical one.
func (d *Decoder) offset() (int, error) {
	s, err := d.slot()
	if err != nil {
		return 0, err
	}
	// Offsets are compared before conversion, so a huge word cannot wrap into range.
	if !allZero(s[:24]) || binary.BigEndian.Uint64(s[24:]) != uint64(d.tail) {
		return 0, fmt.Errorf("%w: offset %x at byte %d, want %d", ErrOffset, s, d.pos-WordSize, d.tail)
	}
	return d.tail, nil
}

// length reads the length word at off and bounds it by max and by what remains when each
// unit takes unit bytes.
func (d *Decoder) length(off, max, unit int) (int, error) {
	if off+WordSize > len(d.buf) {
		return 0, fmt.Errorf("%w: length word at byte %d of %d", ErrShort, off, len(d.buf))
	}
	s := d.buf[off : off+WordSize]
	n := binary.BigEndian.Uint64(s[24:])
	if !allZero(s[:24]) || n > uint64(max) {
		return 0, fmt.Errorf("%w: length %x at byte %d (bound %d)", ErrTooLong, s, off, max)
	}
	if room := uint64(len(d.buf)-off-WordSize) / uint64(unit); n > room {
		return 0, fmt.Errorf("%w: length %d at byte %d, room for %d", ErrShort, n, off, room)
	}
	return int(n), nil
}

// Bytes reads a dynamic bytes member of at most max bytes. The result aliases the input.
func (d *Decoder) Bytes(max int) ([]byte, error) {
	off, err := d.offset()
	if err != nil {
		return nil, err
	}
	n, err := d.length(off, max, 1)
	if err != nil {
		return nil, err
	}
	start := off + WordSize
	padded := (n + WordSize - 1) / WordSize * WordSize
	if start+padded > len(d.buf) {
		return nil, fmt.Errorf("%w: %d bytes of padded data at byte %d", ErrShort, padded, start)
	}
	if !allZero(d.buf[start+n : start+padded]) {
		return nil, fmt.Errorf("%w: nonzero padding after %d bytes at byte %d", ErrNonCanonical, n, start)
	}
	d.tail = start + padded
	return d.buf[start : start+n : start+n], nil
}

// Tuple starts reading a dynamic tuple member of headWords head words; read it, then End.
func (d *Decoder) Tuple(headWords int) (Decoder, error) {
	off, err := d.offset()
	if err != nil {
		return Decoder{}, err
	}
	return newDecoder(d.buf[off:], off, headWords)
}

// Array starts reading a dynamic array member T[] of at most max elements, each taking
// elemWords head words (1 for dynamic elements); it returns the count and a Decoder over
// the elements' heads. Read the elements in order, then End.
func (d *Decoder) Array(max, elemWords int) (int, Decoder, error) {
	off, err := d.offset()
	if err != nil {
		return 0, Decoder{}, err
	}
	if elemWords < 1 {
		panic("abi: array element of no words")
	}
	n, err := d.length(off, max, elemWords*WordSize)
	if err != nil {
		return 0, Decoder{}, err
	}
	sub, err := newDecoder(d.buf[off+WordSize:], off+WordSize, n*elemWords)
	return n, sub, err
}

// End closes a child Decoder: every head word must have been read, and the next dynamic
// member of d must start where the child's encoding ends.
func (d *Decoder) End(child *Decoder) error {
	if child.pos != child.head {
		return fmt.Errorf("%w: %d of %d head bytes read", ErrTrailing, child.pos, child.head)
	}
	d.tail = child.base + child.tail
	return nil
}

// Size returns the bytes the tuple's encoding has taken so far: head and tails.
func (d *Decoder) Size() int { return d.tail }

// Finish ends a top-level tuple: every head word must have been read and no byte may follow
// the last tail.
func (d *Decoder) Finish() error {
	if d.pos != d.head {
		return fmt.Errorf("%w: %d of %d head bytes read", ErrTrailing, d.pos, d.head)
	}
	if d.tail != len(d.buf) {
		return fmt.Errorf("%w: %d bytes after byte %d", ErrTrailing, len(d.buf)-d.tail, d.tail)
	}
	return nil
}
