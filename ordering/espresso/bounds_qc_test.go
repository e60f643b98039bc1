package espresso

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// TestBoundsQC: the QC and stake table decoders stay within the hostile allocation bound on
// real, oversized and adversarial inputs (a bit vector claiming the maximum length, huge
// word arrays, deep nesting).
func TestBoundsQC(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "qc", "*", "*.json"))
	inputs := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(p)] = b
	}
	words := strings.Repeat("0,", 1<<14) + "0"
	inputs["many words"] = []byte(`{"data":{"leaf_commit":"x"},"signatures":["x",{"order":"bitvec::order::Lsb0","head":{"width":64,"index":0},"bits":65536,"data":[` + words + `]}]}`)
	inputs["huge bits"] = []byte(`{"signatures":["x",{"bits":18446744073709551615,"data":[]}]}`)
	inputs["deep"] = []byte(strings.Repeat("[", 10000) + strings.Repeat("]", 10000))
	inputs["oversized"] = []byte(strings.Repeat(" ", maxQCJSON+1))
	inputs["many entries"] = []byte("[" + strings.Repeat(`{"stake_key":"x","stake_amount":"0x1"},`, 1<<12) + "{}]")
	for name, in := range inputs {
		hostile.Bounded(t, "DecodeQCJSON/"+name, len(in), func() { _, _ = DecodeQCJSON(in) })
		hostile.Bounded(t, "DecodeStakeTableJSON/"+name, len(in), func() { _, _ = DecodeStakeTableJSON(in) })
	}
}

// TestConcurrentStakeTable: one stake table and one certificate verified from many goroutines.
func TestConcurrentStakeTable(t *testing.T) {
	sq := signedQCs(t)[0]
	hostile.Concurrent(t, 4, func(g int) {
		if err := sq.table.VerifyQC(sq.qc, sq.qc.LeafCommit); err != nil {
			t.Error(err)
		}
		_ = sq.table.Threshold()
		_, _ = sq.table.MarshalJSON()
	})
}
