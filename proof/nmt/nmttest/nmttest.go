// Package nmttest provides pgregory.net/rapid generators for package nmt: hashers, sorted
// namespaced leaves with repeated namespaces, built trees, and mutations of proofs, for
// users' property suites. Generators may be drawn from concurrently; the trees they
// build are nmt.Trees, safe for concurrent use.
package nmttest

import (
	"bytes"
	"slices"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/nmt"
)

// Hasher generates hashers with namespace sizes 1, 8, 29 or up to 32, the rule on or off.
func Hasher() *rapid.Generator[nmt.Hasher] {
	return rapid.Custom(func(t *rapid.T) nmt.Hasher {
		n := rapid.OneOf(rapid.Just(1), rapid.Just(nmt.DefaultNamespaceSize), rapid.Just(nmt.CelestiaNamespaceSize), rapid.IntRange(1, 32)).Draw(t, "nsSize")
		h, err := nmt.NewHasher(n, rapid.Bool().Draw(t, "ignoreMax"))
		if err != nil {
			panic(err)
		}
		return h
	})
}

// Namespace generates namespaces of n bytes drawn from a small alphabet, so that leaves
// share namespaces often, with the all-zero and all-0xFF namespaces among them.
func Namespace(n int) *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		ns := make([]byte, n)
		switch rapid.IntRange(0, 5).Draw(t, "nsKind") {
		case 0:
		case 1:
			for i := range ns {
				ns[i] = 0xFF
			}
		default:
			ns[n-1] = byte(rapid.IntRange(0, 12).Draw(t, "nsTail"))
			if n > 1 {
				ns[0] = byte(rapid.IntRange(0, 1).Draw(t, "nsHead"))
			}
		}
		return ns
	})
}

// Leaves generates up to maxLeaves namespaced leaves (ns ‖ data) sorted by namespace.
func Leaves(n, maxLeaves int) *rapid.Generator[[][]byte] {
	return rapid.Custom(func(t *rapid.T) [][]byte {
		nss := rapid.SliceOfN(Namespace(n), 0, maxLeaves).Draw(t, "namespaces")
		slices.SortFunc(nss, bytes.Compare)
		out := make([][]byte, len(nss))
		for i, ns := range nss {
			data := rapid.SliceOfN(rapid.Byte(), 0, 24).Draw(t, "data")
			out[i] = append(slices.Clone(ns), data...)
		}
		return out
	})
}

// Tree builds a tree over leaves with h; leaves must be sorted.
func Tree(h nmt.Hasher, leaves [][]byte) *nmt.Tree {
	tr := nmt.NewTree(h)
	for _, l := range leaves {
		if err := tr.Push(l); err != nil {
			panic(err)
		}
	}
	return tr
}

// MutateProof returns a copy of p with its hashed content changed in one drawn way: a
// node dropped, a node's bit flipped, a node of nodeSize bytes added, or the absence leaf
// hash flipped. No such proof verifies for any leaves. (Shifting the range is not among
// them: NMT proofs do not bind absolute positions, only order and completeness.)
func MutateProof(t *rapid.T, p nmt.Proof, nodeSize int) nmt.Proof {
	q := nmt.Proof{Start: p.Start, End: p.End, IgnoreMaxNamespace: p.IgnoreMaxNamespace, LeafHash: slices.Clone(p.LeafHash)}
	for _, n := range p.Nodes {
		q.Nodes = append(q.Nodes, slices.Clone(n))
	}
	kind := rapid.IntRange(0, 3).Draw(t, "proofMutation")
	switch {
	case kind == 0 && len(q.Nodes) > 0:
		i := rapid.IntRange(0, len(q.Nodes)-1).Draw(t, "drop")
		q.Nodes = slices.Delete(q.Nodes, i, i+1)
	case kind == 1 && len(q.Nodes) > 0:
		i := rapid.IntRange(0, len(q.Nodes)-1).Draw(t, "node")
		j := rapid.IntRange(0, len(q.Nodes[i])-1).Draw(t, "byte")
		q.Nodes[i][j] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
	case kind == 2 && len(q.LeafHash) > 0:
		j := rapid.IntRange(0, len(q.LeafHash)-1).Draw(t, "byte")
		q.LeafHash[j] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
	default:
		node := rapid.SliceOfN(rapid.Byte(), nodeSize, nodeSize).Draw(t, "extra")
		i := rapid.IntRange(0, len(q.Nodes)).Draw(t, "at")
		q.Nodes = slices.Insert(q.Nodes, i, node)
	}
	return q
}
