package hyperlane

import (
	"github.com/interopkit/interop/internal/vectors"
	"os"
	"testing"
)

// TestMain reports, in one line, the conformance tests skipped for missing vectors.
func TestMain(m *testing.M) { os.Exit(vectors.Main(m)) }

// must returns v, and panics on err: for encodings that never fail and configurations
// the test knows to be valid.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
