package espresso

import (
	"fmt"

	"github.com/interopkit/interop"
)

// VerifyBlockFinal checks that the header commitment headerComm, of the block at height, is
// final under the light client's finalized state st, by a block tree proof p (as served by
// the query service's block-state/:finalized-height/:height endpoint):
//
//	a) height < st.BlockHeight: the tree behind blockCommRoot holds heights 0..BlockHeight-1
//	   (ErrNotFinal);
//	b) p has BlockTreeHeight levels and is for position height with leaf headerComm
//	   (ErrBlockProofShape, ErrBlockProofLeaf), well formed (Root's checks, ErrBlockProofShape);
//	c) the tree commitment {p's root, BlockTreeHeight, st.BlockHeight}, hashed as the light
//	   client state hashes it, equals st.BlockCommRoot (ErrWrongRoot).
//
// The Rescue hash of c) is the most expensive step (about 50 µs) and runs last. Allocates
// nothing.
func VerifyBlockFinal(st FinalizedState, height uint64, headerComm interop.Hash, p *BlockProof) error {
	if height >= st.BlockHeight {
		return fmt.Errorf("%w: height %d, finalized height %d", ErrNotFinal, height, st.BlockHeight)
	}
	if len(p.Levels) != BlockTreeHeight {
		return fmt.Errorf("%w: %d levels, the block tree has %d", ErrBlockProofShape, len(p.Levels), BlockTreeHeight)
	}
	if p.Pos != height {
		return fmt.Errorf("%w: proof for height %d, asked %d", ErrBlockProofLeaf, p.Pos, height)
	}
	if string(p.Elem) != string(headerComm[:]) {
		return fmt.Errorf("%w: proof leaf %x at height %d, asked %s", ErrBlockProofLeaf, p.Elem, height, headerComm)
	}
	digest, err := p.Root()
	if err != nil {
		return err
	}
	c := BlockTreeCommitment{Digest: digest, Height: BlockTreeHeight, NumLeaves: st.BlockHeight}
	if got := c.BlockCommRoot(); got != st.BlockCommRoot {
		return fmt.Errorf("%w: tree %s hashes to blockCommRoot %x, light client has %x", ErrWrongRoot, c, got, st.BlockCommRoot)
	}
	return nil
}
