package opstack_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

// From a trusted L1 state root to a withdrawal sent on L2: the output oracle's storage
// gives the output root, whose preimage gives the message passer's storage root.
func ExampleOracleProof_Verify() {
	w := interop.Hash{0x77}
	s := &opstacktest.Scenario{L1Chain: 1, L1Height: 100, L2Chain: 10, L2Block: 5000, Oracle: interop.Address{0xde},
		Index: 3, Contract: interop.Address{0xc0}, Slot: interop.Hash{1}, Withdrawals: []interop.Hash{w}}
	s.Build()

	out, err := s.OracleProof().Verify(s.Source, 10)
	fmt.Println(out.Kind, out.Chain, out.Height, out.Finality, err)
	proof := s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(w))
	fmt.Println(opstack.VerifyWithdrawal(out, &s.Output, w, proof))
	// Output:
	// output root 10 5000 finalized <nil>
	// <nil>
}
