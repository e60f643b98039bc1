package nmt

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/bits"

	"github.com/interopkit/interop"
)

// walkPath recomputes a root from a leaf hash and its audit path, ordered bottom-up, in a
// tree of size leaves (RFC 9162 §2.1.3.2, which also covers trees whose size is not a
// power of two: where the leaf is the last node of its level, that level has no sibling).
// The same walk serves plain RFC 6962 trees and NMTs, hence the type parameter.
func walkPath[N any](index, size uint64, leaf N, path []N, node func(l, r N) (N, error)) (N, error) {
	var zero N
	if size == 0 || index >= size {
		return zero, fmt.Errorf("%w: leaf %d of %d", ErrInvalidRange, index, size)
	}
	if len(path) > 64 {
		return zero, fmt.Errorf("%w: path of %d nodes", ErrTooLarge, len(path))
	}
	fn, sn := index, size-1
	r := leaf
	var err error
	for i, p := range path {
		if sn == 0 {
			return zero, fmt.Errorf("%w: path has %d nodes, tree of %d needs %d", ErrInvalidProof, len(path), size, i)
		}
		if fn&1 == 1 || fn == sn {
			if r, err = node(p, r); err != nil {
				return zero, err
			}
			if fn&1 == 0 {
				for fn&1 == 0 && fn != 0 {
					fn >>= 1
					sn >>= 1
				}
			}
		} else if r, err = node(r, p); err != nil {
			return zero, err
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 {
		return zero, fmt.Errorf("%w: path of %d nodes too short for a tree of %d", ErrInvalidProof, len(path), size)
	}
	return r, nil
}

// VerifyLeafPath checks that leaf (namespaced, ns ‖ data) is leaf index of a tree of size
// leaves with the given root, given its sibling nodes bottom-up, as blobstream-contracts'
// NamespaceMerkleTree.verify takes them. A tree of zero leaves proves nothing. Bound: at
// most 64 path nodes (ErrTooLarge, before any is read); 65 hashes.
func VerifyLeafPath(h Hasher, root, leaf []byte, index, size uint64, path [][]byte) error {
	if h.n == 0 {
		return fmt.Errorf("%w: zero hasher", ErrNamespaceSize)
	}
	if len(root) != h.NodeSize() {
		return fmt.Errorf("%w: root of %d bytes, want %d", ErrNamespaceSize, len(root), h.NodeSize())
	}
	if len(path) > 64 {
		return fmt.Errorf("%w: path of %d nodes", ErrTooLarge, len(path))
	}
	lh, err := h.HashLeaf(nil, leaf)
	if err != nil {
		return err
	}
	for i, p := range path {
		if err := h.checkNode(p); err != nil {
			return fmt.Errorf("path node %d: %w", i, err)
		}
	}
	got, err := walkPath(index, size, lh, path, func(l, r []byte) ([]byte, error) { return h.hashNode(nil, l, r) })
	if err != nil {
		return err
	}
	if !bytes.Equal(got, root) {
		return fmt.Errorf("%w: computed root %x, want %x", ErrInvalidProof, got, root)
	}
	return nil
}

// RFC6962LeafHash is SHA-256(0x00 ‖ leaf) (RFC 6962 §2.1).
func RFC6962LeafHash(leaf []byte) interop.Hash {
	d := sha256.New()
	d.Write([]byte{LeafPrefix})
	d.Write(leaf)
	var h interop.Hash
	d.Sum(h[:0])
	return h
}

// RFC6962NodeHash is SHA-256(0x01 ‖ l ‖ r) (RFC 6962 §2.1).
func RFC6962NodeHash(l, r interop.Hash) interop.Hash {
	var buf [1 + 64]byte
	buf[0] = NodePrefix
	copy(buf[1:], l[:])
	copy(buf[33:], r[:])
	return sha256.Sum256(buf[:])
}

// RFC6962Root is MTH(leaves) of RFC 6962 §2.1: SHA-256("") for no leaves, the leaf hash
// for one, and the node over the split at the largest power of two below n otherwise.
// Astria's per-rollup transaction root and rollup_ids_root, and CometBFT's simple Merkle
// root (header and validator-set hashes) are this tree. Memory: 32 bytes per leaf.
func RFC6962Root(leaves [][]byte) interop.Hash {
	if len(leaves) == 0 {
		return sha256.Sum256(nil)
	}
	hashes := make([]interop.Hash, len(leaves))
	var scratch []byte
	for i, l := range leaves {
		scratch = append(append(scratch[:0], LeafPrefix), l...)
		hashes[i] = sha256.Sum256(scratch)
	}
	return RFC6962RootOfLeafHashes(hashes)
}

// RFC6962RootOfLeafHashes is MTH over leaves already hashed with RFC6962LeafHash (for
// leaves whose encoding the caller builds in a buffer of its own). It allocates nothing
// and does not modify hashes.
func RFC6962RootOfLeafHashes(hashes []interop.Hash) interop.Hash {
	switch len(hashes) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return hashes[0]
	}
	k := 1 << (bits.Len(uint(len(hashes)-1)) - 1)
	return RFC6962NodeHash(RFC6962RootOfLeafHashes(hashes[:k]), RFC6962RootOfLeafHashes(hashes[k:]))
}

func rfc6962Leaves(leaves [][]byte) []interop.Hash {
	level := make([]interop.Hash, len(leaves))
	for i, l := range leaves {
		level[i] = RFC6962LeafHash(l)
	}
	return level
}

// rfc6962Up returns the level above, carrying an odd last node up unchanged (the RFC 6962
// shape, as in Tree.build).
func rfc6962Up(level []interop.Hash) []interop.Hash {
	next := make([]interop.Hash, 0, (len(level)+1)/2)
	for i := 0; i+1 < len(level); i += 2 {
		next = append(next, RFC6962NodeHash(level[i], level[i+1]))
	}
	if len(level)%2 == 1 {
		next = append(next, level[len(level)-1])
	}
	return next
}

// RFC6962Path returns the audit path of leaf index, bottom-up (RFC 6962 §2.1.1 PATH).
func RFC6962Path(leaves [][]byte, index int) ([]interop.Hash, error) {
	if index < 0 || index >= len(leaves) {
		return nil, fmt.Errorf("%w: leaf %d of %d", ErrInvalidRange, index, len(leaves))
	}
	level := rfc6962Leaves(leaves)
	var path []interop.Hash
	for i := index; len(level) > 1; i /= 2 {
		if s := i ^ 1; s < len(level) {
			path = append(path, level[s])
		}
		level = rfc6962Up(level)
	}
	return path, nil
}

// VerifyRFC6962 checks an RFC 6962 audit path, bottom-up, for leaf at index in a tree of
// size leaves (RFC 9162 §2.1.3.2). Bound: at most 64 path nodes (ErrTooLarge); 65 hashes,
// nothing allocated.
func VerifyRFC6962(root interop.Hash, leaf []byte, index, size uint64, path []interop.Hash) error {
	got, err := walkPath(index, size, RFC6962LeafHash(leaf), path, func(l, r interop.Hash) (interop.Hash, error) {
		return RFC6962NodeHash(l, r), nil
	})
	if err != nil {
		return err
	}
	if got != root {
		return fmt.Errorf("%w: computed root %x, want %x", ErrInvalidProof, got, root)
	}
	return nil
}
