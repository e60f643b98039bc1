// Command zkproofs verifies the two kinds of cryptographic evidence a hybrid interop
// system leans on instead of trusted oracles, and prints what each one proves:
//
//  1. a real SP1 Groth16 proof (SP1 v6.0.0, the Fibonacci program of sp1-contracts'
//     tests) against SP1's published gnark verifying key: "the program with this
//     verification key ran and committed these public values";
//  2. an EIP-4844 blob KZG proof and a point-evaluation precompile call, with the
//     Ethereum mainnet trusted setup: "this blob is the data behind this versioned hash,
//     and its polynomial takes value y at z".
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zkproofs:", err)
		os.Exit(1)
	}
}
