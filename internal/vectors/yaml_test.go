package vectors

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseYAML(t *testing.T) {
	in := `# comment
---
a: 1
b: 'x''y'
c:
  d: "q"
  e:
  - '0x01'
  - 2
f:
- k: 1
  l:
    m: [1, 2]
- plain
g: 
    continued
    line
h: null
i: {slot: 24, root: '0xab',
  more: [1, 'a,b']}
`
	want := map[string]any{
		"a": "1", "b": "x'y",
		"c": map[string]any{"d": "q", "e": []any{"0x01", "2"}},
		"f": []any{map[string]any{"k": "1", "l": map[string]any{"m": []any{"1", "2"}}}, "plain"},
		"g": "continued line",
		"h": nil,
		"i": map[string]any{"slot": "24", "root": "0xab", "more": []any{"1", "a,b"}},
	}
	got, err := ParseYAML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v", got)
	}
}

func TestParseYAMLTyped(t *testing.T) {
	in := `output: true
input:
  flags: [false, 'true', "FALSE", True, x]
  none: NULL
  quoted: 'null'
  empty:
  n: 1
  list:
  - False
  - ~
true: key
`
	want := map[string]any{
		"output": true,
		"input": map[string]any{
			"flags":  []any{false, "true", "FALSE", true, "x"},
			"none":   nil,
			"quoted": "null",
			"empty":  nil,
			"n":      "1",
			"list":   []any{false, nil},
		},
		"true": "key",
	}
	got, err := ParseYAMLTyped([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v", got)
	}
	// ParseYAML itself leaves them strings, except null and ~.
	got, err = ParseYAML([]byte("a: true\nb: NULL\nc: ~\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"a": "true", "b": "NULL", "c": nil}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v", got)
	}
}

func TestParseYAMLDuplicateKey(t *testing.T) {
	for _, in := range []string{
		"a: 1\nb: 2\na: 3\n",
		"- k: 1\n  k: 2\n",
		"m:\n  x: 1\n  'x': 2\n",
		"m: {x: 1, y: 2, x: 3}\n",
	} {
		for _, parse := range []func([]byte) (any, error){ParseYAML, ParseYAMLTyped} {
			if v, err := parse([]byte(in)); err == nil || !strings.Contains(err.Error(), "duplicate key") {
				t.Errorf("%q: got %#v, %v; want a duplicate key error", in, v, err)
			}
		}
	}
}

func TestMatchSegments(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"**/sync/**/steps.yaml", "a/b/sync/c/d/steps.yaml", true},
		{"**/sync/**/steps.yaml", "sync/steps.yaml", true},
		{"**/sync/*/steps.yaml", "a/sync/c/d/steps.yaml", false},
		{"rlp/*.json", "rlp/x.json", true},
		{"rlp/*.json", "x/rlp/x.json", false},
	} {
		if got := matchSegments(strings.Split(tc.pattern, "/"), strings.Split(tc.path, "/")); got != tc.want {
			t.Errorf("%s ~ %s = %v", tc.pattern, tc.path, got)
		}
	}
}
