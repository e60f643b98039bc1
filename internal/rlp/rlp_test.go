package rlp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"
)

// item is a decoded RLP tree, for tests only: the library walks structures it knows.
type item struct {
	list   bool
	str    []byte
	childs []item
}

func encodeItem(dst []byte, it item) []byte {
	if !it.list {
		return AppendString(dst, it.str)
	}
	var body []byte
	for _, c := range it.childs {
		body = encodeItem(body, c)
	}
	dst = AppendListHeader(dst, len(body))
	return append(dst, body...)
}

func decodeItem(b []byte) (item, error) {
	k, content, rest, err := Split(b)
	if err != nil {
		return item{}, err
	}
	if len(rest) != 0 {
		return item{}, ErrTrailingBytes
	}
	return decodeContent(k, content)
}

func decodeContent(k Kind, content []byte) (item, error) {
	if k == String {
		return item{str: content}, nil
	}
	it := item{list: true}
	for len(content) > 0 {
		ck, cc, rest, err := Split(content)
		if err != nil {
			return item{}, err
		}
		c, err := decodeContent(ck, cc)
		if err != nil {
			return item{}, err
		}
		it.childs = append(it.childs, c)
		content = rest
	}
	return it, nil
}

func genItem(depth int) *rapid.Generator[item] {
	return rapid.Custom(func(t *rapid.T) item {
		if depth == 0 || rapid.Bool().Draw(t, "isString") {
			n := rapid.SampledFrom([]int{0, 1, 1, 2, 55, 56, 57, 300}).Draw(t, "len")
			return item{str: rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "bytes")}
		}
		return item{list: true, childs: rapid.SliceOfN(genItem(depth-1), 0, 6).Draw(t, "childs")}
	})
}

func TestPropRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		it := genItem(4).Draw(t, "item")
		enc := encodeItem(nil, it)
		if err := Validate(enc, 16); err != nil {
			t.Fatalf("Validate(%x): %v", enc, err)
		}
		got, err := decodeItem(enc)
		if err != nil {
			t.Fatalf("decode(%x): %v", enc, err)
		}
		if re := encodeItem(nil, got); !bytes.Equal(re, enc) {
			t.Fatalf("re-encoding differs:\n%x\n%x", re, enc)
		}
	})
}

func TestPropUint(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.Uint64().Draw(t, "x")
		enc := AppendUint64(nil, x)
		if len(enc) != Uint64Size(x) {
			t.Fatalf("size %d, encoded %d", Uint64Size(x), len(enc))
		}
		got, rest, err := SplitUint64(enc)
		if err != nil || got != x || len(rest) != 0 {
			t.Fatalf("SplitUint64(%x) = %d, %x, %v", enc, got, rest, err)
		}
		var u uint256.Int
		u.SetBytes(rapid.SliceOfN(rapid.Byte(), 0, 32).Draw(t, "u"))
		enc = AppendUint256(nil, &u)
		if len(enc) != Uint256Size(&u) {
			t.Fatalf("size %d, encoded %d", Uint256Size(&u), len(enc))
		}
		content, _, err := SplitString(enc)
		if err != nil {
			t.Fatal(err)
		}
		var back uint256.Int
		if err := Uint256(content, &back); err != nil || !back.Eq(&u) {
			t.Fatalf("Uint256(%x) = %v, %v", content, &back, err)
		}
	})
}

func TestStrictness(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty input", nil, ErrUnexpectedEOF},
		{"single byte wrapped", []byte{0x81, 0x7f}, ErrNonCanonicalSize},
		{"zero byte wrapped", []byte{0x81, 0x00}, ErrNonCanonicalSize},
		{"long string form for short payload", append([]byte{0xb8, 0x01}, 0x80), ErrNonCanonicalSize},
		{"long list form for short payload", []byte{0xf8, 0x01, 0x80}, ErrNonCanonicalSize},
		{"leading zero in length", append([]byte{0xb9, 0x00, 0x38}, make([]byte, 56)...), ErrNonCanonicalSize},
		{"payload beyond input", []byte{0x83, 0x01, 0x02}, ErrValueTooLarge},
		{"length of length beyond input", []byte{0xbb, 0x01}, ErrUnexpectedEOF},
		{"8-byte length overflow", []byte{0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, ErrValueTooLarge},
		{"trailing bytes", []byte{0x80, 0x80}, ErrTrailingBytes},
		{"bad item inside list", []byte{0xc2, 0x81, 0x01}, ErrNonCanonicalSize},
		{"item beyond its list", []byte{0xc3, 0x83, 0x01, 0x02}, ErrValueTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Validate(tc.in, 8); !errors.Is(err, tc.want) {
				t.Fatalf("Validate(%x) = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"leading zero", []byte{0x82, 0x00, 0x01}, ErrNonCanonicalInteger},
		{"nine bytes", []byte{0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9}, ErrUint64Range},
		{"list", []byte{0xc0}, ErrExpectedString},
	} {
		t.Run("uint64 "+tc.name, func(t *testing.T) {
			if _, _, err := SplitUint64(tc.in); !errors.Is(err, tc.want) {
				t.Fatalf("SplitUint64(%x) = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
	deep := item{list: true}
	for range 20 {
		deep = item{list: true, childs: []item{deep}}
	}
	if err := Validate(encodeItem(nil, deep), 8); !errors.Is(err, ErrTooDeep) {
		t.Fatalf("deep nesting: %v", err)
	}
}
