package radius_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
)

// TestConcurrentBreach verifies one decoded commitment, honest block and breach from many
// goroutines at once; run with -race.
func TestConcurrentBreach(t *testing.T) {
	b := seedBlock(t)
	addr := fuzzKey(t).Address()
	c, err := radius.DecodeOrderCommitmentJSON(b.Commitments[5].AppendJSON(nil))
	if err != nil {
		t.Fatal(err)
	}
	honest := radius.Breach{Commitment: c, Txs: b.Txs}
	broken := radius.Breach{Commitment: c, Txs: radiustest.Swap(b.Txs, 1, 2)}
	hostile.Concurrent(t, 20, func(int) {
		if err := c.Verify(addr); err != nil {
			panic(err)
		}
		if err := honest.Verify(addr); !errors.Is(err, radius.ErrNotBreach) {
			panic(err)
		}
		if err := broken.Verify(addr); err != nil {
			panic(err)
		}
		if _, err := c.Data.Preconf(1); err != nil {
			panic(err)
		}
	})
}
