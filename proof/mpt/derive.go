package mpt

import (
	"slices"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/internal/rlp"
)

// DeriveRoot returns the root of the trie that maps RLP(i) to items[i]: a block's
// transactionsRoot (items are EIP-2718 encoded transactions: legacy RLP lists, or a type byte
// followed by the payload), receiptsRoot (encoded receipts), or withdrawalsRoot (RLP of each
// withdrawal). Items are opaque bytes and are not copied. Empty items are skipped: the trie
// stores no empty values, and no real transaction or receipt is empty.
//
// It builds no trie: the keys are generated in sorted order and each node is hashed as soon
// as its keys are known, as go-ethereum's StackTrie does. Bound: O(len(items)) time and
// memory (about 75 bytes per item beyond the leaves' encodings, which copy the items),
// recursion at most 18 nibbles deep; the working buffers are pooled.
func DeriveRoot(items [][]byte) interop.Hash {
	b := builderPool.Get().(*sortedBuilder)
	defer builderPool.Put(b)
	// Sized once, exactly: appending by doubling would allocate about twice the final
	// size, and keyBuf must not move, since the keys are slices of it.
	n, size := len(items), 0
	for i := range items {
		if len(items[i]) != 0 {
			size += rlp.Uint64Size(uint64(i))
		}
	}
	b.keys, b.vals = slices.Grow(b.keys[:0], n), slices.Grow(b.vals[:0], n)
	b.keyBuf = slices.Grow(b.keyBuf[:0], size)
	// Keys in byte order: RLP(1..127) are the bytes 0x01..0x7f, RLP(0) is 0x80, and RLP(i)
	// for i >= 128 is 0x8N followed by N big-endian bytes, which sort by length then value.
	add := func(i int) {
		if len(items[i]) == 0 {
			return
		}
		start := len(b.keyBuf)
		b.keyBuf = rlp.AppendUint64(b.keyBuf, uint64(i))
		b.keys = append(b.keys, b.keyBuf[start:len(b.keyBuf):len(b.keyBuf)])
		b.vals = append(b.vals, items[i])
	}
	for i := 1; i < len(items) && i < 0x80; i++ {
		add(i)
	}
	if len(items) > 0 {
		add(0)
	}
	for i := 0x80; i < len(items); i++ {
		add(i)
	}
	return b.root()
}

// IndexKey returns the trie key of position i in a transactions or receipts trie: RLP(i).
func IndexKey(i uint64) []byte { return rlp.AppendUint64(nil, i) }

// sortedBuilder hashes the trie of sorted, unique keys without building nodes: the keys
// under a node are a contiguous run, so each node is encoded from its run directly.
type sortedBuilder struct {
	keys   [][]byte
	vals   [][]byte
	keyBuf []byte
	refs   []byte // a stack of child references of the branches being encoded
	enc    []byte // scratch for one node's encoding
	h      *keccak.Hasher

	// Leaves hashed ahead of the walk, as one batch (see hashLeaves).
	leafOf   []int32 // per key: index into leafHash, or -1
	leafEnc  []byte  // the hashed leaves' encodings, back to back
	leafEnds []int
	leafMsgs [][]byte
	leafHash []interop.Hash
}

var builderPool = sync.Pool{New: func() any {
	return &sortedBuilder{h: keccak.Get()}
}}

func (b *sortedBuilder) root() interop.Hash {
	if len(b.keys) == 0 {
		return EmptyRoot
	}
	b.refs = b.refs[:0]
	b.hashLeaves()
	// The root is hashed even when its encoding is shorter than 32 bytes.
	ref := b.node(nil, 0, len(b.keys), 0, true)
	return interop.Hash(ref[1:])
}

// nibbleOf returns nibble i of key, or 16 when the key ends there.
func nibbleOf(key []byte, i int) byte {
	if i == 2*len(key) {
		return terminator
	}
	return nibbleAt(key, i)
}

