package mpt

import (
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
)

// Trie is an in-memory Merkle-Patricia trie for making roots and proofs: in tests, in
// simulations, and for the transaction and receipt tries of [DeriveRoot]. Keys are raw
// bytes (hash them yourself for a secure trie); values are stored as given.
//
// The zero value is an empty trie. A Trie is safe for concurrent use: its methods hold an
// internal lock (Root and Prove cache node encodings, so even they write). Do not copy a
// Trie after first use.
//
// Memory is O(total key and value bytes): one node per key and at most one branch per
// key. Update, Delete and Get walk at most 2·len(key)+1 nodes; Root and Prove encode the
// nodes changed since the last call, and Prove returns at most 2·len(key)+1 nodes.
type Trie struct {
	mu   sync.Mutex
	root node
}

// node is one of *branchNode, *shortNode or valueNode.
type node interface{}

// valueNode is a value stored in the trie.
type valueNode []byte

// shortNode is an extension (val is a branch) or a leaf (key ends with the terminator
// nibble 16, val is a valueNode). key holds one nibble per byte.
type shortNode struct {
	key []byte
	val node
	enc []byte // cached RLP, nil when dirty
}

// branchNode has 16 children and a value slot (index 16).
type branchNode struct {
	children [branchWidth]node
	enc      []byte // cached RLP, nil when dirty
}

const terminator = 16

// keyNibbles expands key to one nibble per byte, followed by the terminator.
func keyNibbles(key []byte) []byte {
	out := make([]byte, 2*len(key)+1)
	for i, b := range key {
		out[2*i] = b >> 4
		out[2*i+1] = b & 0x0f
	}
	out[len(out)-1] = terminator
	return out
}

// Update sets key to value. An empty value deletes the key, as in Ethereum's tries.
func (t *Trie) Update(key, value []byte) {
	if len(value) == 0 {
		t.Delete(key)
		return
	}
	v := make(valueNode, len(value))
	copy(v, value)
	k := keyNibbles(key)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.root = insert(t.root, k, v)
}

// Delete removes key; deleting an absent key changes nothing.
func (t *Trie) Delete(key []byte) {
	k := keyNibbles(key)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.root, _ = remove(t.root, k)
}

