package crosschainintent

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example: the honest fill releases the escrow to the auction's winner,
// the short fill is refused and refunded after the deadline, and two runs print the same.
func TestRun(t *testing.T) {
	var out, again bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"solver-2 wins",
		"attested by a committee (3 of 4 secp256k1 signatures): recorded as Finalized",
		"escrow of 1000.000000 USDC released to solver-2",
		"fill refused: intent: fill short of the promised outputs",
		"refunded to the user",
		"escrowed orders left: 0",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "released to") != 1 {
		t.Errorf("want exactly one payout:\n%s", s)
	}
	if err := Run(&again); err != nil {
		t.Fatal(err)
	}
	if again.String() != s {
		t.Error("output differs between runs")
	}
}
