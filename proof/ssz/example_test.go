package ssz_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// A light client checks that a bootstrap's committee is the one in the state of the
// block it trusts: the branch leads from hash_tree_root(committee) to the header's state
// root at the fork's current_sync_committee gindex.
func ExampleVerifyBranchAt() {
	committee := ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, 32)}
	leaf := committee.HashTreeRoot()

	// A toy state whose only non-zero node is the committee, at gindex 54.
	g := ssz.CurrentSyncCommitteeGindex
	branch := make([]interop.Hash, g.Depth())
	for i := range branch {
		branch[i] = ssz.ZeroHash(i)
	}
	root, _ := ssz.CalculateMerkleRoot(leaf, branch, g)

	header := ssz.BeaconBlockHeader{Slot: 64, StateRoot: root}
	fmt.Println(ssz.VerifyBranchAt(leaf, branch, ssz.Altair.CurrentSyncCommitteeGindex(), header.StateRoot))
	fmt.Println(ssz.Electra.CurrentSyncCommitteeGindex(), ssz.Electra.SyncCommitteeBranchDepth())
	// Output:
	// <nil>
	// 86 6
}

// Decoding is per fork and preset: the same bytes are a different container in another
// fork, and the decoder says so.
func ExampleLightClientOptimisticUpdate_UnmarshalSSZ() {
	u := ssz.LightClientOptimisticUpdate{Fork: ssz.Altair, SignatureSlot: 9,
		SyncAggregate: ssz.SyncAggregate{SyncCommitteeBits: []byte{0xff, 0xff, 0xff, 0x7f}}}
	enc, _ := u.MarshalSSZ()

	var back ssz.LightClientOptimisticUpdate
	fmt.Println(back.UnmarshalSSZ(ssz.Altair, ssz.Minimal, enc), back.SyncAggregate.Participants())
	fmt.Println(back.UnmarshalSSZ(ssz.Capella, ssz.Minimal, enc) != nil)
	// Output:
	// <nil> 31
	// true
}

// The signing root of a sync-committee signature.
func ExampleComputeSigningRoot() {
	var gvr interop.Hash
	domain := ssz.ComputeDomain(ssz.DomainSyncCommittee, ssz.Version{3, 0, 0, 0}, gvr)
	header := ssz.BeaconBlockHeader{Slot: 1}
	root := ssz.ComputeSigningRoot(header.HashTreeRoot(), domain)
	fmt.Printf("%x\n", domain[:4])
	fmt.Println(root != interop.Hash{})
	// Output:
	// 07000000
	// true
}

func ExampleVerifyMerkleMultiproof() {
	// A four-leaf tree; prove leaves 4 and 7 (generalized indices) with helpers 5 and 6.
	l := []interop.Hash{{0}, {1}, {2}, {3}}
	root := ssz.HashPair(ssz.HashPair(l[0], l[1]), ssz.HashPair(l[2], l[3]))
	indices := []ssz.GeneralizedIndex{4, 7}
	helpers, err := ssz.GetHelperIndices(indices)
	fmt.Println(helpers, err)
	fmt.Println(ssz.VerifyMerkleMultiproof([]interop.Hash{l[0], l[3]}, []interop.Hash{l[2], l[1]}, indices, root))
	// Output:
	// [6 5] <nil>
	// <nil>
}
