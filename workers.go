package interop

import "runtime"

// BatchOption tunes a batch verifier: bls.VerifyBatch, kzg.VerifyBlobKZGProofBatch,
// groth16.BatchVerify, lightclient committee batches and mpt multi-proof verification
// accept it as a trailing variadic argument, so calls without one keep their meaning.
type BatchOption func(*BatchConfig)

// BatchConfig is what the options set. Batch verifiers read it through Batch.
type BatchConfig struct {
	// Workers is how many goroutines a batch may use; 1 runs on the caller's goroutine.
	Workers int
}

// Workers sets how many goroutines a batch verifier may use. n < 1 means the default,
// runtime.GOMAXPROCS(0). The result never depends on it: a batch splits its work, never
// its verdict, so one worker and many give the same answer on the same input.
func Workers(n int) BatchOption { return func(c *BatchConfig) { c.Workers = n } }

// Batch applies opts over the default (Workers = GOMAXPROCS) and returns the result.
func Batch(opts ...BatchOption) BatchConfig {
	c := BatchConfig{}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.Workers < 1 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c
}
