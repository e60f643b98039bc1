// Package ssztest provides rapid generators for proof/ssz values: nodes, branches and
// multiproofs over random trees, and every light-client container in every fork, for
// property tests of code that uses the package.
package ssztest

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// Hash generates 32-byte nodes: mostly uniform, sometimes zero or one of a few fixed
// values, so that equal and zero nodes show up.
func Hash() *rapid.Generator[interop.Hash] {
	uniform := rapid.Custom(func(t *rapid.T) interop.Hash {
		var h interop.Hash
		for i := 0; i < 32; i += 8 {
			binary.LittleEndian.PutUint64(h[i:], rapid.Uint64().Draw(t, "word"))
		}
		return h
	})
	few := rapid.Map(rapid.ByteRange(0, 3), func(b byte) interop.Hash { return interop.Hash{b, 31: b} })
	return rapid.OneOf(uniform, uniform, uniform, few)
}

// Fork generates a fork with light-client types, Altair to Fulu.
func Fork() *rapid.Generator[ssz.Fork] {
	return rapid.SampledFrom([]ssz.Fork{ssz.Altair, ssz.Bellatrix, ssz.Capella, ssz.Deneb, ssz.Electra, ssz.Fulu})
}

// Preset generates the minimal preset, mostly, or a small odd committee size that
// exercises bitvector padding; mainnet sizes are left to benchmarks to keep runs fast.
func Preset() *rapid.Generator[ssz.Preset] {
	return rapid.OneOf(rapid.Just(ssz.Minimal), rapid.Map(rapid.IntRange(1, 40), func(n int) ssz.Preset {
		return ssz.Preset{SyncCommitteeSize: n}
	}))
}

// Tree is a random tree given by its leaves at one depth.
type Tree struct {
	Depth  int
	Leaves []interop.Hash // 2^Depth leaves
}

// Node returns the node at generalized index g, computed from the leaves.
func (t Tree) Node(g ssz.GeneralizedIndex) interop.Hash {
	d := g.Depth()
	if d == t.Depth {
		return t.Leaves[ssz.GetSubtreeIndex(g)]
	}
	return ssz.HashPair(t.Node(2*g), t.Node(2*g+1))
}

// Root returns the tree's root.
func (t Tree) Root() interop.Hash { return t.Node(1) }

// Branch returns the Merkle branch of node g, bottom-up.
func (t Tree) Branch(g ssz.GeneralizedIndex) []interop.Hash {
	var out []interop.Hash
	for _, s := range ssz.GetBranchIndices(g) {
		out = append(out, t.Node(s))
	}
	return out
}

// RandomTree generates a tree of depth 0 to maxDepth.
func RandomTree(maxDepth int) *rapid.Generator[Tree] {
	return rapid.Custom(func(t *rapid.T) Tree {
		d := rapid.IntRange(0, maxDepth).Draw(t, "depth")
		return Tree{Depth: d, Leaves: rapid.SliceOfN(Hash(), 1<<d, 1<<d).Draw(t, "leaves")}
	})
}

// Multiproof is a valid multiproof: nodes of Tree at Indices, none under another.
type Multiproof struct {
	Tree    Tree
	Indices []ssz.GeneralizedIndex
	Leaves  []interop.Hash
	Proof   []interop.Hash
}

// ValidMultiproof generates a tree and a valid multiproof of 1 to 6 of its nodes.
func ValidMultiproof(maxDepth int) *rapid.Generator[Multiproof] {
	return rapid.Custom(func(t *rapid.T) Multiproof {
		tree := RandomTree(maxDepth).Draw(t, "tree")
		limit := uint64(2) << tree.Depth // nodes are 1 .. 2^(depth+1)-1
		n := rapid.IntRange(1, 6).Draw(t, "count")
		var idx []ssz.GeneralizedIndex
		for range n {
			g := ssz.GeneralizedIndex(rapid.Uint64Range(1, limit-1).Draw(t, "gindex"))
			nested := false
			for _, h := range idx {
				if isAncestorOrSelf(g, h) || isAncestorOrSelf(h, g) {
					nested = true
				}
			}
			if !nested {
				idx = append(idx, g)
			}
		}
		m := Multiproof{Tree: tree, Indices: idx}
		for _, g := range idx {
			m.Leaves = append(m.Leaves, tree.Node(g))
		}
		helpers, err := ssz.GetHelperIndices(idx)
		if err != nil {
			t.Fatalf("helper indices of %v: %v", idx, err)
		}
		for _, h := range helpers {
			m.Proof = append(m.Proof, tree.Node(h))
		}
		return m
	})
}

