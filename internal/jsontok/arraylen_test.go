package jsontok

import (
	"encoding/json"
	"testing"
)

// FuzzJSONArrayLen: the element count that list maxima are checked against before
// decoding is exactly the number of elements encoding/json decodes, for every valid JSON
// value (strings with escapes and brackets, nested arrays and objects included).
func FuzzJSONArrayLen(f *testing.F) {
	for _, s := range []string{`[]`, ` [ ] `, `[1]`, `["a,b","c\"]",[1,2],{"x":[3,4]}]`, `null`, `{"a":1}`, `["\\",","]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		var elems []json.RawMessage
		isArray := json.Unmarshal(b, &elems) == nil && elems != nil
		n, ok := ArrayLen(b)
		if ok != isArray && !(ok && n == 0) {
			t.Fatalf("ArrayLen(%q) = %d, %v; array %v", b, n, ok, isArray)
		}
		if ok && n != len(elems) {
			t.Fatalf("ArrayLen(%q) = %d, want %d", b, n, len(elems))
		}
	})
}
