// Command beaconproof runs the beaconproof demo (package examples/internal/demo/beaconproof, whose
// documentation says what it shows). go run ./examples/tour runs it with the others.
package main

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/examples/internal/demo/beaconproof"
)

func main() {
	if err := beaconproof.Run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "beaconproof:", err)
		os.Exit(1)
	}
}
