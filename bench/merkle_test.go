package bench

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/beacon/merkle"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/interopkit/interop"
	imerkle "github.com/interopkit/interop/proof/merkle"
)

// go-ethereum has no deposit or Hyperlane tree; its one binary-tree primitive is
// beacon/merkle.VerifyProof (SHA-256, generalized index). For keccak, and for the
// incremental tree, the baseline is the straightforward code a geth user writes: the
// contract's frontier algorithm over crypto.Keccak256Hash, or over sha256 as
// beacon/merkle hashes (a sha256.New per operation).

type gethFrontier struct {
	pair   func(a, b common.Hash) common.Hash
	zeros  [33]common.Hash
	branch [32]common.Hash
	count  uint64
}

func keccakPair(a, b common.Hash) common.Hash { return crypto.Keccak256Hash(a[:], b[:]) }

func sha256Pair(a, b common.Hash) (out common.Hash) {
	h := sha256.New()
	h.Write(a[:])
	h.Write(b[:])
	h.Sum(out[:0])
	return out
}

func newGethFrontier(pair func(a, b common.Hash) common.Hash) *gethFrontier {
	f := &gethFrontier{pair: pair}
	for i := 0; i < 32; i++ {
		f.zeros[i+1] = pair(f.zeros[i], f.zeros[i])
	}
	return f
}

func (f *gethFrontier) insert(leaf common.Hash) {
	f.count++
	size, node := f.count, leaf
	for i := 0; i < 32; i++ {
		if size&1 == 1 {
			f.branch[i] = node
			return
		}
		node = f.pair(f.branch[i], node)
		size >>= 1
	}
}

func (f *gethFrontier) root() common.Hash {
	node := common.Hash{}
	for i := 0; i < 32; i++ {
		if f.count>>i&1 == 1 {
			node = f.pair(f.branch[i], node)
		} else {
			node = f.pair(node, f.zeros[i])
		}
	}
	return node
}

func gethBranchRoot(pair func(a, b common.Hash) common.Hash, leaf common.Hash, branch []common.Hash, index uint64) common.Hash {
	node := leaf
	for i, s := range branch {
		if index>>i&1 == 1 {
			node = pair(s, node)
		} else {
			node = pair(node, s)
		}
	}
	return node
}

// merkleFixture: a 1000-leaf deposit tree and Hyperlane tree, a proof from each.
type merkleFixture struct {
	leaves                 []interop.Hash
	depositRoot            interop.Hash
	depositLeaf            interop.Hash
	depositProof           imerkle.DepositProof
	depositProofGeth       merkle.Values
	keccakRoot             interop.Hash
	keccakBranch           imerkle.Branch
	keccakBranchGeth       []common.Hash
	depositIndex, kecIndex uint64
}

func newMerkleFixture() *merkleFixture {
	r := rand.New(rand.NewPCG(1, 2))
	f := &merkleFixture{leaves: make([]interop.Hash, 1000), depositIndex: 777, kecIndex: 333}
	d := imerkle.NewDepositTree()
	k := imerkle.NewTree(imerkle.Keccak256{})
	for i := range f.leaves {
		for j := range f.leaves[i] {
			f.leaves[i][j] = byte(r.Uint32())
		}
		_ = d.Insert(f.leaves[i])
		_ = k.Insert(f.leaves[i])
	}
	f.depositRoot = d.Root()
	f.depositLeaf, f.depositProof, _ = d.Proof(f.depositIndex)
	for _, n := range f.depositProof {
		f.depositProofGeth = append(f.depositProofGeth, merkle.Value(n))
	}
	f.keccakRoot = k.Root()
	f.keccakBranch, _ = k.Branch(f.kecIndex)
	for _, n := range f.keccakBranch {
		f.keccakBranchGeth = append(f.keccakBranchGeth, common.Hash(n))
	}
	return f
}

// TestDifferentialMerkleGeth: on random trees and proofs, the library and geth (or the
// geth-based baseline) agree on roots and on which proofs verify.
func TestDifferentialMerkleGeth(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	randHash := func() (h interop.Hash) {
		for j := range h {
			h[j] = byte(r.Uint32())
		}
		return h
	}
	for _, tc := range []struct {
		name string
		h    imerkle.Hasher
		pair func(a, b common.Hash) common.Hash
	}{{"keccak256", imerkle.Keccak256{}, keccakPair}, {"sha256", imerkle.SHA256{}, sha256Pair}} {
		for round := 0; round < 20; round++ {
			n := r.IntN(300)
			if round < 3 {
				n = round
			}
			inc, tree, theirs := imerkle.NewIncremental(tc.h), imerkle.NewTree(tc.h), newGethFrontier(tc.pair)
			for i := 0; i < n; i++ {
				l := randHash()
				_ = inc.Insert(l)
				_ = tree.Insert(l)
				theirs.insert(common.Hash(l))
				if inc.Root() != interop.Hash(theirs.root()) || tree.Root() != inc.Root() {
					t.Fatalf("%s: roots differ after %d leaves", tc.name, i+1)
				}
			}
		}
	}
	// Deposit proofs (depth 33) against geth's SSZ branch verifier, valid and tampered.
	for round := 0; round < 50; round++ {
		d := imerkle.NewDepositTree()
		n := 1 + r.IntN(200)
		for i := 0; i < n; i++ {
			_ = d.Insert(randHash())
		}
		idx := uint64(r.IntN(n))
		leaf, proof, err := d.Proof(idx)
		if err != nil {
			t.Fatal(err)
		}
		if round%2 == 1 {
			proof[r.IntN(len(proof))][r.IntN(32)] ^= 1
		}
		var vals merkle.Values
		for _, p := range proof {
			vals = append(vals, merkle.Value(p))
		}
		ours := imerkle.VerifyBranch(leaf, proof[:], idx, d.Root(), imerkle.SHA256{})
		theirs := merkle.VerifyProof(common.Hash(d.Root()), 1<<33|idx, vals, merkle.Value(leaf))
		if (ours == nil) != (theirs == nil) {
			t.Fatalf("round %d: interop %v, geth %v", round, ours, theirs)
		}
	}
}

