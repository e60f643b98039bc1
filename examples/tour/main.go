// Command tour runs every demo of the library in turn, on embedded data, as one report:
//
//  1. stateproof: real mainnet account, storage and receipt proofs (proof/mpt)
//  2. beaconproof: Ethereum's sync-committee light client from a mainnet checkpoint
//  3. zkproofs: a real SP1 Groth16 proof and an EIP-4844 blob proof (proof/groth16, proof/kzg)
//  4. sharedsequencer: certified ordering with completeness proofs, equivocation and
//     preconfirmation-breach evidence (ordering)
//  5. atomicbundle: atomic inclusion versus atomic execution (bundle)
//  6. crosschainintent: an ERC-7683 order, a Dutch auction among solvers, a proven fill
//     releasing escrow, and a short fill refused (intent)
//  7. hub: one message verified by a committee, a routing stack and an OP Stack state
//     proof; a LayerZero packet through a DVN stack and its storage route; an IBC packet
//     commitment proven to an app hash; forgeries and replays refused (lightclient,
//     hyperlane, opstack, layerzero, proof/ics23)
//
// Each demo is also a command of its own under examples/.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/interopkit/interop/examples/internal/demo/atomicbundle"
	"github.com/interopkit/interop/examples/internal/demo/beaconproof"
	"github.com/interopkit/interop/examples/internal/demo/crosschainintent"
	"github.com/interopkit/interop/examples/internal/demo/hub"
	"github.com/interopkit/interop/examples/internal/demo/sharedsequencer"
	"github.com/interopkit/interop/examples/internal/demo/stateproof"
	"github.com/interopkit/interop/examples/internal/demo/zkproofs"
)

type demo struct {
	name string
	run  func(io.Writer) error
}

var demos = []demo{
	{"stateproof", stateproof.Run},
	{"beaconproof", beaconproof.Run},
	{"zkproofs", zkproofs.Run},
	{"sharedsequencer", sharedsequencer.Run},
	{"atomicbundle", atomicbundle.Run},
	{"crosschainintent", crosschainintent.Run},
	{"hub", hub.Run},
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	for i, d := range demos {
		title := fmt.Sprintf(" %d/%d  %s ", i+1, len(demos), d.name)
		fmt.Fprintf(w, "\n%s%s\n\n", title, strings.Repeat("═", max(0, 78-len(title))))
		if err := d.run(w); err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
	}
	return nil
}
