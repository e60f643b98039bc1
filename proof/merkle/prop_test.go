package merkle_test

import (
	"encoding/json"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/merkle"
	"github.com/interopkit/interop/proof/merkle/merkletest"
)

// Incremental, Tree and the from-scratch reference agree on every root, and the
// Incremental's meaningful frontier entries are the Tree's.
func TestPropRootsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := merkletest.Hasher().Draw(t, "hasher")
		leaves := merkletest.Leaves(300).Draw(t, "leaves")
		inc := merkle.NewIncremental(h)
		tree := merkle.NewTree(h)
		for i, l := range leaves {
			if err := inc.Insert(l); err != nil {
				t.Fatal(err)
			}
			if err := tree.Insert(l); err != nil {
				t.Fatal(err)
			}
			if inc.Count() != uint64(i+1) || tree.Count() != uint64(i+1) {
				t.Fatalf("counts %d, %d after %d inserts", inc.Count(), tree.Count(), i+1)
			}
		}
		want := merkletest.Root(h, leaves)
		if inc.Root() != want || tree.Root() != want {
			t.Fatalf("roots: incremental %v, tree %v, reference %v", inc.Root(), tree.Root(), want)
		}
		if inc.DepositRoot() != merkle.MixInLength(want, uint64(len(leaves))) || tree.DepositRoot() != inc.DepositRoot() {
			t.Fatal("deposit roots disagree")
		}
		fi, ft := inc.Frontier(), tree.Frontier()
		for k := range fi {
			if uint64(len(leaves))>>k&1 == 1 && fi[k] != ft[k] {
				t.Fatalf("frontier[%d]: incremental %v, tree %v", k, fi[k], ft[k])
			}
		}
		resumed, err := merkle.IncrementalFrom(h, &ft, tree.Count())
		if err != nil || resumed.Root() != want {
			t.Fatalf("resumed from the frontier: %v, %v", resumed, err)
		}
	})
}

// Every leaf's branch verifies and equals the reference's; changing any branch node, the
// index or the leaf makes it fail.
func TestPropBranches(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := merkletest.Hasher().Draw(t, "hasher")
		tw := merkletest.Tree(h, 100).Filter(func(tw merkletest.TreeWithLeaves) bool { return len(tw.Leaves) > 0 }).Draw(t, "tree")
		tree, leaves := tw.Tree, tw.Leaves
		root := tree.Root()
		i := rapid.IntRange(0, len(leaves)-1).Draw(t, "index")
		b, err := tree.Branch(uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		if b != merkletest.Branch(h, leaves, uint64(i)) {
			t.Fatal("branch differs from the reference")
		}
		if err := merkle.VerifyBranch(leaves[i], b[:], uint64(i), root, h); err != nil {
			t.Fatal(err)
		}
		if b.Root(leaves[i], uint32(i), h) != root {
			t.Fatal("Branch.Root disagrees")
		}

		k := rapid.IntRange(0, merkle.TreeDepth-1).Draw(t, "node")
		bad := b
		bad[k][rapid.IntRange(0, 31).Draw(t, "byte")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
		if err := merkle.VerifyBranch(leaves[i], bad[:], uint64(i), root, h); !errors.Is(err, merkle.ErrInvalidProof) {
			t.Fatalf("tampered node %d: %v", k, err)
		}
		// Flipping index bit f swaps the two children at level f, which changes the root
		// unless they are equal (a zero leaf beside an empty subtree, say).
		f := rapid.IntRange(0, merkle.TreeDepth-1).Draw(t, "flip")
		if pathNode(h, leaves[i], &b, uint64(i), f) != b[f] {
			j := uint64(i) ^ 1<<f
			if err := merkle.VerifyBranch(leaves[i], b[:], j, root, h); !errors.Is(err, merkle.ErrInvalidProof) {
				t.Fatalf("index %d for %d: %v", j, i, err)
			}
		}
		leaf := leaves[i]
		leaf[rapid.IntRange(0, 31).Draw(t, "leafbyte")] ^= 0x80
		if err := merkle.VerifyBranch(leaf, b[:], uint64(i), root, h); !errors.Is(err, merkle.ErrInvalidProof) {
			t.Fatalf("tampered leaf: %v", err)
		}
		if _, err := tree.Branch(uint64(len(leaves))); !errors.Is(err, merkle.ErrIndex) {
			t.Fatalf("branch past the end: %v", err)
		}
	})
}

// pathNode returns the node at level k on the path from leaf at index.
func pathNode(h merkle.Hasher, leaf interop.Hash, b *merkle.Branch, index uint64, k int) interop.Hash {
	node := leaf
	for i := 0; i < k; i++ {
		if index>>i&1 == 1 {
			node = h.Pair(b[i], node)
		} else {
			node = h.Pair(node, b[i])
		}
	}
	return node
}

