package espressotest

// Generators and a reference builder for the finality part: Espresso block Merkle trees
// (SHA3-256, arity 3), their membership proofs, and light client states that commit to them.
// The builder is written from the tree's definition, independently of the package's verifier,
// so that round trips between the two test one against the other.

import (
	"crypto/sha3"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
	"pgregory.net/rapid"
)

// BlockTree is an append-only block tree held in full: the leaves' serializations and the
// height. It is a test fixture, not a production structure (Root and Prove recompute subtrees).
type BlockTree struct {
	Height uint64
	Leaves [][]byte
}

// node returns the value of the subtree at level (0 = leaves) and index, and whether it holds
// no leaf (jellyfish's Empty, whose value is zero).
func (t *BlockTree) node(level, index uint64) (interop.Hash, bool) {
	span := uint64(1)
	for range level {
		span *= espresso.BlockTreeArity
	}
	if index*span >= uint64(len(t.Leaves)) {
		return interop.Hash{}, true
	}
	if level == 0 {
		return sha3.Sum256(t.Leaves[index]), false
	}
	var buf [espresso.BlockTreeArity * 32]byte
	for c := uint64(0); c < espresso.BlockTreeArity; c++ {
		v, _ := t.node(level-1, index*espresso.BlockTreeArity+c)
		copy(buf[32*c:], v[:])
	}
	return sha3.Sum256(buf[:]), false
}

// Commitment is the tree's MerkleTreeCommitment.
func (t *BlockTree) Commitment() espresso.BlockTreeCommitment {
	d, _ := t.node(t.Height, 0)
	return espresso.BlockTreeCommitment{Digest: d, Height: t.Height, NumLeaves: uint64(len(t.Leaves))}
}

// Prove returns the membership proof of leaf pos as the query service writes it; pos must be a
// leaf of t.
func (t *BlockTree) Prove(pos uint64) *espresso.BlockProof {
	p := &espresso.BlockProof{Pos: pos, Elem: append([]byte(nil), t.Leaves[pos]...)}
	p.LeafValue, _ = t.node(0, pos)
	index := pos
	for level := uint64(0); level < t.Height; level++ {
		parent := index / espresso.BlockTreeArity
		var lv espresso.BlockProofLevel
		for c := uint64(0); c < espresso.BlockTreeArity; c++ {
			v, empty := t.node(level, parent*espresso.BlockTreeArity+c)
			lv.Children[c] = v
			if empty {
				lv.Empty |= 1 << c
			}
		}
		p.Levels = append(p.Levels, lv)
		index = parent
	}
	return p
}

// HeaderCommitment generates a 32-byte header commitment.
func HeaderCommitment() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		var h interop.Hash
		copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "commitment"))
		return h
	})
}

// BlockTreeOf generates a tree of the given height holding 1 to maxLeaves header commitments
// (maxLeaves must not exceed 3^height).
func BlockTreeOf(height uint64, maxLeaves int) *rapid.Generator[*BlockTree] {
	return rapid.Custom(func(t *rapid.T) *BlockTree {
		hs := rapid.SliceOfN(HeaderCommitment(), 1, maxLeaves).Draw(t, "headers")
		tr := &BlockTree{Height: height}
		for _, h := range hs {
			tr.Leaves = append(tr.Leaves, append([]byte(nil), h[:]...))
		}
		return tr
	})
}

// Finalized is a light client state with the block tree it commits to.
type Finalized struct {
	State espresso.FinalizedState
	Tree  *BlockTree
}

// FinalizedOf generates a finalized state over a height-BlockTreeHeight tree of 1 to maxBlocks
// blocks: BlockHeight is the number of leaves and BlockCommRoot the tree commitment's hash, as
// the contract would hold after a state update at that height.
func FinalizedOf(maxBlocks int) *rapid.Generator[Finalized] {
	return rapid.Custom(func(t *rapid.T) Finalized {
		tr := BlockTreeOf(espresso.BlockTreeHeight, maxBlocks).Draw(t, "tree")
		c := tr.Commitment()
		return Finalized{
			Tree: tr,
			State: espresso.FinalizedState{
				ViewNum:       rapid.Uint64().Draw(t, "view"),
				BlockHeight:   c.NumLeaves,
				BlockCommRoot: c.BlockCommRoot(),
			},
		}
	})
}
