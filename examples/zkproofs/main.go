// Command zkproofs runs the zkproofs demo (package examples/internal/demo/zkproofs, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/zkproofs"
)

func main() {
	if err := zkproofs.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zkproofs:", err)
		os.Exit(1)
	}
}
