package mpt

import (
	"fmt"

	"github.com/interopkit/interop/internal/rlp"
)

// branchWidth is the number of items of a branch node: 16 children and a value.
const branchWidth = 17

// item is one RLP item of a node: its kind, its payload, and its whole encoding. All
// slices alias the node's bytes.
type item struct {
	kind    rlp.Kind
	payload []byte
	raw     []byte
}

// parsedNode is a decoded trie node.
type parsedNode struct {
	count int // 2 (extension or leaf) or 17 (branch)
	items [branchWidth]item
	path  compactPath // extension and leaf only
}

// parseNode decodes one trie node and checks all of it, on the key's path or not, so that
// no malformed node is ever accepted (go-ethereum's decodeNode rejects them too):
// canonical RLP holding one list of 2 or 17 items; a branch's children are empty, 32-byte
// hashes or embedded nodes (< 32 bytes, themselves valid) and its value a string; an
// extension has a non-empty hex-prefix path and a hash or embedded child; a leaf has a
// hex-prefix path and a non-empty string value.
func parseNode(enc []byte, n *parsedNode) error {
	content, rest, err := rlp.SplitList(enc)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidNode, err)
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrInvalidNode, len(rest))
	}
	n.count = 0
	for len(content) > 0 {
		if n.count == branchWidth {
			return fmt.Errorf("%w: more than %d items", ErrInvalidNode, branchWidth)
		}
		k, payload, next, err := rlp.Split(content)
		if err != nil {
			return fmt.Errorf("%w: item %d: %w", ErrInvalidNode, n.count, err)
		}
		n.items[n.count] = item{kind: k, payload: payload, raw: content[:len(content)-len(next)]}
		content = next
		n.count++
	}
	if n.count != 2 && n.count != branchWidth {
		return fmt.Errorf("%w: list of %d items (want 2 or 17)", ErrInvalidNode, n.count)
	}
	if n.count == branchWidth {
		for i := range 16 {
			if _, emb, err := n.items[i].childRef(); err != nil {
				return fmt.Errorf("branch child %x: %w", i, err)
			} else if emb != nil {
				if err := validateEmbedded(emb); err != nil {
					return fmt.Errorf("branch child %x: %w", i, err)
				}
			}
		}
		if n.items[16].kind != rlp.String {
			return fmt.Errorf("%w: branch value is a list", ErrInvalidNode)
		}
		return nil
	}
	if n.path, err = parsePath(n.items[0]); err != nil {
		return err
	}
	if n.path.leaf {
		if n.items[1].kind != rlp.String || len(n.items[1].payload) == 0 {
			return fmt.Errorf("%w: leaf value is not a non-empty string", ErrInvalidNode)
		}
		return nil
	}
	if n.path.n == 0 {
		return fmt.Errorf("%w: extension with an empty path", ErrInvalidNode)
	}
	hash, emb, err := n.items[1].childRef()
	switch {
	case err != nil:
		return err
	case hash == nil && emb == nil:
		return fmt.Errorf("%w: extension without a child", ErrInvalidNode)
	case emb != nil:
		return validateEmbedded(emb)
	}
	return nil
}

// validateEmbedded checks a node embedded in its parent. Each level is shorter than the
// last (an embedded node is under 32 bytes), so the recursion is shallow.
func validateEmbedded(enc []byte) error {
	var n parsedNode
	return parseNode(enc, &n)
}

// childRef interprets a child item: empty (no child), a 32-byte hash, or an embedded node,
// which must encode to fewer than 32 bytes (else it would have been hashed).
func (it item) childRef() (hash []byte, embedded []byte, err error) {
	switch {
	case it.kind == rlp.List:
		if len(it.raw) >= 32 {
			return nil, nil, fmt.Errorf("%w: embedded node of %d bytes (must be < 32)", ErrInvalidNode, len(it.raw))
		}
		return nil, it.raw, nil
	case len(it.payload) == 0:
		return nil, nil, nil
	case len(it.payload) == 32:
		return it.payload, nil, nil
	default:
		return nil, nil, fmt.Errorf("%w: child reference of %d bytes", ErrInvalidNode, len(it.payload))
	}
}

// compactPath is a decoded hex-prefix path (Yellow Paper, Appendix C), kept packed in its
// encoding to avoid a copy.
type compactPath struct {
	b    []byte // the compact encoding; the path's nibbles start at nibble 1 (odd) or 2 (even)
	leaf bool
	n    int // number of path nibbles
}

// parsePath decodes a hex-prefix encoded path. The flag nibble is 0 or 1 for an extension
// and 2 or 3 for a leaf; an even path pads the first byte's low nibble with zero.
func parsePath(it item) (compactPath, error) {
	if it.kind != rlp.String || len(it.payload) == 0 {
		return compactPath{}, fmt.Errorf("%w: path is not a non-empty string", ErrInvalidNode)
	}
	b := it.payload
	flag := b[0] >> 4
	if flag > 3 {
		return compactPath{}, fmt.Errorf("%w: hex-prefix flag %d", ErrInvalidNode, flag)
	}
	p := compactPath{b: b, leaf: flag >= 2}
	if flag&1 == 1 {
		p.n = 2*len(b) - 1
	} else {
		if b[0]&0x0f != 0 {
			return compactPath{}, fmt.Errorf("%w: non-zero hex-prefix padding 0x%02x", ErrInvalidNode, b[0])
		}
		p.n = 2*len(b) - 2
	}
	return p, nil
}

// nibble returns the i-th nibble of the path.
func (p compactPath) nibble(i int) byte {
	if p.n%2 == 1 {
		i++ // odd: the first path nibble is the low nibble of byte 0
	} else {
		i += 2
	}
	return nibbleAt(p.b, i)
}

// nibbleAt returns nibble i of b, high nibble first.
func nibbleAt(b []byte, i int) byte {
	if i%2 == 0 {
		return b[i/2] >> 4
	}
	return b[i/2] & 0x0f
}
