package astria_test

import (
	"encoding/base64"
	"errors"
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

// Astria's metadata blob for astria-dusk-5 block 103623, as posted to Celestia (after
// Brotli decompression): its two roots are proven into the header's data_hash, and a
// rollup is proven absent from the block.
func ExampleDecodeSubmittedMetadata() {
	b64 := func(s string) []byte { b, _ := base64.StdEncoding.DecodeString(s); return b }
	var m astria.FilteredSequencerBlock
	copy(m.BlockHash[:], b64("HwCCO2EcW7AX0Cck/z9kl9qu9h3gnb0mpfEOGG+UWZA="))
	m.Header = astria.Header{
		ChainID: "astria-dusk-5", Height: 103623,
		Time:            astria.Timestamp{Seconds: 1714426764, Nanos: 474244820},
		ProposerAddress: b64("yPrVsmT31bVEaXjpauw1SeQfE1M="),
	}
	copy(m.Header.DataHash[:], b64("7P54CyIFJkHEJOCs+wvzRlhEqN7zh03qLi3wIKP1T3g="))
	copy(m.Header.RollupTransactionsRoot[:], b64("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="))
	m.RollupTransactionsProof = astria.Proof{AuditPath: b64("JsGJBReVHuey7Fl7QecbOc3c7YsgK9YBpLs4BaQ07HA="), LeafIndex: 0, TreeSize: 3}
	m.RollupIDsProof = astria.Proof{AuditPath: b64("JsGJBReVHuey7Fl7QecbOc3c7YsgK9YBpLs4BaQ07HA="), LeafIndex: 1, TreeSize: 3}
	blob := astria.AppendSubmittedMetadata(nil, &m)

	block, err := astria.DecodeSubmittedMetadata(blob)
	if err != nil {
		panic(err)
	}
	fmt.Println(block.Header.ChainID, block.Header.Height, block.VerifyStructure())
	txs, present, err := block.Rollup(ordering.AstriaRollupID([]byte("some-rollup")))
	fmt.Println(len(txs), present, err)
	block.Header.DataHash[0] ^= 1
	fmt.Println(errors.Is(block.VerifyStructure(), astria.ErrRollupTransactionsRoot))
	// Output:
	// astria-dusk-5 103623 <nil>
	// 0 false <nil>
	// true
}
