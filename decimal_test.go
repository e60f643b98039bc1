package interop

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
)

func TestParseDecimalCases(t *testing.T) {
	for _, c := range []struct {
		in  string
		u   uint64
		uok bool
		i   int64
		iok bool
	}{
		{"0", 0, true, 0, true},
		{"42", 42, true, 42, true},
		{"18446744073709551615", 1<<64 - 1, true, 0, false},
		{"18446744073709551616", 0, false, 0, false},
		{"9223372036854775807", 1<<63 - 1, true, 1<<63 - 1, true},
		{"-9223372036854775808", 0, false, -1 << 63, true},
		{"-9223372036854775809", 0, false, 0, false},
		{"-1", 0, false, -1, true},
		{"-0", 0, false, 0, false},
		{"+5", 0, false, 0, false},
		{"007", 0, false, 0, false},
		{"", 0, false, 0, false},
		{"-", 0, false, 0, false},
		{" 5", 0, false, 0, false},
		{"5e0", 0, false, 0, false},
		{"0x10", 0, false, 0, false},
		{"000000000000000000001", 0, false, 0, false},
	} {
		u, err := ParseUint64([]byte(c.in))
		if (err == nil) != c.uok || (err == nil && u != c.u) || (err != nil && !errors.Is(err, ErrNotDecimal)) {
			t.Errorf("ParseUint64(%q) = %d, %v", c.in, u, err)
		}
		i, err := ParseInt64([]byte(c.in))
		if (err == nil) != c.iok || (err == nil && i != c.i) || (err != nil && !errors.Is(err, ErrNotDecimal)) {
			t.Errorf("ParseInt64(%q) = %d, %v", c.in, i, err)
		}
	}
}

func TestUint64JSON(t *testing.T) {
	var v struct{ N Uint64 }
	if err := json.Unmarshal([]byte(`{"N":"123"}`), &v); err != nil || v.N != 123 {
		t.Fatalf("%v %d", err, v.N)
	}
	for _, bad := range []string{`{"N":123}`, `{"N":"0123"}`, `{"N":"-1"}`, `{"N":""}`, `{"N":null}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	out, err := json.Marshal(Uint64(1<<64 - 1))
	if err != nil || string(out) != `"18446744073709551615"` {
		t.Fatalf("%s %v", out, err)
	}
}

// FuzzParseDecimal: ParseUint64 and ParseInt64 accept exactly the strings strconv parses
// and formats back to themselves, with the same value.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "1", "-1", "007", "+5", "-0", "18446744073709551615", "-9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUint64([]byte(s))
		ru, rerr := strconv.ParseUint(s, 10, 64)
		want := rerr == nil && strconv.FormatUint(ru, 10) == s
		if (err == nil) != want || (err == nil && u != ru) {
			t.Fatalf("ParseUint64(%q) = %d, %v; strconv %d, %v", s, u, err, ru, rerr)
		}
		i, err := ParseInt64([]byte(s))
		ri, rerr := strconv.ParseInt(s, 10, 64)
		want = rerr == nil && strconv.FormatInt(ri, 10) == s
		if (err == nil) != want || (err == nil && i != ri) {
			t.Fatalf("ParseInt64(%q) = %d, %v; strconv %d, %v", s, i, err, ri, rerr)
		}
	})
}
