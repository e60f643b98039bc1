package espresso

import (
	"encoding/binary"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// separator is what committable's RawCommitmentBuilder writes after every constant string
// (tag and field names): two bytes that are never valid UTF-8, so that no name can run into
// the bytes that follow it.
var separator = [2]byte{0xC0, 0x7F}

// builder is committable's RawCommitmentBuilder (EspressoSystems/commit, src/lib.rs): a
// keccak256 over the tag and the fields in order, where
//
//	constant_str(s)        = s ‖ C0 7F
//	u64(v)                 = u64le(v)
//	fixed_size_bytes(b)    = b
//	var_size_bytes(b)      = u64le(len b) ‖ b
//	field(name, c)         = constant_str(name) ‖ c (32 bytes)
//	u64_field(name, v)     = constant_str(name) ‖ u64le(v)
//	var_size_field(n, b)   = constant_str(n) ‖ var_size_bytes(b)
//	array_field(n, cs)     = constant_str(n) ‖ u64le(len cs) ‖ cs...
//	optional(n, Some(c))   = constant_str(n) ‖ c;  optional(n, None) = u64_field(n, 0)
//
// and new(tag) starts with constant_str(tag). U256 values enter as 32 little-endian bytes.
// The builder appends to a buffer and hashes it once; the zero value is not usable.
// Buffers come from a pool and go back to it when finalize hashes them (those grown past
// maxPooled are left to the collector), so that a commitment costs no allocation.
type builder struct {
	buf    []byte
	pooled *[]byte
}

const maxPooled = 4096

var builderBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func newBuilder(tag string) *builder {
	p := builderBufs.Get().(*[]byte)
	b := &builder{buf: (*p)[:0], pooled: p}
	return b.constantStr(tag)
}

func (b *builder) constantStr(s string) *builder {
	b.buf = append(b.buf, s...)
	b.buf = append(b.buf, separator[:]...)
	return b
}

func (b *builder) fixedBytes(v []byte) *builder {
	b.buf = append(b.buf, v...)
	return b
}

func (b *builder) u64(v uint64) *builder {
	b.buf = binary.LittleEndian.AppendUint64(b.buf, v)
	return b
}

func (b *builder) varBytes(v []byte) *builder {
	return b.u64(uint64(len(v))).fixedBytes(v)
}

func (b *builder) fixedField(name string, v []byte) *builder {
	return b.constantStr(name).fixedBytes(v)
}

func (b *builder) varField(name string, v []byte) *builder {
	return b.constantStr(name).varBytes(v)
}

func (b *builder) field(name string, c interop.Hash) *builder {
	return b.constantStr(name).fixedBytes(c[:])
}

func (b *builder) u64Field(name string, v uint64) *builder {
	return b.constantStr(name).u64(v)
}

func (b *builder) optional(name string, c *interop.Hash) *builder {
	if c == nil {
		return b.u64Field(name, 0)
	}
	return b.field(name, *c)
}

func (b *builder) finalize() interop.Hash {
	h := keccak.Sum256(b.buf)
	if b.pooled != nil && cap(b.buf) <= maxPooled {
		*b.pooled = b.buf[:0]
		builderBufs.Put(b.pooled)
	}
	b.buf, b.pooled = nil, nil
	return h
}

// TagTransaction is the tag a transaction's commitment displays with.
const TagTransaction = "TX"

// TransactionCommitment is an Espresso transaction's commitment (espresso-types'
// Committable for Transaction): "Transaction" ‖ u64_field("namespace") ‖
// var_size_bytes(payload), displayed under TagTransaction.
func TransactionCommitment(namespace uint64, payload []byte) interop.Hash {
	return newBuilder("Transaction").u64Field("namespace", namespace).varBytes(payload).finalize()
}
