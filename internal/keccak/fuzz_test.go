package keccak

import (
	"testing"

	"github.com/interopkit/interop"
)

// FuzzSum256Many splits the input into messages (each prefixed by a length byte, scaled so
// multi-block messages occur) and checks every digest of the batch against x/crypto.
func FuzzSum256Many(f *testing.F) {
	f.Add([]byte{0, 3, 'a', 'b', 'c', 136})
	f.Add(make([]byte, 600))
	f.Fuzz(func(t *testing.T, data []byte) {
		var msgs [][]byte
		for len(data) > 0 && len(msgs) < 20 {
			n := min(int(data[0])*3, len(data)-1)
			msgs = append(msgs, data[1:1+n])
			data = data[1+n:]
		}
		out := make([]interop.Hash, len(msgs))
		Sum256Many(out, msgs)
		for i, m := range msgs {
			if want := reference(m); out[i] != want {
				t.Fatalf("message %d (%d bytes): %x, want %x", i, len(m), out[i], want)
			}
		}
	})
}
