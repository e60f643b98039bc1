package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestRun runs the whole tour: it builds every demo command, every one must exit zero,
// and each one's output must come under its banner, in order.
func TestRun(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run(context.Background(), &out, &errs); err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, errs.String())
	}
	s := out.String()
	// A line each demo prints, proving its binary ran under its own banner.
	marks := map[string]string{
		"stateproof":       "deposit index 1929664",
		"beaconproof":      "(finalized)",
		"zkproofs":         "fib(21) = 10946",
		"sharedsequencer":  "slashable stake: 80 of 190",
		"atomicbundle":     "atomicity violated",
		"crosschainintent": "escrowed orders left: 0",
		"hub":              "✓ accepted: ibc/connections/connection-1",
	}
	at := 0
	for i, d := range demos {
		banner := fmt.Sprintf(" %d/%d  %s ═", i+1, len(demos), d)
		j := strings.Index(s[at:], banner)
		if j < 0 {
			t.Fatalf("no banner %q after byte %d:\n%s", banner, at, s)
		}
		at += j + len(banner)
		end := len(s)
		if i+1 < len(demos) {
			if k := strings.Index(s[at:], fmt.Sprintf(" %d/%d  ", i+2, len(demos))); k >= 0 {
				end = at + k
			}
		}
		if !strings.Contains(s[at:end], marks[d]) {
			t.Errorf("%s: its section lacks %q", d, marks[d])
		}
	}
	if errs.Len() != 0 {
		t.Errorf("stderr not empty:\n%s", errs.String())
	}
}
