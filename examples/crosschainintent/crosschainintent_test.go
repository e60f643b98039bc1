package main

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example: the honest fill releases the escrow to the auction's winner,
// the short fill is refused and refunded after the deadline, and two runs print the same.
func TestRun(t *testing.T) {
	s := demotest.Output(t, run)
	demotest.Contains(t, s,
		"solver-2 wins",
		"attested by a committee (3 of 4 secp256k1 signatures): recorded as Finalized",
		"escrow of 1000.000000 USDC released to solver-2",
		"fill refused: intent: fill short of the promised outputs",
		"refunded to the user",
		"escrowed orders left: 0")
	demotest.Count(t, s, "released to", 1)
	demotest.Deterministic(t, run, s)
}
