package ics23

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
	"golang.org/x/crypto/ripemd160" //lint:ignore SA1019 ics23's RIPEMD160 and BITCOIN hash ops are defined with it
)

// digest is a hash output held by value: every HashOp that ics23/go v0.11 implements
// produces at most 64 bytes, so a step's result stays on the stack.
type digest struct {
	b [64]byte
	n int
}

func (d *digest) bytes() []byte { return d.b[:d.n] }

// state is per-verification scratch: buf holds preimages too long for the stack buffer
// of hash, and is reused from step to step, so that a long prefix or suffix that a
// compressed proof names at every step is copied into one buffer, not allocated per step.
// The hash functions other than SHA-256, which no standard spec uses, are allocated per
// call.
type state struct {
	buf []byte
}

func newHash(op HashOp) (hash.Hash, error) {
	switch op {
	case SHA256:
		return sha256.New(), nil
	case SHA512:
		return sha512.New(), nil
	case RIPEMD160:
		return ripemd160.New(), nil
	case SHA512_256:
		return sha512.New512_256(), nil
	case Blake2b512:
		h, _ := blake2b.New512(nil)
		return h, nil
	case Blake2s256:
		h, _ := blake2s.New256(nil)
		return h, nil
	}
	// ics23/go v0.11 doHash: KECCAK256, BLAKE3 and unknown values are "unsupported hashop".
	return nil, fmt.Errorf("%w: hash op %d", ErrUnsupported, op)
}

// hash returns op(parts[0] ‖ parts[1] ‖ ...) (ics23/go doHash, which rejects NO_HASH).
// SHA-256, the hash of every standard spec, concatenates into a stack buffer and calls
// sha256.Sum256, so that nothing escapes through the hash.Hash interface; a preimage
// longer than that buffer, and the input of any other hash, goes through s.buf.
func (s *state) hash(op HashOp, parts ...[]byte) (digest, error) {
	var d digest
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if op == SHA256 || op == Bitcoin {
		// Two separate buffers: were the stack array ever stored in s.buf, the compiler
		// would move it to the heap on every call.
		var sum [32]byte
		if n <= 256 {
			var arr [256]byte
			buf := arr[:0]
			for _, p := range parts {
				buf = append(buf, p...)
			}
			sum = sha256.Sum256(buf)
		} else {
			buf := s.buf[:0]
			for _, p := range parts {
				buf = append(buf, p...)
			}
			s.buf = buf
			sum = sha256.Sum256(buf)
		}
		d.n = copy(d.b[:], sum[:])
		if op == Bitcoin {
			r := ripemd160.New()
			r.Write(sum[:])
			d.n = copy(d.b[:], r.Sum(nil))
		}
		return d, nil
	}
	h, err := newHash(op)
	if err != nil {
		return d, err
	}
	// Copy before the interface call, so the parts (often stack digests) do not escape.
	buf := s.buf[:0]
	for _, p := range parts {
		buf = append(buf, p...)
	}
	s.buf = buf
	h.Write(buf)
	d.n = copy(d.b[:], h.Sum(nil))
	return d, nil
}

// lengthPrefix writes into buf the length prefix LengthOp puts before n bytes of data
// (ics23/go doLengthOp) and returns its size.
func lengthPrefix(op LengthOp, n int, buf *[10]byte) (int, error) {
	switch op {
	case NoPrefix:
		return 0, nil
	case VarProto:
		return binary.PutUvarint(buf[:], uint64(n)), nil
	case Require32Bytes, Require64Bytes:
		want := 32
		if op == Require64Bytes {
			want = 64
		}
		if n != want {
			return 0, fmt.Errorf("%w: data is %d bytes, not %d", ErrInvalidProof, n, want)
		}
		return 0, nil
	case Fixed32Big:
		binary.BigEndian.PutUint32(buf[:], uint32(n))
		return 4, nil
	case Fixed32Little:
		binary.LittleEndian.PutUint32(buf[:], uint32(n))
		return 4, nil
	case Fixed64Big:
		binary.BigEndian.PutUint64(buf[:], uint64(n))
		return 8, nil
	case Fixed64Little:
		binary.LittleEndian.PutUint64(buf[:], uint64(n))
		return 8, nil
	}
	// VAR_RLP is declared in proofs.proto but ics23/go never implemented it.
	return 0, fmt.Errorf("%w: length op %d", ErrUnsupported, op)
}

// prehash returns data, or its op hash (ics23/go doHashOrNoop).
func (s *state) prehash(op HashOp, data []byte, d *digest) ([]byte, error) {
	if op == NoHash {
		return data, nil
	}
	var err error
	if *d, err = s.hash(op, data); err != nil {
		return nil, err
	}
	return d.bytes(), nil
}

// applyLeaf is LeafOp.Apply: the leaf hash of key and value.
func (s *state) applyLeaf(op *LeafOp, key, value []byte) (digest, error) {
	if len(key) == 0 {
		return digest{}, fmt.Errorf("%w: leaf op needs key", ErrInvalidProof)
	}
	if len(value) == 0 {
		return digest{}, fmt.Errorf("%w: leaf op needs value", ErrInvalidProof)
	}
	var kd, vd digest
	var kl, vl [10]byte
	pk, err := s.prehash(op.PrehashKey, key, &kd)
	if err != nil {
		return digest{}, fmt.Errorf("prehash key: %w", err)
	}
	kn, err := lengthPrefix(op.Length, len(pk), &kl)
	if err != nil {
		return digest{}, fmt.Errorf("prehash key: %w", err)
	}
	pv, err := s.prehash(op.PrehashValue, value, &vd)
	if err != nil {
		return digest{}, fmt.Errorf("prehash value: %w", err)
	}
	vn, err := lengthPrefix(op.Length, len(pv), &vl)
	if err != nil {
		return digest{}, fmt.Errorf("prehash value: %w", err)
	}
	return s.hash(op.Hash, op.Prefix, kl[:kn], pk, vl[:vn], pv)
}

