// Command sharedsequencer runs a shared sequencer for three rollups on generated data: a
// 7-member stake-weighted committee certifies 100 heights, and each rollup's node derives
// its own chain from the sequencer's, checking at every height that the quorum signed and
// that it received all of its transactions, in order. Then the sequencer turns byzantine:
// it breaks a preconfirmation and equivocates, and the program prints the evidence and the
// stake it puts at risk. Everything is deterministic.
//
// Ordering is all this shows: that a transaction was ordered says nothing about whether
// it executed; that needs package bundle with proofs against trusted state roots.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sharedsequencer:", err)
		os.Exit(1)
	}
}
