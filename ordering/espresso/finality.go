package espresso

// Part: finality from Ethereum.
//
// What the library checks. A rollup that trusts an Ethereum state root (from its own beacon
// light client, never from an RPC) reads the Espresso light client contract's finalizedState
// through an EIP-1186 storage proof (ReadFinalizedState: proof/mpt verifies the account and
// slots 6-7, the packing is decoded strictly), and then checks that a block commitment is final
// (VerifyBlockFinal): the block's height is below the finalized height, its header commitment is
// the leaf at that height in a block Merkle tree proof (SHA3-256, arity 3, height 32), and the
// tree the proof leads to, with the finalized height as its leaf count, hashes with Rescue-254
// (hotshot-types hash_bytes_to_field) to the contract's blockCommRoot. Nothing served by an
// Espresso node or an Ethereum RPC is trusted: the proof JSON and the eth_getProof response are
// both checked against the roots.
//
// What it cannot check. That the contract's state is right: the contract accepted it because a
// Plonk proof showed a quorum of the stake table signed it (the library does not verify that
// SNARK, nor who may upgrade the proxy or set a permissioned prover). That the state root is
// final on Ethereum: the caller's light client says so. The finalized block itself (height
// blockHeight) is not in its own tree: its header commitment is final, but it is proven only by
// a later state. The header commitment binds the block's payload through the header's fields;
// what the block contains is the namespace part's question. Freshness: a state read at an old
// Ethereum block is a true but old finalized state.

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
