package eip712

import (
	"hash"
	"sync"

	"github.com/interopkit/interop"
	"golang.org/x/crypto/sha3"
)

// keccakState is the legacy Keccak-256 sponge with Read, so a digest can be squeezed into a
// fixed array without the allocation of Sum.
type keccakState interface {
	hash.Hash
	Read([]byte) (int, error)
}

// hasher owns a sponge, its output and a scratch buffer on the heap. Callers copy their
// input into buf before writing it: handing their own slice to the hash.Hash interface
// would make it escape and cost an allocation per call.
type hasher struct {
	st  keccakState
	out interop.Hash
	buf []byte
}

var hasherPool = sync.Pool{New: func() any {
	return &hasher{st: sha3.NewLegacyKeccak256().(keccakState), buf: make([]byte, 0, 512)}
}}

func getHasher() *hasher { return hasherPool.Get().(*hasher) }

// maxPooledBuf keeps one huge message from pinning its buffer in the pool.
const maxPooledBuf = 1 << 16

func putHasher(h *hasher) {
	if cap(h.buf) > maxPooledBuf {
		h.buf = make([]byte, 0, 512)
	}
	hasherPool.Put(h)
}

// sum returns keccak256(h.buf).
func (h *hasher) sum() interop.Hash {
	h.st.Reset()
	h.st.Write(h.buf)
	h.st.Read(h.out[:])
	return h.out
}

// keccakBytes returns keccak256(b).
func keccakBytes(b []byte) interop.Hash {
	h := getHasher()
	h.buf = append(h.buf[:0], b...)
	out := h.sum()
	putHasher(h)
	return out
}

// keccakString returns keccak256 of the UTF-8 bytes of s.
func keccakString(s string) interop.Hash {
	h := getHasher()
	h.buf = append(h.buf[:0], s...)
	out := h.sum()
	putHasher(h)
	return out
}

// Digest returns the EIP-712 signing digest
// keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash).
func Digest(domainSeparator, structHash interop.Hash) interop.Hash {
	h := getHasher()
	// EIP-712 "Specification": encode(domainSeparator, message) = "\x19\x01" ‖ domainSeparator ‖ hashStruct(message)
	h.buf = append(h.buf[:0], 0x19, 0x01)
	h.buf = append(h.buf, domainSeparator[:]...)
	h.buf = append(h.buf, structHash[:]...)
	out := h.sum()
	putHasher(h)
	return out
}

// domainOnlyDigest is eth-sig-util V4's digest when primaryType is EIP712Domain: the message
// hash is left out, keccak256(0x19 ‖ 0x01 ‖ domainSeparator).
func domainOnlyDigest(domainSeparator interop.Hash) interop.Hash {
	h := getHasher()
	h.buf = append(h.buf[:0], 0x19, 0x01)
	h.buf = append(h.buf, domainSeparator[:]...)
	out := h.sum()
	putHasher(h)
	return out
}
