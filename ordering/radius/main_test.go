package radius_test

import (
	"flag"
	"os"
	"testing"
)

// TestMain runs 30 rapid checks per property unless -rapid.checks says otherwise: each
// check signs and recovers tens of commitments.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		_ = flag.Set("rapid.checks", "30")
	}
	os.Exit(m.Run())
}
