package eip712

import (
	"runtime"
	"syscall"
	"time"
)

// threadCPU runs f on a locked OS thread and returns the CPU time that thread spent: unlike
// wall time it does not grow when other processes load the machine.
func threadCPU(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rusageThread = 1 // RUSAGE_THREAD
	var before, after syscall.Rusage
	if syscall.Getrusage(rusageThread, &before) != nil {
		start := time.Now()
		f()
		return time.Since(start)
	}
	f()
	_ = syscall.Getrusage(rusageThread, &after)
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(after.Utime) + tv(after.Stime) - tv(before.Utime) - tv(before.Stime)
}
