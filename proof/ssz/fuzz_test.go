package ssz_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// fuzzForkPreset picks a fork and a small preset from two fuzzed bytes.
func fuzzForkPreset(a, b byte) (ssz.Fork, ssz.Preset) {
	return ssz.Fork(a % 8), ssz.Preset{SyncCommitteeSize: int(b%40) + 1}
}

// canonical checks that a decoded value re-encodes to exactly the input.
func canonical(t *testing.T, data []byte, v interface{ MarshalSSZ() ([]byte, error) }) {
	enc, err := v.MarshalSSZ()
	if err != nil {
		t.Fatalf("decoded value does not encode: %v", err)
	}
	if !bytes.Equal(enc, data) {
		t.Fatalf("decoding accepted a non-canonical encoding")
	}
}

func seedContainers(f *testing.F) {
	for _, fk := range []ssz.Fork{ssz.Altair, ssz.Capella, ssz.Deneb, ssz.Electra} {
		u := ssz.LightClientUpdate{Fork: fk, NextSyncCommittee: ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, 8)},
			NextSyncCommitteeBranch: make([]interop.Hash, fk.SyncCommitteeBranchDepth()),
			FinalityBranch:          make([]interop.Hash, fk.FinalityBranchDepth()),
			SyncAggregate:           ssz.SyncAggregate{SyncCommitteeBits: []byte{0xff}}}
		u.AttestedHeader.Execution.ExtraData = nil
		b, _ := u.MarshalSSZ()
		f.Add(byte(fk), byte(7), b)
	}
}

