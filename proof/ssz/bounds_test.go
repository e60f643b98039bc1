package ssz_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/ssz"
)

// Every decoder and verifier, fed hostile input at its bound, allocates at most the
// project bound per input byte (internal/hostile). Not parallel: the counters are
// process-wide.

func hexList(item string, n int) string {
	return "[" + strings.TrimSuffix(strings.Repeat(`"`+item+`",`, n), ",") + "]"
}

func TestBoundsJSONDecoders(t *testing.T) {
	zero32 := "0x" + strings.Repeat("00", 32)
	header := `{"beacon":{"slot":"1","proposer_index":"0","parent_root":"` + zero32 + `","state_root":"` + zero32 + `","body_root":"` + zero32 + `"}}`
	agg := `{"sync_committee_bits":"0xff","sync_committee_signature":"0x` + strings.Repeat("00", 96) + `"}`
	nested := strings.Repeat("[", 9000) + strings.Repeat("]", 9000)
	cases := []struct {
		name string
		v    any
		doc  string
	}{
		{"SyncCommittee: 2^18 empty pubkeys", new(ssz.SyncCommittee), `{"pubkeys":` + hexList("0x", 1<<18) + `}`},
		{"SyncCommittee: one pubkey over the maximum", new(ssz.SyncCommittee),
			`{"pubkeys":` + hexList("0x"+strings.Repeat("00", 48), ssz.MaxSyncCommitteeSize+1) + `,"aggregate_pubkey":"0x00"}`},
		{"SyncAggregate: a megabyte of bits", new(ssz.SyncAggregate), `{"sync_committee_bits":"0x` + strings.Repeat("ff", 1<<19) + `"}`},
		{"BeaconBlockHeader: a megabyte decimal", new(ssz.BeaconBlockHeader), `{"slot":"` + strings.Repeat("9", 1<<20) + `"}`},
		{"ExecutionPayloadHeader: a megabyte of extra data", new(ssz.ExecutionPayloadHeader), `{"extra_data":"0x` + strings.Repeat("00", 1<<19) + `"}`},
		{"LightClientHeader: a long execution branch", new(ssz.LightClientHeader),
			`{"beacon":{},"execution":{},"execution_branch":` + hexList(zero32, 1<<14) + `}`},
		{"LightClientUpdate: long branches", new(ssz.LightClientUpdate),
			`{"version":"electra","data":{"attested_header":` + header + `,"finalized_header":` + header +
				`,"next_sync_committee_branch":` + hexList(zero32, 1<<14) + `,"finality_branch":` + hexList(zero32, 1<<14) +
				`,"sync_aggregate":` + agg + `,"signature_slot":"1"}}`},
		{"LightClientBootstrap: a long branch", new(ssz.LightClientBootstrap),
			`{"version":"altair","data":{"header":` + header + `,"current_sync_committee_branch":` + hexList(zero32, 1<<14) + `}}`},
		{"LightClientFinalityUpdate: deep unknown value", new(ssz.LightClientFinalityUpdate),
			`{"version":"altair","data":{"x":` + nested + `}}`},
		{"LightClientOptimisticUpdate: many unknown keys", new(ssz.LightClientOptimisticUpdate),
			`{"version":"altair","data":{` + strings.Repeat(`"x":0,`, 1<<16) + `"y":0}}`},
	}
	for _, c := range cases {
		doc := []byte(c.doc)
		var err error
		u := hostile.Bounded(t, c.name, len(doc), func() { err = json.Unmarshal(doc, c.v) })
		if err == nil {
			t.Errorf("%s: accepted", c.name)
		}
		t.Logf("%s: %d bytes, %d allocated", c.name, len(doc), u.Bytes)
	}
}

func TestBoundsSSZDecoders(t *testing.T) {
	p := ssz.Preset{SyncCommitteeSize: ssz.MaxSyncCommitteeSize}
	sc := make([]byte, 48*(ssz.MaxSyncCommitteeSize+1))
	hostile.Bounded(t, "SyncCommittee at the maximum preset", len(sc), func() {
		var c ssz.SyncCommittee
		if err := c.UnmarshalSSZ(p, sc); err != nil {
			t.Error(err)
		}
	})
	for _, n := range []int{0, 1 << 20} {
		data := make([]byte, n)
		for _, c := range []struct {
			name string
			f    func() error
		}{
			{"BeaconBlockHeader", func() error { var v ssz.BeaconBlockHeader; return v.UnmarshalSSZ(data) }},
			{"SyncCommittee", func() error { var v ssz.SyncCommittee; return v.UnmarshalSSZ(p, data) }},
			{"SyncAggregate", func() error { var v ssz.SyncAggregate; return v.UnmarshalSSZ(p, data) }},
			{"ExecutionPayloadHeader", func() error { var v ssz.ExecutionPayloadHeader; return v.UnmarshalSSZ(ssz.Deneb, data) }},
			{"LightClientHeader", func() error { var v ssz.LightClientHeader; return v.UnmarshalSSZ(ssz.Deneb, data) }},
			{"LightClientBootstrap", func() error { var v ssz.LightClientBootstrap; return v.UnmarshalSSZ(ssz.Electra, p, data) }},
			{"LightClientUpdate", func() error { var v ssz.LightClientUpdate; return v.UnmarshalSSZ(ssz.Electra, p, data) }},
			{"LightClientFinalityUpdate", func() error { var v ssz.LightClientFinalityUpdate; return v.UnmarshalSSZ(ssz.Electra, p, data) }},
			{"LightClientOptimisticUpdate", func() error { var v ssz.LightClientOptimisticUpdate; return v.UnmarshalSSZ(ssz.Electra, p, data) }},
		} {
			var err error
			hostile.Bounded(t, c.name, len(data), func() { err = c.f() })
			if err == nil {
				t.Errorf("%s: %d zero bytes accepted", c.name, n)
			}
		}
	}
}

