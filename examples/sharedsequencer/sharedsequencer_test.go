package main

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example: every rollup derives 100 heights, the kept preconfirmation is
// not breachable, the broken one is, and the equivocators are named with their stake.
func TestRun(t *testing.T) {
	s := demotest.Output(t, run)
	demotest.Contains(t, s,
		"alpha derived 100 heights", "beta  derived 100 heights", "gamma derived 100 heights",
		"withheld: refused (true)", "breach claim refused: true", "BROKEN: evidence verifies",
		"slashable stake: 80 of 190", "alpha h=",
		// Deterministic: the same chain head on every run and machine.
		"head 100 66bb7c88a799")
	demotest.Count(t, s, "bundle leg", 2)
}