// applyInner is InnerOp.Apply: the parent hash of child.
func (s *state) applyInner(op *InnerOp, child []byte) (digest, error) {
	if len(child) == 0 {
		return digest{}, fmt.Errorf("%w: inner op needs child value", ErrInvalidProof)
	}
	return s.hash(op.Hash, op.Prefix, child, op.Suffix)
}

// checkIAVLOp is ics23/go validateIavlOps: an IAVL leaf prefix is exactly the zigzag
// varints height, size and version; an inner prefix is those three with the height at
// least the layer number, then one byte (the left child's length marker) or 34 bytes
// (a left child with its length byte, then the right child's length byte).
func checkIAVLOp(prefix []byte, hashOp HashOp, layer int) error {
	rest := prefix
	var height int64
	for i := range 3 {
		v, n := binary.Varint(rest)
		if n <= 0 {
			return fmt.Errorf("%w: IAVL prefix %x: bad varint %d", ErrSpec, prefix, i)
		}
		if v < 0 {
			return fmt.Errorf("%w: IAVL prefix %x: negative value %d", ErrSpec, prefix, v)
		}
		if i == 0 {
			height = v
		}
		rest = rest[n:]
	}
	if height < int64(layer) {
		return fmt.Errorf("%w: IAVL height %d below layer %d", ErrSpec, height, layer)
	}
	if layer == 0 {
		if len(rest) != 0 {
			return fmt.Errorf("%w: IAVL leaf prefix %x has %d trailing bytes", ErrSpec, prefix, len(rest))
		}
		return nil
	}
	if len(rest) != 1 && len(rest) != 34 {
		return fmt.Errorf("%w: IAVL inner prefix %x has %d trailing bytes", ErrSpec, prefix, len(rest))
	}
	if hashOp != SHA256 {
		return fmt.Errorf("%w: IAVL inner op hash %d", ErrSpec, hashOp)
	}
	return nil
}

// checkLeaf is LeafOp.CheckAgainstSpec.
func checkLeaf(op *LeafOp, spec *ProofSpec) error {
	ls := spec.LeafSpec
	if ls == nil {
		return fmt.Errorf("%w: spec has no leaf spec", ErrSpec)
	}
	if iavlLike(spec) {
		if err := checkIAVLOp(op.Prefix, op.Hash, 0); err != nil {
			return err
		}
	}
	switch {
	case op.Hash != ls.Hash:
		return fmt.Errorf("%w: leaf hash op %d, want %d", ErrSpec, op.Hash, ls.Hash)
	case op.PrehashKey != ls.PrehashKey:
		return fmt.Errorf("%w: leaf prehash key %d, want %d", ErrSpec, op.PrehashKey, ls.PrehashKey)
	case op.PrehashValue != ls.PrehashValue:
		return fmt.Errorf("%w: leaf prehash value %d, want %d", ErrSpec, op.PrehashValue, ls.PrehashValue)
	case op.Length != ls.Length:
		return fmt.Errorf("%w: leaf length op %d, want %d", ErrSpec, op.Length, ls.Length)
	case !bytes.HasPrefix(op.Prefix, ls.Prefix):
		return fmt.Errorf("%w: leaf prefix %x does not start with %x", ErrSpec, op.Prefix, ls.Prefix)
	}
	return nil
}

// checkInner is InnerOp.CheckAgainstSpec for the op at layer (1 above the leaf).
func checkInner(op *InnerOp, spec *ProofSpec, layer int) error {
	is := spec.InnerSpec
	if is == nil || spec.LeafSpec == nil {
		return fmt.Errorf("%w: spec has no inner or leaf spec", ErrSpec)
	}
	if op.Hash != is.Hash {
		return fmt.Errorf("%w: inner hash op %d, want %d", ErrSpec, op.Hash, is.Hash)
	}
	if iavlLike(spec) {
		if err := checkIAVLOp(op.Prefix, op.Hash, layer); err != nil {
			return err
		}
	}
	// A leaf prefix at an inner step would let a leaf be passed off as an inner node.
	if bytes.HasPrefix(op.Prefix, spec.LeafSpec.Prefix) {
		return fmt.Errorf("%w: inner prefix %x starts with the leaf prefix", ErrSpec, op.Prefix)
	}
	if len(op.Prefix) < int(is.MinPrefixLength) {
		return fmt.Errorf("%w: inner prefix of %d bytes, min %d", ErrSpec, len(op.Prefix), is.MinPrefixLength)
	}
	maxLeftChildBytes := (len(is.ChildOrder) - 1) * int(is.ChildSize)
	if len(op.Prefix) > int(is.MaxPrefixLength)+maxLeftChildBytes {
		return fmt.Errorf("%w: inner prefix of %d bytes, max %d", ErrSpec, len(op.Prefix), int(is.MaxPrefixLength)+maxLeftChildBytes)
	}
	if is.ChildSize <= 0 {
		return fmt.Errorf("%w: child size %d", ErrSpec, is.ChildSize)
	}
	if len(op.Suffix)%int(is.ChildSize) != 0 {
		return fmt.Errorf("%w: inner suffix of %d bytes is not a whole number of children", ErrSpec, len(op.Suffix))
	}
	return nil
}
