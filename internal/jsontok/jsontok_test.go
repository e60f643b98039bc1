package jsontok

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

var errTest = errors.New("test: bad JSON")

func TestEachElement(t *testing.T) {
	var got []string
	if err := EachElement([]byte(` [1, "a", {"b":[2]}] `), func(i int, e json.RawMessage) error {
		got = append(got, string(e))
		return nil
	}); err != nil || len(got) != 3 || got[2] != `{"b":[2]}` {
		t.Fatalf("got %q, %v", got, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := EachElement([]byte(`[1,2,3]`), func(i int, e json.RawMessage) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("first error not returned as is: %v after %d", err, n)
	}
	for _, bad := range []string{`null`, `{}`, `[1,]`, `[1] 2`, `[1`, ``} {
		if err := EachElement([]byte(bad), func(int, json.RawMessage) error { return nil }); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEachFieldAndSkipValue(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader([]byte(`{"a":1,"skip":{"x":[1,{"y":2}]},"b":"s"}`)))
	var keys []string
	err := EachField(dec, errTest, func(key string) error {
		keys = append(keys, key)
		if key == "skip" {
			return SkipValue(dec, errTest)
		}
		var v any
		return dec.Decode(&v)
	})
	if err != nil || len(keys) != 3 || keys[2] != "b" {
		t.Fatalf("keys %q, %v", keys, err)
	}
	for _, bad := range []string{`[1]`, `{"a":}`, `{"a"`, `{1:2}`} {
		dec := json.NewDecoder(bytes.NewReader([]byte(bad)))
		err := EachField(dec, errTest, func(string) error { return SkipValue(dec, errTest) })
		if !errors.Is(err, errTest) {
			t.Errorf("%q: %v, want the sentinel", bad, err)
		}
	}
}

func TestReadObject(t *testing.T) {
	read := func(in string) (a, b string, err error) {
		dec := json.NewDecoder(bytes.NewReader([]byte(in)))
		err = ReadObject(dec, errTest, "thing",
			Field{Name: "a", Read: func() error { return dec.Decode(&a) }},
			Field{Name: "b", Read: func() error { return dec.Decode(&b) }})
		return a, b, err
	}
	if a, b, err := read(`{"x":{"y":[1]},"b":"2","a":"1"}`); err != nil || a != "1" || b != "2" {
		t.Fatalf("got %q %q %v", a, b, err)
	}
	for _, bad := range []string{`{"a":"1"}`, `{"a":"1","b":"2","a":"3"}`, `["a"]`, `{"a":"1","b":"2"`} {
		if _, _, err := read(bad); !errors.Is(err, errTest) {
			t.Errorf("%s: %v, want the sentinel", bad, err)
		}
	}
}
