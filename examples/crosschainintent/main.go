// Command crosschainintent runs an ERC-7683 cross-chain intent end to end on two
// in-process chains, A (origin) and B (destination):
//
//  1. a user signs a gasless order on chain A: 1000 USDC on A for at least 995 USDC on B,
//     the output falling from 999 to 995 over two minutes (a Dutch auction);
//  2. A's settler checks the signature, resolves the order, escrows the input and emits
//     Open;
//  3. three solvers quote the least they would deliver; the Dutch auction picks the one
//     whose quote the decaying price reaches first;
//  4. the winner fills on chain B, whose block of receipts is built into a receipts trie;
//  5. a committee of four signs B's receipts root; three signatures make the root trusted
//     (Finalized) on A;
//  6. A's settlement verifies the fill receipt against that root and releases the escrow;
//  7. a second order, filled one unit short, is refused, and its escrow is refunded once
//     the fill deadline has passed.
//
// Everything is computed here from fixed seeds; the output is the same on every run.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crosschainintent:", err)
		os.Exit(1)
	}
}
