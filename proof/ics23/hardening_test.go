package ics23

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
)

// pb appends protobuf fields for the hand-made hostile proofs below.
type pb []byte

func (b pb) bytes(field uint64, v []byte) pb {
	b = binary.AppendUvarint(b, field<<3|wireLen)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func (b pb) varint(field, v uint64) pb {
	b = binary.AppendUvarint(b, field<<3|wireVarint)
	return binary.AppendUvarint(b, v)
}

// tmLeaf is a TendermintSpec leaf op.
var tmLeaf = pb(nil).varint(1, uint64(SHA256)).varint(3, uint64(SHA256)).varint(4, uint64(VarProto)).bytes(5, []byte{0})

// tmInner is a TendermintSpec inner op with a 32-byte suffix.
var tmInner = pb(nil).varint(1, uint64(SHA256)).bytes(2, []byte{1}).bytes(3, make([]byte, 32))

// compressedExist returns a CompressedExistenceProof whose packed path repeats lookup
// index 0 steps times.
func compressedExist(key []byte, steps int) pb {
	return pb(nil).bytes(1, key).bytes(2, []byte("v")).bytes(3, tmLeaf).bytes(4, make([]byte, steps))
}

// compressedBatch wraps CompressedBatchEntry payloads (field 1 exist or 2 nonexist) into
// a CommitmentProof whose compressed batch has one lookup inner op.
func compressedBatch(entries ...pb) []byte {
	var batch pb
	for _, e := range entries {
		batch = batch.bytes(1, e)
	}
	batch = batch.bytes(2, tmInner)
	return pb(nil).bytes(4, batch)
}

// Finding 7: each one-byte compressed path index became a 56-byte InnerOp before any
// depth limit applied (1 MB in, 313 MB allocated). Every entry point must now stay within
// the project bound on a proof made of nothing but path indices.
func TestHardeningCompressedBatchExpansion(t *testing.T) {
	key := []byte("k")
	exist := pb(nil).bytes(1, compressedExist(key, 1<<20))
	nonexist := pb(nil).bytes(2, pb(nil).bytes(2, compressedExist([]byte("a"), 1<<19)).bytes(3, compressedExist([]byte("z"), 1<<19)))
	many := make([]pb, 0, 1<<12)
	for range 1 << 12 {
		many = append(many, pb(nil).bytes(1, compressedExist(key, 255)))
	}
	for _, c := range []struct {
		name  string
		proof []byte
	}{
		{"one deep path", compressedBatch(exist)},
		{"deep neighbours", compressedBatch(nonexist)},
		{"many entries at the byte-length bound", compressedBatch(many...)},
	} {
		p := c.proof
		root := make([]byte, 32)
		u := hostile.Bounded(t, c.name+": DecodeCommitmentProof", len(p), func() { _, _ = DecodeCommitmentProof(p) })
		t.Logf("%s: DecodeCommitmentProof of %d bytes allocated %d", c.name, len(p), u.Bytes)
		var err error
		u = hostile.Bounded(t, c.name+": VerifyMembership", len(p), func() { err = VerifyMembership(TendermintSpec, root, p, key, []byte("v")) })
		t.Logf("%s: VerifyMembership of %d bytes allocated %d", c.name, len(p), u.Bytes)
		if !errors.Is(err, ErrSpec) && !errors.Is(err, ErrNoProofForKey) {
			t.Errorf("%s: VerifyMembership = %v, want ErrSpec or ErrNoProofForKey", c.name, err)
		}
		hostile.Bounded(t, c.name+": VerifyNonMembership", len(p), func() { err = VerifyNonMembership(SMTSpec, root, p, []byte("m")) })
		if err == nil {
			t.Errorf("%s: VerifyNonMembership accepted", c.name)
		}
		hostile.Bounded(t, c.name+": BatchVerifyMembership", len(p), func() {
			err = BatchVerifyMembership(IAVLSpec, root, p, []KeyValue{{key, []byte("v")}, {key, []byte("v")}})
		})
		if err == nil {
			t.Errorf("%s: BatchVerifyMembership accepted", c.name)
		}
	}
}

// The class of finding 7 beyond the decoder: a decoded compressed batch names one large
// lookup op at every step of a long path. Re-encoding it expanded wrote the op once per
// step, and Calculate hashed it once per step, however long the path: both quadratic in
// the input (8 KB op, 8 K steps: 64 MB for 16 KB).
func TestHardeningCompressedReuse(t *testing.T) {
	const steps = 1 << 13
	bigOp := pb(nil).varint(1, uint64(SHA256)).bytes(2, []byte{1}).bytes(3, make([]byte, 1<<13))
	proof := pb(nil).bytes(4, pb(nil).bytes(1, pb(nil).bytes(1, compressedExist([]byte("k"), steps))).bytes(2, bigOp))
	p, err := DecodeCommitmentProof(proof)
	if err != nil {
		t.Fatal(err)
	}
	var enc []byte
	hostile.Bounded(t, "AppendBinary", len(proof), func() { enc = must(p.AppendBinary(nil)) })
	q, err := DecodeCommitmentProof(enc)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Batch) != 1 || len(q.Batch[0].Exist.Path) != steps || !bytes.Equal(must(q.AppendBinary(nil)), enc) {
		t.Fatal("re-encoding does not keep the proof")
	}
	start := time.Now()
	_, err = p.Calculate()
	if !errors.Is(err, ErrSpec) {
		t.Errorf("Calculate of a %d-step path: %v, want ErrSpec", steps, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Calculate took %v", d)
	}
}
