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

// An optimism_outputAtBlock answer as op-node returns it: decoding checks that the
// output root is the hash of the roots beside it, so the preimage can prove L2 state.
func ExampleDecodeOutputResponse() {
	raw := []byte(`{"jsonrpc":"2.0","id":1,"result":{
	 "version":"0x0000000000000000000000000000000000000000000000000000000000000000",
	 "outputRoot":"0xf1119e7d0fef8c54ab799be80fc61f503cea4e5c0aa1cf7ac104ef3a104f3bd1",
	 "blockRef":{"hash":"0x6d39c46aabc847f5f2664a22bbc5f65a57286603095a9ebc946d1ed19ef4925c","number":118818299},
	 "withdrawalStorageRoot":"0x5c9a29a8ad2ecf97fb4bdea74c715fd2c13fa87d4861414478bc4579601c3585",
	 "stateRoot":"0x16849c0a93d00bb2d7ceacda11a1478854d2bbb0a377b4d6793b67a3f05eb6fe",
	 "syncStatus":{}}}`)
	r, err := opstack.DecodeOutputResponse(raw)
	fmt.Println(r.BlockNumber, r.OutputRoot, err)
	o := r.Output()
	fmt.Println(o.Root() == r.OutputRoot)
	// Output:
	// 118818299 0xf1119e7d0fef8c54ab799be80fc61f503cea4e5c0aa1cf7ac104ef3a104f3bd1 <nil>
	// true
}
