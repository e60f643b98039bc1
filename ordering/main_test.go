package ordering_test

import (
	"flag"
	"os"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

// TestMain runs 30 rapid checks per property by default instead of 100: most properties
// here sign and pair (about a millisecond each), and the package should test in seconds.
// Pass -rapid.checks to choose another count.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		_ = flag.Set("rapid.checks", "30")
	}
	os.Exit(vectors.Main(m))
}
