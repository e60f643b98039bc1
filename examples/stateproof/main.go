// Command stateproof verifies real Ethereum mainnet state against block roots: an account and
// a storage slot from eth_getProof responses (EIP-1186), and a receipt with its logs from a
// receipt proof. Everything it reads is embedded; it needs no node and no network.
//
// The roots here are taken from block headers as given. In a real verifier they come from a
// light client (see lightclient) — that is the whole point: a proof is only as good as the
// root it is checked against.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "stateproof:", err)
		os.Exit(1)
	}
}
