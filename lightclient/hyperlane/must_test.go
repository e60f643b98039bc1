package hyperlane_test

// must returns v, and panics on err: for encodings that never fail and configurations
// the test knows to be valid.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
