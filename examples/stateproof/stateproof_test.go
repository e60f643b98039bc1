package main

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example on its embedded data: every proof verifies and every tampered
// one is refused for the expected reason.
func TestRun(t *testing.T) {
	s := demotest.Output(t, run)
	demotest.Count(t, s, "✓ proven", 5)
	demotest.Contains(t, s, "deposit index 1929664")
}
