package astriatest

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/proof/nmt"
)

// Compress returns a Brotli stream (RFC 7932) of b built from uncompressed
// meta-blocks only: the 1-bit window header (WBITS 16), then per chunk of at most
// 65536 bytes ISLAST=0, MNIBBLES=4, MLEN-1, ISUNCOMPRESSED=1, padding to a byte and the
// bytes, then ISLAST=1, ISLASTEMPTY=1. Any Brotli decoder reads it; it stands in for
// the relayer's quality-5 compression where a test builds its own blobs.
func Compress(b []byte) []byte {
	var w bitWriter
	w.bits(0, 1) // WBITS = 16
	for len(b) > 0 {
		n := min(len(b), 1<<16)
		w.bits(0, 1)            // ISLAST
		w.bits(0, 2)            // MNIBBLES = 4
		w.bits(uint64(n-1), 16) // MLEN - 1
		w.bits(1, 1)            // ISUNCOMPRESSED
		w.align()
		w.out = append(w.out, b[:n]...)
		b = b[n:]
	}
	w.bits(1, 1) // ISLAST
	w.bits(1, 1) // ISLASTEMPTY
	w.align()
	return w.out
}

type bitWriter struct {
	out []byte
	cur byte
	n   uint
}

// align pads the current byte with zero bits.
func (w *bitWriter) align() {
	if w.n > 0 {
		w.out = append(w.out, w.cur)
		w.cur, w.n = 0, 0
	}
}

// bits writes the low n bits of v, least significant first.
func (w *bitWriter) bits(v uint64, n uint) {
	for i := uint(0); i < n; i++ {
		w.cur |= byte(v>>i&1) << w.n
		w.n++
		if w.n == 8 {
			w.out = append(w.out, w.cur)
			w.cur, w.n = 0, 0
		}
	}
}

// Split splits a block for Celestia as astria-core's SequencerBlock::
// split_for_celestia does: its metadata (every rollup id, no rollup served) and one
// SubmittedRollupData per rollup, in the block's order.
func Split(s *astria.SequencerBlock) (astria.FilteredSequencerBlock, []astria.SubmittedRollupData) {
	f := Filter(s)
	var data []astria.SubmittedRollupData
	for _, r := range s.RollupTransactions {
		data = append(data, astria.SubmittedRollupData{SequencerBlockHash: s.BlockHash, RollupTransactions: r})
	}
	return f, data
}

// Blob is a Celestia blob: its namespace and data.
type Blob struct {
	Namespace astria.Namespace
	Data      []byte
}

// Blobs returns the blobs the sequencer-relayer posts for one submission of blocks
// (relayer/write/conversion.rs): the SubmittedMetadataList of every block in the
// sequencer namespace of the first block's chain id, then, per rollup namespace in
// ascending order, the SubmittedRollupDataList of the rollups' data in that
// namespace, in block order; each compressed with Compress.
func Blobs(blocks ...*astria.SequencerBlock) []Blob {
	var meta []astria.FilteredSequencerBlock
	byNS := map[astria.Namespace][]astria.SubmittedRollupData{}
	for _, s := range blocks {
		m, data := Split(s)
		meta = append(meta, m)
		for _, d := range data {
			ns := astria.RollupNamespace(d.RollupID)
			byNS[ns] = append(byNS[ns], d)
		}
	}
	out := []Blob{{Namespace: astria.SequencerNamespace(blocks[0].Header.ChainID), Data: Compress(astria.AppendMetadataList(nil, meta))}}
	for ns, data := range byNS {
		out = append(out, Blob{Namespace: ns, Data: Compress(astria.AppendRollupDataList(nil, data))})
	}
	slices.SortFunc(out[1:], func(a, b Blob) int { return bytes.Compare(a.Namespace[:], b.Namespace[:]) })
	return out
}

