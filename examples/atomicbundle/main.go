// Command atomicbundle shows the difference between atomic inclusion and atomic execution.
//
// Three in-process rollups share a sequencer run by a weighted BLS committee. A user signs
// a bundle: swap on rollup A, bridge the proceeds to rollup B. The sequencer orders both
// legs at the same height and the committee certifies it: that is atomic inclusion, and
// package ordering proves it. Then each rollup executes its block. Run 1: both legs
// succeed. Run 2: the bridge leg on B reverts. The sequencer's proofs are identical in both
// runs; only the receipt proofs, checked against each rollup's receipts root, tell the two
// apart. That contrast is the point of the library.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "atomicbundle:", err)
		os.Exit(1)
	}
}
