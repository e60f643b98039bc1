package hub

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demo/demotest"
)

// TestRun runs the example: three acceptances, three refusals, every verdict printed.
func TestRun(t *testing.T) {
	s := demotest.Output(t, Run)
	demotest.Count(t, s, "✓ accepted", 3)
	demotest.Count(t, s, "✗ refused", 3)
	demotest.Contains(t, s, "outsider", "required: hyperlane message-id multisig", "route origin 8453")
	demotest.Deterministic(t, Run, s)
}