// Square is a generated Celestia block holding blobs: the original data square of
// width K (a power of two) holds the blobs' shares in namespace order (the order of
// the blobs given for equal namespaces) and tail padding after them; the extended
// square of width 2K adds parity shares in the parity namespace. Its row and column
// roots are NMTs of namespace ‖ share with Celestia's IgnoreMaxNamespace rule, its
// DataRoot their RFC 6962 root, as celestia-app computes them. The parity is not
// Reed-Solomon (it is derived from the share positions): nothing a share proof checks
// depends on it.
type Square struct {
	DataRoot interop.Hash
	K        int
	rows     []*nmt.Tree
	roots    [][]byte // row roots then column roots
	shares   [][]byte // the original square, row-major
	starts   []int    // first share of each blob, in the order given
	counts   []int
}

// NewSquare lays out blobs (share version 0) in a square and computes its data root.
func NewSquare(blobs []Blob) (*Square, error) {
	type placed struct {
		i      int
		shares [][]byte
	}
	ps := make([]placed, len(blobs))
	total := 0
	for i, b := range blobs {
		sh, err := astria.BlobShares(b.Namespace, b.Data, nil)
		if err != nil {
			return nil, err
		}
		ps[i] = placed{i, sh}
		total += len(sh)
	}
	slices.SortStableFunc(ps, func(a, b placed) int {
		return bytes.Compare(blobs[a.i].Namespace[:], blobs[b.i].Namespace[:])
	})
	k := 1
	for k*k < total {
		k *= 2
	}
	sq := &Square{K: k, starts: make([]int, len(blobs)), counts: make([]int, len(blobs))}
	for _, p := range ps {
		sq.starts[p.i], sq.counts[p.i] = len(sq.shares), len(p.shares)
		sq.shares = append(sq.shares, p.shares...)
	}
	for len(sq.shares) < k*k {
		sq.shares = append(sq.shares, tailPadding())
	}
	h, err := nmt.NewHasher(nmt.CelestiaNamespaceSize, true)
	if err != nil {
		return nil, err
	}
	w := 2 * k
	share := func(r, c int) (ns, data []byte) {
		if r < k && c < k {
			s := sq.shares[r*k+c]
			return s[:nmt.CelestiaNamespaceSize], s
		}
		return parityNamespace[:], parity(r, c)
	}
	build := func(at func(i int) (int, int)) (*nmt.Tree, error) {
		t := nmt.NewTree(h)
		for i := 0; i < w; i++ {
			ns, data := share(at(i))
			if err := t.PushData(ns, data); err != nil {
				return nil, err
			}
		}
		return t, nil
	}
	for r := 0; r < w; r++ {
		t, err := build(func(i int) (int, int) { return r, i })
		if err != nil {
			return nil, err
		}
		sq.rows = append(sq.rows, t)
		sq.roots = append(sq.roots, t.Root())
	}
	for c := 0; c < w; c++ {
		t, err := build(func(i int) (int, int) { return i, c })
		if err != nil {
			return nil, err
		}
		sq.roots = append(sq.roots, t.Root())
	}
	sq.DataRoot = nmt.RFC6962Root(sq.roots)
	return sq, nil
}

