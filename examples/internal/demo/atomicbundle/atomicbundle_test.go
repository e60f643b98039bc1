package atomicbundle

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example: included atomically both times, all executed in run 1,
// atomicity violated in run 2, and the verdicts no more final than B's safe roots.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"included atomically", "all executed", "atomicity violated"} {
		if !strings.Contains(s, want) {
			t.Fatalf("output lacks %q:\n%s", want, s)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "finality of the verdict") && strings.Fields(line)[4] != "safe" {
			t.Fatalf("verdict claims more than B's safe roots: %q", line)
		}
	}
}
