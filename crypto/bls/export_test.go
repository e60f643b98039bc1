package bls

// SetMinPieceCost sets the least cost of a VerifyBatch piece (see minPieceCost), so that
// tests of worker-count independence cut their small batches into several pieces. It
// returns the function that restores the old value. Not for concurrent use with
// VerifyBatch.
func SetMinPieceCost(c int) (restore func()) {
	old := minPieceCost
	minPieceCost = c
	return func() { minPieceCost = old }
}
