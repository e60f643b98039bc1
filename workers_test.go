package interop

import (
	"runtime"
	"testing"
)

func TestBatchWorkers(t *testing.T) {
	if got := Batch().Workers; got != runtime.GOMAXPROCS(0) {
		t.Fatalf("default workers %d, want GOMAXPROCS %d", got, runtime.GOMAXPROCS(0))
	}
	if got := Batch(Workers(3)).Workers; got != 3 {
		t.Fatalf("Workers(3) gave %d", got)
	}
	if got := Batch(Workers(0), nil).Workers; got != runtime.GOMAXPROCS(0) {
		t.Fatalf("Workers(0) gave %d, want the default", got)
	}
	if got := Batch(Workers(2), Workers(1)).Workers; got != 1 {
		t.Fatalf("last option should win, got %d", got)
	}
}
