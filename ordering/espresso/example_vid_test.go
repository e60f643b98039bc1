package espresso_test

import (
	"encoding/base64"
	"fmt"
	"os"

	"github.com/interopkit/interop/ordering/espresso"
)

// A rollup checks the transactions Espresso's query service returns for its namespace
// (/availability/block/42/namespace/12648430) against the block's header: the payload
// commitment and namespace table come from a header the rollup has verified, the AVID-M
// parameter from the block's VID common data.
func ExampleNamespaceProofResponse_Verify() {
	body, err := os.ReadFile("testdata/vid/v3/ns_proof_V1.json")
	if err != nil {
		panic(err)
	}
	resp, err := espresso.DecodeNamespaceProofResponse(body)
	if err != nil {
		panic(err)
	}
	nsTable, _ := base64.StdEncoding.DecodeString("AwAAAO7/wAAcBgAAobC5EkAOAABksAWiXBQAAA==")
	commitment, _ := espresso.ParseAvidMCommit("AvidMCommit~YF-HIVxIUpJxAoZDrBZWOhtcMQiydYBSFEIGawnT0cVP")
	param, _ := espresso.NewAvidMParam(4, 10)

	txs, err := resp.Verify(commitment, nsTable, param, 12648430)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d transactions, complete; first is %d bytes\n", len(txs), len(txs[0].Payload))

	// A namespace the table does not hold is proven empty by the table alone.
	none, err := espresso.VerifyNamespaceProof(commitment, nsTable, param, 42, nil)
	fmt.Println(len(none), err)
	// Output:
	// 6 transactions, complete; first is 256 bytes
	// 0 <nil>
}
