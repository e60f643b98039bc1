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
