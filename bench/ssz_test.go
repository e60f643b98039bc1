package bench

import (
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/beacon/merkle"
	"github.com/ethereum/go-ethereum/beacon/params"
	"github.com/ethereum/go-ethereum/beacon/types"
	"github.com/ethereum/go-ethereum/common"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// go-ethereum's beacon light client hashes the same containers: types.Header.Hash is
// hash_tree_root(BeaconBlockHeader), SerializedSyncCommittee.Root is
// hash_tree_root(SyncCommittee) for the mainnet size, and merkle.VerifyProof checks a
// branch at a generalized index.

func sszCommittee(r *rand.Rand) (ssz.SyncCommittee, *types.SerializedSyncCommittee) {
	var ser types.SerializedSyncCommittee
	for i := range ser {
		ser[i] = byte(r.Uint32())
	}
	sc := ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, params.SyncCommitteeSize)}
	for i := range sc.Pubkeys {
		copy(sc.Pubkeys[i][:], ser[48*i:])
	}
	copy(sc.AggregatePubkey[:], ser[48*params.SyncCommitteeSize:])
	return sc, &ser
}

func sszHeader(r *rand.Rand) (ssz.BeaconBlockHeader, types.Header) {
	var h ssz.BeaconBlockHeader
	h.Slot, h.ProposerIndex = r.Uint64(), r.Uint64()
	for i := 0; i < 32; i++ {
		h.ParentRoot[i], h.StateRoot[i], h.BodyRoot[i] = byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32())
	}
	return h, types.Header{Slot: h.Slot, ProposerIndex: h.ProposerIndex, ParentRoot: common.Hash(h.ParentRoot),
		StateRoot: common.Hash(h.StateRoot), BodyRoot: common.Hash(h.BodyRoot)}
}

// sszBranch builds a valid branch for gindex from random siblings.
func sszBranch(r *rand.Rand, gindex ssz.GeneralizedIndex) (leaf interop.Hash, branch []interop.Hash, root interop.Hash) {
	leaf[0] = byte(r.Uint32())
	branch = make([]interop.Hash, gindex.Depth())
	for i := range branch {
		branch[i][0], branch[i][31] = byte(r.Uint32()), byte(i)
	}
	root, _ = ssz.CalculateMerkleRoot(leaf, branch, gindex)
	return
}

func gethValues(hs []interop.Hash) merkle.Values {
	out := make(merkle.Values, len(hs))
	for i := range hs {
		out[i] = merkle.Value(hs[i])
	}
	return out
}

func TestDifferentialSSZGeth(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		h, gh := sszHeader(r)
		if h.HashTreeRoot() != interop.Hash(gh.Hash()) {
			t.Fatalf("header root differs from geth")
		}
		if i < 5 {
			sc, ser := sszCommittee(r)
			if sc.HashTreeRoot() != interop.Hash(ser.Root()) {
				t.Fatalf("sync committee root differs from geth")
			}
		}
		g := ssz.GeneralizedIndex(r.Uint64N(1<<12) + 2)
		leaf, branch, root := sszBranch(r, g)
		gv := gethValues(branch)
		if err := merkle.VerifyProof(common.Hash(root), uint64(g), gv, merkle.Value(leaf)); err != nil {
			t.Fatalf("geth rejects our valid branch: %v", err)
		}
		if err := ssz.VerifyBranchAt(leaf, branch, g, root); err != nil {
			t.Fatalf("valid branch: %v", err)
		}
		// A mutated branch: both reject.
		branch[r.IntN(len(branch))][5] ^= 1
		gv = gethValues(branch)
		if (merkle.VerifyProof(common.Hash(root), uint64(g), gv, merkle.Value(leaf)) == nil) != (ssz.VerifyBranchAt(leaf, branch, g, root) == nil) {
			t.Fatalf("verdicts differ on a mutated branch")
		}
	}
}

