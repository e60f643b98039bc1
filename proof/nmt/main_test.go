package nmt

import (
	"github.com/interopkit/interop/internal/vectors"
	"os"
	"testing"
)

// TestMain reports, in one line, the conformance tests skipped for missing vectors.
func TestMain(m *testing.M) { os.Exit(vectors.Main(m)) }
