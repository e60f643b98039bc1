package ssz

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// variable marks a variable-size field in the size list given to split.
const variable = -1

// offsetSize is BYTES_PER_LENGTH_OFFSET.
const offsetSize = 4

// split cuts the SSZ encoding of a container into its fields' bytes (simple-serialize.md,
// "Deserialization"). sizes holds the fixed size of each field, or variable for a field
// reached through an offset. It checks what the spec requires of a canonical encoding:
// the fixed part is complete; without variable fields the data is exactly the fixed
// part; the first offset points just past the fixed part, offsets never decrease and none
// points past the end. Each part is then decoded strictly by its own type.
func split(name string, data []byte, sizes []int, parts [][]byte) error {
	fixed := 0
	nvar := 0
	for _, s := range sizes {
		if s == variable {
			fixed += offsetSize
			nvar++
		} else {
			fixed += s
		}
	}
	if nvar == 0 && len(data) != fixed {
		return fmt.Errorf("%s: %w: %d bytes, want %d", name, ErrSize, len(data), fixed)
	}
	if len(data) < fixed {
		return fmt.Errorf("%s: %w: %d bytes, want at least %d", name, ErrSize, len(data), fixed)
	}
	pos := 0
	prev := -1 // index of the previous variable field
	prevOff := 0
	for i, s := range sizes {
		if s != variable {
			parts[i] = data[pos : pos+s]
			pos += s
			continue
		}
		off := int(binary.LittleEndian.Uint32(data[pos:]))
		pos += offsetSize
		switch {
		case prev < 0 && off != fixed:
			return fmt.Errorf("%s: %w: first offset %d, want %d", name, ErrOffset, off, fixed)
		case off < prevOff || off > len(data):
			return fmt.Errorf("%s: %w: offset %d after %d in %d bytes", name, ErrOffset, off, prevOff, len(data))
		}
		if prev >= 0 {
			parts[prev] = data[prevOff:off]
		}
		prev, prevOff = i, off
	}
	if prev >= 0 {
		parts[prev] = data[prevOff:]
	}
	return nil
}

func appendUint64(dst []byte, v uint64) []byte {
	return binary.LittleEndian.AppendUint64(dst, v)
}

func appendOffset(dst []byte, off int) []byte {
	return binary.LittleEndian.AppendUint32(dst, uint32(off))
}

func appendHashes(dst []byte, hs []interop.Hash) []byte {
	for i := range hs {
		dst = append(dst, hs[i][:]...)
	}
	return dst
}

// decodeBranch decodes a Vector[Bytes32, depth] into a new slice.
func decodeBranch(name string, b []byte, depth int) ([]interop.Hash, error) {
	if len(b) != 32*depth {
		return nil, fmt.Errorf("%s: %w: %d bytes, want %d", name, ErrSize, len(b), 32*depth)
	}
	out := make([]interop.Hash, depth)
	for i := range out {
		copy(out[i][:], b[32*i:])
	}
	return out, nil
}

func checkBranch(name string, branch []interop.Hash, depth int) error {
	if len(branch) != depth {
		return fmt.Errorf("%w: %s has %d nodes, want %d", ErrField, name, len(branch), depth)
	}
	return nil
}

// branchRoot is hash_tree_root(Vector[Bytes32, len(branch)]).
func branchRoot(branch []interop.Hash) interop.Hash {
	var m merkleizer
	for i := range branch {
		m.add(branch[i])
	}
	return m.root(depthFor(uint64(len(branch))))
}

// containerRoot merkleizes the roots of a container's fields.
func containerRoot(fields ...interop.Hash) interop.Hash {
	var m merkleizer
	for i := range fields {
		m.add(fields[i])
	}
	return m.root(depthFor(uint64(len(fields))))
}
