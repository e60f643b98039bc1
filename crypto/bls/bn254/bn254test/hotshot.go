package bn254test

import (
	"encoding/binary"
	"math/big"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"golang.org/x/crypto/chacha20"

	"github.com/interopkit/interop/crypto/bls/bn254"
)

// HotShotTestKey returns the key HotShot's BLSPubKey::generated_from_seed_indexed(seed, index)
// derives (hotshot-types signature_key.rs), the keys of HotShot's and espresso-network's test
// networks: seed' = BLAKE3(seed ‖ u64le(index)), then jellyfish's KeyPair::generate over
// rand_chacha's ChaCha20Rng::from_seed(seed'), which draws the scalar as arkworks' Fr::rand
// does: four u64 limbs, the top two bits cleared, taken as the Montgomery form and redrawn
// while not below r. These keys are public; use them only to reproduce test vectors.
func HotShotTestKey(seed [32]byte, index uint64) *bn254.SecretKey {
	var in [40]byte
	copy(in[:], seed[:])
	binary.LittleEndian.PutUint64(in[32:], index)
	key := blake3Short(in[:])

	c, err := chacha20.NewUnauthenticatedCipher(key[:], make([]byte, chacha20.NonceSize))
	if err != nil {
		panic(err) // fixed sizes
	}
	// rand_chacha's stream 0 with a 64-bit block counter is the IETF keystream with a zero
	// nonce for the first 2³² blocks; next_u64 reads two words, low first, i.e. 8 bytes LE.
	var buf [32]byte
	mod := fr.Modulus()
	for {
		for i := range buf {
			buf[i] = 0
		}
		c.XORKeyStream(buf[:], buf[:])
		var e fr.Element
		for i := range e {
			e[i] = binary.LittleEndian.Uint64(buf[8*i:])
		}
		e[3] &= ^uint64(0) >> 2 // Fr is 254 bits: two bits shaved
		// Fr::rand keeps the limbs as the Montgomery form when they are below r.
		if !geqModulus(&e, mod.Bits()) {
			var le [bn254.SecretKeySize]byte
			be := e.Bytes() // canonical value of the Montgomery form e
			for i := range le {
				le[i] = be[len(be)-1-i]
			}
			sk, err := bn254.SecretKeyFromBytes(le[:])
			if err != nil {
				continue // zero: Fr::rand would return it; HotShot never meets it
			}
			return sk
		}
	}
}

// geqModulus compares the raw limbs of e (not its value) with r.
func geqModulus(e *fr.Element, r []big.Word) bool {
	for i := 3; i >= 0; i-- {
		ri := uint64(0)
		if i < len(r) {
			ri = uint64(r[i])
		}
		if e[i] != ri {
			return e[i] > ri
		}
	}
	return true
}

// blake3Short is BLAKE3 of an input of at most 64 bytes: one chunk of one block,
// compressed with CHUNK_START | CHUNK_END | ROOT, its 32-byte default output.
func blake3Short(in []byte) [32]byte {
	if len(in) > 64 {
		panic("blake3Short: input longer than one block")
	}
	iv := [8]uint32{0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19}
	var block [64]byte
	copy(block[:], in)
	var m [16]uint32
	for i := range m {
		m[i] = binary.LittleEndian.Uint32(block[4*i:])
	}
	const flags = 1 | 2 | 8 // CHUNK_START, CHUNK_END, ROOT
	v := [16]uint32{iv[0], iv[1], iv[2], iv[3], iv[4], iv[5], iv[6], iv[7],
		iv[0], iv[1], iv[2], iv[3], 0, 0, uint32(len(in)), flags}
	g := func(a, b, c, d int, x, y uint32) {
		v[a] += v[b] + x
		v[d] = bits.RotateLeft32(v[d]^v[a], -16)
		v[c] += v[d]
		v[b] = bits.RotateLeft32(v[b]^v[c], -12)
		v[a] += v[b] + y
		v[d] = bits.RotateLeft32(v[d]^v[a], -8)
		v[c] += v[d]
		v[b] = bits.RotateLeft32(v[b]^v[c], -7)
	}
	perm := [16]int{2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8}
	for r := range 7 {
		g(0, 4, 8, 12, m[0], m[1])
		g(1, 5, 9, 13, m[2], m[3])
		g(2, 6, 10, 14, m[4], m[5])
		g(3, 7, 11, 15, m[6], m[7])
		g(0, 5, 10, 15, m[8], m[9])
		g(1, 6, 11, 12, m[10], m[11])
		g(2, 7, 8, 13, m[12], m[13])
		g(3, 4, 9, 14, m[14], m[15])
		if r < 6 {
			var p [16]uint32
			for i := range p {
				p[i] = m[perm[i]]
			}
			m = p
		}
	}
	var out [32]byte
	for i := range 8 {
		binary.LittleEndian.PutUint32(out[4*i:], v[i]^v[i+8])
	}
	return out
}
