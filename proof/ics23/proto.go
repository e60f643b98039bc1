package ics23

import (
	"encoding/binary"
	"fmt"
	"math"
)

// The protobuf wire format (protobuf.dev/programming-guides/encoding) as far as
// cosmos.ics23.v1 needs it. The reader keeps slices into the input instead of copying,
// accepts fields in any order and skips unknown fields as any protobuf decoder does, and
// rejects what a canonical encoder never writes and what would make a proof mean two
// things: a singular field or oneof repeated, groups, and truncated or overlong varints.

const (
	wireVarint = 0
	wireI64    = 1
	wireLen    = 2
	wireI32    = 5
)

type pbReader struct {
	b   []byte
	off int
}

func (r *pbReader) done() bool { return r.off >= len(r.b) }

func (r *pbReader) varint() (uint64, error) {
	// Tags, lengths and enum values are almost always one byte.
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		r.off++
		return uint64(r.b[r.off-1]), nil
	}
	// binary.Uvarint rejects more than ten bytes and a tenth byte above 1, as protobuf does.
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		return 0, fmt.Errorf("%w: bad varint at offset %d", ErrMalformed, r.off)
	}
	r.off += n
	return v, nil
}

func (r *pbReader) tag() (field uint64, wire int, err error) {
	t, err := r.varint()
	if err != nil {
		return 0, 0, err
	}
	field, wire = t>>3, int(t&7)
	if field == 0 || field > 1<<29-1 {
		return 0, 0, fmt.Errorf("%w: field number %d at offset %d", ErrMalformed, field, r.off)
	}
	return field, wire, nil
}

func (r *pbReader) bytes() ([]byte, error) {
	n, err := r.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)-r.off) {
		return nil, fmt.Errorf("%w: length %d past the end (%d bytes left)", ErrMalformed, n, len(r.b)-r.off)
	}
	b := r.b[r.off : r.off+int(n) : r.off+int(n)]
	r.off += int(n)
	return b, nil
}

func (r *pbReader) skip(wire int) error {
	switch wire {
	case wireVarint:
		_, err := r.varint()
		return err
	case wireI64, wireI32:
		n := 8
		if wire == wireI32 {
			n = 4
		}
		if len(r.b)-r.off < n {
			return fmt.Errorf("%w: fixed field past the end", ErrMalformed)
		}
		r.off += n
		return nil
	case wireLen:
		_, err := r.bytes()
		return err
	}
	return fmt.Errorf("%w: wire type %d", ErrMalformed, wire)
}

// expect checks that a known field arrived with its declared wire type.
func expect(field uint64, wire, want int) error {
	if wire != want {
		return fmt.Errorf("%w: field %d has wire type %d, want %d", ErrMalformed, field, wire, want)
	}
	return nil
}

// lenField reads the payload of a length-delimited field after checking that the field
// arrived with that wire type.
func (r *pbReader) lenField(field uint64, wire int) ([]byte, error) {
	if err := expect(field, wire, wireLen); err != nil {
		return nil, err
	}
	return r.bytes()
}

