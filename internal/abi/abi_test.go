package abi

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

// sample is abi.encode(uint32 a, bytes b, (uint64 c, bytes d)[] e, address f).
type sample struct {
	a    uint64
	b    []byte
	e    []pair
	addr interop.Address
}

type pair struct {
	c uint64
	d []byte
}

func (s *sample) encode() []byte {
	e := NewEncoder(nil, 4)
	e.Uint64(s.a)
	e.Bytes(s.b)
	arr := e.Array(len(s.e), 1)
	for _, p := range s.e {
		t := arr.Tuple(2)
		t.Uint64(p.c)
		t.Bytes(p.d)
		arr.End(&t)
	}
	e.End(&arr)
	e.Address(s.addr)
	return e.Finish()
}

func decodeSample(b []byte) (s sample, err error) {
	d, err := NewDecoder(b, 4)
	if err != nil {
		return s, err
	}
	if s.a, err = d.Uint(32); err != nil {
		return s, err
	}
	if s.b, err = d.Bytes(1 << 10); err != nil {
		return s, err
	}
	n, arr, err := d.Array(16, 1)
	if err != nil {
		return s, err
	}
	for range n {
		t, err := arr.Tuple(2)
		if err != nil {
			return s, err
		}
		var p pair
		if p.c, err = t.Uint(64); err != nil {
			return s, err
		}
		if p.d, err = t.Bytes(1 << 10); err != nil {
			return s, err
		}
		if err := arr.End(&t); err != nil {
			return s, err
		}
		s.e = append(s.e, p)
	}
	if err := d.End(&arr); err != nil {
		return s, err
	}
	if s.addr, err = d.Address(); err != nil {
		return s, err
	}
	return s, d.Finish()
}

// TestKnownEncoding checks the layout against the Solidity ABI spec's example shape:
// abi.encode(uint32(1), bytes("ab"), [(7, "")], address(0x11…)).
func TestKnownEncoding(t *testing.T) {
	s := sample{a: 1, b: []byte("ab"), e: []pair{{c: 7}}, addr: interop.Address{0x11}}
	got := s.encode()
	w := func(v byte) []byte { b := make([]byte, 32); b[31] = v; return b }
	addr := make([]byte, 32)
	addr[12] = 0x11
	ab := make([]byte, 32)
	copy(ab, "ab")
	want := bytes.Join([][]byte{
		w(1), w(0x80), w(0xc0), addr, // head
		w(2), ab, // bytes "ab"
		w(1), w(0x20), // array: length, offset of element 0
		w(7), w(0x40), w(0), // element 0: c, offset of d, d's length
	}, nil)
	if !bytes.Equal(got, want) {
		t.Fatalf("encoding\n%x\nwant\n%x", got, want)
	}
	back, err := decodeSample(got)
	if err != nil {
		t.Fatal(err)
	}
	if back.a != 1 || string(back.b) != "ab" || len(back.e) != 1 || back.e[0].c != 7 || back.addr != s.addr {
		t.Fatalf("decoded %+v", back)
	}
}

func TestBadInput(t *testing.T) {
	good := (&sample{a: 1, b: []byte("ab"), e: []pair{{c: 7, d: []byte{1}}}}).encode()
	set := func(at int, v ...byte) []byte {
		b := append([]byte(nil), good...)
		copy(b[at:], v)
		return b
	}
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrShort},
		{"head cut", good[:100], ErrShort},
		{"uint32 high bits", set(27, 1), ErrNonCanonical},
		{"offset not canonical", set(63, 0xa0), ErrOffset},
		{"offset huge", set(32, 0xff), ErrOffset},
		{"bytes length past input", set(4*32+31, 0xff), ErrShort},
		{"bytes length over 2^64", set(4*32+20, 1), ErrTooLong},
		{"dirty bytes padding", set(5*32+5, 1), ErrNonCanonical},
		{"array count over bound", set(6*32+31, 17), ErrTooLong},
		{"address padding", set(3*32, 1), ErrNonCanonical},
		{"trailing", append(append([]byte(nil), good...), 0), ErrTrailing},
		{"tail cut", good[:len(good)-32], ErrShort},
	} {
		if _, err := decodeSample(c.in); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	d, _ := NewDecoder(append(make([]byte, 31), 2), 1)
	if _, err := d.Bool(); !errors.Is(err, ErrNonCanonical) {
		t.Errorf("bool 2: %v", err)
	}
}

// FuzzDecode: no panic; anything accepted re-encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	f.Add((&sample{a: 1, b: []byte("ab"), e: []pair{{c: 7, d: []byte{1}}, {c: 8}}}).encode())
	f.Add((&sample{}).encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeSample(b)
		if err != nil {
			return
		}
		if !bytes.Equal(s.encode(), b) {
			t.Fatalf("non-canonical input accepted: %x", b)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	enc := (&sample{a: 1, b: make([]byte, 100), e: []pair{{c: 7, d: []byte{1}}, {c: 8}}}).encode()
	b.SetBytes(int64(len(enc)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := NewDecoder(enc, 4)
		_, _ = d.Uint(32)
		_, _ = d.Bytes(1 << 10)
		n, arr, _ := d.Array(16, 1)
		for range n {
			t, _ := arr.Tuple(2)
			_, _ = t.Uint(64)
			_, _ = t.Bytes(1 << 10)
			_ = arr.End(&t)
		}
		_ = d.End(&arr)
		_, _ = d.Address()
		if err := d.Finish(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	s := &sample{a: 1, b: make([]byte, 100), e: []pair{{c: 7, d: []byte{1}}, {c: 8}}}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.encode()
	}
}
