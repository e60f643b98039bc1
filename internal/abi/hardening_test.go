package abi

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// word returns a 32-byte word holding v in its low 8 bytes, or all 0xff when v is -1.
func word(v int64) []byte {
	w := make([]byte, WordSize)
	if v < 0 {
		for i := range w {
			w[i] = 0xff
		}
		return w
	}
	binary.BigEndian.PutUint64(w[24:], uint64(v))
	return w
}

// TestBoundsAllocPerInputByte: the decoder allocates nothing and refuses every length
// before it is used: counts of 2^256-1, counts within the caller's bound but past the
// input, and the longest bytes and arrays the input can hold.
func TestBoundsAllocPerInputByte(t *testing.T) {
	huge := append(word(0x20), word(-1)...) // offset, then a length of 2^256-1
	var err error
	// Error paths allocate their message only (the project-wide allowance covers it).
	u := hostile.Bounded(t, "bytes of length 2^256-1", len(huge), func() {
		d, _ := NewDecoder(huge, 1)
		_, err = d.Bytes(1 << 30)
	})
	if !errors.Is(err, ErrTooLong) {
		t.Errorf("length 2^256-1: %v", err)
	}
	t.Logf("bytes of length 2^256-1: %d bytes in, %d allocated", len(huge), u.Bytes)
	past := append(word(0x20), word(1<<20)...) // within the bound, past the input
	u = hostile.Bounded(t, "array counting past the input", len(past), func() {
		d, _ := NewDecoder(past, 1)
		_, _, err = d.Array(1<<30, 2)
	})
	if !errors.Is(err, ErrShort) {
		t.Errorf("count past the input: %v", err)
	}
	// An array of 2^16 dynamic tuples, each (uint64, bytes): read completely, nothing
	// allocated.
	var s sample
	for i := range 1 << 12 {
		s.e = append(s.e, pair{c: uint64(i)})
	}
	enc := s.encode()
	u = hostile.Proportional(t, "sample with 4096 tuples", len(enc), 0, 64<<10, func() {
		d, _ := NewDecoder(enc, 4)
		_, _ = d.Uint(32)
		_, _ = d.Bytes(1 << 10)
		var n int
		var arr Decoder
		if n, arr, err = d.Array(1<<12, 1); err != nil {
			return
		}
		for range n {
			tu, e := arr.Tuple(2)
			if e != nil {
				err = e
				return
			}
			_, _ = tu.Uint(64)
			_, _ = tu.Bytes(1 << 10)
			_ = arr.End(&tu)
		}
		_ = d.End(&arr)
		_, _ = d.Address()
		err = d.Finish()
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sample with 4096 tuples: %d bytes in, %d allocated", len(enc), u.Bytes)
}
