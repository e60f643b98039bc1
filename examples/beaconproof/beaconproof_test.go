package main

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example on its embedded data.
func TestRun(t *testing.T) {
	demotest.Contains(t, demotest.Output(t, run), "✓ accepted", "(finalized)", "(unsafe)", "✓ 0x00000000219ab540356cbb839cbe05303d7705fa")
}
