//go:build !linux

package eip712

import "time"

// threadCPU runs f and returns the wall time it took (CPU time per thread is read on Linux
// only).
func threadCPU(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
