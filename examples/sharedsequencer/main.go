// Command sharedsequencer runs the sharedsequencer demo (package examples/internal/demo/sharedsequencer, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/sharedsequencer"
)

func main() {
	if err := sharedsequencer.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sharedsequencer:", err)
		os.Exit(1)
	}
}
