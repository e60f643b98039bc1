package hub

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example: three acceptances, three refusals, every verdict printed.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	if n := strings.Count(s, "✓ accepted"); n != 3 {
		t.Fatalf("%d acceptances, want 3:\n%s", n, s)
	}
	if n := strings.Count(s, "✗ refused"); n != 3 {
		t.Fatalf("%d refusals, want 3:\n%s", n, s)
	}
	for _, want := range []string{"outsider", "required: hyperlane message-id multisig", "route origin 8453"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	var again bytes.Buffer
	if err := Run(&again); err != nil || again.String() != s {
		t.Fatal("output not deterministic")
	}
}
