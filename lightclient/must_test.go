package lightclient_test

// must returns v, and panics on err: for committees the test knows to be valid.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
