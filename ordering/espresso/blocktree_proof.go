package espresso

import (
	"fmt"

	"github.com/interopkit/interop"
)

// BlockProof is a membership proof in the block tree, as jellyfish's MerkleProof holds it and
// the query service serves it (GET availability or block-state/:height/:index): the leaf
// (position, element, digest) and, from the bottom level up, each branch's three children,
// the child on the path included. The query service writes every branch value as zero and each
// child as Empty or ForgettenSubtree{value}; that is the only form this type holds.
type BlockProof struct {
	// Pos is the leaf's position: the block height whose header commitment the leaf holds.
	Pos uint64
	// Elem is the leaf element's canonical serialization (32 bytes for a header commitment).
	Elem []byte
	// LeafValue is the leaf digest the proof records; it must be SHA3-256(Elem).
	LeafValue interop.Hash
	// Levels are the branches from the leaf's parent up to the root; len(Levels) is the tree
	// height.
	Levels []BlockProofLevel
}

// BlockProofLevel is one branch of a proof path.
type BlockProofLevel struct {
	// Children are the three children's values, an empty child as zero.
	Children [BlockTreeArity]interop.Hash
	// Empty marks children written as Empty (bit i for child i); an Empty child's value is zero.
	Empty uint8
}

// Height is the height of the tree the proof claims (its number of branch levels).
func (p *BlockProof) Height() int { return len(p.Levels) }

// Root recomputes the digest of the tree the proof leads to, checking its shape as it goes:
//
//	a) the height is at most MaxBlockTreeHeight and Pos fits in a tree of that height;
//	b) 0 < len(Elem) <= MaxBlockLeafSize and LeafValue = SHA3-256(Elem);
//	c) at each level, the child on the path (chosen by Pos's base-3 digits, least significant
//	   first) is not Empty and records the value computed below it; Empty children are zero.
//
// Every failure is ErrBlockProofShape. Upstream (jellyfish verify_membership_proof) does not
// check b) and c); they are checked here so that a proof has one form only. Bound: one SHA3-256
// per level and one for the leaf; allocates nothing.
func (p *BlockProof) Root() (interop.Hash, error) {
	h := len(p.Levels)
	if h > MaxBlockTreeHeight {
		return interop.Hash{}, fmt.Errorf("%w: %d levels, at most %d", ErrBlockProofShape, h, MaxBlockTreeHeight)
	}
	if p.Pos >= blockTreeCapacity(uint64(h)) {
		return interop.Hash{}, fmt.Errorf("%w: position %d outside a height-%d tree", ErrBlockProofShape, p.Pos, h)
	}
	if len(p.Elem) == 0 || len(p.Elem) > MaxBlockLeafSize {
		return interop.Hash{}, fmt.Errorf("%w: leaf element of %d bytes", ErrBlockProofShape, len(p.Elem))
	}
	cur := blockLeafDigest(p.Elem)
	if cur != p.LeafValue {
		return interop.Hash{}, fmt.Errorf("%w: leaf value %s, element hashes to %s", ErrBlockProofShape, p.LeafValue, cur)
	}
	pos := p.Pos
	for i := range p.Levels {
		lv := &p.Levels[i]
		if lv.Empty >= 1<<BlockTreeArity {
			return interop.Hash{}, fmt.Errorf("%w: level %d empty mask %#x", ErrBlockProofShape, i, lv.Empty)
		}
		branch := int(pos % BlockTreeArity)
		pos /= BlockTreeArity
		for c := range lv.Children {
			if lv.Empty>>c&1 == 1 && !lv.Children[c].IsZero() {
				return interop.Hash{}, fmt.Errorf("%w: level %d child %d is Empty with value %s", ErrBlockProofShape, i, c, lv.Children[c])
			}
		}
		if lv.Empty>>branch&1 == 1 {
			return interop.Hash{}, fmt.Errorf("%w: level %d: the child on the path (%d) is Empty", ErrBlockProofShape, i, branch)
		}
		if lv.Children[branch] != cur {
			return interop.Hash{}, fmt.Errorf("%w: level %d child %d records %s, the path computes %s", ErrBlockProofShape, i, branch, lv.Children[branch], cur)
		}
		cur = blockBranchDigest(&lv.Children)
	}
	return cur, nil
}

// VerifyBlockProof checks that p proves elem at position pos in the tree with commitment c:
//
//	a) p.Pos = pos and p.Elem = elem (ErrBlockProofLeaf);
//	b) p has c.Height levels and pos < c.NumLeaves (ErrBlockProofShape), and the shape checks
//	   of Root (ErrBlockProofShape);
//	c) the recomputed digest is c.Digest (ErrWrongRoot).
//
// Bound: as Root.
func VerifyBlockProof(c BlockTreeCommitment, pos uint64, elem []byte, p *BlockProof) error {
	if p.Pos != pos {
		return fmt.Errorf("%w: proof for position %d, asked %d", ErrBlockProofLeaf, p.Pos, pos)
	}
	if string(p.Elem) != string(elem) {
		return fmt.Errorf("%w: proof leaf %x at position %d, asked %x", ErrBlockProofLeaf, p.Elem, pos, elem)
	}
	if uint64(len(p.Levels)) != c.Height {
		return fmt.Errorf("%w: %d levels for a height-%d tree", ErrBlockProofShape, len(p.Levels), c.Height)
	}
	if pos >= c.NumLeaves {
		return fmt.Errorf("%w: position %d in a tree of %d leaves", ErrBlockProofShape, pos, c.NumLeaves)
	}
	root, err := p.Root()
	if err != nil {
		return err
	}
	if root != c.Digest {
		return fmt.Errorf("%w: proof for position %d leads to %s, commitment has %s", ErrWrongRoot, pos, root, c.Digest)
	}
	return nil
}
