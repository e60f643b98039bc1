// Package demotest is what the demos' tests share: run a demo into a buffer and check its
// output.
package demotest

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// Output runs run and returns what it printed, failing t (with the output so far) if it
// returns an error.
func Output(t testing.TB, run func(io.Writer) error) string {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return out.String()
}

// Deterministic runs run once more and fails t unless it prints first again.
func Deterministic(t testing.TB, run func(io.Writer) error, first string) {
	t.Helper()
	if again := Output(t, run); again != first {
		t.Error("output differs between runs")
	}
}

// Contains fails t for every one of wants that s lacks.
func Contains(t testing.TB, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("output lacks %q:\n%s", w, s)
		}
	}
}

// Count fails t unless s holds sub exactly n times.
func Count(t testing.TB, s, sub string, n int) {
	t.Helper()
	if got := strings.Count(s, sub); got != n {
		t.Errorf("%d × %q, want %d:\n%s", got, sub, n, s)
	}
}
