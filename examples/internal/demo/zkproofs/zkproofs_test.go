package zkproofs

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
	for _, want := range []string{"fib(21) = 10946", "proof does not verify", "✓ verify_blob_kzg_proof", "✓ point evaluation", "returns FIELD_ELEMENTS_PER_BLOB = 4096"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
}
