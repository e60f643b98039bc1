// Command atomicbundle runs the atomicbundle demo (package examples/internal/demo/atomicbundle, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/atomicbundle"
)

func main() {
	if err := atomicbundle.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "atomicbundle:", err)
		os.Exit(1)
	}
}
