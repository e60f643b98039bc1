package taggedb64

import (
	"errors"
	"testing"
)

// TestChecksumKnown: the checksum of a value the tagged-base64 crate formatted
// ("COMMIT~" of 32 zero bytes, from committable's Display) and the bitwise CRC-8 definition.
func TestChecksumKnown(t *testing.T) {
	bitwise := func(tag string, v []byte) byte {
		var c byte
		for _, b := range append([]byte(tag), v...) {
			c ^= b
			for range 8 {
				if c&0x80 != 0 {
					c = c<<1 ^ 0x07
				} else {
					c <<= 1
				}
			}
		}
		return c ^ byte(len(v))
	}
	for _, tc := range []struct {
		tag string
		v   []byte
	}{{"", nil}, {"COMMIT", make([]byte, 32)}, {"BLS_SIG", []byte{1, 2, 3, 255}}, {"x", make([]byte, 300)}} {
		if got, want := Checksum(tc.tag, tc.v), bitwise(tc.tag, tc.v); got != want {
			t.Fatalf("%q/%d: %#x want %#x", tc.tag, len(tc.v), got, want)
		}
	}
}

func TestRoundTripAndRefusals(t *testing.T) {
	s := Format("TAG_1", []byte("hello world"))
	tag, text, err := Split(s)
	if err != nil || tag != "TAG_1" {
		t.Fatal(tag, err)
	}
	buf := make([]byte, DecodedLen(len(text)))
	v, err := Decode(tag, text, buf)
	if err != nil || string(v) != "hello world" {
		t.Fatal(string(v), err)
	}
	for _, bad := range []struct {
		s    string
		want error
	}{
		{"NOTILDE", ErrSyntax},
		{"T A~AA", ErrSyntax},
		{s[:len(s)-3] + "\n" + s[len(s)-3:], ErrSyntax},
		{s + "=", ErrSyntax},
		{"TAG_1~", ErrSyntax},
		{"TAG_2" + s[5:], ErrChecksum},
	} {
		tag, text, err := Split(bad.s)
		if err == nil {
			_, err = Decode(tag, text, make([]byte, DecodedLen(len(text))))
		}
		if !errors.Is(err, bad.want) {
			t.Fatalf("%q: %v, want %v", bad.s, err, bad.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Format("COMMIT", make([]byte, 32)))
	f.Add("A~AAA")
	f.Fuzz(func(t *testing.T, s string) {
		tag, text, err := Split(s)
		if err != nil {
			return
		}
		v, err := Decode(tag, text, make([]byte, DecodedLen(len(text))))
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrChecksum) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if Format(tag, v) != s {
			t.Fatalf("accepted %q, which formats back as %q", s, Format(tag, v))
		}
	})
}
