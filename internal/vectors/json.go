package vectors

import (
	"encoding/json"
	"testing"
)

// HasKeys reports whether raw is a JSON object (or, with list, a non-empty array of
// objects) holding all the keys: how a test recognises a vector file's format by its
// shape rather than its name.
func HasKeys(raw []byte, list bool, keys ...string) bool {
	var objs []map[string]json.RawMessage
	if list {
		if json.Unmarshal(raw, &objs) != nil || len(objs) == 0 {
			return false
		}
	} else {
		var o map[string]json.RawMessage
		if json.Unmarshal(raw, &o) != nil {
			return false
		}
		objs = append(objs, o)
	}
	for _, o := range objs {
		for _, k := range keys {
			if _, ok := o[k]; !ok {
				return false
			}
		}
	}
	return true
}

// JSON decodes raw, a vector file's JSON, into a T, failing the test on malformed input.
func JSON[T any](tb testing.TB, raw []byte) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.Fatal(err)
	}
	return v
}
