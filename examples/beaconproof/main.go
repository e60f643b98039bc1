// Command beaconproof follows Ethereum's sync-committee light client from a real mainnet
// checkpoint, and uses the execution state root it proves the way a bridge or rollup node
// would: as the root an eth_getProof response is checked against.
//
// The embedded light-client data (a Fulu bootstrap and a finality update from sync-committee
// period 1823) and the embedded eth_getProof responses come from different blocks: no public
// source we could embed pairs a proof with a block this data finalizes. So the example shows
// the two halves separately — the light client proving a state root, and a proof verified
// against a root — and joins them through lightclient.RootSource, the interface both sides
// speak.
//
// go run ./examples/tour runs it with the other demos.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "beaconproof:", err)
		os.Exit(1)
	}
}
