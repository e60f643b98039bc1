package bundle_test

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// A bundle was ordered atomically: a swap on rollup 901 and a mint on rollup 902, both at
// height 7. Was it executed atomically? Each leg's transaction and receipt proofs, checked
// against roots from each rollup's light client, answer; here the mint reverted.
func ExampleCheckExecution() {
	swap := bundle.Leg{Chain: 901, Tx: []byte("swap 10 ETH for USDC"), Window: bundle.Window{MinHeight: 7, MaxHeight: 7}}
	mint := bundle.Leg{Chain: 902, Tx: []byte("mint the USDC on 902"), Window: bundle.Window{MinHeight: 7, MaxHeight: 7}}
	b := &bundle.Bundle{Legs: []bundle.Leg{swap, mint}, Nonce: 1}

	// The rollups execute their blocks (bundletest stands in for them), and their light
	// clients publish the blocks' transactions and receipts roots.
	roots := &lightclient.Memory{}
	a, c := bundletest.NewChain(901), bundletest.NewChain(902)
	if err := a.AddBlock(7, [][]byte{swap.Tx}, []mpt.Receipt{{Type: 2, Status: 1, CumulativeGasUsed: 90_000}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := c.AddBlock(7, [][]byte{[]byte("oracle update"), mint.Tx},
		[]mpt.Receipt{{Type: 2, Status: 1, CumulativeGasUsed: 40_000}, {Type: 2, Status: 0, CumulativeGasUsed: 75_000}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := a.Publish(roots, lightclient.Finalized); err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Publish(roots, lightclient.Safe); err != nil {
		fmt.Println(err)
		return
	}

	// A relayer submits one piece of evidence per leg.
	evidence := []bundle.LegEvidence{a.Evidence(&b.Legs[0]), c.Evidence(&b.Legs[1])}
	v := bundle.ReceiptVerifier{Roots: roots}
	verdict, err := bundle.CheckExecution(b, v, evidence)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(verdict.Status, "at finality", verdict.Finality)
	for _, l := range verdict.Legs {
		fmt.Printf("leg %d on %d: %s\n", l.Leg, l.Evidence.Chain, l.Outcome)
	}
	fmt.Println("violations:", verdict.Violations)

	// Had the mint been allowed to revert, the same evidence proves atomicity held.
	b.Legs[1].MayRevert = true
	verdict, _ = bundle.CheckExecution(b, v, evidence)
	fmt.Println(verdict.Status)

	// Evidence that does not verify yields no verdict at all.
	evidence[1].Index = 0 // points at the oracle update, not the leg
	_, err = bundle.CheckExecution(b, v, evidence)
	fmt.Println(errors.Is(err, bundle.ErrEvidence))
	// Output:
	// atomicity violated at finality safe
	// leg 0 on 901: executed
	// leg 1 on 902: reverted
	// violations: [1]
	// all executed
	// true
}