func TestBoundsVerifiers(t *testing.T) {
	// A multiproof at MaxMultiproofLeaves: consecutive leaves 40 levels down, so that the
	// pending parents are as many as the leaves for 16 levels.
	idx := make([]ssz.GeneralizedIndex, ssz.MaxMultiproofLeaves)
	for i := range idx {
		idx[i] = ssz.GeneralizedIndex(1<<40 + i)
	}
	leaves := make([]interop.Hash, len(idx))
	helpers, err := ssz.GetHelperIndices(idx)
	if err != nil {
		t.Fatal(err)
	}
	proof := make([]interop.Hash, len(helpers))
	in := 40*len(idx) + 32*len(proof)
	u := hostile.Bounded(t, "CalculateMultiMerkleRoot", in, func() {
		if _, err := ssz.CalculateMultiMerkleRoot(leaves, proof, idx); err != nil {
			t.Error(err)
		}
	})
	t.Logf("multiproof of %d leaves, %d helpers (%d bytes): %d allocated", len(idx), len(proof), in, u.Bytes)
	// The spread of TestHardeningHelperIndicesUnbounded: 47 helpers per leaf.
	idx = spreadIndices(ssz.MaxMultiproofLeaves / 16)
	if helpers, err = ssz.GetHelperIndices(idx); err != nil {
		t.Fatal(err)
	}
	leaves, proof = leaves[:len(idx)], make([]interop.Hash, len(helpers))
	in = 40*len(idx) + 32*len(proof)
	u = hostile.Bounded(t, "CalculateMultiMerkleRoot, spread", in, func() {
		if _, err := ssz.CalculateMultiMerkleRoot(leaves, proof, idx); err != nil {
			t.Error(err)
		}
	})
	t.Logf("multiproof of %d leaves, %d helpers (%d bytes): %d allocated", len(idx), len(proof), in, u.Bytes)
	hostile.Bounded(t, "CalculateMultiMerkleRoot, one leaf over", in, func() {
		_, _ = ssz.CalculateMultiMerkleRoot(append(leaves, interop.Hash{}), proof, append(idx, 3))
	})

	long := make([]interop.Hash, 1<<16)
	var leaf, root interop.Hash
	checks := []struct {
		name string
		n    int
		f    func()
	}{
		{"VerifyMerkleBranch, long branch", 32 * len(long), func() { _ = ssz.VerifyMerkleBranch(leaf, long, 63, 0, root) }},
		{"VerifyMerkleBranch, depth 63", 32 * 63, func() { _ = ssz.VerifyMerkleBranch(leaf, long[:63], 63, 1<<63-1, root) }},
		{"VerifyBranchAt, deepest gindex", 32 * 63, func() { _ = ssz.VerifyBranchAt(leaf, long[:63], 1<<64-1, root) }},
		{"IsValidNormalizedMerkleBranch, long zero padding", 32 * len(long), func() { ssz.IsValidNormalizedMerkleBranch(leaf, long, 1<<63, root) }},
		{"CalculateMerkleRoot, deepest gindex", 32 * 63, func() { _, _ = ssz.CalculateMerkleRoot(leaf, long[:63], 1<<64-1) }},
		{"Merkleize, limit 2^63", 32 * len(long), func() { _, _ = ssz.Merkleize(long, 1<<63) }},
		{"ByteListRoot, limit 2^63", 1 << 20, func() { _, _ = ssz.ByteListRoot(make([]byte, 1<<20), 1<<63) }},
		{"ConcatGeneralizedIndices, many roots", 8 * 1 << 16, func() {
			_, _ = ssz.ConcatGeneralizedIndices(make([]ssz.GeneralizedIndex, 1<<16)...)
		}},
		{"GetBranchIndices, deepest", 8, func() { _ = ssz.GetBranchIndices(1<<64 - 1) }},
		{"GetPathIndices, deepest", 8, func() { _ = ssz.GetPathIndices(1<<64 - 1) }},
	}
	for _, c := range checks {
		hostile.Bounded(t, c.name, c.n, c.f)
	}
}
