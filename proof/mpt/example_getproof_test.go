package mpt_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
)

// A real eth_getProof response (go-ethereum on the hive test chain, from
// ethereum/execution-apis) checked against the stateRoot of the block it was taken at.
// In production the root comes from a light client, never from the node that sent the proof.
func ExampleGetProofResult_Verify() {
	// testdata/hivechain-54.get-latest.io: the stateRoot of block 0x36, the "latest"
	// block of the exchange below.
	var stateRoot interop.Hash
	if err := stateRoot.UnmarshalText([]byte("0x6da8f636cdc85dbe8c1b5299e5db22f462c041febaf3b78cac1040152ee30b3b")); err != nil {
		fmt.Println(err)
		return
	}

	body, err := os.ReadFile("testdata/hivechain-54.get-account-proof-with-storage.io")
	if err != nil {
		fmt.Println(err)
		return
	}
	var resp struct {
		Result mpt.GetProofResult `json:"result"`
	}
	// The file holds a comment, the request ">> …" and the response "<< …".
	if err := json.Unmarshal(body[bytes.Index(body, []byte("<< "))+3:], &resp); err != nil {
		fmt.Println(err)
		return
	}
	res := resp.Result

	if err := res.Verify(stateRoot); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("account", res.Address, "nonce", res.Nonce, "balance", res.Balance.Dec())
	for _, s := range res.StorageProof {
		fmt.Println("slot", s.Key, "=", s.Value.Dec())
	}

	// A node that lies about a value is caught: the proof does not lead to it.
	lie := res
	lie.StorageProof = []mpt.StorageResult{res.StorageProof[0]}
	lie.StorageProof[0].Value.SetUint64(1_000_000)
	fmt.Println(errors.Is(lie.Verify(stateRoot), mpt.ErrValueMismatch))

	// So is a proof edited to say something else: the edited node no longer hashes to the
	// reference its parent holds, so the path from the root is broken.
	leaf := res.AccountProof[len(res.AccountProof)-1]
	leaf[len(leaf)-1] ^= 1
	fmt.Println(errors.Is(res.Verify(stateRoot), mpt.ErrMissingNode))
	// Output:
	// account 0x7dcd17433742f4c0ca53122ab541d0ba67fc27df nonce 0 balance 118
	// slot 0x0000000000000000000000000000000000000000000000000000000000000000 = 56
	// true
	// true
}