func isAncestorOrSelf(a, b ssz.GeneralizedIndex) bool {
	for ; b >= a && b > 0; b /= 2 {
		if a == b {
			return true
		}
	}
	return false
}

// BeaconBlockHeader generates a header.
func BeaconBlockHeader() *rapid.Generator[ssz.BeaconBlockHeader] {
	return rapid.Custom(func(t *rapid.T) ssz.BeaconBlockHeader {
		return ssz.BeaconBlockHeader{Slot: rapid.Uint64().Draw(t, "slot"), ProposerIndex: rapid.Uint64().Draw(t, "proposer"),
			ParentRoot: Hash().Draw(t, "parent"), StateRoot: Hash().Draw(t, "state"), BodyRoot: Hash().Draw(t, "body")}
	})
}

// bytesN expands one drawn seed into n bytes: bulky opaque fields (keys, signatures,
// blooms) need no shrinking byte by byte, and drawing each byte would make runs slow.
func bytesN[T ~[48]byte | ~[96]byte | ~[256]byte](n int) *rapid.Generator[T] {
	return rapid.Map(rapid.Uint64(), func(seed uint64) T {
		out := make([]byte, n+32)
		for i := 0; i < n; i += 32 {
			var in [16]byte
			binary.LittleEndian.PutUint64(in[:], seed)
			binary.LittleEndian.PutUint64(in[8:], uint64(i))
			block := sha256.Sum256(in[:])
			copy(out[i:], block[:])
		}
		return T(out[:n])
	})
}

// SyncCommittee generates a committee of the preset's size.
func SyncCommittee(p ssz.Preset) *rapid.Generator[ssz.SyncCommittee] {
	return rapid.Custom(func(t *rapid.T) ssz.SyncCommittee {
		return ssz.SyncCommittee{
			Pubkeys:         rapid.SliceOfN(bytesN[ssz.BLSPubkey](48), p.SyncCommitteeSize, p.SyncCommitteeSize).Draw(t, "pubkeys"),
			AggregatePubkey: bytesN[ssz.BLSPubkey](48).Draw(t, "aggregate"),
		}
	})
}

// SyncAggregate generates an aggregate for the preset, its padding bits zero.
func SyncAggregate(p ssz.Preset) *rapid.Generator[ssz.SyncAggregate] {
	return rapid.Custom(func(t *rapid.T) ssz.SyncAggregate {
		n := p.SyncCommitteeSize
		bits := rapid.SliceOfN(rapid.Byte(), (n+7)/8, (n+7)/8).Draw(t, "bits")
		if n%8 != 0 {
			bits[len(bits)-1] &= byte(1)<<(n%8) - 1
		}
		return ssz.SyncAggregate{SyncCommitteeBits: bits, SyncCommitteeSignature: bytesN[ssz.BLSSignature](96).Draw(t, "sig")}
	})
}

// ExecutionPayloadHeader generates a header of fork f (Capella or later).
func ExecutionPayloadHeader(f ssz.Fork) *rapid.Generator[ssz.ExecutionPayloadHeader] {
	return rapid.Custom(func(t *rapid.T) ssz.ExecutionPayloadHeader {
		var base uint256.Int
		for i := range base {
			base[i] = rapid.Uint64().Draw(t, "base_fee")
		}
		e := ssz.ExecutionPayloadHeader{
			Fork: f, ParentHash: Hash().Draw(t, "parent"), StateRoot: Hash().Draw(t, "state"),
			FeeRecipient: interop.Address(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "fee_recipient")),
			ReceiptsRoot: Hash().Draw(t, "receipts"), LogsBloom: bytesN[[256]byte](256).Draw(t, "bloom"),
			PrevRandao: Hash().Draw(t, "randao"), BlockNumber: rapid.Uint64().Draw(t, "number"),
			GasLimit: rapid.Uint64().Draw(t, "gas_limit"), GasUsed: rapid.Uint64().Draw(t, "gas_used"),
			Timestamp: rapid.Uint64().Draw(t, "time"), ExtraData: rapid.SliceOfN(rapid.Byte(), 0, ssz.MaxExtraDataBytes).Draw(t, "extra"),
			BaseFeePerGas: base, BlockHash: Hash().Draw(t, "block"), TransactionsRoot: Hash().Draw(t, "txs"),
			WithdrawalsRoot: Hash().Draw(t, "withdrawals"),
		}
		if f >= ssz.Deneb {
			e.BlobGasUsed, e.ExcessBlobGas = rapid.Uint64().Draw(t, "blob_gas"), rapid.Uint64().Draw(t, "excess")
		}
		return e
	})
}

