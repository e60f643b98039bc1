package hyperlane_test

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

// bigSet is n distinct validator addresses, the first the address of keys[0].
func bigSet(n int) []interop.Address {
	vals := make([]interop.Address, n)
	vals[0] = addrs[0]
	for i := 1; i < n; i++ {
		vals[i][0] = 0xee
		binary.BigEndian.PutUint64(vals[i][12:], uint64(i))
	}
	return vals
}

// The configuration check that every verification runs compared each validator with
// every earlier one: with 2^17 validators (an ISM's validator list is whatever the
// recipient's ISM contract returns) one verification made 8.6·10^9 comparisons and took
// over ten seconds. It is now O(n log n), and runs once, in NewMultisig.
func TestHardeningMultisigConfigQuadratic(t *testing.T) {
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1}}
	md := hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 4, keys[:1])
	vals := bigSet(1 << 17)
	start := time.Now()
	ism, err := hyperlane.NewMessageIDMultisig(vals, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := ism.Verify(md, must(m.AppendBinary(nil))); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("one verification with %d validators took %s", len(vals), d)
	}
	// A repeat at the far end is still found.
	vals[len(vals)-1] = vals[len(vals)/2]
	if _, err := hyperlane.NewMessageIDMultisig(vals, 1); !errors.Is(err, hyperlane.ErrConfig) {
		t.Errorf("repeated validator: %v, want ErrConfig", err)
	}
	vals[len(vals)-1] = interop.Address{}
	if _, err := hyperlane.NewMessageIDMultisig(vals, 1); !errors.Is(err, hyperlane.ErrConfig) {
		t.Errorf("zero validator: %v, want ErrConfig", err)
	}
}
