package mpt

import (
	"bytes"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/internal/parallel"
)

// MaxProofNodes bounds the number of nodes a proof may carry. A path through a trie keyed
// by 32-byte hashes has at most 65 nodes; raw keys of up to 128 bytes stay below this.
const MaxProofNodes = 256

// VerifyProof returns the value stored under key in the trie with the given root, walking
// proof, the RLP-encoded nodes along the key's path (root first, as eth_getProof and
// [Trie.Prove] return them). A valid proof of absence returns (nil, nil). Keys are raw: hash
// them first for the state and storage tries (EIP-1186), or use [VerifyAccount] and
// [VerifyStorage].
//
// The returned value aliases the proof's memory.
//
// Checks, each failing with a wrapped sentinel:
//
//	a) at most MaxProofNodes nodes (ErrInvalidProof);
//	b) every node reached by hash is in the proof, and keccak256(node) is the reference
//	   (ErrMissingNode); nodes found out of order are accepted, and nodes off the path are
//	   ignored, as go-ethereum's trie.VerifyProof does;
//	c) every node is canonical RLP: a branch of 17 items or an extension/leaf of 2
//	   (ErrInvalidNode), with hex-prefix paths whose padding nibble is zero, child
//	   references that are empty, 32-byte hashes, or embedded nodes shorter than 32 bytes;
//	d) an extension has a non-empty path and a child; a leaf and a branch value are strings.
//
// The empty trie needs no nodes: VerifyProof(EmptyRoot, key, nil) proves absence.
//
// Bound: at most MaxProofNodes nodes, refused before hashing; each node hashed once; the
// walk takes at most 2·len(key)+1 steps, each a lookup among at most MaxProofNodes
// hashes; memory 32 bytes per node beyond 16 nodes, none otherwise.
func VerifyProof(root interop.Hash, key []byte, proof [][]byte) ([]byte, error) {
	if len(proof) > MaxProofNodes {
		return nil, fmt.Errorf("%w: %d nodes (max %d)", ErrInvalidProof, len(proof), MaxProofNodes)
	}
	var buf [16]interop.Hash
	w := newWalker(proof, &buf)
	want := root
	var embedded []byte
	keyNibbles := 2 * len(key)
	pos := 0
	var n parsedNode
	for depth := 0; ; depth++ {
		enc := embedded
		if enc == nil {
			var ok bool
			enc, ok = w.find(&want)
			if !ok {
				if depth == 0 && root == EmptyRoot {
					return nil, nil
				}
				return nil, fmt.Errorf("%w: node %x at depth %d (key %x)", ErrMissingNode, want, depth, bytes.Clone(key))
			}
		}
		embedded = nil
		if depth == 0 && root == EmptyRoot && len(enc) == 1 && enc[0] == 0x80 {
			return nil, nil // the empty trie's "node", RLP(""), given explicitly
		}
		if err := parseNode(enc, &n); err != nil {
			return nil, fmt.Errorf("depth %d: %w", depth, err)
		}
		var next item
		if n.count == branchWidth {
			if pos == keyNibbles {
				// The key ends at this branch: its value slot holds the answer.
				return nonEmpty(n.items[16].payload), nil
			}
			next = n.items[nibbleAt(key, pos)]
			pos++
		} else {
			path := n.path
			if path.n > keyNibbles-pos {
				return nil, nil // the path runs past the key: the key is absent
			}
			for i := 0; i < path.n; i++ {
				if path.nibble(i) != nibbleAt(key, pos+i) {
					return nil, nil // the path diverges from the key: absent
				}
			}
			pos += path.n
			if path.leaf {
				if pos != keyNibbles {
					return nil, nil // the leaf's key is a strict prefix of ours: absent
				}
				return n.items[1].payload, nil
			}
			next = n.items[1]
		}
		// parseNode checked every child reference of the node.
		hash, emb, _ := next.childRef()
		switch {
		case emb != nil:
			embedded = emb
		case hash != nil:
			want = interop.Hash(hash)
		default:
			return nil, nil // empty branch slot: absent
		}
	}
}

// Query is one lookup of VerifyProofs: the value under Key in the trie with root Root,
// proven by Proof (as for VerifyProof).
type Query struct {
	Root  interop.Hash
	Key   []byte
	Proof [][]byte
}

