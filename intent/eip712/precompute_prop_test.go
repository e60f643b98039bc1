package eip712_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/eip712/eip712test"
	"pgregory.net/rapid"
)

// TestPropColdWarmParseAgree: random typed data, and random damage to it (including '$',
// which eth-sig-util's encodeType treats apart), gives one verdict read cold, warm, through
// ParseTypedData and plain, in every mode (eip712.ColdWarmParseAgree).
func TestPropColdWarmParseAgree(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		eip712.ColdWarmParseAgree(rt, eip712test.Damaged(rt, 5))
	})
}

// TestPropTypesReadersAgree: the types objects of random typed data, with snippets
// inserted after an opening brace (keys go-ethereum folds, ignored keys, escapes, values
// of the wrong kind) and random damage, read alike as a value tree and directly
// (eip712.TypesReadersAgree).
func TestPropTypesReadersAgree(t *testing.T) {
	snippets := []string{`"Name":"x",`, `"tYpe":"bool",`, `"extra":[1,{"a":null}],`, `"n\u0061me":"q",`, `"name":1,`,
		`"type":{},`, `"name":"dup",`, `"x$":[],`, `"uint8":[],`, `"Loop":[{"name":"l","type":"Loop"}],`, `1,`, `{},`}
	rapid.Check(t, func(rt *rapid.T) {
		doc := eip712test.TypedData(rt, 5).JSON()
		start := bytes.Index(doc, []byte(`"types":{`)) + len(`"types":`)
		raw := append([]byte(nil), doc[start:start+eip712.ObjectLen(doc[start:])]...)
		for range rapid.IntRange(0, 2).Draw(rt, "snippets") {
			var opens []int
			for i, c := range raw {
				if c == '{' || c == '[' {
					opens = append(opens, i+1)
				}
			}
			at := rapid.SampledFrom(opens).Draw(rt, "after")
			s := rapid.SampledFrom(snippets).Draw(rt, "snippet")
			raw = append(raw[:at:at], append([]byte(s), raw[at:]...)...)
		}
		if rapid.Bool().Draw(rt, "damage") {
			i := rapid.IntRange(1, len(raw)-1).Draw(rt, "at")
			c := rapid.SampledFrom([]byte(`{}[]",:\ 0x$`)).Draw(rt, "byte")
			raw = append(append(raw[:i:i], c), raw[i+1:]...)
		}
		eip712.TypesReadersAgree(rt, raw)
	})
}
