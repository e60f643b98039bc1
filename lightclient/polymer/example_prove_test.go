package polymer_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/lightclient/polymer"
)

// A real Prove API v2 proof (from polymerdao/prover-contracts' tests) of a log emitted on
// OP Sepolia (chain 11155420), checked as CrossL2ProverV2.validateEvent checks it: the
// Polymer sequencer's signature over the app hash, then the IAVL path from the app hash to
// the log. The verifier's parameters are those the contract's test deploys it with.
func ExampleVerifier_ValidateEventFrom() {
	raw, err := os.ReadFile(filepath.Join(vectors.Root(), "hub", "polymer", "op-proof-v2.hex"))
	if err != nil {
		fmt.Println(err)
		return
	}
	proof, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(string(raw)), "0x"))
	if err != nil {
		fmt.Println(err)
		return
	}

	var sequencer interop.Address
	if err := sequencer.UnmarshalText([]byte("0x8D3921B96A3815F403Fb3a4c7fF525969d16f9E0")); err != nil {
		fmt.Println(err)
		return
	}
	v, err := polymer.NewVerifier("proof_api", sequencer, 901)
	if err != nil {
		fmt.Println(err)
		return
	}

	// The source chain as given to polymer_requestProof.
	e, err := v.ValidateEventFrom(11155420, proof)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("chain %d block %d receipt %d log %d, at Polymer height %d\n", e.ChainID, e.BlockNumber, e.ReceiptIndex, e.LogIndex, e.PeptideHeight)
	// The topic count is not authenticated (see the package doc): a consumer checks it is
	// the count its event's signature implies before reading Topics and Data.
	fmt.Printf("emitter %s, %d topics, topic0 %s\n", e.Emitter, len(e.Topics), e.Topics[0])

	// The same proof presented as coming from another chain is refused...
	_, err = v.ValidateEventFrom(10, proof)
	fmt.Println(errors.Is(err, polymer.ErrChainID))

	// ...and so is one whose log data was changed: it is not what Polymer stored. (The
	// event ends at the u16be offset in bytes 126-127; see ValidateEvent.)
	eventEnd := int(proof[126])<<8 | int(proof[127])
	proof[eventEnd-1] ^= 1
	_, err = v.ValidateEventFrom(11155420, proof)
	fmt.Println(errors.Is(err, polymer.ErrInvalidProof))
	// It prints (TestExampleValidateEventFrom checks it when the shared vectors are there):
	//
	//	chain 11155420 block 23562439 receipt 1 log 0, at Polymer height 3130134
	//	emitter 0xf221750e52aa080835d2957f2eed0d5d7ddd8c38, 4 topics, topic0 0x890b8d3b4a67090e510bd923450d355a7fb174ec26ddaf6bdb82fc453e27aa7f
	//	true
	//	true
}

// TestExampleValidateEventFrom runs ExampleVerifier_ValidateEventFrom, which reads the
// proof from the shared vectors (the project keeps no copy), and checks what it prints.
func TestExampleValidateEventFrom(t *testing.T) {
	vectors.Files(t, "hub", "polymer/op-proof-v2.hex") // skips, or fails when required, without them
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	ExampleVerifier_ValidateEventFrom()
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	want := "chain 11155420 block 23562439 receipt 1 log 0, at Polymer height 3130134\n" +
		"emitter 0xf221750e52aa080835d2957f2eed0d5d7ddd8c38, 4 topics, topic0 0x890b8d3b4a67090e510bd923450d355a7fb174ec26ddaf6bdb82fc453e27aa7f\n" +
		"true\ntrue\n"
	if string(out) != want {
		t.Fatalf("the example printed\n%s\nwant\n%s", out, want)
	}
}
