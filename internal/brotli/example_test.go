package brotli_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/interopkit/interop/internal/brotli"
)

// Decode a stream from google/brotli's test data with an output limit, as a verifier
// decompressing a blob of known maximum size would.
func ExampleDecode() {
	src, err := os.ReadFile("testdata/quickfox.compressed")
	if err != nil {
		panic(err)
	}
	out, err := brotli.Decode(src, 1<<20)
	fmt.Printf("%s %v\n", out, err)

	_, err = brotli.Decode(src, 10)
	fmt.Println(errors.Is(err, brotli.ErrTooLarge))
	// Output:
	// The quick brown fox jumps over the lazy dog <nil>
	// true
}
