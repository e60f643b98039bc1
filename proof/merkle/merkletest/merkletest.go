// Package merkletest provides rapid generators for proof/merkle values and a slow,
// obviously correct reference tree, for property tests of code that uses the package.
//
// The reference (Root, Branch) builds the depth-32 tree recursively from the whole leaf
// list, with no frontier, no caching and no pruning; it shares nothing with merkle's trees
// but the Hasher, so that the two can be checked against each other. Root and Branch
// hash O(len(leaves)) nodes per call (empty subtrees come from the zero ladder); use them
// on small trees. Everything here is stateless and safe for concurrent use.
package merkletest

import (
	"math/bits"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/merkle"
)

// Hash generates 32-byte nodes: mostly uniform, sometimes zero or one of a few fixed
// values, so that equal leaves and zero leaves show up.
func Hash() *rapid.Generator[interop.Hash] {
	uniform := rapid.Map(rapid.SliceOfN(rapid.Byte(), 32, 32), func(b []byte) interop.Hash {
		return interop.Hash(b)
	})
	few := rapid.Map(rapid.ByteRange(0, 3), func(b byte) interop.Hash {
		var h interop.Hash
		h[0], h[31] = b, b
		return h
	})
	return rapid.OneOf(uniform, uniform, uniform, few)
}

// Leaves generates up to max leaves.
func Leaves(max int) *rapid.Generator[[]interop.Hash] {
	return rapid.SliceOfN(Hash(), 0, max)
}

// Hasher generates one of the package's hashers, Keccak256 or SHA256.
func Hasher() *rapid.Generator[merkle.Hasher] {
	return rapid.SampledFrom([]merkle.Hasher{merkle.Keccak256{}, merkle.SHA256{}})
}

// Tree generates a tree hashed with h holding up to max leaves, and its leaves.
func Tree(h merkle.Hasher, max int) *rapid.Generator[TreeWithLeaves] {
	return rapid.Custom(func(t *rapid.T) TreeWithLeaves {
		leaves := Leaves(max).Draw(t, "leaves")
		tree := merkle.NewTree(h)
		for _, l := range leaves {
			if err := tree.Insert(l); err != nil {
				t.Fatalf("insert: %v", err)
			}
		}
		return TreeWithLeaves{Tree: tree, Leaves: leaves}
	})
}

// TreeWithLeaves is a generated tree and the leaves it was built from, in order.
type TreeWithLeaves struct {
	Tree   *merkle.Tree
	Leaves []interop.Hash
}

// DepositCount generates leaf counts of a depth-32 tree, favouring the edges: small
// counts, powers of two and one either side of them, and MaxLeaves.
func DepositCount() *rapid.Generator[uint64] {
	edge := rapid.Custom(func(t *rapid.T) uint64 {
		k := rapid.IntRange(0, merkle.TreeDepth).Draw(t, "k")
		n := uint64(1)<<k + uint64(rapid.IntRange(-1, 1).Draw(t, "delta"))
		return min(n, merkle.MaxLeaves)
	})
	return rapid.OneOf(rapid.Uint64Range(0, 300), edge, rapid.Uint64Range(0, merkle.MaxLeaves))
}

// Snapshot generates consistent EIP-4881 snapshots (Verify passes): random finalized
// roots for a DepositCount, and the deposit root they give.
func Snapshot() *rapid.Generator[merkle.Snapshot] {
	return rapid.Custom(func(t *rapid.T) merkle.Snapshot {
		n := DepositCount().Draw(t, "count")
		s := merkle.Snapshot{
			Finalized:            rapid.SliceOfN(Hash(), bits.OnesCount64(n), bits.OnesCount64(n)).Draw(t, "finalized"),
			DepositCount:         n,
			ExecutionBlockHash:   Hash().Draw(t, "block"),
			ExecutionBlockHeight: rapid.Uint64().Draw(t, "height"),
		}
		root, err := s.CalculateRoot()
		if err != nil {
			t.Fatalf("calculate root: %v", err)
		}
		s.DepositRoot = root
		return s
	})
}

// Root returns the root of the depth-32 tree over leaves, computed from scratch.
func Root(h merkle.Hasher, leaves []interop.Hash) interop.Hash {
	return subtree(h, zeros(h), leaves, merkle.TreeDepth)
}

// Branch returns the proof of leaf index in the depth-32 tree over leaves, computed from
// scratch; index must be below len(leaves).
func Branch(h merkle.Hasher, leaves []interop.Hash, index uint64) merkle.Branch {
	z := zeros(h)
	var b merkle.Branch
	for k := 0; k < merkle.TreeDepth; k++ {
		// The sibling at level k covers leaves [lo, lo + 2^k).
		lo := (index>>k ^ 1) << k
		if lo >= uint64(len(leaves)) {
			b[k] = z[k]
			continue
		}
		hi := min(lo+1<<k, uint64(len(leaves)))
		b[k] = subtree(h, z, leaves[lo:hi], k)
	}
	return b
}

func zeros(h merkle.Hasher) []interop.Hash {
	z := make([]interop.Hash, merkle.TreeDepth+1)
	for i := 0; i < merkle.TreeDepth; i++ {
		z[i+1] = h.Pair(z[i], z[i])
	}
	return z
}

// subtree is the root of a tree of the given height over leaves (at most 2^height).
func subtree(h merkle.Hasher, z []interop.Hash, leaves []interop.Hash, height int) interop.Hash {
	if len(leaves) == 0 {
		return z[height]
	}
	if height == 0 {
		return leaves[0]
	}
	half := 1 << (height - 1)
	var left, right interop.Hash
	if len(leaves) <= half {
		left, right = subtree(h, z, leaves, height-1), z[height-1]
	} else {
		left, right = subtree(h, z, leaves[:half], height-1), subtree(h, z, leaves[half:], height-1)
	}
	return h.Pair(left, right)
}
