package beaconproof

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the example on its embedded data.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"✓ accepted", "(finalized)", "(unsafe)", "✓ 0x00000000219ab540356cbb839cbe05303d7705fa"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
}
