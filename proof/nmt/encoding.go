package nmt

import (
	"encoding/binary"
	"fmt"
)

// Proof encoding (this package's own, for carrying proofs in messages):
//
//	flags u8 (bit 0: IgnoreMaxNamespace, bit 1: absence; other bits zero)
//	start u32 big-endian ‖ end u32 big-endian
//	count u8 ‖ count nodes of 2n+32 bytes
//	leaf hash of 2n+32 bytes, present iff the absence bit is set
const (
	flagIgnoreMax = 1 << 0
	flagAbsence   = 1 << 1
	headerSize    = 1 + 4 + 4 + 1
)

// EncodedSize returns the length of p's encoding for namespaces of nsSize bytes.
func (p *Proof) EncodedSize(nsSize int) int {
	w := 2*nsSize + 32
	n := headerSize + len(p.Nodes)*w
	if p.IsAbsence() {
		n += w
	}
	return n
}

// AppendBinary appends p's encoding for namespaces of nsSize bytes. Nodes of another size,
// a range outside [0, MaxLeaves] or more than MaxProofNodes nodes are errors.
func (p *Proof) AppendBinary(dst []byte, nsSize int) ([]byte, error) {
	h, err := NewHasher(nsSize, p.IgnoreMaxNamespace)
	if err != nil {
		return dst, err
	}
	if err := checkShape(p); err != nil {
		return dst, err
	}
	var flags byte
	if p.IgnoreMaxNamespace {
		flags |= flagIgnoreMax
	}
	if p.IsAbsence() {
		flags |= flagAbsence
		if len(p.LeafHash) != h.NodeSize() {
			return dst, fmt.Errorf("%w: leaf hash of %d bytes", ErrInvalidNode, len(p.LeafHash))
		}
	}
	dst = append(dst, flags)
	dst = binary.BigEndian.AppendUint32(dst, uint32(p.Start))
	dst = binary.BigEndian.AppendUint32(dst, uint32(p.End))
	dst = append(dst, byte(len(p.Nodes)))
	for i, n := range p.Nodes {
		if len(n) != h.NodeSize() {
			return dst, fmt.Errorf("%w: node %d of %d bytes", ErrInvalidNode, i, len(n))
		}
		dst = append(dst, n...)
	}
	return append(dst, p.LeafHash...), nil
}

// DecodeProof decodes a proof for namespaces of nsSize bytes. It rejects unknown flag
// bits, End < Start, more than MaxProofNodes nodes, and any length other than the exact
// one the header implies; nodes alias b. Decoding checks the form only: verify the
// result with VerifyNamespace or VerifyRange. Bound: O(1) work before the length check;
// memory 24 bytes per node, at most MaxProofNodes nodes.
func DecodeProof(b []byte, nsSize int) (Proof, error) {
	h, err := NewHasher(nsSize, false)
	if err != nil {
		return Proof{}, err
	}
	if len(b) < headerSize {
		return Proof{}, fmt.Errorf("%w: %d bytes, header is %d", ErrInvalidEncoding, len(b), headerSize)
	}
	flags := b[0]
	if flags&^(flagIgnoreMax|flagAbsence) != 0 {
		return Proof{}, fmt.Errorf("%w: flags %#x", ErrInvalidEncoding, flags)
	}
	start := binary.BigEndian.Uint32(b[1:])
	end := binary.BigEndian.Uint32(b[5:])
	count := int(b[9])
	if end < start {
		return Proof{}, fmt.Errorf("%w: range [%d, %d)", ErrInvalidEncoding, start, end)
	}
	if count > MaxProofNodes {
		return Proof{}, fmt.Errorf("%w: %d nodes", ErrTooLarge, count)
	}
	w := h.NodeSize()
	want := headerSize + count*w
	if flags&flagAbsence != 0 {
		want += w
	}
	if len(b) != want {
		return Proof{}, fmt.Errorf("%w: %d bytes, header implies %d", ErrInvalidEncoding, len(b), want)
	}
	p := Proof{Start: int(start), End: int(end), IgnoreMaxNamespace: flags&flagIgnoreMax != 0}
	if count > 0 {
		p.Nodes = make([][]byte, count)
		for i := range p.Nodes {
			o := headerSize + i*w
			p.Nodes[i] = b[o : o+w : o+w]
		}
	}
	if flags&flagAbsence != 0 {
		o := headerSize + count*w
		p.LeafHash = b[o : o+w : o+w]
	}
	return p, nil
}
