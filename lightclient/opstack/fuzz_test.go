package opstack_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

// FuzzDecodeAccessList: no panic; parsed lists re-encode to their input.
func FuzzDecodeAccessList(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		var entries []interop.Hash
		for len(b) >= 32 {
			entries = append(entries, interop.Hash(b[:32]))
			b = b[32:]
		}
		list, err := opstack.DecodeAccessList(entries)
		if err != nil {
			return
		}
		// Canonical round trip, access by access: each re-encodes to exactly the entries it
		// was read from, except that a chain-id extension entry carrying only zeros (which
		// op-supervisor accepts) re-encodes without it.
		pos := 0
		for i := range list {
			e := list[i].AppendEntries(nil)
			switch {
			case pos+len(e) <= len(entries) && slices.Equal(entries[pos:pos+len(e)], e):
				pos += len(e)
			case len(e) == 2 && pos+3 <= len(entries) && entries[pos] == e[0] && entries[pos+2] == e[1] &&
				entries[pos+1] == interop.Hash{0x02}:
				pos += 3
			default:
				t.Fatalf("access %d re-encodes as %x, read from %x", i, e, entries[pos:])
			}
			again, _, err := opstack.DecodeAccess(e)
			if err != nil || again.ChainID != list[i].ChainID || again.Checksum != list[i].Checksum ||
				again.BlockNumber != list[i].BlockNumber || again.Timestamp != list[i].Timestamp || again.LogIndex != list[i].LogIndex {
				t.Fatalf("access %d does not re-parse to itself: %v", i, err)
			}
		}
		if pos != len(entries) {
			t.Fatalf("%d accesses cover %d of %d entries", len(list), pos, len(entries))
		}
	})
}

// FuzzOracleProof: one byte of one node of an honest oracle proof changed, or a node
// dropped or appended. Whatever verifies must prove the honest output root and block, and
// verify the same way again from a copy of the proof (the verdict depends on the bytes
// only).
func FuzzOracleProof(f *testing.F) {
	s := &opstacktest.Scenario{
		L1Chain: 1, L1Height: 7, L2Chain: 10, L2Block: 99,
		Oracle: interop.Address{0xde, 19: 0xad}, Index: 3,
		Contract: interop.Address{0xc0, 19: 1}, Slot: interop.Hash{5},
	}
	s.Build()
	honest := s.OracleProof()
	f.Add(uint8(0), uint8(0), uint16(0), uint8(0), uint8(0))
	f.Add(uint8(1), uint8(1), uint16(40), uint8(1), uint8(0))
	f.Add(uint8(2), uint8(9), uint16(3), uint8(0), uint8(2))
	f.Fuzz(func(t *testing.T, which, node uint8, off uint16, xor, op uint8) {
		p := *honest
		proofs := []*[][]byte{&p.AccountProof, &p.OutputRootProof, &p.BlockNumberProof}
		target := proofs[int(which)%len(proofs)]
		cp := make([][]byte, len(*target))
		for i := range cp {
			cp[i] = slices.Clone((*target)[i])
		}
		switch op % 3 {
		case 0: // flip bits in one byte
			if n := cp[int(node)%len(cp)]; len(n) > 0 {
				n[int(off)%len(n)] ^= xor
			}
		case 1: // drop a node
			i := int(node) % len(cp)
			cp = append(cp[:i], cp[i+1:]...)
		case 2: // append a node
			cp = append(cp, bytes.Repeat([]byte{xor}, int(off)%600))
		}
		*target = cp
		out, err := p.Verify(s.Source, s.L2Chain)
		if err != nil {
			return
		}
		if out.Value != s.Output.Root() || out.Height != s.L2Block || out.Kind != lightclient.OutputRoot {
			t.Fatalf("tampered proof verified to %v", out)
		}
		q := p
		q.AccountProof, q.OutputRootProof, q.BlockNumberProof = clone(p.AccountProof), clone(p.OutputRootProof), clone(p.BlockNumberProof)
		if again, err := q.Verify(s.Source, s.L2Chain); err != nil || again != out {
			t.Fatalf("copy of an accepted proof: %v, %v", again, err)
		}
	})
}

func clone(p [][]byte) [][]byte {
	out := make([][]byte, len(p))
	for i := range p {
		out[i] = slices.Clone(p[i])
	}
	return out
}

// FuzzDecodeSuperRoot: no panic; decoded roots re-encode to their input.
func FuzzDecodeSuperRoot(f *testing.F) {
	f.Add(append([]byte{1, 0, 0, 0, 0, 0, 0, 0, 9}, make([]byte, 64)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := opstack.DecodeSuperRoot(b)
		if err != nil {
			return
		}
		if re, _ := s.AppendBinary(nil); string(re) != string(b) {
			t.Fatal("re-encoding differs")
		}
	})
}
