package zk_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/zk"
	"github.com/interopkit/interop/lightclient/zk/zktest"
)

// A client starts from a trusted checkpoint, applies a proven update, and answers for
// the new execution state root as a lightclient.RootSource. Real deployments pass a
// *groth16.SP1Verifier built from the SP1 verifying key; the fake here keeps the example
// self-contained.
func ExampleClient_Update() {
	program := [32]byte{0x00, 0x11}
	cp := zk.Checkpoint{Slot: 8192, Header: interop.Hash{0xaa}, ExecutionStateRoot: interop.Hash{0xbb}, SyncCommitteeHash: interop.Hash{0xcc}}
	c, err := zk.New(zk.Config{Chain: 1, Verifier: zktest.FakeVerifier{}, ProgramVKey: program, Decoder: zk.HeliosV2{}}, cp)
	if err != nil {
		panic(err)
	}
	pv := zk.HeliosV2{}.AppendPublicValues(nil, zk.Outputs{
		PrevHeader: cp.Header, PrevSlot: cp.Slot, NewHeader: interop.Hash{0xdd}, NewSlot: 8256,
		ExecutionStateRoot: interop.Hash{0xee}, StartSyncCommitteeHash: cp.SyncCommitteeHash, SyncCommitteeHash: cp.SyncCommitteeHash,
	})
	if _, err := c.Update(zktest.FakeProve(program, pv), pv); err != nil {
		panic(err)
	}
	var src lightclient.RootSource = c
	r, _ := src.Root(1, 8256, lightclient.StateRoot)
	fmt.Println(r.Finality, r.Value.String()[:6])
	// Output: finalized 0xee00
}