func FuzzUnmarshalSSZ(f *testing.F) {
	seedContainers(f)
	f.Fuzz(func(t *testing.T, forkByte, presetByte byte, data []byte) {
		fk, p := fuzzForkPreset(forkByte, presetByte)
		var h ssz.LightClientHeader
		if h.UnmarshalSSZ(fk, data) == nil {
			canonical(t, data, &h)
		}
		var e ssz.ExecutionPayloadHeader
		if e.UnmarshalSSZ(fk, data) == nil {
			canonical(t, data, &e)
		}
		var b ssz.LightClientBootstrap
		if b.UnmarshalSSZ(fk, p, data) == nil {
			canonical(t, data, &b)
		}
		var u ssz.LightClientUpdate
		if u.UnmarshalSSZ(fk, p, data) == nil {
			canonical(t, data, &u)
		}
		var fu ssz.LightClientFinalityUpdate
		if fu.UnmarshalSSZ(fk, p, data) == nil {
			canonical(t, data, &fu)
		}
		var ou ssz.LightClientOptimisticUpdate
		if ou.UnmarshalSSZ(fk, p, data) == nil {
			canonical(t, data, &ou)
		}
		var sc ssz.SyncCommittee
		if sc.UnmarshalSSZ(p, data) == nil {
			canonical(t, data, &sc)
		}
		var sa ssz.SyncAggregate
		if sa.UnmarshalSSZ(p, data) == nil {
			canonical(t, data, &sa)
		}
		var bh ssz.BeaconBlockHeader
		if bh.UnmarshalSSZ(data) == nil {
			canonical(t, data, &bh)
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"version":"capella","data":{}}`))
	f.Add([]byte(`{"version":"altair","data":{"attested_header":{"beacon":{"slot":"1","proposer_index":"0","parent_root":"0x` +
		string(bytes.Repeat([]byte("00"), 32)) + `"}},"sync_aggregate":{"sync_committee_bits":"0x01","sync_committee_signature":"0x00"},"signature_slot":"01"}}`))
	f.Add([]byte(`{"slot":"18446744073709551616"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		targets := []any{new(ssz.LightClientBootstrap), new(ssz.LightClientUpdate), new(ssz.LightClientFinalityUpdate),
			new(ssz.LightClientOptimisticUpdate), new(ssz.LightClientHeader), new(ssz.ExecutionPayloadHeader),
			new(ssz.SyncCommittee), new(ssz.SyncAggregate), new(ssz.BeaconBlockHeader)}
		for _, v := range targets {
			if json.Unmarshal(data, v) != nil {
				continue
			}
			// Whatever decodes must encode, and decode again to the same JSON.
			a, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%T decoded but does not encode: %v", v, err)
			}
			if err := json.Unmarshal(a, v); err != nil {
				t.Fatalf("%T: own JSON rejected: %v", v, err)
			}
			if b, _ := json.Marshal(v); !bytes.Equal(a, b) {
				t.Fatalf("%T: JSON not stable", v)
			}
		}
	})
}

func hashesFrom(b []byte) []interop.Hash {
	var out []interop.Hash
	for len(b) >= 32 {
		out = append(out, interop.Hash(b[:32]))
		b = b[32:]
	}
	return out
}

func FuzzIsValidMerkleBranch(f *testing.F) {
	f.Add(make([]byte, 32*7), uint64(105), uint64(6))
	f.Fuzz(func(t *testing.T, data []byte, index, depth uint64) {
		nodes := hashesFrom(data)
		if len(nodes) < 2 {
			return
		}
		leaf, root, branch := nodes[0], nodes[1], nodes[2:]
		err := ssz.VerifyMerkleBranch(leaf, branch, depth, index, root)
		if err == nil {
			// Accepted only when the branch really folds to the root.
			g := ssz.GeneralizedIndex(1<<depth | index)
			if r, err := ssz.CalculateMerkleRoot(leaf, branch, g); err != nil || r != root {
				t.Fatalf("accepted a branch that does not reach the root")
			}
		}
		// The root the branch computes always verifies.
		if depth <= ssz.MaxDepth && int(depth) == len(branch) && index>>depth == 0 {
			r, _ := ssz.CalculateMerkleRoot(leaf, branch, ssz.GeneralizedIndex(1<<depth|index))
			if !ssz.IsValidMerkleBranch(leaf, branch, depth, index, r) {
				t.Fatalf("computed root rejected")
			}
		}
	})
}

func FuzzVerifyMerkleMultiproof(f *testing.F) {
	f.Add(make([]byte, 32*4), []byte{4, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0}, byte(2))
	f.Fuzz(func(t *testing.T, data, idx []byte, nLeaves byte) {
		nodes := hashesFrom(data)
		var indices []ssz.GeneralizedIndex
		for len(idx) >= 8 {
			indices = append(indices, ssz.GeneralizedIndex(binary.LittleEndian.Uint64(idx)>>(idx[0]%64)))
			idx = idx[8:]
		}
		n := min(int(nLeaves), len(indices), len(nodes))
		leaves, proof := nodes[:n], nodes[n:]
		r, err := ssz.CalculateMultiMerkleRoot(leaves, proof, indices[:n])
		if err != nil {
			if ssz.VerifyMerkleMultiproof(leaves, proof, indices[:n], r) == nil {
				t.Fatal("verified after an error")
			}
			return
		}
		// Whatever is accepted agrees with the spec's own algorithm.
		if want, ok := specMultiRoot(leaves, proof, indices[:n]); !ok || want != r {
			t.Fatalf("root %x, spec %x (%v)", r, want, ok)
		}
		if err := ssz.VerifyMerkleMultiproof(leaves, proof, indices[:n], r); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzGetHelperIndices: the streaming walk gives the spec's set difference for any
// indices, nested, repeated, zero or the root; it refuses only more indices than a
// multiproof may have.
func FuzzGetHelperIndices(f *testing.F) {
	f.Add([]byte{4, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0})
	f.Add(bytes.Repeat([]byte{0xff}, 64))
	f.Fuzz(func(t *testing.T, idx []byte) {
		var indices []ssz.GeneralizedIndex
		for len(idx) >= 8 {
			indices = append(indices, ssz.GeneralizedIndex(binary.LittleEndian.Uint64(idx)>>(idx[0]%64)))
			idx = idx[8:]
		}
		got, err := ssz.GetHelperIndices(indices)
		if err != nil {
			t.Fatal(err)
		}
		if want := specHelperIndices(indices); !slices.Equal(got, want) {
			t.Fatalf("GetHelperIndices(%v) = %v, spec %v", indices, got, want)
		}
	})
}

// FuzzGeneralizedIndex: the index arithmetic never names a node that is not there: a
// child is one level down and has its parent, the root and zero have no sibling, and a
// concatenation accepted is exactly as deep as its parts.
func FuzzGeneralizedIndex(f *testing.F) {
	f.Add(uint64(1<<63), uint64(2), true)
	f.Add(uint64(0), uint64(0), false)
	f.Fuzz(func(t *testing.T, a, b uint64, right bool) {
		g := ssz.GeneralizedIndex(a)
		c := g.Child(right)
		switch {
		case g == 0 || g.Depth() == ssz.MaxDepth:
			if c != 0 {
				t.Fatalf("Child(%d) = %d, want 0", g, c)
			}
		case c.Parent() != g || c.Depth() != g.Depth()+1 || c.Bit(0) != right:
			t.Fatalf("Child(%d, %v) = %d", g, right, c)
		}
		if s := g.Sibling(); g > 1 && (s.Sibling() != g || s.Parent() != g.Parent() || s == g) || g <= 1 && s != 0 {
			t.Fatalf("Sibling(%d) = %d", g, s)
		}
		h := ssz.GeneralizedIndex(b)
		cat, err := ssz.ConcatGeneralizedIndices(g, h)
		if err == nil && (g == 0 || h == 0 || cat.Depth() != g.Depth()+h.Depth() || cat.Depth() > ssz.MaxDepth) {
			t.Fatalf("Concat(%d, %d) = %d", g, h, cat)
		}
		if err == nil && h != 0 && ssz.GetSubtreeIndex(cat)&(1<<uint(h.Depth())-1) != ssz.GetSubtreeIndex(h) {
			t.Fatalf("Concat(%d, %d) = %d does not end in %d's path", g, h, cat, h)
		}
	})
}