// node appends to dst the reference to the node over keys[lo:hi] at nibble depth d: the
// node's encoding when shorter than 32 bytes (and not forced), else 0xa0 followed by its
// keccak256.
func (b *sortedBuilder) node(dst []byte, lo, hi, d int, force bool) []byte {
	first, last := b.keys[lo], b.keys[hi-1]
	if hi-lo == 1 {
		if b.leafOf != nil && b.leafOf[lo] >= 0 && !force {
			if checkLeafDepths {
				b.enc = appendHexPrefix(b.enc[:0], first, d, 2*len(first), true)
				if ref := b.finish(nil, b.enc, b.vals[lo], false); interop.Hash(ref[1:]) != b.leafHash[b.leafOf[lo]] {
					panic("mpt: leaf hashed ahead at the wrong depth")
				}
			}
			return append(append(dst, 0xa0), b.leafHash[b.leafOf[lo]][:]...)
		}
		// A leaf: the rest of the key, and the value.
		b.enc = appendHexPrefix(b.enc[:0], first, d, 2*len(first), true)
		return b.finish(dst, b.enc, b.vals[lo], force)
	}
	// Common prefix of the run = common prefix of its first and last key (they are sorted).
	p := d
	for p < 2*len(first) && p < 2*len(last) && nibbleAt(first, p) == nibbleAt(last, p) {
		p++
	}
	if p > d {
		// An extension over the shared nibbles, then the branch where they part.
		mark := len(b.refs)
		b.refs = b.branch(b.refs, lo, hi, p)
		b.enc = appendHexPrefix(b.enc[:0], first, d, p, false)
		b.enc = append(b.enc, b.refs[mark:]...)
		b.refs = b.refs[:mark]
		return b.finish(dst, b.enc, nil, force)
	}
	return b.branchRef(dst, lo, hi, d, force)
}

// branch appends the reference of the branch over keys[lo:hi] at depth d to dst.
func (b *sortedBuilder) branch(dst []byte, lo, hi, d int) []byte {
	return b.branchRef(dst, lo, hi, d, false)
}

func (b *sortedBuilder) branchRef(dst []byte, lo, hi, d int, force bool) []byte {
	var value []byte
	if nibbleOf(b.keys[lo], d) == terminator {
		// A key ending here sorts first; its value sits in the branch's value slot.
		value = b.vals[lo]
		lo++
	}
	mark := len(b.refs)
	for nib := byte(0); nib < 16; nib++ {
		end := lo
		for end < hi && nibbleOf(b.keys[end], d) == nib {
			end++
		}
		if end == lo {
			b.refs = append(b.refs, 0x80)
			continue
		}
		b.refs = b.node(b.refs, lo, end, d+1, false)
		lo = end
	}
	b.enc = append(b.enc[:0], b.refs[mark:]...)
	if value == nil {
		b.enc = append(b.enc, 0x80) // the empty value slot
	}
	out := b.finish(dst, b.enc, value, force)
	b.refs = b.refs[:mark]
	return out
}

// finish wraps body (the encoded items) and, when value is non-nil, one more item, the
// string value, in a list header, and appends the node's reference to dst.
func (b *sortedBuilder) finish(dst, body, value []byte, force bool) []byte {
	var vhead, lhead [9]byte
	lh, vh, value := nodeHeads(lhead[:0], vhead[:0], body, value)
	size := len(body) + len(vh) + len(value)
	if !force && len(lh)+size < 32 {
		dst = append(dst, lh...)
		dst = append(dst, body...)
		dst = append(dst, vh...)
		return append(dst, value...)
	}
	// Header, items and value header go through the hasher's own buffer so no stack array
	// escapes; the value (the caller's item) is written as it is.
	k := b.h
	k.Buf = append(append(append(k.Buf[:0], lh...), body...), vh...)
	h := k.Hash(k.Buf, value)
	dst = append(dst, 0xa0)
	return append(dst, h[:]...)
}

// nodeHeads returns the list header of a node with items body and, when value is non-nil,
// the string value; the value's own header; and what remains of the value after it (a
// single byte below 0x80 is its own encoding, with no header).
func nodeHeads(lh, vh, body, value []byte) ([]byte, []byte, []byte) {
	if value != nil {
		if len(value) == 1 && value[0] < 0x80 {
			vh = append(vh, value[0])
			value = nil
		} else {
			vh = appendStringHead(vh, len(value))
		}
	}
	return rlp.AppendListHeader(lh, len(body)+len(vh)+len(value)), vh, value
}