// eachMessage calls fn with the payload of every occurrence of a repeated message field,
// in order, and skips the other fields.
func eachMessage(b []byte, field uint64, fn func([]byte) error) error {
	r := pbReader{b: b}
	for !r.done() {
		f, w, err := r.tag()
		if err != nil {
			return err
		}
		if f != field {
			if err := r.skip(w); err != nil {
				return err
			}
			continue
		}
		v, err := r.lenField(f, w)
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

// seen records singular fields (numbers below 64) and rejects a second occurrence.
type seen uint64

func (s *seen) once(field uint64) error {
	if field < 64 {
		if *s&(1<<field) != 0 {
			return fmt.Errorf("%w: field %d repeated", ErrMalformed, field)
		}
		*s |= 1 << field
	}
	return nil
}

// singularTag reads the next tag and rejects a second occurrence of a field numbered up
// to last: the caller's message declares those fields singular.
func (r *pbReader) singularTag(s *seen, last uint64) (field uint64, wire int, err error) {
	field, wire, err = r.tag()
	if err != nil {
		return 0, 0, err
	}
	if field <= last {
		if err := s.once(field); err != nil {
			return 0, 0, err
		}
	}
	return field, wire, nil
}

func (r *pbReader) int32Field() (int32, error) {
	v, err := r.varint()
	// An int32 is sign-extended to 64 bits on the wire; protobuf truncates it back.
	return int32(v), err
}

func decodeLeafOp(b []byte) (*LeafOp, error) {
	op := &LeafOp{}
	if err := decodeLeafOpInto(b, op); err != nil {
		return nil, err
	}
	return op, nil
}

func decodeLeafOpInto(b []byte, op *LeafOp) error {
	r := pbReader{b: b}
	var s seen
	for !r.done() {
		f, w, err := r.singularTag(&s, 5)
		if err != nil {
			return err
		}
		switch f {
		case 1, 2, 3, 4:
			if err := expect(f, w, wireVarint); err != nil {
				return err
			}
			v, err := r.int32Field()
			if err != nil {
				return err
			}
			switch f {
			case 1:
				op.Hash = HashOp(v)
			case 2:
				op.PrehashKey = HashOp(v)
			case 3:
				op.PrehashValue = HashOp(v)
			case 4:
				op.Length = LengthOp(v)
			}
		case 5:
			if op.Prefix, err = r.lenField(f, w); err != nil {
				return err
			}
		default:
			if err := r.skip(w); err != nil {
				return err
			}
		}
	}
	return nil
}

func decodeInnerOp(b []byte, op *InnerOp) error {
	r := pbReader{b: b}
	var s seen
	for !r.done() {
		f, w, err := r.singularTag(&s, 3)
		if err != nil {
			return err
		}
		switch f {
		case 1:
			if err := expect(f, w, wireVarint); err != nil {
				return err
			}
			v, err := r.int32Field()
			if err != nil {
				return err
			}
			op.Hash = HashOp(v)
		case 2, 3:
			v, err := r.lenField(f, w)
			if err != nil {
				return err
			}
			if f == 2 {
				op.Prefix = v
			} else {
				op.Suffix = v
			}
		default:
			if err := r.skip(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// countField counts the occurrences of a length-delimited field, so that a repeated
// field's slice is allocated once at its final size.
func countField(b []byte, field uint64) (int, error) {
	r := pbReader{b: b}
	n := 0
	for !r.done() {
		f, w, err := r.tag()
		if err != nil {
			return 0, err
		}
		if f == field && w == wireLen {
			n++
		}
		if err := r.skip(w); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// countPath returns how many inner ops the path of an encoded ExistenceProof (or, when
// compressed, CompressedExistenceProof) holds, without building any: for a compressed
// proof, one per unpacked index and one per varint of a packed run. A malformed proof may
// be miscounted; the decoder that follows rejects it.
func countPath(b []byte, compressed bool) (int, error) {
	r := pbReader{b: b}
	n := 0
	for !r.done() {
		f, w, err := r.tag()
		if err != nil {
			return 0, err
		}
		if f == 4 && compressed && w == wireLen {
			v, err := r.bytes()
			if err != nil {
				return 0, err
			}
			for _, c := range v {
				if c < 0x80 {
					n++ // each varint ends in one byte below 0x80
				}
			}
			continue
		}
		if f == 4 {
			n++
		}
		if err := r.skip(w); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// decodeExistenceProof reads an ExistenceProof, or with lookup != nil a
// CompressedExistenceProof whose path indexes lookup (ics23/go decompressExist).
//
// The path is counted before it is built: one of at most maxPath inner ops is allocated
// once at its final size; a longer one is checked (every inner op well formed, every
// index in range) but not built, and only its length is kept, in depth, for
// checkAgainstSpec to refuse. So a hostile path costs no memory beyond the limit the
// caller's spec sets, and a proof that is never used (a batch entry for another key)
// is refused no more often than ics23/go refuses it.
func decodeExistenceProof(b []byte, lookup []InnerOp, maxPath int) (*ExistenceProof, error) {
	n, err := countPath(b, lookup != nil)
	if err != nil {
		return nil, err
	}
	p := &ExistenceProof{}
	build := n <= maxPath
	switch {
	case !build:
		p.depth = n
	case n > 0:
		p.Path = make([]InnerOp, 0, n)
	}
	var s seen
	r := pbReader{b: b}
	for !r.done() {
		f, w, err := r.singularTag(&s, 3)
		if err != nil {
			return nil, err
		}
		switch f {
		case 1, 2:
			v, err := r.lenField(f, w)
			if err != nil {
				return nil, err
			}
			if f == 1 {
				p.Key = v
			} else {
				p.Value = v
			}
		case 3:
			v, err := r.lenField(f, w)
			if err != nil {
				return nil, err
			}
			if p.Leaf, err = decodeLeafOp(v); err != nil {
				return nil, err
			}
		case 4:
			if lookup == nil {
				v, err := r.lenField(f, w)
				if err != nil {
					return nil, err
				}
				var op InnerOp
				if err := decodeInnerOp(v, &op); err != nil {
					return nil, err
				}
				if build {
					p.Path = append(p.Path, op)
				}
				continue
			}
			if err := decodeCompressedPath(&r, w, lookup, p, build); err != nil {
				return nil, err
			}
		default:
			if err := r.skip(w); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// decodeCompressedPath reads repeated int32 path indices, packed or not, and with build
// appends the inner ops they name. ics23/go indexes lookup_inners without a bounds check
// and panics; an index out of range is an error here, whether or not the path is built.
// The ops appended share their prefix and suffix bytes with the lookup table.
func decodeCompressedPath(r *pbReader, w int, lookup []InnerOp, p *ExistenceProof, build bool) error {
	add := func(v uint64) error {
		i := int32(v)
		if i < 0 || int(i) >= len(lookup) {
			return fmt.Errorf("%w: compressed path index %d of %d lookup inners", ErrMalformed, i, len(lookup))
		}
		if build {
			p.Path = append(p.Path, lookup[i])
		}
		return nil
	}
	switch w {
	case wireVarint:
		v, err := r.varint()
		if err != nil {
			return err
		}
		return add(v)
	case wireLen:
		packed, err := r.bytes()
		if err != nil {
			return err
		}
		pr := pbReader{b: packed}
		for !pr.done() {
			v, err := pr.varint()
			if err != nil {
				return err
			}
			if err := add(v); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%w: path has wire type %d", ErrMalformed, w)
}

func decodeNonExistenceProof(b []byte, lookup []InnerOp, maxPath int) (*NonExistenceProof, error) {
	p := &NonExistenceProof{}
	r := pbReader{b: b}
	var s seen
	for !r.done() {
		f, w, err := r.singularTag(&s, 3)
		if err != nil {
			return nil, err
		}
		switch f {
		case 1, 2, 3:
			v, err := r.lenField(f, w)
			if err != nil {
				return nil, err
			}
			switch f {
			case 1:
				p.Key = v
			case 2:
				p.Left, err = decodeExistenceProof(v, lookup, maxPath)
			case 3:
				p.Right, err = decodeExistenceProof(v, lookup, maxPath)
			}
			if err != nil {
				return nil, err
			}
		default:
			if err := r.skip(w); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// decodeBatchEntry reads a BatchEntry, or a CompressedBatchEntry when lookup != nil.
func decodeBatchEntry(b []byte, lookup []InnerOp, maxPath int) (BatchEntry, error) {
	var e BatchEntry
	r := pbReader{b: b}
	oneof := false
	for !r.done() {
		f, w, err := r.tag()
		if err != nil {
			return e, err
		}
		switch f {
		case 1, 2:
			if oneof {
				return e, fmt.Errorf("%w: batch entry sets its oneof twice", ErrMalformed)
			}
			oneof = true
			v, err := r.lenField(f, w)
			if err != nil {
				return e, err
			}
			if f == 1 {
				e.Exist, err = decodeExistenceProof(v, lookup, maxPath)
			} else {
				e.Nonexist, err = decodeNonExistenceProof(v, lookup, maxPath)
			}
			if err != nil {
				return e, err
			}
		default:
			if err := r.skip(w); err != nil {
				return e, err
			}
		}
	}
	return e, nil
}

func decodeBatch(b []byte, maxPath int) ([]BatchEntry, error) {
	return decodeEntries(b, nil, maxPath)
}

// decodeCompressed expands a CompressedBatchProof into batch entries (ics23/go
// Decompress). The lookup table is read first, wherever it sits in the message.
func decodeCompressed(b []byte, maxPath int) ([]BatchEntry, error) {
	nl, err := countField(b, 2)
	if err != nil {
		return nil, err
	}
	lookup := make([]InnerOp, 0, nl)
	err = eachMessage(b, 2, func(v []byte) error {
		lookup = append(lookup, InnerOp{})
		return decodeInnerOp(v, &lookup[len(lookup)-1])
	})
	if err != nil {
		return nil, err
	}
	return decodeEntries(b, lookup, maxPath)
}

// decodeEntries reads the repeated entries (field 1) of a BatchProof, or with
// lookup != nil those of a CompressedBatchProof.
func decodeEntries(b []byte, lookup []InnerOp, maxPath int) ([]BatchEntry, error) {
	n, err := countField(b, 1)
	if err != nil {
		return nil, err
	}
	entries := make([]BatchEntry, 0, n)
	err = eachMessage(b, 1, func(v []byte) error {
		e, err := decodeBatchEntry(v, lookup, maxPath)
		if err != nil {
			return err
		}
		if lookup != nil && e.Exist == nil && e.Nonexist == nil {
			// ics23/go's decompressEntry dereferences the missing nonexist proof and panics.
			return fmt.Errorf("%w: compressed batch entry %d is empty", ErrMalformed, len(entries))
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// DecodeCommitmentProof decodes protobuf cosmos.ics23.v1.CommitmentProof bytes. The result keeps
// slices into b; b must not change while the proof is in use. A CommitmentProof that
// sets none of its variants decodes, and proves nothing.
//
// Resource bound: O(len(b)) work; memory at most 56 bytes per input byte (a compressed
// batch's one-byte path index becomes one InnerOp, whose prefix and suffix share the
// lookup table's bytes), every slice allocated once at its final size. It builds
// paths of any length, as a proof may be checked against a spec of any MaxDepth; the
// package's Verify functions instead decode with their spec's depth limit and build no
// path beyond it.
func DecodeCommitmentProof(b []byte) (CommitmentProof, error) {
	p, err := unmarshal(b, math.MaxInt)
	if err != nil {
		return CommitmentProof{}, err
	}
	return *p, nil
}

// unmarshal is DecodeCommitmentProof building no path longer than maxPath (see decodeExistenceProof).
// Bytes it refuses that are an IBC MerkleProof or CometBFT ProofOps, which wrap
// CommitmentProofs and which a caller easily passes in their place, are refused with an
// error that says so (ErrIsMerkleProof, ErrIsProofOps) as well as ErrMalformed.
func unmarshal(b []byte, maxPath int) (*CommitmentProof, error) {
	p := &CommitmentProof{}
	if err := unmarshalInto(p, b, maxPath); err != nil {
		if werr := wrapper(b); werr != nil {
			return nil, fmt.Errorf("%w (%w)", werr, err)
		}
		return nil, err
	}
	return p, nil
}

// unmarshalInto decodes a CommitmentProof into p, which must be the zero value.
func unmarshalInto(p *CommitmentProof, b []byte, maxPath int) error {
	r := pbReader{b: b}
	oneof := false
	for !r.done() {
		f, w, err := r.tag()
		if err != nil {
			return err
		}
		if f < 1 || f > 4 {
			if err := r.skip(w); err != nil {
				return err
			}
			continue
		}
		if oneof {
			return fmt.Errorf("%w: commitment proof sets its oneof twice", ErrMalformed)
		}
		oneof = true
		v, err := r.lenField(f, w)
		if err != nil {
			return err
		}
		switch f {
		case 1:
			p.Exist, err = decodeExistenceProof(v, nil, maxPath)
		case 2:
			p.Nonexist, err = decodeNonExistenceProof(v, nil, maxPath)
		case 3:
			p.Batch, err = decodeBatch(v, maxPath)
			p.IsBatch = true
		case 4:
			p.Batch, err = decodeCompressed(v, maxPath)
			p.IsBatch, p.Compressed = true, true
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// AppendBinary appends p's protobuf CommitmentProof bytes to b, canonically: fields in number
// order, default values omitted. A proof decoded from a compressed batch is written
// compressed again, with a lookup table of the inner ops its paths share (those that
// came from one lookup entry), so that the encoding stays proportional to the bytes it
// was decoded from: written expanded, one large lookup op named at every step would be
// copied once per step. A compressed batch with an empty entry, which the wire form
// cannot carry, is written as a plain batch.
//
// Resource bound: the output is at most a constant times the size of what p was decoded
// from; work and memory linear in it. It never fails.
func (p *CommitmentProof) AppendBinary(b []byte) ([]byte, error) {
	w := pbWriter{b: b}
	switch {
	case p.Exist != nil:
		w.message(1, func(w *pbWriter) { w.exist(p.Exist) })
	case p.Nonexist != nil:
		w.message(2, func(w *pbWriter) { w.nonexist(p.Nonexist) })
	case p.IsBatch && p.Compressed && !hasEmptyEntry(p.Batch):
		w.message(4, func(w *pbWriter) { w.compressed(p.Batch) })
	case p.IsBatch:
		w.message(3, func(w *pbWriter) {
			for i := range p.Batch {
				e := &p.Batch[i]
				w.message(1, func(w *pbWriter) {
					if e.Exist != nil {
						w.message(1, func(w *pbWriter) { w.exist(e.Exist) })
					} else if e.Nonexist != nil {
						w.message(2, func(w *pbWriter) { w.nonexist(e.Nonexist) })
					}
				})
			}
		})
	}
	return w.b, nil
}

func hasEmptyEntry(batch []BatchEntry) bool {
	for i := range batch {
		if batch[i].Exist == nil && batch[i].Nonexist == nil {
			return true
		}
	}
	return false
}

// opKey identifies an inner op by its hash and the bytes its prefix and suffix point to,
// not their contents: the ops a compressed path names share those with the lookup entry
// they were copied from, so the key finds the entry again in constant time.
type opKey struct {
	hash           HashOp
	prefix, suffix *byte
	np, ns         int
}

func keyOf(op *InnerOp) opKey {
	k := opKey{hash: op.Hash, np: len(op.Prefix), ns: len(op.Suffix)}
	if len(op.Prefix) > 0 {
		k.prefix = &op.Prefix[0]
	}
	if len(op.Suffix) > 0 {
		k.suffix = &op.Suffix[0]
	}
	return k
}

// compressed writes a CompressedBatchProof: the entries with packed path indices, then
// the lookup table, one op per distinct opKey in order of first use.
func (w *pbWriter) compressed(batch []BatchEntry) {
	index := map[opKey]int{}
	var lookup []*InnerOp
	var packed []byte
	exist := func(w *pbWriter, p *ExistenceProof) {
		w.bytesField(1, p.Key)
		w.bytesField(2, p.Value)
		w.leaf(p.Leaf)
		packed = packed[:0]
		for i := range p.Path {
			k := keyOf(&p.Path[i])
			n, ok := index[k]
			if !ok {
				n = len(lookup)
				index[k] = n
				lookup = append(lookup, &p.Path[i])
			}
			packed = binary.AppendUvarint(packed, uint64(n))
		}
		w.bytesField(4, packed)
	}
	for i := range batch {
		e := &batch[i]
		w.message(1, func(w *pbWriter) {
			if e.Exist != nil {
				w.message(1, func(w *pbWriter) { exist(w, e.Exist) })
				return
			}
			w.message(2, func(w *pbWriter) {
				np := e.Nonexist
				w.bytesField(1, np.Key)
				if np.Left != nil {
					w.message(2, func(w *pbWriter) { exist(w, np.Left) })
				}
				if np.Right != nil {
					w.message(3, func(w *pbWriter) { exist(w, np.Right) })
				}
			})
		})
	}
	for _, op := range lookup {
		w.message(2, func(w *pbWriter) { w.inner(op) })
	}
}

type pbWriter struct{ b []byte }

func (w *pbWriter) varint(field uint64, v uint64) {
	if v == 0 {
		return
	}
	w.b = binary.AppendUvarint(w.b, field<<3|wireVarint)
	w.b = binary.AppendUvarint(w.b, v)
}

func (w *pbWriter) enum(field uint64, v int32) { w.varint(field, uint64(int64(v))) }

func (w *pbWriter) bytesField(field uint64, v []byte) {
	if len(v) == 0 {
		return
	}
	w.b = binary.AppendUvarint(w.b, field<<3|wireLen)
	w.b = binary.AppendUvarint(w.b, uint64(len(v)))
	w.b = append(w.b, v...)
}

// message writes a sub-message, present even when empty (a set oneof or an empty
// repeated element must still appear).
func (w *pbWriter) message(field uint64, body func(*pbWriter)) {
	var sub pbWriter
	body(&sub)
	w.b = binary.AppendUvarint(w.b, field<<3|wireLen)
	w.b = binary.AppendUvarint(w.b, uint64(len(sub.b)))
	w.b = append(w.b, sub.b...)
}

func (w *pbWriter) exist(p *ExistenceProof) {
	w.bytesField(1, p.Key)
	w.bytesField(2, p.Value)
	w.leaf(p.Leaf)
	for i := range p.Path {
		op := &p.Path[i]
		w.message(4, func(w *pbWriter) { w.inner(op) })
	}
}

func (w *pbWriter) leaf(l *LeafOp) {
	if l == nil {
		return
	}
	w.message(3, func(w *pbWriter) {
		w.enum(1, int32(l.Hash))
		w.enum(2, int32(l.PrehashKey))
		w.enum(3, int32(l.PrehashValue))
		w.enum(4, int32(l.Length))
		w.bytesField(5, l.Prefix)
	})
}

func (w *pbWriter) inner(op *InnerOp) {
	w.enum(1, int32(op.Hash))
	w.bytesField(2, op.Prefix)
	w.bytesField(3, op.Suffix)
}

func (w *pbWriter) nonexist(p *NonExistenceProof) {
	w.bytesField(1, p.Key)
	if p.Left != nil {
		w.message(2, func(w *pbWriter) { w.exist(p.Left) })
	}
	if p.Right != nil {
		w.message(3, func(w *pbWriter) { w.exist(p.Right) })
	}
}
