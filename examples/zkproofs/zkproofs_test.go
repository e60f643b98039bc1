package main

import (
	"testing"

	"github.com/interopkit/interop/examples/internal/demotest"
)

// TestRun runs the example on its embedded data.
func TestRun(t *testing.T) {
	demotest.Contains(t, demotest.Output(t, run), "fib(21) = 10946", "proof does not verify", "✓ verify_blob_kzg_proof", "✓ point evaluation", "returns FIELD_ELEMENTS_PER_BLOB = 4096")
}
