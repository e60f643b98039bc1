package espresso_test

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/ordering/espresso"
)

// Decode a header as the query service serves it (availability/header/{height}) and
// compute its block hash, the BLOCK commitment HotShot and the light client name it by.
func ExampleDecodeHeaderJSON() {
	raw, err := os.ReadFile("testdata/reference/header_v2.json")
	if err != nil {
		panic(err)
	}
	h, err := espresso.DecodeHeaderJSON(raw)
	if err != nil {
		panic(err)
	}
	fmt.Printf("v%d.%d height %d\n", h.Version.Major, h.Version.Minor, h.Height)
	fmt.Println(espresso.FormatCommitment(espresso.TagBlock, h.Commit()))
	// Output:
	// v0.2 height 42
	// BLOCK~V0GJjL19nCrlm9n1zZ6gaOKEekSMCT6uR5P-h7Gi6UJR
}

// Check that a leaf is the one its QC certifies: the QC names the leaf commitment, which
// covers the header, the parent and the justify QC.
func ExampleDecodeLeafQueryDataJSON() {
	raw, err := os.ReadFile("testdata/reference/leaf_query_data_v3.json")
	if err != nil {
		panic(err)
	}
	q, err := espresso.DecodeLeafQueryDataJSON(raw)
	if err != nil {
		panic(err)
	}
	leaf, err := q.Check()
	if err != nil {
		panic(err)
	}
	fmt.Println(espresso.FormatCommitment(espresso.TagCommit, leaf))
	// The message the QC's signers sign:
	fmt.Println(espresso.FormatCommitment(espresso.TagCommit,
		espresso.VoteCommitment(espresso.QuorumDataCommitment(leaf), q.QC.ViewNumber)))
	// Output:
	// COMMIT~tqpBNqqt63akxJWcfI46uDV8c_Sn_aZ777yCj4X_ukDG
	// COMMIT~tzMwZg2x5QJTx7Di9eEvNC0P8CZ_iNX7LJ01DHA9XEdO
}
