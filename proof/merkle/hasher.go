package merkle

import (
	"crypto/sha256"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// A Hasher is the two-to-one compression function of a binary Merkle tree: Pair returns
// H(left ‖ right). Implementations must be safe for concurrent use; Keccak256 and SHA256
// are, and allocate nothing per call. Nodes pass by value so that the trees' working
// nodes stay on the stack across this interface call.
type Hasher interface {
	Pair(left, right interop.Hash) interop.Hash
}

// Keccak256 hashes nodes with Ethereum's keccak256 (the original Keccak padding, not
// FIPS 202 SHA3-256), as the Hyperlane mailbox's MerkleLib does.
type Keccak256 struct{}

// SHA256 hashes nodes with SHA-256, as the deposit contract and SSZ do.
type SHA256 struct{}

// Pair implements Hasher.
func (Keccak256) Pair(left, right interop.Hash) interop.Hash {
	k := keccakScratch{keccak.Get()}
	out := k.Pair(left, right)
	keccak.Put(k.h)
	return out
}

// keccakScratch is a pooled Keccak-256 sponge made a Hasher of its own, for the length of
// one tree operation (see bind); it is not safe for concurrent use.
type keccakScratch struct{ h *keccak.Hasher }

// Pair implements Hasher.
func (k keccakScratch) Pair(left, right interop.Hash) interop.Hash {
	k.h.Buf = append(append(k.h.Buf[:0], left[:]...), right[:]...)
	return k.h.Hash(k.h.Buf, nil)
}

// bind returns a Hasher for one operation's run of Pair calls: for Keccak256, a pooled
// scratch held until release, which saves a pool round trip per node; any other Hasher as
// it is (a SHA-256 digest on the stack costs no more than resetting a reused one).
func bind(h Hasher) Hasher {
	if _, ok := h.(Keccak256); ok {
		return keccakScratch{keccak.Get()}
	}
	return h
}

// release returns what bind took.
func release(h Hasher) {
	if k, ok := h.(keccakScratch); ok {
		keccak.Put(k.h)
	}
}

// Pair implements Hasher.
func (SHA256) Pair(left, right interop.Hash) (out interop.Hash) {
	// A fresh digest stays on the stack (the compiler sees through New) and skips the
	// extra work of Sum256, about a tenth of a 64-byte hash.
	d := sha256.New()
	d.Write(left[:])
	d.Write(right[:])
	d.Sum(out[:0])
	return out
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
		z[i+1] = h.Pair(z[i], z[i])
	}
	return z
}
