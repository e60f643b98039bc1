package eip712_test

import (
	"testing"

	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/eip712/eip712test"
	"pgregory.net/rapid"
)

// TestPropCachedTypesSameVerdict: random typed data, and random damage to it, read with
// the cache cold and warm and without it, gives one verdict.
func TestPropCachedTypesSameVerdict(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		raw := eip712test.TypedData(rt, 4).JSON()
		if rapid.Bool().Draw(rt, "damage") && len(raw) > 0 {
			i := rapid.IntRange(0, len(raw)-1).Draw(rt, "at")
			c := rapid.SampledFrom([]byte(`{}[]",:\ 0x`)).Draw(rt, "byte")
			raw = append(append(raw[:i:i], c), raw[i+1:]...)
		}
		eip712.SameVerdict(rt, raw)
		eip712.SameVerdict(rt, raw)
	})
}
