package astria_test

import (
	"fmt"
	"time"

	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

// A rollup node receives a FilteredSequencerBlock from the sequencer's gRPC and the
// CometBFT signed header and validator set from its RPC, and trusts the previous header.
func ExampleSoftVerifier_Verify() {
	rollup := ordering.AstriaRollupID([]byte("my-rollup"))
	other := ordering.AstriaRollupID([]byte("other-rollup"))
	step := astriatest.FixedStep("astria-dusk-5", 4, 1)
	blk := astriatest.Build([]ordering.AstriaRollup{
		{ID: rollup, Txs: [][]byte{[]byte("tx 1"), []byte("tx 2")}},
		{ID: other, Txs: [][]byte{[]byte("not mine")}},
	}, [][]byte{[]byte("a user transaction")})
	astriatest.Sign(&step, &blk, nil)
	served := astriatest.Filter(&blk, rollup)
	wire, _ := served.AppendBinary(nil) // what GetFilteredSequencerBlock returns

	v, err := astria.NewSoftVerifier(14*24*time.Hour, 10*time.Second, tendermint.DefaultTrustLevel)
	if err != nil {
		panic(err)
	}
	block, err := astria.DecodeFilteredSequencerBlock(wire)
	if err != nil {
		panic(err)
	}
	now := step.Untrusted.Header.Time.Add(time.Second)
	txs, present, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, now, &block, nil, rollup)
	fmt.Println(len(txs), present, err)
	for _, tx := range txs {
		fmt.Printf("%s\n", tx)
	}
	_, present, err = v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, now, &block, nil, ordering.AstriaRollupID([]byte("absent")))
	fmt.Println(present, err)
	// Output:
	// 2 true <nil>
	// tx 1
	// tx 2
	// false <nil>
}
