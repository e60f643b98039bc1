// Package nmttest provides pgregory.net/rapid generators for package nmt: hashers, sorted
// namespaced leaves with repeated namespaces, built trees, mutations of proofs, and
// Celestia-shaped blocks with share proofs (ShareProof), for users' property suites. Generators may be drawn from concurrently; the trees they
// build are nmt.Trees, safe for concurrent use.
package nmttest

import (
	"bytes"
	"slices"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
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

// Block is a generated Celestia-shaped block: the data root over its extended square's row
// and column roots, and a share proof of one namespace's shares in it.
type Block struct {
	DataRoot interop.Hash
	Proof    nmt.ShareProof
}

// ShareProof generates a block of square size k ≤ 4 and the share proof of one of its
// namespaces, built as celestia-app's NewShareInclusionProof builds it: rows of width 2k
// whose leaves are namespace ‖ share, the original quadrant sorted by namespace in
// row-major order, parity leaves in the all-0xFF namespace, IgnoreMaxNamespace on; row
// proofs are RFC 6962 paths over the row roots then the column roots. Shares are short
// (29-byte namespace and a few bytes) since nothing in verification depends on 512; the
// parity is random, not Reed-Solomon, which verification does not see either.
func ShareProof() *rapid.Generator[Block] {
	return rapid.Custom(func(t *rapid.T) Block {
		k := rapid.IntRange(1, 4).Draw(t, "squareSize")
		w := 2 * k
		h, err := nmt.NewHasher(nmt.CelestiaNamespaceSize, true)
		if err != nil {
			panic(err)
		}
		// The original k×k shares, sorted by namespace in row-major order.
		nss := rapid.SliceOfN(rapid.IntRange(1, 4), k*k, k*k).Draw(t, "namespaces")
		slices.Sort(nss)
		share := func(ns int) []byte {
			s := make([]byte, nmt.CelestiaNamespaceSize)
			s[nmt.CelestiaNamespaceSize-1] = byte(ns)
			return append(s, rapid.SliceOfN(rapid.Byte(), 1, 8).Draw(t, "payload")...)
		}
		parity := make([]byte, nmt.CelestiaNamespaceSize)
		for i := range parity {
			parity[i] = 0xFF
		}
		eds := make([][][]byte, w) // eds[row][col] = share
		for r := range eds {
			eds[r] = make([][]byte, w)
			for c := range eds[r] {
				if r < k && c < k {
					eds[r][c] = share(nss[r*k+c])
				} else {
					eds[r][c] = append(slices.Clone(parity), rapid.SliceOfN(rapid.Byte(), 1, 8).Draw(t, "parity")...)
				}
			}
		}
		tree := func(shares [][]byte) *nmt.Tree {
			tr := nmt.NewTree(h)
			for _, s := range shares {
				if err := tr.PushData(s[:nmt.CelestiaNamespaceSize], s); err != nil {
					panic(err)
				}
			}
			return tr
		}
		rows := make([]*nmt.Tree, w)
		var roots [][]byte
		for r := range rows {
			rows[r] = tree(eds[r])
			roots = append(roots, rows[r].Root())
		}
		for c := 0; c < w; c++ {
			col := make([][]byte, w)
			for r := range col {
				col[r] = eds[r][c]
			}
			roots = append(roots, tree(col).Root())
		}
		dataRoot := nmt.RFC6962Root(roots)

		// The proven namespace's shares: a contiguous run in row-major order.
		target := nss[rapid.IntRange(0, len(nss)-1).Draw(t, "target")]
		first, last := -1, -1
		for i, ns := range nss {
			if ns == target {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		// Prove a sub-run of it, as a blob is part of a namespace.
		start := rapid.IntRange(first, last).Draw(t, "start")
		end := rapid.IntRange(start, last).Draw(t, "end")
		startRow, endRow := start/k, end/k
		sp := nmt.ShareProof{NamespaceID: eds[start/k][start%k][1:nmt.CelestiaNamespaceSize]}
		for r := startRow; r <= endRow; r++ {
			lo, hi := 0, k-1
			if r == startRow {
				lo = start % k
			}
			if r == endRow {
				hi = end % k
			}
			p, err := rows[r].ProveRange(lo, hi+1)
			if err != nil {
				panic(err)
			}
			sp.Data = append(sp.Data, eds[r][lo:hi+1]...)
			sp.ShareProofs = append(sp.ShareProofs, p)
			path, err := nmt.RFC6962Path(roots, r)
			if err != nil {
				panic(err)
			}
			lh := nmt.RFC6962LeafHash(roots[r])
			sp.RowProof.RowRoots = append(sp.RowProof.RowRoots, roots[r])
			sp.RowProof.Proofs = append(sp.RowProof.Proofs, nmt.MerkleProof{Total: int64(len(roots)), Index: int64(r), LeafHash: lh[:], Aunts: path})
		}
		sp.RowProof.StartRow, sp.RowProof.EndRow = uint32(startRow), uint32(endRow)
		return Block{DataRoot: dataRoot, Proof: sp}
	})
}
