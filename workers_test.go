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
	if got := Batch(Workers(0), BatchOption{}).Workers; got != runtime.GOMAXPROCS(0) {
		t.Fatalf("Workers(0) gave %d, want the default", got)
	}
	if got := Batch(Workers(2), Workers(1)).Workers; got != 1 {
		t.Fatalf("last option should win, got %d", got)
	}
}

func TestBatchLastWins(t *testing.T) {
	if got := Batch(Workers(4), Workers(0)).Workers; got != runtime.GOMAXPROCS(0) {
		t.Fatalf("Workers(4), Workers(0) gave %d, want the default", got)
	}
	if got := Batch(Workers(4), BatchOption{}).Workers; got != 4 {
		t.Fatalf("the zero option overrode Workers(4): %d", got)
	}
}

func TestBatchAllocatesNothing(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Batch(Workers(2)).Workers }); n != 0 {
		t.Fatalf("Batch(Workers(2)) allocates %v times", n)
	}
}
