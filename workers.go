package interop

import "runtime"

// BatchOption tunes a batch verifier: bls.VerifyBatch, kzg.VerifyBlobKZGProofBatch,
// kzg.VerifyCellKZGProofBatch, groth16.BatchVerify, mpt.VerifyProofs and
// mpt.GetProofResult.Verify accept it as a trailing variadic argument (lightclient takes it
// through WithBatch), so calls without one keep their meaning. The zero BatchOption sets
// nothing. It is a plain value: passing one allocates nothing.
type BatchOption struct {
	workers int // 0: not set
}

// BatchConfig is what the options set. Batch verifiers read it through Batch.
type BatchConfig struct {
	// Workers is how many goroutines a batch may use; 1 runs on the caller's goroutine.
	Workers int
}

// Workers sets how many goroutines a batch verifier may use. n < 1 means the default,
// runtime.GOMAXPROCS(0). The result never depends on it: a batch splits its work, never
// its verdict, so one worker and many give the same answer on the same input.
func Workers(n int) BatchOption {
	if n < 1 {
		n = -1 // set, to the default: a later Workers(0) overrides an earlier Workers(4)
	}
	return BatchOption{workers: n}
}

// Batch applies opts in order over the default (Workers = GOMAXPROCS) and returns the
// result; the last option that sets a value wins.
func Batch(opts ...BatchOption) BatchConfig {
	c := BatchConfig{}
	for _, o := range opts {
		if o.workers != 0 {
			c.Workers = o.workers
		}
	}
	if c.Workers < 1 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c
}