// A branch against an earlier size verifies against the root the tree had then, which is
// the root of the first count leaves (Hyperlane: prove a message under a later checkpoint).
func TestPropBranchAt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := merkletest.Hasher().Draw(t, "hasher")
		tw := merkletest.Tree(h, 100).Filter(func(tw merkletest.TreeWithLeaves) bool { return len(tw.Leaves) > 0 }).Draw(t, "tree")
		n := len(tw.Leaves)
		count := rapid.IntRange(1, n).Draw(t, "count")
		i := rapid.IntRange(0, count-1).Draw(t, "index")
		root, err := tw.Tree.RootAt(uint64(count))
		if err != nil {
			t.Fatal(err)
		}
		if root != merkletest.Root(h, tw.Leaves[:count]) {
			t.Fatal("RootAt differs from the reference")
		}
		b, err := tw.Tree.BranchAt(uint64(i), uint64(count))
		if err != nil {
			t.Fatal(err)
		}
		if b != merkletest.Branch(h, tw.Leaves[:count], uint64(i)) {
			t.Fatal("BranchAt differs from the reference")
		}
		if _, err := tw.Tree.RootAt(uint64(n + 1)); !errors.Is(err, merkle.ErrIndex) {
			t.Fatalf("RootAt past the end: %v", err)
		}
	})
}

// VerifyBranch at any depth: a branch built for a leaf verifies; an index beyond the depth
// is ErrIndex, and a branch deeper than MaxBranchDepth is ErrDepth.
func TestPropVerifyBranchAnyDepth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := merkletest.Hasher().Draw(t, "hasher")
		depth := rapid.IntRange(0, merkle.MaxBranchDepth).Draw(t, "depth")
		branch := rapid.SliceOfN(merkletest.Hash(), depth, depth).Draw(t, "branch")
		leaf := merkletest.Hash().Draw(t, "leaf")
		var index uint64
		if depth > 0 {
			index = rapid.Uint64().Draw(t, "index") >> (64 - depth)
		}
		root, err := merkle.BranchRoot(leaf, branch, index, h)
		if err != nil {
			t.Fatal(err)
		}
		if err := merkle.VerifyBranch(leaf, branch, index, root, h); err != nil {
			t.Fatal(err)
		}
		if depth < 64 {
			over := index | 1<<depth
			if err := merkle.VerifyBranch(leaf, branch, over, root, h); !errors.Is(err, merkle.ErrIndex) {
				t.Fatalf("index %d at depth %d: %v", over, depth, err)
			}
		} else {
			deeper := append(branch, leaf)
			if err := merkle.VerifyBranch(leaf, deeper, index, root, h); !errors.Is(err, merkle.ErrDepth) {
				t.Fatalf("depth 65: %v", err)
			}
		}
	})
}

// Snapshot round trip (EIP-4881): finalize anywhere, take the snapshot, rebuild from it,
// replay the later deposits: same root, same proofs for every unfinalized deposit, and
// ErrFinalized for the finalized ones.
func TestPropSnapshotRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := merkletest.Leaves(150).Draw(t, "leaves")
		d := merkle.NewDepositTree()
		for _, l := range leaves {
			if err := d.Insert(l); err != nil {
				t.Fatal(err)
			}
		}
		n := len(leaves)
		// One or two finalizations, the second no earlier than the first.
		f1 := rapid.IntRange(0, n).Draw(t, "finalize1")
		f2 := rapid.IntRange(f1, n).Draw(t, "finalize2")
		var s merkle.Snapshot
		for _, f := range []int{f1, f2} {
			eth1 := merkle.Eth1Data{
				DepositRoot:  merkle.MixInLength(merkletest.Root(merkle.SHA256{}, leaves[:f]), uint64(f)),
				DepositCount: uint64(f),
				BlockHash:    merkletest.Hash().Draw(t, "block"),
			}
			if err := d.Finalize(eth1, uint64(f)); err != nil {
				t.Fatal(err)
			}
			var err error
			if s, err = d.Snapshot(); err != nil {
				t.Fatal(err)
			}
			if s.DepositRoot != eth1.DepositRoot || s.DepositCount != uint64(f) || s.ExecutionBlockHash != eth1.BlockHash {
				t.Fatalf("snapshot %+v does not match the finalized eth1 data %+v", s, eth1)
			}
		}
		root := d.Root()
		if root != merkle.MixInLength(merkletest.Root(merkle.SHA256{}, leaves), uint64(n)) {
			t.Fatal("finalization changed the root")
		}

		// Through JSON and SSZ, as a node would ship it.
		js, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var viaJSON merkle.Snapshot
		if err := json.Unmarshal(js, &viaJSON); err != nil {
			t.Fatal(err)
		}
		ssz, err := viaJSON.MarshalSSZ()
		if err != nil {
			t.Fatal(err)
		}
		var viaSSZ merkle.Snapshot
		if err := viaSSZ.UnmarshalSSZ(ssz); err != nil {
			t.Fatal(err)
		}
		c, err := merkle.DepositTreeFromSnapshot(&viaSSZ)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leaves[f2:] {
			if err := c.Insert(l); err != nil {
				t.Fatal(err)
			}
		}
		if c.Root() != root || c.Count() != uint64(n) || c.FinalizedCount() != uint64(f2) {
			t.Fatalf("rebuilt tree: root %v count %d finalized %d; want %v %d %d", c.Root(), c.Count(), c.FinalizedCount(), root, n, f2)
		}
		for i := range leaves {
			for _, tr := range []*merkle.DepositTree{d, c} {
				leaf, proof, err := tr.Proof(uint64(i))
				if i < f2 {
					if !errors.Is(err, merkle.ErrFinalized) {
						t.Fatalf("proof of finalized deposit %d: %v", i, err)
					}
					continue
				}
				if err != nil || leaf != leaves[i] {
					t.Fatalf("proof %d: %v", i, err)
				}
				if err := merkle.VerifyBranch(leaf, proof[:], uint64(i), root, merkle.SHA256{}); err != nil {
					t.Fatalf("proof %d: %v", i, err)
				}
				if merkle.Branch(proof[:merkle.TreeDepth]) != merkletest.Branch(merkle.SHA256{}, leaves, uint64(i)) {
					t.Fatalf("proof %d differs from the reference", i)
				}
			}
		}
		if _, _, err := c.Proof(uint64(n)); !errors.Is(err, merkle.ErrIndex) {
			t.Fatalf("proof past the end: %v", err)
		}
	})
}