// hashLeaves hashes, as one batch, every leaf node the walk will reference by hash. In a
// trie of sorted keys the leaf of key i starts one nibble below the longest prefix it shares
// with a neighbour, so its encoding is known before the walk; a key that is a prefix of the
// next one ends in a branch's value slot instead. Leaves are independent messages, which
// internal/keccak hashes eight at a time where the CPU allows.
func (b *sortedBuilder) hashLeaves() {
	n := len(b.keys)
	b.leafOf = b.leafOf[:0]
	if n < 2 {
		b.leafOf = nil // a lone leaf is the root, hashed by the walk
		return
	}
	b.leafOf = slices.Grow(b.leafOf, n)
	b.leafEnc, b.leafEnds, b.leafMsgs = b.leafEnc[:0], b.leafEnds[:0], b.leafMsgs[:0]
	for i := range n {
		key := b.keys[i]
		prev, next := -1, -1
		if i > 0 {
			prev = sharedNibbles(b.keys[i-1], key)
		}
		if i+1 < n {
			next = sharedNibbles(key, b.keys[i+1])
		}
		if next == 2*len(key) {
			b.leafOf = append(b.leafOf, -1) // a prefix of the next key: a branch value
			continue
		}
		d := max(prev, next) + 1
		b.enc = appendHexPrefix(b.enc[:0], key, d, 2*len(key), true)
		var vhead, lhead [9]byte
		lh, vh, value := nodeHeads(lhead[:0], vhead[:0], b.enc, b.vals[i])
		if len(lh)+len(b.enc)+len(vh)+len(value) < 32 {
			b.leafOf = append(b.leafOf, -1) // embedded in its parent
			continue
		}
		b.leafOf = append(b.leafOf, int32(len(b.leafEnds)))
		b.leafEnc = append(append(append(append(b.leafEnc, lh...), b.enc...), vh...), value...)
		b.leafEnds = append(b.leafEnds, len(b.leafEnc))
	}
	start := 0
	for _, end := range b.leafEnds {
		b.leafMsgs = append(b.leafMsgs, b.leafEnc[start:end])
		start = end
	}
	if cap(b.leafHash) < len(b.leafMsgs) {
		b.leafHash = make([]interop.Hash, len(b.leafMsgs))
	}
	b.leafHash = b.leafHash[:len(b.leafMsgs)]
	keccak.Sum256Many(b.leafHash, b.leafMsgs)
}

// checkLeafDepths makes the walk recompute every leaf hashed ahead and compare (tests only).
var checkLeafDepths = false

// sharedNibbles returns the length in nibbles of the common prefix of a and b.
func sharedNibbles(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n < len(a) && n < len(b) && a[n]>>4 == b[n]>>4 {
		return 2*n + 1
	}
	return 2 * n
}

// appendStringHead appends the RLP header of a string of n bytes (n != 1 or a byte >= 0x80).
func appendStringHead(dst []byte, n int) []byte {
	if n < 56 {
		return append(dst, 0x80+byte(n))
	}
	// The long form: 0xb7 plus the length of the length, then the length.
	var lb [9]byte
	l := rlp.AppendUint64(lb[:0], uint64(n))
	if len(l) == 1 {
		return append(dst, 0xb8, l[0])
	}
	return append(append(dst, 0xb7+byte(len(l)-1)), l[1:]...)
}

// appendHexPrefix appends the RLP string of the hex-prefix encoding (Yellow Paper,
// Appendix C) of nibbles [from, to) of key, flagged as a leaf when leaf.
func appendHexPrefix(dst []byte, key []byte, from, to int, leaf bool) []byte {
	n := to - from
	var flag byte
	if leaf {
		flag = 2
	}
	// A one-byte encoding (flag nibble and at most one path nibble) is below 0x80 and so is
	// its own RLP; longer ones get a string header.
	if size := n/2 + 1; size > 1 {
		dst = appendStringHead(dst, size)
	}
	if n%2 == 1 {
		dst = append(dst, (flag|1)<<4|nibbleAt(key, from))
		from++
	} else {
		dst = append(dst, flag<<4)
	}
	for i := from; i < to; i += 2 {
		dst = append(dst, nibbleAt(key, i)<<4|nibbleAt(key, i+1))
	}
	return dst
}
