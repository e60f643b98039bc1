package merkle_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/merkle"
)

// A Hyperlane-style message tree: insert message ids, prove one of them, and verify the
// proof as MerkleRootMultisigIsm does with branchRoot.
func Example() {
	tree := merkle.NewTree(merkle.Keccak256{})
	for i := byte(1); i <= 3; i++ {
		if err := tree.Insert(interop.Hash{i}); err != nil {
			panic(err)
		}
	}
	root := tree.Root()
	branch, err := tree.Branch(1)
	if err != nil {
		panic(err)
	}
	fmt.Println(branch.Root(interop.Hash{2}, 1, merkle.Keccak256{}) == root)
	fmt.Println(merkle.VerifyBranch(interop.Hash{2}, branch[:], 1, root, merkle.Keccak256{}))
	fmt.Println(merkle.VerifyBranch(interop.Hash{3}, branch[:], 1, root, merkle.Keccak256{}) != nil)
	// Output:
	// true
	// <nil>
	// true
}

// The deposit contract keeps only a frontier; its root mixes in the deposit count.
func ExampleIncremental() {
	tree := merkle.NewIncremental(merkle.SHA256{})
	fmt.Println(tree.DepositRoot())
	_ = tree.Insert(interop.Hash{1})
	fmt.Println(tree.Count(), tree.DepositRoot() == merkle.MixInLength(tree.Root(), 1))
	// Output:
	// 0xd70a234731285c6804c2a4f56711ddb8c82c99740f207854891028af34e27e5e
	// 1 true
}

// EIP-4881: finalize deposits, ship the snapshot, rebuild the tree elsewhere and keep
// proving the deposits that are not finalized.
func ExampleDepositTree() {
	tree := merkle.NewDepositTree()
	for i := byte(0); i < 5; i++ {
		_ = tree.Insert(interop.Hash{i})
	}
	// The finalized checkpoint's Eth1Data covers the first three deposits.
	prefix := merkle.NewIncremental(merkle.SHA256{})
	for i := byte(0); i < 3; i++ {
		_ = prefix.Insert(interop.Hash{i})
	}
	eth1 := merkle.Eth1Data{DepositRoot: prefix.DepositRoot(), DepositCount: 3, BlockHash: interop.Hash{0xbb}}
	if err := tree.Finalize(eth1, 100); err != nil {
		panic(err)
	}
	snap, _ := tree.Snapshot()
	fmt.Println(len(snap.Finalized), snap.DepositCount, snap.ExecutionBlockHeight)

	rebuilt, err := merkle.DepositTreeFromSnapshot(&snap)
	if err != nil {
		panic(err)
	}
	_ = rebuilt.Insert(interop.Hash{3})
	_ = rebuilt.Insert(interop.Hash{4})
	leaf, proof, _ := rebuilt.Proof(4)
	fmt.Println(rebuilt.Root() == tree.Root(), merkle.VerifyBranch(leaf, proof[:], 4, rebuilt.Root(), merkle.SHA256{}))
	_, _, err = rebuilt.Proof(2)
	fmt.Println(err)
	// Output:
	// 2 3 100
	// true <nil>
	// merkle: leaf finalized: leaf 2, first 3 leaves pruned
}
