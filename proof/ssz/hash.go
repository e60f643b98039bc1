package ssz

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
)

// MaxDepth is the deepest tree the package handles: generalized indices are uint64, so a
// node lies at most 63 levels below the root, and chunk limits go up to 2^63.
const MaxDepth = 63

// BytesPerChunk is SSZ's BYTES_PER_CHUNK.
const BytesPerChunk = 32

// zeroHashes[i] is the root of a subtree of height i whose leaves are all zero chunks
// (simple-serialize.md, "merkleize": the padding of a tree to a power of two).
var zeroHashes = func() (z [MaxDepth + 2]interop.Hash) {
	for i := 1; i < len(z); i++ {
		z[i] = HashPair(z[i-1], z[i-1])
	}
	return z
}()

// ZeroHash returns the root of a subtree of the given height whose leaves are all zero
// chunks; ZeroHash(0) is the zero chunk. Heights above MaxDepth+1 give the zero chunk.
func ZeroHash(height int) interop.Hash {
	if height < 0 || height >= len(zeroHashes) {
		return interop.Hash{}
	}
	return zeroHashes[height]
}

// HashPair returns sha256(left ‖ right), the parent of two nodes. The digest does not
// escape, so it stays on the stack and the call allocates nothing; writing the two halves
// into it is measurably faster than sha256.Sum256 over a copied 64-byte block.
func HashPair(left, right interop.Hash) (parent interop.Hash) {
	h := sha256.New()
	h.Write(left[:])
	h.Write(right[:])
	h.Sum(parent[:0])
	return parent
}

// MixInLength returns mix_in_length(root, length): the parent of root and the length as a
// little-endian uint256 chunk, which is how SSZ lists and bitlists commit to their length.
func MixInLength(root interop.Hash, length uint64) interop.Hash {
	return HashPair(root, Uint64Root(length))
}

// Uint64Root returns hash_tree_root(uint64(v)): v little-endian in a zero-padded chunk.
func Uint64Root(v uint64) interop.Hash {
	var h interop.Hash
	binary.LittleEndian.PutUint64(h[:8], v)
	return h
}

// Uint256Root returns hash_tree_root(uint256(v)): the 32 little-endian bytes of v.
func Uint256Root(v *uint256.Int) interop.Hash {
	var h interop.Hash
	for i := 0; i < 4; i++ {
		binary.LittleEndian.PutUint64(h[8*i:], v[i])
	}
	return h
}

// PackBytes appends to dst the chunks of pack(b): b split into 32-byte chunks, the last
// one right-padded with zeros. No chunk is added for empty b.
func PackBytes(dst []interop.Hash, b []byte) []interop.Hash {
	for len(b) > 0 {
		var c interop.Hash
		n := copy(c[:], b)
		dst = append(dst, c)
		b = b[n:]
	}
	return dst
}

// PackUint64s appends to dst the chunks of pack(values) for a list or vector of uint64:
// four little-endian values per chunk, the last chunk zero-padded.
func PackUint64s(dst []interop.Hash, values []uint64) []interop.Hash {
	for len(values) > 0 {
		var c interop.Hash
		n := min(len(values), 4)
		for i := 0; i < n; i++ {
			binary.LittleEndian.PutUint64(c[8*i:], values[i])
		}
		dst = append(dst, c)
		values = values[n:]
	}
	return dst
}

// depthFor returns ceil(log2(next_pow_of_two(limit))): the height of the tree that
// merkleize pads limit chunks to. A limit of 0 or 1 is a single chunk, height 0.
func depthFor(limit uint64) int {
	if limit <= 1 {
		return 0
	}
	return bits.Len64(limit - 1)
}