// sszPairs reuse merkle_test.go's pair shape and benchOp.
var sszPairs = []merklePair{
	{
		name: "HashTreeRoot/SyncCommittee512",
		interop: func() func() {
			sc, _ := sszCommittee(rand.New(rand.NewPCG(3, 4)))
			return func() { sc.HashTreeRoot() }
		},
		theirs: func() func() {
			_, ser := sszCommittee(rand.New(rand.NewPCG(3, 4)))
			return func() { ser.Root() }
		},
	},
	{
		name: "HashTreeRoot/BeaconBlockHeader",
		interop: func() func() {
			h, _ := sszHeader(rand.New(rand.NewPCG(5, 6)))
			return func() { h.HashTreeRoot() }
		},
		theirs: func() func() {
			_, gh := sszHeader(rand.New(rand.NewPCG(5, 6)))
			return func() { gh.Hash() }
		},
	},
	{
		name: "VerifyBranch/finality",
		interop: func() func() {
			leaf, branch, root := sszBranch(rand.New(rand.NewPCG(7, 8)), ssz.FinalizedRootGindex)
			return func() {
				if !ssz.IsValidMerkleBranch(leaf, branch, 6, ssz.GetSubtreeIndex(ssz.FinalizedRootGindex), root) {
					panic("invalid")
				}
			}
		},
		theirs: func() func() {
			leaf, branch, root := sszBranch(rand.New(rand.NewPCG(7, 8)), ssz.FinalizedRootGindex)
			gv := gethValues(branch)
			return func() {
				if merkle.VerifyProof(common.Hash(root), uint64(ssz.FinalizedRootGindex), gv, merkle.Value(leaf)) != nil {
					panic("invalid")
				}
			}
		},
	},
}

// BenchmarkSSZ times every pair; compare with benchstat -col '/impl@(geth interop)'.
func BenchmarkSSZ(b *testing.B) {
	for _, p := range sszPairs {
		b.Run(p.name+"/impl=geth", benchOp(p.theirs))
		b.Run(p.name+"/impl=interop", benchOp(p.interop))
	}
}

// TestSSZRatios logs interop/geth time ratios (below 1 means interop is faster),
// measured by measureRatio; it runs only with BENCH_RATIOS=1.
func TestSSZRatios(t *testing.T) {
	skipUnlessRatios(t)
	for _, p := range sszPairs {
		r := measureRatio(p.interop(), p.theirs(), 100, 50)
		t.Logf("%-32s interop %8.0f ns/op %2.0f allocs  geth %8.0f ns/op %2.0f allocs  ratio %.2f",
			p.name, r.oursNs(), r.oursAllocs, r.theirsNs(), r.theirsAllocs, r.ratio())
	}
}

// TestDifferentialSSZExecutionHeader: random Capella and Deneb execution payload headers
// (extra data of 0–32 bytes, 256-bit base fees) go out as Beacon-API JSON, go-ethereum
// (zrnt underneath) decodes them and hashes them, and the roots must equal ours.
func TestDifferentialSSZExecutionHeader(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	fill := func(b []byte) {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
	}
	for i := range 400 {
		e := ssz.ExecutionPayloadHeader{Fork: ssz.Capella}
		forkName := "capella"
		if i%2 == 1 {
			e.Fork, forkName = ssz.Deneb, []string{"deneb", "electra", "fulu"}[i%3]
			e.BlobGasUsed, e.ExcessBlobGas = r.Uint64(), r.Uint64()>>uint(r.IntN(64))
		}
		fill(e.ParentHash[:])
		fill(e.FeeRecipient[:])
		fill(e.StateRoot[:])
		fill(e.ReceiptsRoot[:])
		fill(e.LogsBloom[:])
		fill(e.PrevRandao[:])
		e.BlockNumber, e.GasLimit, e.GasUsed, e.Timestamp = r.Uint64(), r.Uint64()>>uint(r.IntN(64)), r.Uint64(), r.Uint64()
		e.ExtraData = make([]byte, r.IntN(33))
		fill(e.ExtraData)
		var base [32]byte
		fill(base[r.IntN(32):])
		e.BaseFeePerGas.SetBytes32(base[:])
		fill(e.BlockHash[:])
		fill(e.TransactionsRoot[:])
		fill(e.WithdrawalsRoot[:])

		ours, err := e.HashTreeRoot()
		if err != nil {
			t.Fatal(err)
		}
		js, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		g, err := types.ExecutionHeaderFromJSON(forkName, js)
		if err != nil {
			t.Fatalf("go-ethereum refuses %s: %v", js, err)
		}
		if interop.Hash(g.PayloadRoot()) != ours {
			t.Fatalf("%s header %d: root %x, go-ethereum %x\n%s", forkName, i, ours, g.PayloadRoot(), js)
		}
		if g.BlockHash() != common.Hash(e.BlockHash) {
			t.Fatalf("go-ethereum read block hash %x", g.BlockHash())
		}
	}
}
