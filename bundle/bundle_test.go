package bundle

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

func TestValidateBadInput(t *testing.T) {
	leg := Leg{Chain: 10, Tx: []byte{1, 2, 3}}
	known := func(c interop.ChainID) bool { return c == 10 || c == 8453 }
	for _, tc := range []struct {
		name string
		b    Bundle
		want error
	}{
		{"empty legs", Bundle{}, ErrEmpty},
		{"duplicate legs", Bundle{Legs: []Leg{leg, leg}}, ErrDuplicateLeg},
		{"window that never opens (height)", Bundle{Legs: []Leg{{Chain: 10, Tx: []byte{1}, Window: Window{MinHeight: 9, MaxHeight: 8}}}}, ErrWindow},
		{"window that never opens (time)", Bundle{Legs: []Leg{{Chain: 10, Tx: []byte{1}, Window: Window{MinTimestamp: 9, MaxTimestamp: 8}}}}, ErrWindow},
		{"oversize transaction", Bundle{Legs: []Leg{{Chain: 10, Tx: make([]byte, MaxTxSize+1)}}}, ErrOversize},
		{"empty transaction", Bundle{Legs: []Leg{{Chain: 10}}}, ErrOversize},
		{"unknown chain", Bundle{Legs: []Leg{{Chain: 1, Tx: []byte{1}}}}, ErrUnknownChain},
		{"too many legs", Bundle{Legs: make([]Leg, MaxLegs+1)}, ErrTooManyLegs},
		{"five expected topics", Bundle{Legs: []Leg{{Chain: 10, Tx: []byte{1}, Expect: &Effect{Log: &LogMatch{Topics: make([]interop.Hash, 5)}}}}}, ErrEffect},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.b.Validate(known); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestDecodeBadInput(t *testing.T) {
	good := Bundle{Legs: []Leg{{Chain: 10, Tx: []byte{1, 2}, Expect: &Effect{Log: &LogMatch{Data: []byte{}}}}}}
	enc, err := good.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	mut := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), enc...)) }
	for name, in := range map[string][]byte{
		"empty":          nil,
		"bad version":    mut(func(b []byte) []byte { b[0] = 2; return b }),
		"zero legs":      mut(func(b []byte) []byte { b[29] = 0; return b }),
		"truncated":      enc[:len(enc)-1],
		"trailing byte":  append(append([]byte(nil), enc...), 0),
		"unknown flag":   mut(func(b []byte) []byte { b[38] |= 0x80; return b }),
		"log w/o expect": mut(func(b []byte) []byte { b[38] &^= flagExpect; return b }),
		"huge tx length": mut(func(b []byte) []byte { b[71] = 0xff; return b }),
	} {
		if _, err := DecodeBundle(in); !errors.Is(err, ErrEncoding) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := DecodeBundle(enc); err != nil {
		t.Fatalf("good encoding: %v", err)
	}
}

func TestPackerBadInput(t *testing.T) {
	p := &Packer{Capacity: map[interop.ChainID]uint64{10: 100}}
	for name, tc := range map[string]struct {
		p     *Packer
		cands []Candidate
		want  error
	}{
		"unknown chain":  {p, []Candidate{{Legs: []PackLeg{{Chain: 11, Size: 1}}}}, ErrUnknownChain},
		"leg over chain": {p, []Candidate{{Legs: []PackLeg{{Chain: 10, Size: 101}}}}, ErrCapacity},
		"no legs":        {p, []Candidate{{}}, ErrCapacity},
		"zero capacity":  {&Packer{Capacity: map[interop.ChainID]uint64{10: 0}}, nil, ErrCapacity},
	} {
		if _, err := tc.p.Pack(tc.cands); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
