package ssz_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

func benchCommittee(n int) ssz.SyncCommittee {
	sc := ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, n)}
	for i := range sc.Pubkeys {
		sc.Pubkeys[i][0], sc.Pubkeys[i][47] = byte(i), byte(i>>8)
	}
	return sc
}

func BenchmarkHashTreeRootSyncCommittee512(b *testing.B) {
	sc := benchCommittee(512)
	b.ReportAllocs()
	for b.Loop() {
		sc.HashTreeRoot()
	}
}

func BenchmarkHashTreeRootBeaconBlockHeader(b *testing.B) {
	h := ssz.BeaconBlockHeader{Slot: 7069376, ProposerIndex: 146208, ParentRoot: interop.Hash{1}, StateRoot: interop.Hash{2}, BodyRoot: interop.Hash{3}}
	b.ReportAllocs()
	for b.Loop() {
		h.HashTreeRoot()
	}
}

func benchUpdate() ssz.LightClientUpdate {
	f := ssz.Deneb
	return ssz.LightClientUpdate{Fork: f,
		AttestedHeader:          ssz.LightClientHeader{Fork: f, Execution: ssz.ExecutionPayloadHeader{Fork: f, ExtraData: []byte("geth")}},
		NextSyncCommittee:       benchCommittee(512),
		NextSyncCommitteeBranch: make([]interop.Hash, 5), FinalityBranch: make([]interop.Hash, 6),
		FinalizedHeader: ssz.LightClientHeader{Fork: f, Execution: ssz.ExecutionPayloadHeader{Fork: f}},
		SyncAggregate:   ssz.SyncAggregate{SyncCommitteeBits: make([]byte, 64)}}
}

func BenchmarkHashTreeRootLightClientUpdate(b *testing.B) {
	u := benchUpdate()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := u.HashTreeRoot(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalSSZLightClientUpdate(b *testing.B) {
	u := benchUpdate()
	enc, _ := u.MarshalSSZ()
	b.SetBytes(int64(len(enc)))
	b.ReportAllocs()
	for b.Loop() {
		var x ssz.LightClientUpdate
		if err := x.UnmarshalSSZ(ssz.Deneb, ssz.Mainnet, enc); err != nil {
			b.Fatal(err)
		}
	}
}

// benchBranch returns a valid finality-depth branch.
func benchBranch() (leaf interop.Hash, branch []interop.Hash, root interop.Hash) {
	leaf = interop.Hash{7}
	branch = make([]interop.Hash, 6)
	root = leaf
	idx := ssz.GetSubtreeIndex(ssz.FinalizedRootGindex)
	for i := range branch {
		branch[i] = interop.Hash{byte(i + 1)}
		if idx>>i&1 == 1 {
			root = ssz.HashPair(branch[i], root)
		} else {
			root = ssz.HashPair(root, branch[i])
		}
	}
	return
}

func BenchmarkIsValidMerkleBranch(b *testing.B) {
	leaf, branch, root := benchBranch()
	idx := ssz.GetSubtreeIndex(ssz.FinalizedRootGindex)
	b.ReportAllocs()
	for b.Loop() {
		if !ssz.IsValidMerkleBranch(leaf, branch, 6, idx, root) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkVerifyMerkleMultiproof(b *testing.B) {
	// Two leaves of a depth-6 tree of distinct nodes.
	var leaves [64]interop.Hash
	for i := range leaves {
		leaves[i][0] = byte(i)
	}
	node := func(g ssz.GeneralizedIndex) interop.Hash {
		var rec func(g ssz.GeneralizedIndex) interop.Hash
		rec = func(g ssz.GeneralizedIndex) interop.Hash {
			if g >= 64 {
				return leaves[g-64]
			}
			return ssz.HashPair(rec(2*g), rec(2*g+1))
		}
		return rec(g)
	}
	indices := []ssz.GeneralizedIndex{105, 110}
	var proof []interop.Hash
	helpers, err := ssz.GetHelperIndices(indices)
	if err != nil {
		b.Fatal(err)
	}
	for _, h := range helpers {
		proof = append(proof, node(h))
	}
	ls := []interop.Hash{node(105), node(110)}
	root := node(1)
	b.ReportAllocs()
	for b.Loop() {
		if err := ssz.VerifyMerkleMultiproof(ls, proof, indices, root); err != nil {
			b.Fatal(err)
		}
	}
}
