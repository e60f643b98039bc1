package astria_test

import (
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

// TestPropCelestiaBlobsRoundTrip: a block split as the sequencer posts it to Celestia
// (SubmittedMetadata and one SubmittedRollupData per rollup), encoded and decoded,
// verifies with every rollup complete; data of another block is refused, and changed
// rollup data is refused with ErrRollupNotIncluded.
func TestPropCelestiaBlobsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blk, rs := drawBlock(t)
		blk.BlockHash = interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
		f := astriatest.Filter(&blk)
		meta, err := astria.DecodeSubmittedMetadata(astria.AppendSubmittedMetadata(nil, &f))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range blk.RollupTransactions {
			d := astria.SubmittedRollupData{SequencerBlockHash: blk.BlockHash, RollupTransactions: r}
			enc, _ := d.AppendBinary(nil)
			dd, err := astria.DecodeSubmittedRollupData(enc)
			if err != nil {
				t.Fatal(err)
			}
			if err := meta.Serve(&dd); err != nil {
				t.Fatal(err)
			}
			other := dd
			other.SequencerBlockHash[0] ^= 1
			if err := meta.Serve(&other); !errors.Is(err, astria.ErrHeaderMismatch) {
				t.Fatalf("other block's data: %v", err)
			}
		}
		if err := meta.VerifyStructure(); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if txs, ok, err := meta.Rollup(r.ID); err != nil || !ok || len(txs) != len(r.Txs) {
				t.Fatalf("rollup %x: %v %v", r.ID, ok, err)
			}
		}
		if len(meta.RollupTransactions) > 0 {
			i := rapid.IntRange(0, len(meta.RollupTransactions)-1).Draw(t, "rollup")
			meta.RollupTransactions[i].Transactions = append(meta.RollupTransactions[i].Transactions, []byte("inserted"))
			if err := meta.VerifyStructure(); !errors.Is(err, astria.ErrRollupNotIncluded) {
				t.Fatalf("inserted tx: %v", err)
			}
		}
	})
}
