package espresso_test

import (
	"fmt"
	"os"

	"github.com/interopkit/interop/ordering/espresso"
)

// Verify the quorum certificate HotShot formed for block 1 of espresso-network's recorded
// legacy v3 chain, against that chain's genesis stake table.
func ExampleStakeTable_VerifyQC() {
	tb, err := os.ReadFile("testdata/qc/legacy_v3/stake_table.json")
	if err != nil {
		panic(err)
	}
	st, err := espresso.DecodeStakeTableJSON(tb)
	if err != nil {
		panic(err)
	}
	raw, err := os.ReadFile("testdata/qc/legacy_v3/qc_height1.json")
	if err != nil {
		panic(err)
	}
	qc, err := espresso.DecodeQCJSON(raw)
	if err != nil {
		panic(err)
	}
	// The leaf commitment comes from the leaf the caller holds (here: the one certified).
	fmt.Println(st.VerifyQC(qc, qc.LeafCommit))
	thr := st.Threshold()
	fmt.Println(st.Len(), "entries, threshold", thr.Dec())
	// Output:
	// <nil>
	// 5 entries, threshold 4
}