// Get returns the value stored under key, or nil.
func (t *Trie) Get(key []byte) []byte {
	k := keyNibbles(key)
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.root
	for {
		switch nd := n.(type) {
		case nil:
			return nil
		case valueNode:
			return nd
		case *shortNode:
			if len(k) < len(nd.key) || string(k[:len(nd.key)]) != string(nd.key) {
				return nil
			}
			k, n = k[len(nd.key):], nd.val
		case *branchNode:
			k, n = k[1:], nd.children[k[0]]
		}
	}
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func insert(n node, key []byte, value valueNode) node {
	if len(key) == 0 {
		return value
	}
	switch nd := n.(type) {
	case nil:
		return &shortNode{key: key, val: value}
	case *shortNode:
		m := commonPrefix(key, nd.key)
		if m == len(nd.key) {
			nd.val = insert(nd.val, key[m:], value)
			nd.enc = nil
			return nd
		}
		// The paths diverge at m: a branch there, under an extension for the common part.
		b := &branchNode{}
		b.children[nd.key[m]] = shorten(nd.key[m+1:], nd.val)
		b.children[key[m]] = insert(nil, key[m+1:], value)
		if m == 0 {
			return b
		}
		return &shortNode{key: key[:m], val: b}
	case *branchNode:
		nd.children[key[0]] = insert(nd.children[key[0]], key[1:], value)
		nd.enc = nil
		return nd
	default: // valueNode with key left over cannot happen: keys end with the terminator
		panic("mpt: corrupt trie")
	}
}

// shorten returns val under the remaining key, or val itself when no key is left.
func shorten(key []byte, val node) node {
	if len(key) == 0 {
		return val
	}
	if sn, ok := val.(*shortNode); ok {
		return &shortNode{key: concat(key, sn.key), val: sn.val}
	}
	return &shortNode{key: key, val: val}
}

func concat(a, b []byte) []byte {
	out := make([]byte, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// remove deletes key below n and returns the new node and whether anything changed.
func remove(n node, key []byte) (node, bool) {
	switch nd := n.(type) {
	case nil:
		return nil, false
	case valueNode:
		return nil, len(key) == 0
	case *shortNode:
		if len(key) < len(nd.key) || string(key[:len(nd.key)]) != string(nd.key) {
			return nd, false
		}
		child, changed := remove(nd.val, key[len(nd.key):])
		if !changed {
			return nd, false
		}
		if child == nil {
			return nil, true
		}
		// Merge with a short child so no extension points at an extension or leaf.
		return shorten(nd.key, child), true
	case *branchNode:
		child, changed := remove(nd.children[key[0]], key[1:])
		if !changed {
			return nd, false
		}
		nd.children[key[0]] = child
		nd.enc = nil
		if child != nil {
			return nd, true
		}
		// A branch left with one child collapses into a short node.
		only := -1
		for i, c := range nd.children {
			if c != nil {
				if only >= 0 {
					return nd, true
				}
				only = i
			}
		}
		return shorten([]byte{byte(only)}, nd.children[only]), true
	}
	return n, false
}

// Root returns the trie's root hash; the empty trie's is EmptyRoot.
func (t *Trie) Root() interop.Hash {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.root == nil {
		return EmptyRoot
	}
	var h hasher
	return Keccak256(h.encode(t.root))
}

// Prove returns the RLP-encoded nodes along key's path, root first: every node referenced
// by hash (embedded nodes travel inside their parent). For a missing key the nodes prove
// its absence. The empty trie's proof is empty.
func (t *Trie) Prove(key []byte) [][]byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.root == nil {
		return nil
	}
	var h hasher
	h.encode(t.root)
	k := keyNibbles(key)
	var proof [][]byte
	n := t.root
	for i := 0; ; i++ {
		var enc []byte
		switch nd := n.(type) {
		case *shortNode:
			enc = nd.enc
		case *branchNode:
			enc = nd.enc
		default:
			return proof
		}
		if i == 0 || len(enc) >= 32 {
			proof = append(proof, append([]byte(nil), enc...))
		}
		switch nd := n.(type) {
		case *shortNode:
			if len(k) < len(nd.key) || string(k[:len(nd.key)]) != string(nd.key) {
				return proof
			}
			k, n = k[len(nd.key):], nd.val
		case *branchNode:
			k, n = k[1:], nd.children[k[0]]
		}
	}
}

// hasher computes and caches node encodings.
type hasher struct{}

// encode returns n's RLP encoding, computing it for dirty nodes.
func (h *hasher) encode(n node) []byte {
	switch nd := n.(type) {
	case *shortNode:
		if nd.enc != nil {
			return nd.enc
		}
		var ref []byte
		if v, ok := nd.val.(valueNode); ok {
			ref = rlp.AppendString(nil, v)
		} else {
			ref = h.ref(nd.val)
		}
		path := hexPrefix(nd.key)
		size := rlp.StringSize(path) + len(ref)
		enc := make([]byte, 0, rlp.ListSize(size))
		enc = rlp.AppendListHeader(enc, size)
		enc = rlp.AppendString(enc, path)
		nd.enc = append(enc, ref...)
		return nd.enc
	case *branchNode:
		if nd.enc != nil {
			return nd.enc
		}
		var refs [branchWidth][]byte
		size := 0
		for i, c := range nd.children[:16] {
			if c == nil {
				refs[i] = emptyString
			} else {
				refs[i] = h.ref(c)
			}
			size += len(refs[i])
		}
		if v, ok := nd.children[16].(valueNode); ok {
			refs[16] = rlp.AppendString(nil, v)
		} else {
			refs[16] = emptyString
		}
		size += len(refs[16])
		enc := make([]byte, 0, rlp.ListSize(size))
		enc = rlp.AppendListHeader(enc, size)
		for _, r := range refs {
			enc = append(enc, r...)
		}
		nd.enc = enc
		return enc
	}
	panic("mpt: encode of a value node")
}

var emptyString = []byte{0x80}

// ref returns how a parent refers to n: its encoding when shorter than 32 bytes, else the
// RLP string of its keccak256.
func (h *hasher) ref(n node) []byte {
	enc := h.encode(n)
	if len(enc) < 32 {
		return enc
	}
	hash := Keccak256(enc)
	return rlp.AppendString(make([]byte, 0, 33), hash[:])
}

// hexPrefix encodes a nibble path (with an optional trailing terminator) in compact form
// (Yellow Paper, Appendix C): flag nibble 2 for leaves, plus 1 for odd length.
func hexPrefix(nibbles []byte) []byte {
	var flag byte
	if len(nibbles) > 0 && nibbles[len(nibbles)-1] == terminator {
		flag = 2
		nibbles = nibbles[:len(nibbles)-1]
	}
	out := make([]byte, len(nibbles)/2+1)
	if len(nibbles)%2 == 1 {
		flag |= 1
		out[0] = flag<<4 | nibbles[0]
		nibbles = nibbles[1:]
	} else {
		out[0] = flag << 4
	}
	for i := 0; i < len(nibbles); i += 2 {
		out[i/2+1] = nibbles[i]<<4 | nibbles[i+1]
	}
	return out
}
