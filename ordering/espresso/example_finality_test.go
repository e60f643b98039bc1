package espresso_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/proof/mpt"
)

// A rollup reads the light client contract's finalizedState from an eth_getProof response
// against an Ethereum state root its own light client trusts, then checks that a header
// commitment is final with the block tree proof an Espresso query service served.
func ExampleVerifyBlockFinal() {
	// eth_getProof(lightClient, [slot 6, slot 7], block) and the trusted state root of that block.
	fixture, _ := os.ReadFile("testdata/finality/generated/getproof-devnode-height22.json")
	var fx struct {
		StateRoot   interop.Hash       `json:"stateRoot"`
		LightClient interop.Address    `json:"lightClient"`
		GetProof    mpt.GetProofResult `json:"getProof"`
	}
	if err := json.Unmarshal(fixture, &fx); err != nil {
		fmt.Println(err)
		return
	}
	st, err := espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, &fx.GetProof)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("finalized height:", st.BlockHeight)

	// GET block-state/22/7 from a query service: the proof of the header at height 7.
	served, _ := os.ReadFile("testdata/finality/espresso-network-go/merkle_proof_test_data.json")
	var d struct {
		Proof espresso.BlockProof `json:"proof"`
	}
	if err := json.Unmarshal(served, &d); err != nil {
		fmt.Println(err)
		return
	}
	headerComm := interop.Hash(d.Proof.Elem) // in practice: the rollup's own Header.Commit()
	fmt.Println("height 7 final:", espresso.VerifyBlockFinal(st, 7, headerComm, &d.Proof) == nil)
	fmt.Println("height 22:", espresso.VerifyBlockFinal(st, 22, headerComm, &d.Proof))
	// Output:
	// finalized height: 22
	// height 7 final: true
	// height 22: espresso: block not final under the light client state: height 22, finalized height 22
}
