package sharedsequencer

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example: every rollup derives 100 heights, the kept preconfirmation is
// not breachable, the broken one is, and the equivocators are named with their stake.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"alpha derived 100 heights", "beta  derived 100 heights", "gamma derived 100 heights",
		"withheld: refused (true)", "breach claim refused: true", "BROKEN: evidence verifies",
		"slashable stake: 80 of 190", "alpha h=", "withheld: refused (true)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "bundle leg"); n != 2 {
		t.Errorf("%d bundle legs, want 2", n)
	}
	// Deterministic: the same chain head on every run and machine.
	if !strings.Contains(s, "head 100 66bb7c88a799") {
		t.Errorf("chain head changed:\n%s", s)
	}
}
