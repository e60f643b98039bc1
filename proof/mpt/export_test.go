package mpt

// SetMinParallelBytes lowers the size from which multi-proof verification splits its work,
// so that tests reach the parallel path with small tries; the returned function restores it.
func SetMinParallelBytes(n int) (restore func()) {
	old := minParallelBytes
	minParallelBytes = n
	return func() { minParallelBytes = old }
}