// Prove returns the share proof of blob i (in the order given to NewSquare), as
// celestia-app's NewShareInclusionProof builds it: the blob's shares, one NMT range
// proof per row they span, and the Merkle proofs of those rows' roots under the data
// root.
func (sq *Square) Prove(i int) (nmt.ShareProof, error) {
	if i < 0 || i >= len(sq.starts) {
		return nmt.ShareProof{}, fmt.Errorf("astriatest: blob %d of %d", i, len(sq.starts))
	}
	start, end := sq.starts[i], sq.starts[i]+sq.counts[i]
	ns := sq.shares[start][:nmt.CelestiaNamespaceSize]
	sp := nmt.ShareProof{
		Data:             slices.Clone(sq.shares[start:end]),
		NamespaceID:      slices.Clone(ns[1:]),
		NamespaceVersion: uint32(ns[0]),
	}
	r0, r1 := start/sq.K, (end-1)/sq.K
	sp.RowProof.StartRow, sp.RowProof.EndRow = uint32(r0), uint32(r1)
	sp.RowProof.Root = sq.DataRoot[:]
	for r := r0; r <= r1; r++ {
		a, b := max(start, r*sq.K)-r*sq.K, min(end, (r+1)*sq.K)-r*sq.K
		p, err := sq.rows[r].ProveRange(a, b)
		if err != nil {
			return nmt.ShareProof{}, err
		}
		sp.ShareProofs = append(sp.ShareProofs, p)
		path, err := nmt.RFC6962Path(sq.roots, r)
		if err != nil {
			return nmt.ShareProof{}, err
		}
		lh := nmt.RFC6962LeafHash(sq.roots[r])
		sp.RowProof.RowRoots = append(sp.RowProof.RowRoots, sq.roots[r])
		sp.RowProof.Proofs = append(sp.RowProof.Proofs, nmt.MerkleProof{
			Total: int64(len(sq.roots)), Index: int64(r), LeafHash: lh[:], Aunts: path,
		})
	}
	return sp, nil
}

// parityNamespace is Celestia's parity share namespace, all 0xFF.
var parityNamespace = bytes.Repeat([]byte{0xFF}, nmt.CelestiaNamespaceSize)

// tailPadding is go-square's tail padding share: namespace version 255 with id
// 0xFF…FE, share version 0 sequence start, length 0, zeros.
func tailPadding() []byte {
	s := make([]byte, astria.ShareSize)
	for i := 0; i < nmt.CelestiaNamespaceSize-1; i++ {
		s[i] = 0xFF
	}
	s[nmt.CelestiaNamespaceSize-1] = 0xFE
	s[nmt.CelestiaNamespaceSize] = 1
	return s
}

// parity returns a 512-byte stand-in for the parity share at (r, c).
func parity(r, c int) []byte {
	s := make([]byte, 0, astria.ShareSize)
	var seed [16]byte
	binary.BigEndian.PutUint64(seed[:], uint64(r))
	binary.BigEndian.PutUint64(seed[8:], uint64(c))
	for ctr := byte(0); len(s) < astria.ShareSize; ctr++ {
		h := sha256.Sum256(append(seed[:], ctr))
		s = append(s, h[:]...)
	}
	return s
}

// Submission draws 1 to maxBlocks blocks of chain "astria" at heights 1, 2, …, each of
// up to 4 rollups (Rollups, Build) and a distinct drawn block hash: one relayer
// submission.
func Submission(maxBlocks int) *rapid.Generator[[]astria.SequencerBlock] {
	return rapid.Custom(func(t *rapid.T) []astria.SequencerBlock {
		n := rapid.IntRange(1, maxBlocks).Draw(t, "blocks")
		out := make([]astria.SequencerBlock, n)
		for i := range out {
			out[i] = Build(Rollups(4).Draw(t, "rollups"), nil)
			out[i].Header.Height = uint64(i + 1)
			out[i].BlockHash = interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
			out[i].BlockHash[0] = byte(i) // distinct
		}
		return out
	})
}

// Post lays the blobs of one submission of blocks (Blobs) out in a square
// (NewSquare) and returns the square, the blobs, and each blob's share proof.
func Post(blocks []astria.SequencerBlock) (*Square, []Blob, []nmt.ShareProof, error) {
	ptrs := make([]*astria.SequencerBlock, len(blocks))
	for i := range blocks {
		ptrs[i] = &blocks[i]
	}
	blobs := Blobs(ptrs...)
	sq, err := NewSquare(blobs)
	if err != nil {
		return nil, nil, nil, err
	}
	proofs := make([]nmt.ShareProof, len(blobs))
	for i := range blobs {
		if proofs[i], err = sq.Prove(i); err != nil {
			return nil, nil, nil, err
		}
	}
	return sq, blobs, proofs, nil
}
