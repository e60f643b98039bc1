package bundle

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

// FuzzDecodeBundle: no panic; whatever decodes is valid and re-encodes to the same bytes.
func FuzzDecodeBundle(f *testing.F) {
	seed := Bundle{Nonce: 7, Legs: []Leg{
		{Chain: 10, Tx: []byte{1, 2, 3}, MayRevert: true, Window: Window{MinHeight: 5, MaxHeight: 6}},
		{Chain: 8453, Tx: []byte{4}, Expect: &Effect{Log: &LogMatch{Topics: []interop.Hash{{1}}, Data: []byte{9}}}},
	}}
	enc, _ := seed.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBundle(data)
		if err != nil {
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("error without ErrEncoding: %v", err)
			}
			return
		}
		re, err := b.AppendBinary(nil)
		if err != nil || !bytes.Equal(re, data) {
			t.Fatalf("decoded %x, re-encoded %x (%v)", data, re, err)
		}
	})
}

// FuzzVerify: arbitrary signatures over a fixed bundle never panic and never verify for
// the submitter unless they recover to it.
func FuzzVerify(f *testing.F) {
	f.Add(make([]byte, 65), uint64(1))
	f.Fuzz(func(t *testing.T, sig []byte, nonce uint64) {
		s := Signed{Bundle: Bundle{Nonce: nonce, Legs: []Leg{{Chain: 10, Tx: []byte{1}}}}}
		copy(s.Signature[:], sig)
		if _, err := s.Verify(); err != nil && !errors.Is(err, ErrSignature) && !errors.Is(err, ErrWrongSubmitter) {
			t.Fatalf("error without a sentinel: %v", err)
		} else if err == nil {
			t.Fatalf("a fuzzed signature verified for the zero submitter")
		}
	})
}