// VerifyProofs is VerifyProof for many independent lookups, such as the account and
// storage proofs of several eth_getProof responses or the receipts of a block: values[i]
// is the answer to qs[i] (nil for a proof of absence), aliasing its proof's memory. The
// first failure (lowest index) is returned, wrapped with its index; values is then nil.
//
// Bound: VerifyProof's per query; one slice of len(qs) values.
//
// Cost: with more than one worker (opts: interop.Workers, default GOMAXPROCS) and at
// least minParallelBytes (128 KiB) of proof nodes, blocks of about len(qs)/(16·workers)
// consecutive queries are claimed by whichever worker is free, the caller's goroutine
// among them, and blocks past a known failure are skipped; smaller batches, or one
// worker, are walked in order on the caller's goroutine.
// The result, error included, is the same for any number of workers.
func VerifyProofs(qs []Query, opts ...interop.BatchOption) ([][]byte, error) {
	values := make([][]byte, len(qs))
	workers := interop.Batch(opts...).Workers
	if workers <= 1 || len(qs) < 2 || !worthSplitting(len(qs), func(i int) [][]byte { return qs[i].Proof }) {
		if _, err := verifyQueries(values, qs, 0, len(qs)); err != nil {
			return nil, err
		}
		return values, nil
	}
	// Blocks of consecutive queries, about sixteen per worker, are claimed by whichever
	// worker is free: a claim per query (a few microseconds of work each) moved the
	// claim counter and the neighbouring values between the cores often enough to cost
	// a fifth of the work. Blocks past a known failure are skipped, a block stops at its
	// first failure, and the lowest failure is kept.
	var first parallel.FirstError
	size := max(1, len(qs)/(16*workers))
	stop := func(b int) bool { return first.Past(b * size) }
	parallel.Blocks(len(qs), size, workers, stop, func(_, lo, hi int) {
		if i, err := verifyQueries(values, qs, lo, hi); err != nil {
			first.Report(i, err)
		}
	})
	if err := first.Err(); err != nil {
		return nil, err
	}
	return values, nil
}

// minParallelBytes is how many bytes of proof nodes VerifyProofs and GetProofResult.Verify
// need before they split their work over workers: about fifty mainnet proofs, 200 µs of
// walking. Below it, the tens of microseconds a second goroutine takes to start on a
// virtual machine (15–40 µs on the reference machine) cost more than it saves: the 27 real
// proofs of the test vectors (65 KB, 80 µs) would gain at most about 1.5× on two cores.
var minParallelBytes = 128 << 10 // a variable so that tests can lower it

// worthSplitting reports whether n proofs (proof(i) the nodes of the i-th) hold at least
// minParallelBytes of nodes.
func worthSplitting(n int, proof func(i int) [][]byte) bool {
	total := 0
	for i := range n {
		for _, node := range proof(i) {
			total += len(node)
			if total >= minParallelBytes {
				return true
			}
		}
	}
	return false
}

// verifyQueries answers qs[lo:hi] into values, stopping at the first failure: its index
// and its error, wrapped with the index.
func verifyQueries(values [][]byte, qs []Query, lo, hi int) (int, error) {
	for i := lo; i < hi; i++ {
		v, err := VerifyProof(qs[i].Root, qs[i].Key, qs[i].Proof)
		if err != nil {
			return i, fmt.Errorf("query %d: %w", i, err)
		}
		values[i] = v
	}
	return hi, nil
}

// nonEmpty maps an empty value to nil, the "absent" answer: the trie stores no empty values.
func nonEmpty(v []byte) []byte {
	if len(v) == 0 {
		return nil
	}
	return v
}

// walker finds proof nodes by hash: the next node in order first (the common case costs one
// hash per node), then, for proofs out of order, a scan of all nodes.
type walker struct {
	proof  [][]byte
	next   int
	hashes []interop.Hash // keccak256 of each proof node
}

// newWalker hashes every node of the proof up front, as one batch: nodes are independent
// messages, and internal/keccak hashes up to eight of them side by side (several times
// faster than one by one where the CPU has AVX-512). buf holds the digests of short proofs.
func newWalker(proof [][]byte, buf *[16]interop.Hash) walker {
	var hashes []interop.Hash
	if len(proof) <= len(buf) {
		hashes = buf[:len(proof)]
	} else {
		hashes = make([]interop.Hash, len(proof))
	}
	keccak.Sum256Many(hashes, proof)
	return walker{proof: proof, hashes: hashes}
}

// find returns the proof node whose hash is want: the next node in order when the proof
// lists the path top-down, as eth_getProof does, else any node.
func (w *walker) find(want *interop.Hash) ([]byte, bool) {
	if w.next < len(w.proof) && w.hashes[w.next] == *want {
		w.next++
		return w.proof[w.next-1], true
	}
	for i := range w.hashes {
		if w.hashes[i] == *want {
			return w.proof[i], true
		}
	}
	return nil, false
}
