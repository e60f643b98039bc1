package main

import (
	"io"
	"testing"
)

// TestRun runs the whole tour: every demo must complete.
func TestRun(t *testing.T) {
	if err := run(io.Discard); err != nil {
		t.Fatal(err)
	}
}