// LightClientHeader generates a header of fork f; before Capella it has no execution.
func LightClientHeader(f ssz.Fork) *rapid.Generator[ssz.LightClientHeader] {
	return rapid.Custom(func(t *rapid.T) ssz.LightClientHeader {
		h := ssz.LightClientHeader{Fork: f, Beacon: BeaconBlockHeader().Draw(t, "beacon")}
		if f.HasExecution() {
			h.Execution = ExecutionPayloadHeader(f).Draw(t, "execution")
			h.ExecutionBranch = [4]interop.Hash(rapid.SliceOfN(Hash(), 4, 4).Draw(t, "execution_branch"))
		}
		return h
	})
}

func branch(n int) *rapid.Generator[[]interop.Hash] { return rapid.SliceOfN(Hash(), n, n) }

// LightClientBootstrap generates a bootstrap of fork f and preset p.
func LightClientBootstrap(f ssz.Fork, p ssz.Preset) *rapid.Generator[ssz.LightClientBootstrap] {
	return rapid.Custom(func(t *rapid.T) ssz.LightClientBootstrap {
		return ssz.LightClientBootstrap{Fork: f, Header: LightClientHeader(f).Draw(t, "header"),
			CurrentSyncCommittee:       SyncCommittee(p).Draw(t, "committee"),
			CurrentSyncCommitteeBranch: branch(f.SyncCommitteeBranchDepth()).Draw(t, "branch")}
	})
}

// LightClientUpdate generates an update of fork f and preset p.
func LightClientUpdate(f ssz.Fork, p ssz.Preset) *rapid.Generator[ssz.LightClientUpdate] {
	return rapid.Custom(func(t *rapid.T) ssz.LightClientUpdate {
		return ssz.LightClientUpdate{Fork: f, AttestedHeader: LightClientHeader(f).Draw(t, "attested"),
			NextSyncCommittee:       SyncCommittee(p).Draw(t, "committee"),
			NextSyncCommitteeBranch: branch(f.SyncCommitteeBranchDepth()).Draw(t, "sc_branch"),
			FinalizedHeader:         LightClientHeader(f).Draw(t, "finalized"),
			FinalityBranch:          branch(f.FinalityBranchDepth()).Draw(t, "fin_branch"),
			SyncAggregate:           SyncAggregate(p).Draw(t, "aggregate"), SignatureSlot: rapid.Uint64().Draw(t, "slot")}
	})
}

// LightClientFinalityUpdate generates a finality update of fork f and preset p.
func LightClientFinalityUpdate(f ssz.Fork, p ssz.Preset) *rapid.Generator[ssz.LightClientFinalityUpdate] {
	return rapid.Custom(func(t *rapid.T) ssz.LightClientFinalityUpdate {
		return ssz.LightClientFinalityUpdate{Fork: f, AttestedHeader: LightClientHeader(f).Draw(t, "attested"),
			FinalizedHeader: LightClientHeader(f).Draw(t, "finalized"),
			FinalityBranch:  branch(f.FinalityBranchDepth()).Draw(t, "fin_branch"),
			SyncAggregate:   SyncAggregate(p).Draw(t, "aggregate"), SignatureSlot: rapid.Uint64().Draw(t, "slot")}
	})
}

// LightClientOptimisticUpdate generates an optimistic update of fork f and preset p.
func LightClientOptimisticUpdate(f ssz.Fork, p ssz.Preset) *rapid.Generator[ssz.LightClientOptimisticUpdate] {
	return rapid.Custom(func(t *rapid.T) ssz.LightClientOptimisticUpdate {
		return ssz.LightClientOptimisticUpdate{Fork: f, AttestedHeader: LightClientHeader(f).Draw(t, "attested"),
			SyncAggregate: SyncAggregate(p).Draw(t, "aggregate"), SignatureSlot: rapid.Uint64().Draw(t, "slot")}
	})
}
