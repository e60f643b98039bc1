package eip712_test

import (
	"testing"

	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/eip712/eip712test"
	"pgregory.net/rapid"
)

// TestPropCachedTypesSameVerdict: random typed data, and random damage to it, read on
// its type set's first and second sight, from the cache, and without it, gives one
// verdict.
func TestPropCachedTypesSameVerdict(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		eip712.SameVerdict(rt, eip712test.Damaged(rt, 4))
	})
}
