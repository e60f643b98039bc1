package main

import (
	"strings"
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example: included atomically both times, all executed in run 1,
// atomicity violated in run 2, and the verdicts no more final than B's safe roots.
func TestRun(t *testing.T) {
	s := demotest.Output(t, run)
	demotest.Contains(t, s, "included atomically", "all executed", "atomicity violated")
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "finality of the verdict") && strings.Fields(line)[4] != "safe" {
			t.Fatalf("verdict claims more than B's safe roots: %q", line)
		}
	}
}
