package vectors

import (
	"os"
	"testing"
)

// TestMain reports, in one line, the conformance tests skipped for missing vectors.
func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestPackageName: the summary line names the package by its folder under the module root.
func TestPackageName(t *testing.T) {
	if got := packageName(); got != "internal/vectors" {
		t.Fatalf("packageName() = %q, want internal/vectors", got)
	}
}
