package mpt

import (
	"hash"
	"sync"

	"github.com/interopkit/interop"
	"golang.org/x/crypto/sha3"
)

// EmptyRoot is the root of the empty trie: keccak256(RLP("")) = keccak256(0x80).
var EmptyRoot = interop.Hash{
	0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
	0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21,
}

// EmptyCodeHash is keccak256 of empty code, the code hash of every account without code.
var EmptyCodeHash = interop.Hash{
	0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
	0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
}

// keccakState is the legacy Keccak-256 sponge with Read, so a digest can be squeezed into a
// fixed array without the allocation of Sum.
type keccakState interface {
	hash.Hash
	Read([]byte) (int, error)
}

// keccakHasher pairs a sponge with an output buffer that lives on the heap with it, so
// squeezing through the interface does not allocate per call.
type keccakHasher struct {
	st  keccakState
	out interop.Hash
	buf []byte // scratch for callers that assemble input before writing it
}

var keccakPool = sync.Pool{New: func() any {
	return &keccakHasher{st: sha3.NewLegacyKeccak256().(keccakState)}
}}

// keccakOne returns keccak256(b) without allocating. The input is copied into the hasher's
// buffer first: handing b itself to the interface would make every caller's b escape to the
// heap, and the copy costs a fraction of the permutation.
func keccakOne(b []byte) interop.Hash {
	k := keccakPool.Get().(*keccakHasher)
	k.st.Reset()
	k.buf = append(k.buf[:0], b...)
	k.st.Write(k.buf)
	k.st.Read(k.out[:])
	h := k.out
	keccakPool.Put(k)
	return h
}

// Keccak256 returns keccak256(b), the hash Ethereum uses for trie nodes and secure-trie keys.
func Keccak256(b []byte) interop.Hash { return keccakOne(b) }
