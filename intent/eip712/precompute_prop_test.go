package eip712_test

import (
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
		raw := eip712test.TypedData(rt, 5).JSON()
		for range rapid.IntRange(0, 2).Draw(rt, "damages") {
			i := rapid.IntRange(0, len(raw)-1).Draw(rt, "at")
			c := rapid.SampledFrom([]byte(`{}[]",:\ 0x$`)).Draw(rt, "byte")
			if rapid.Bool().Draw(rt, "insert") {
				raw = append(raw[:i:i], append([]byte{c}, raw[i:]...)...)
			} else {
				raw = append(append(raw[:i:i], c), raw[i+1:]...)
			}
		}
		eip712.ColdWarmParseAgree(rt, raw)
	})
}
