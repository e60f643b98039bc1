package hostile

import "testing"

var sink []byte

func TestAllocCountsWhatACallAllocates(t *testing.T) {
	u := Alloc(func() { sink = make([]byte, 1<<20) })
	if u.Bytes < 1<<20 || u.Bytes > 1<<20+64<<10 {
		t.Fatalf("1 MiB allocation counted as %d bytes", u.Bytes)
	}
	if u := Alloc(func() {}); u.Bytes > 64<<10 {
		t.Fatalf("empty call counted as %d bytes", u.Bytes)
	}
}

func TestProportionalFailsOverTheBound(t *testing.T) {
	var failed bool
	tb := &recorder{TB: t, failed: &failed}
	Proportional(tb, "over", 10, 100, 0, func() { sink = make([]byte, 4096) })
	if !failed {
		t.Fatal("4096 bytes for 10 input bytes at 100 per byte passed")
	}
	failed = false
	Proportional(tb, "under", 100, 100, 0, func() { sink = make([]byte, 4096) })
	if failed {
		t.Fatal("4096 bytes for 100 input bytes at 100 per byte failed")
	}
}

func TestConcurrentRunsEveryGoroutine(t *testing.T) {
	var seen [Goroutines]int
	Concurrent(t, 3, func(g int) { seen[g]++ })
	for g, n := range seen {
		if n != 3 {
			t.Fatalf("goroutine %d ran %d rounds, want 3", g, n)
		}
	}
}

type recorder struct {
	testing.TB
	failed *bool
}

func (r *recorder) Errorf(string, ...any) { *r.failed = true }
func (r *recorder) Helper()               {}
