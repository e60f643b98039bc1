package stateproof

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example on its embedded data: every proof verifies and every tampered
// one is refused for the expected reason.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "✓ proven"); got != 5 {
		t.Fatalf("%d proven statements, want 5:\n%s", got, out.String())
	}
	if !strings.Contains(out.String(), "deposit index 1929664") {
		t.Fatalf("deposit event not decoded:\n%s", out.String())
	}
}