// Merkleize returns merkleize(chunks, limit) of simple-serialize.md: the root of the
// binary tree over chunks padded with zero chunks to next_pow_of_two(limit) leaves. It
// uses memory proportional to the depth, not to the padded width, and allocates nothing.
// More chunks than limit is an error (the spec's assertion), as is a limit above 2^63.
// Resource bound: one hash per chunk plus at most MaxDepth for the padding.
func Merkleize(chunks []interop.Hash, limit uint64) (interop.Hash, error) {
	if uint64(len(chunks)) > limit {
		return interop.Hash{}, fmt.Errorf("%w: %d chunks, limit %d", ErrTooManyChunks, len(chunks), limit)
	}
	if limit > 1<<MaxDepth {
		return interop.Hash{}, fmt.Errorf("%w: limit %d above 2^%d", ErrTooManyChunks, limit, MaxDepth)
	}
	var m merkleizer
	for i := range chunks {
		m.add(chunks[i])
	}
	return m.root(depthFor(limit)), nil
}

// merkleizer folds chunks left to right, keeping one pending left node per level (the
// binary representation of the count says which levels hold one). It never pads until
// root, so a limit of 2^40 costs 40 hashes of padding, not 2^40.
type merkleizer struct {
	pending [MaxDepth + 1]interop.Hash
	count   uint64
}

func (m *merkleizer) add(chunk interop.Hash) {
	level := 0
	for c := m.count; c&1 == 1; c >>= 1 {
		chunk = HashPair(m.pending[level], chunk)
		level++
	}
	m.pending[level] = chunk
	m.count++
}

// root closes the tree at the given height. The caller ensures count <= 2^height.
func (m *merkleizer) root(height int) interop.Hash {
	if m.count == 0 {
		return zeroHashes[height]
	}
	if height < 64 && m.count == 1<<height {
		return m.pending[height]
	}
	var cur interop.Hash
	have := false
	for level := 0; level < height; level++ {
		switch {
		case m.count>>level&1 == 1 && have:
			cur = HashPair(m.pending[level], cur)
		case m.count>>level&1 == 1:
			cur, have = HashPair(m.pending[level], zeroHashes[level]), true
		case have:
			cur = HashPair(cur, zeroHashes[level])
		}
	}
	return cur
}

// ByteVectorRoot returns hash_tree_root of a Vector[byte, len(b)] (Bytes32, Bytes48,
// Bytes96, a logs bloom): merkleize(pack(b)) with the chunk count as the limit.
func ByteVectorRoot(b []byte) interop.Hash {
	var m merkleizer
	n := uint64(0)
	for len(b) > 0 {
		var c interop.Hash
		k := copy(c[:], b)
		m.add(c)
		b = b[k:]
		n++
	}
	return m.root(depthFor(n))
}

// ByteListRoot returns hash_tree_root of a List[byte, maxLen]:
// mix_in_length(merkleize(pack(b), limit=ceil(maxLen/32)), len(b)).
func ByteListRoot(b []byte, maxLen uint64) (interop.Hash, error) {
	if uint64(len(b)) > maxLen {
		return interop.Hash{}, fmt.Errorf("%w: byte list of %d bytes, limit %d", ErrField, len(b), maxLen)
	}
	limit := maxLen/BytesPerChunk + min(maxLen%BytesPerChunk, 1)
	if limit > 1<<MaxDepth {
		return interop.Hash{}, fmt.Errorf("%w: byte list limit %d", ErrTooManyChunks, maxLen)
	}
	var m merkleizer
	length := uint64(len(b))
	for len(b) > 0 {
		var c interop.Hash
		k := copy(c[:], b)
		m.add(c)
		b = b[k:]
	}
	return MixInLength(m.root(depthFor(limit)), length), nil
}

// BitvectorRoot returns hash_tree_root of a Bitvector[n] given its SSZ bytes
// (ceil(n/8) of them): merkleize(pack_bits(bits), limit=ceil(n/256)). The chunk limit
// depends on n only through len(bits), so n itself is not needed.
func BitvectorRoot(bits []byte) interop.Hash {
	return ByteVectorRoot(bits)
}
