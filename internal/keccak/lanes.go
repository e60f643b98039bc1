package keccak

import (
	"encoding/binary"
	"math/bits"

	"github.com/interopkit/interop"
)

// Rate is Keccak-256's block size in bytes.
const Rate = rate

// Lanes is eight Keccak-256 sponges advanced together by the eight-lane permutation, for a
// caller that schedules messages itself: between two permutations each lane may take its
// message's next block, sit the permutation out with its state kept (Hold), or start a
// new message. A message of n bytes takes n/Rate full blocks (Block) and one last, padded,
// block of the n%Rate bytes left (Last); its digest is read (Sum) after the permutation
// that follows Last. Lanes needs the eight-lane permutation: HaveLanes reports whether
// the CPU has it, and the methods must not be called where it does not.
type Lanes struct {
	s    state8
	hold uint8             // lanes whose state the next Permute keeps
	kept [lanes][25]uint64 // their states, during Permute
}

// HaveLanes reports whether Lanes can run here (amd64 with AVX-512F).
func HaveLanes() bool { return haveX8 }

// Start clears lane j for a new message.
func (l *Lanes) Start(j int) {
	for i := range l.s {
		l.s[i][j] = 0
	}
}

// Block absorbs b, a full block (at least Rate bytes; the first Rate are read), into
// lane j.
func (l *Lanes) Block(j int, b []byte) {
	absorb(&l.s, j, b[:rate])
}

// Last absorbs tail (fewer than Rate bytes), the end of lane j's message, with Keccak's
// original pad10*1 padding.
func (l *Lanes) Last(j int, tail []byte) {
	n := len(tail)
	w := 0
	for ; 8*w+8 <= n; w++ {
		l.s[w][j] ^= binary.LittleEndian.Uint64(tail[8*w:])
	}
	var word [8]byte
	copy(word[:], tail[8*w:])
	word[n-8*w] = 0x01
	l.s[w][j] ^= binary.LittleEndian.Uint64(word[:])
	l.s[rate/8-1][j] ^= 0x80 << 56
}

// Hold makes lane j sit out the next Permute: its state after it is its state now.
func (l *Lanes) Hold(j int) { l.hold |= 1 << j }

// Permute runs Keccak-f[1600] on every lane not held since the last Permute.
func (l *Lanes) Permute() {
	for h := l.hold; h != 0; h &= h - 1 {
		j := bits.TrailingZeros8(h)
		for i := range l.s {
			l.kept[j][i] = l.s[i][j]
		}
	}
	keccakF1600x8(&l.s, &roundConstants)
	for h := l.hold; h != 0; h &= h - 1 {
		j := bits.TrailingZeros8(h)
		for i := range l.s {
			l.s[i][j] = l.kept[j][i]
		}
	}
	l.hold = 0
}

// Sum returns lane j's digest, once the permutation after its Last has run.
func (l *Lanes) Sum(j int) interop.Hash {
	var h interop.Hash
	for i := range 4 {
		binary.LittleEndian.PutUint64(h[8*i:], l.s[i][j])
	}
	return h
}
