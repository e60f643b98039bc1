// Command crosschainintent runs the crosschainintent demo (package examples/internal/demo/crosschainintent, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/crosschainintent"
)

func main() {
	if err := crosschainintent.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crosschainintent:", err)
		os.Exit(1)
	}
}