// merklePair is one operation in both implementations: each func sets up its state and
// returns the operation, which panics on a wrong result.
type merklePair struct {
	name            string
	interop, theirs func() func()
}

var merkleFix = newMerkleFixture()

func incrementalPairs(name string, h imerkle.Hasher, pair func(a, b common.Hash) common.Hash) []merklePair {
	return []merklePair{
		{
			name: "IncrementalInsert/" + name,
			interop: func() func() {
				t, i := imerkle.NewIncremental(h), 0
				return func() {
					if t.Insert(merkleFix.leaves[i%1000]) != nil {
						t = imerkle.NewIncremental(h)
					}
					i++
				}
			},
			theirs: func() func() {
				t, i := newGethFrontier(pair), 0
				return func() {
					t.insert(common.Hash(merkleFix.leaves[i%1000]))
					i++
				}
			},
		},
		{
			name: "IncrementalRoot/" + name,
			interop: func() func() {
				t := imerkle.NewIncremental(h)
				for _, l := range merkleFix.leaves {
					_ = t.Insert(l)
				}
				return func() { _ = t.Root() }
			},
			theirs: func() func() {
				t := newGethFrontier(pair)
				for _, l := range merkleFix.leaves {
					t.insert(common.Hash(l))
				}
				return func() { _ = t.root() }
			},
		},
	}
}

var merklePairs = append(append([]merklePair{
	{
		// A deposit proof as process_deposit checks it: depth 33, SHA-256.
		name: "VerifyBranch/sha256-deposit33",
		interop: func() func() {
			f := merkleFix
			return func() {
				if err := imerkle.VerifyBranch(f.depositLeaf, f.depositProof[:], f.depositIndex, f.depositRoot, imerkle.SHA256{}); err != nil {
					panic(err)
				}
			}
		},
		theirs: func() func() {
			f := merkleFix
			return func() {
				if err := merkle.VerifyProof(common.Hash(f.depositRoot), 1<<33|f.depositIndex, f.depositProofGeth, merkle.Value(f.depositLeaf)); err != nil {
					panic(err)
				}
			}
		},
	},
	{
		// A Hyperlane message proof: depth 32, keccak256 (MerkleLib.branchRoot).
		name: "VerifyBranch/keccak-hyperlane32",
		interop: func() func() {
			f := merkleFix
			return func() {
				if err := imerkle.VerifyBranch(f.leaves[f.kecIndex], f.keccakBranch[:], f.kecIndex, f.keccakRoot, imerkle.Keccak256{}); err != nil {
					panic(err)
				}
			}
		},
		theirs: func() func() {
			f := merkleFix
			return func() {
				if gethBranchRoot(keccakPair, common.Hash(f.leaves[f.kecIndex]), f.keccakBranchGeth, f.kecIndex) != common.Hash(f.keccakRoot) {
					panic("mismatch")
				}
			}
		},
	},
}, incrementalPairs("keccak256", imerkle.Keccak256{}, keccakPair)...), incrementalPairs("sha256", imerkle.SHA256{}, sha256Pair)...)

func benchOp(setup func() func()) func(*testing.B) {
	return func(b *testing.B) {
		op := setup()
		b.ReportAllocs()
		for b.Loop() {
			op()
		}
	}
}

// BenchmarkMerkle times every pair, interop and the geth side by side; compare them with
// benchstat -col '/impl@(geth interop)'.
func BenchmarkMerkle(b *testing.B) {
	for _, p := range merklePairs {
		b.Run(p.name+"/impl=geth", benchOp(p.theirs))
		b.Run(p.name+"/impl=interop", benchOp(p.interop))
	}
}

// TestMerkleRatios logs interop/geth time ratios (above 1 means interop is slower),
// measured by measureRatio; it runs only with BENCH_RATIOS=1.
func TestMerkleRatios(t *testing.T) {
	skipUnlessRatios(t)
	for _, p := range merklePairs {
		r := measureRatio(p.interop(), p.theirs(), 200, 100)
		t.Logf("%-34s interop %7.0f ns/op %2.0f allocs  geth %7.0f ns/op %2.0f allocs  ratio %.2f",
			p.name, r.oursNs(), r.oursAllocs, r.theirsNs(), r.theirsAllocs, r.ratio())
	}
}