// Finalize refuses data that does not fit the tree and leaves it unchanged.
func TestPropFinalizeRejects(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := merkletest.Leaves(60).Draw(t, "leaves")
		d := merkle.NewDepositTree()
		for _, l := range leaves {
			if err := d.Insert(l); err != nil {
				t.Fatal(err)
			}
		}
		n := len(leaves)
		f := rapid.IntRange(0, n).Draw(t, "finalize")
		good := merkle.Eth1Data{
			DepositRoot:  merkle.MixInLength(merkletest.Root(merkle.SHA256{}, leaves[:f]), uint64(f)),
			DepositCount: uint64(f),
		}
		if err := d.Finalize(good, 1); err != nil {
			t.Fatal(err)
		}
		before, _ := d.Snapshot()
		var bad merkle.Eth1Data
		switch rapid.IntRange(0, 2).Draw(t, "how") {
		case 0: // wrong root
			bad = good
			bad.DepositRoot[rapid.IntRange(0, 31).Draw(t, "byte")] ^= 1
		case 1: // past the end
			bad = good
			bad.DepositCount = uint64(n) + 1 + rapid.Uint64Range(0, 1<<40).Draw(t, "extra")
		case 2: // backwards
			if f == 0 {
				t.Skip("nothing to go back from")
			}
			g := rapid.IntRange(0, f-1).Draw(t, "back")
			bad = merkle.Eth1Data{
				DepositRoot:  merkle.MixInLength(merkletest.Root(merkle.SHA256{}, leaves[:g]), uint64(g)),
				DepositCount: uint64(g),
			}
		}
		if err := d.Finalize(bad, 2); !errors.Is(err, merkle.ErrFinalize) {
			t.Fatalf("finalize %+v: %v", bad, err)
		}
		after, _ := d.Snapshot()
		js1, _ := json.Marshal(before)
		js2, _ := json.Marshal(after)
		if string(js1) != string(js2) {
			t.Fatal("a rejected finalization changed the tree")
		}
	})
}

// Generated snapshots verify, survive SSZ and JSON, rebuild a tree with their root, and
// any change to a finalized root, the count or the deposit root is caught.
func TestPropSnapshotVerify(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := merkletest.Snapshot().Draw(t, "snapshot")
		if err := s.Verify(); err != nil {
			t.Fatal(err)
		}
		d, err := merkle.DepositTreeFromSnapshot(&s)
		if err != nil {
			t.Fatal(err)
		}
		if d.Root() != s.DepositRoot {
			t.Fatal("rebuilt root differs")
		}
		if s.DepositCount == merkle.MaxLeaves {
			if err := d.Insert(interop.Hash{}); !errors.Is(err, merkle.ErrTreeFull) {
				t.Fatalf("insert into a full tree: %v", err)
			}
		}
		bad := s
		bad.Finalized = append([]interop.Hash(nil), s.Finalized...)
		switch {
		case len(bad.Finalized) > 0 && rapid.Bool().Draw(t, "tamperFinalized"):
			bad.Finalized[rapid.IntRange(0, len(bad.Finalized)-1).Draw(t, "which")][0] ^= 1
		case rapid.Bool().Draw(t, "tamperCount"):
			bad.DepositCount ^= 1 << rapid.IntRange(0, 63).Draw(t, "bit")
		default:
			bad.DepositRoot[31] ^= 1
		}
		if err := bad.Verify(); !errors.Is(err, merkle.ErrInvalidSnapshot) {
			t.Fatalf("tampered snapshot: %v", err)
		}
		if _, err := merkle.DepositTreeFromSnapshot(&bad); !errors.Is(err, merkle.ErrInvalidSnapshot) {
			t.Fatalf("tree from a tampered snapshot: %v", err)
		}
	})
}
