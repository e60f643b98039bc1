// Command stateproof runs the stateproof demo (package examples/internal/demo/stateproof, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/stateproof"
)

func main() {
	if err := stateproof.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "stateproof:", err)
		os.Exit(1)
	}
}
