package merkle

import (
	"crypto/sha256"
	"hash"
	"sync"

	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
)

// A Hasher is the two-to-one compression function of a binary Merkle tree: Pair sets
// *dst to H(left ‖ right). dst may alias left or right. Implementations must be safe for
// concurrent use; Keccak256 and SHA256 are, and allocate nothing per call.
type Hasher interface {
	Pair(dst, left, right *interop.Hash)
}

// Keccak256 hashes nodes with Ethereum's keccak256 (the original Keccak padding, not
// FIPS 202 SHA3-256), as the Hyperlane mailbox's MerkleLib does.
type Keccak256 struct{}

// SHA256 hashes nodes with SHA-256, as the deposit contract and SSZ do.
type SHA256 struct{}

// keccakState is the part of x/crypto's legacy Keccak state we use: Read squeezes into a
// caller's buffer, where Sum would append to a slice.
type keccakState interface {
	hash.Hash
	Read([]byte) (int, error)
}

// keccakPool recycles sponge states: a state is 200+ bytes behind an interface, so making
// one per call would allocate.
var keccakPool = sync.Pool{New: func() any { return sha3.NewLegacyKeccak256().(keccakState) }}

// Pair implements Hasher.
func (Keccak256) Pair(dst, left, right *interop.Hash) {
	s := keccakPool.Get().(keccakState)
	s.Reset()
	s.Write(left[:])
	s.Write(right[:])
	s.Read(dst[:])
	keccakPool.Put(s)
}

// Pair implements Hasher.
func (SHA256) Pair(dst, left, right *interop.Hash) {
	var buf [64]byte
	copy(buf[:32], left[:])
	copy(buf[32:], right[:])
	*dst = sha256.Sum256(buf[:])
}

// ZeroHashes is a zero-hash ladder: z[0] is the empty leaf (32 zero bytes) and
// z[i+1] = H(z[i] ‖ z[i]) is the root of an empty subtree of height i+1.
type ZeroHashes [TreeDepth + 1]interop.Hash

// Ladders of the built-in hashers, computed once on first use.
var (
	keccakZeros = sync.OnceValue(func() *ZeroHashes { return computeZeros(Keccak256{}) })
	sha256Zeros = sync.OnceValue(func() *ZeroHashes { return computeZeros(SHA256{}) })
)

// Zeros returns the zero-hash ladder of h. The ladders of Keccak256 and SHA256 are computed
// once and shared (do not modify them); another Hasher gets a fresh ladder on every call.
func Zeros(h Hasher) *ZeroHashes {
	switch h.(type) {
	case Keccak256:
		return keccakZeros()
	case SHA256:
		return sha256Zeros()
	}
	return computeZeros(h)
}

func computeZeros(h Hasher) *ZeroHashes {
	z := new(ZeroHashes)
	for i := 0; i < TreeDepth; i++ {
		h.Pair(&z[i+1], &z[i], &z[i])
	}
	return z
}
