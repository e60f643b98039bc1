package ics23_test

// must returns v, and panics on err: for encodings that never fail.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
