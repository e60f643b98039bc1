package eip712

import (
	"encoding/binary"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// StructHasher is a Go value that encodes itself as an EIP-712 struct, without reflection.
// TypeHash returns the struct type's typeHash (usually Type.TypeHash of a package-level
// Type); EncodeData appends encodeData(s) to dst: one 32-byte word per member, in the
// type's declaration order, built with the Append functions of this package.
type StructHasher interface {
	TypeHash() interop.Hash
	EncodeData(dst []byte) []byte
}

// HashStruct returns hashStruct(s) = keccak256(typeHash ‖ encodeData(s)).
func HashStruct(s StructHasher) interop.Hash {
	h := keccak.Get()
	th := s.TypeHash()
	h.Buf = append(h.Buf[:0], th[:]...)
	h.Buf = s.EncodeData(h.Buf)
	out := h.Hash(h.Buf, nil)
	keccak.Put(h)
	return out
}

// AppendStruct appends the member word of a struct value, hashStruct(s).
func AppendStruct(dst []byte, s StructHasher) []byte {
	h := HashStruct(s)
	return append(dst, h[:]...)
}

// AppendUint256 appends a uintN member (any N): the value as a big-endian word.
func AppendUint256(dst []byte, v *uint256.Int) []byte {
	w := v.Bytes32()
	return append(dst, w[:]...)
}

// AppendUint64 appends a uintN member for N ≤ 64.
func AppendUint64(dst []byte, v uint64) []byte {
	var w [32]byte
	binary.BigEndian.PutUint64(w[24:], v)
	return append(dst, w[:]...)
}

// AppendInt256 appends an intN member held in two's complement in v: the EIP sign-extends
// intN to 256 bits, which for a uint256 holding the 256-bit two's complement is v itself.
func AppendInt256(dst []byte, v *uint256.Int) []byte { return AppendUint256(dst, v) }

// AppendInt64 appends an intN member for N ≤ 64, sign-extended to 256 bits.
func AppendInt64(dst []byte, v int64) []byte {
	var w [32]byte
	if v < 0 {
		for i := range 24 {
			w[i] = 0xff
		}
	}
	binary.BigEndian.PutUint64(w[24:], uint64(v))
	return append(dst, w[:]...)
}

// AppendAddress appends an address member, left-padded with zeros.
func AppendAddress(dst []byte, a interop.Address) []byte {
	var w [32]byte
	copy(w[12:], a[:])
	return append(dst, w[:]...)
}

// AppendBool appends a bool member: 1 or 0.
func AppendBool(dst []byte, b bool) []byte {
	var w [32]byte
	if b {
		w[31] = 1
	}
	return append(dst, w[:]...)
}

// AppendWord appends a bytes32 member, or any member already encoded as one word.
func AppendWord(dst []byte, w [32]byte) []byte { return append(dst, w[:]...) }

// AppendFixedBytes appends a bytesN member, right-padded with zeros. b must hold exactly N
// bytes, 1 ≤ N ≤ 32; it panics when longer than 32, as a programming error.
func AppendFixedBytes(dst []byte, b []byte) []byte {
	if len(b) > 32 {
		panic("eip712: AppendFixedBytes of more than 32 bytes")
	}
	var w [32]byte
	copy(w[:], b)
	return append(dst, w[:]...)
}

// AppendBytes appends a dynamic bytes member, keccak256(b).
func AppendBytes(dst []byte, b []byte) []byte {
	h := keccak.Sum256(b)
	return append(dst, h[:]...)
}

// AppendString appends a string member, keccak256 of its UTF-8 bytes.
func AppendString(dst []byte, s string) []byte {
	h := keccak.Sum256String(s)
	return append(dst, h[:]...)
}

// AppendArray appends an array member (T[] or T[n]): keccak256 of the concatenated member
// words of its n elements. elem appends the word of element i (AppendStruct for struct
// elements, AppendArray for nested arrays).
func AppendArray(dst []byte, n int, elem func(dst []byte, i int) []byte) []byte {
	h := keccak.Get()
	h.Buf = h.Buf[:0]
	for i := range n {
		h.Buf = elem(h.Buf, i)
	}
	out := h.Hash(h.Buf, nil)
	keccak.Put(h)
	return append(dst, out[:]...)
}
