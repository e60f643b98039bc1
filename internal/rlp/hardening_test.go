package rlp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop/internal/hostile"
)

// nested returns depth lists, each holding the next, the innermost empty: long-form list
// headers once the payload reaches 56 bytes.
func nested(depth int) []byte {
	b := []byte{0xc0}
	for range depth - 1 {
		b = append(AppendListHeader(nil, len(b)), b...)
	}
	return b
}

// TestBoundsAllocPerInputByte: the decoder allocates nothing, whatever the input: deep
// nesting (refused past maxDepth, without recursing further), 10^6 items, a header that
// claims 2^63 bytes.
func TestBoundsAllocPerInputByte(t *testing.T) {
	deep := nested(20_000)
	var err error
	u := hostile.Proportional(t, "Validate of 20,000 nested lists", len(deep), 0, 64<<10, func() { err = Validate(deep, 64) })
	if !errors.Is(err, ErrTooDeep) {
		t.Errorf("20,000 nested lists at max depth 64: %v", err)
	}
	t.Logf("Validate of 20,000 nested lists: %d bytes in, %d allocated", len(deep), u.Bytes)
	if err := Validate(nested(64), 64); err != nil {
		t.Errorf("64 nested lists at max depth 64: %v", err)
	}
	if err := Validate(nested(65), 64); !errors.Is(err, ErrTooDeep) {
		t.Errorf("65 nested lists at max depth 64: %v", err)
	}
	many := AppendListHeader(nil, 1_000_000)
	many = append(many, bytes.Repeat([]byte{0x80}, 1_000_000)...)
	var n int
	u = hostile.Proportional(t, "CountValues of 10^6 items", len(many), 0, 64<<10, func() {
		content, _, _ := SplitList(many)
		n, err = CountValues(content)
	})
	if err != nil || n != 1_000_000 {
		t.Errorf("10^6 items: %d, %v", n, err)
	}
	t.Logf("CountValues of 10^6 items: %d bytes in, %d allocated", len(many), u.Bytes)
	huge := []byte{0xbf, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0}
	u = hostile.Proportional(t, "string claiming 2^63-1 bytes", len(huge), 0, 64<<10, func() { _, _, err = SplitString(huge) })
	if !errors.Is(err, ErrValueTooLarge) {
		t.Errorf("2^63-1-byte string: %v", err)
	}
	huge[1] = 0xff
	if _, _, err := SplitString(huge); !errors.Is(err, ErrValueTooLarge) {
		t.Errorf("2^64-1-byte string: %v", err)
	}
}

// FuzzIntegers: SplitUint64 and Uint256 accept exactly the canonical encodings: whatever
// they accept re-encodes to the bytes consumed.
func FuzzIntegers(f *testing.F) {
	f.Add([]byte{0x80})
	f.Add([]byte{0x81, 0x80})
	f.Add([]byte{0x88, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{0xa0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Fuzz(func(t *testing.T, b []byte) {
		if x, rest, err := SplitUint64(b); err == nil {
			used := b[:len(b)-len(rest)]
			if re := AppendUint64(nil, x); !bytes.Equal(re, used) || Uint64Size(x) != len(used) {
				t.Fatalf("SplitUint64 accepted %x as %d, which encodes as %x", used, x, re)
			}
		}
		content, rest, err := SplitString(b)
		if err != nil {
			return
		}
		var z uint256.Int
		if err := Uint256(content, &z); err != nil {
			return
		}
		used := b[:len(b)-len(rest)]
		if re := AppendUint256(nil, &z); !bytes.Equal(re, used) || Uint256Size(&z) != len(used) {
			t.Fatalf("Uint256 accepted %x as %s, which encodes as %x", used, z.Hex(), re)
		}
	})
}
