package espresso

import (
	"fmt"
	"math/bits"
	"sync"

	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
)

// This file computes the namespace commitment of AVID-M over GF(2^16) (espresso-network
// vid/src/avidm_gf2.rs, AvidmGf2Scheme::commit): the payload, bit-padded with 0x01 and
// zeros, is cut into RecoveryThreshold original shards of an even number of bytes;
// reed-solomon-simd 3 (Leopard-style additive FFT over GF(2^16), Cantor basis) adds
// TotalWeights-RecoveryThreshold recovery shards; each shard's keccak256 is a leaf of
// jellyfish's keccak ternary tree, whose root is the commitment.
//
// The code follows reed-solomon-simd's Naive engine and its low- and high-rate encoders
// (src/engine/engine_naive.rs, tables.rs, src/rate/rate_low.rs, rate_high.rs,
// rate_default.rs). Every operation is symbol-wise, so shards are processed 32 symbols (one
// of the crate's 64-byte blocks) at a time and hashed as they are produced: memory stays
// O(TotalWeights) whatever the payload.

const (
	gf2Bits       = 16
	gf2Order      = 1 << gf2Bits
	gf2Modulus    = gf2Order - 1
	gf2Polynomial = 0x1002D
	gf2Block      = 32 // symbols per 64-byte block
)

// gf2CantorBasis is reed-solomon-simd's CANTOR_BASIS.
var gf2CantorBasis = [gf2Bits]uint16{
	0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012, 0x6C98, 0x10D8, 0x6A72, 0xB900,
	0xFDB8, 0xFB34, 0xFF38, 0x991E,
}

type gf2Tables struct {
	exp, log [gf2Order]uint16
	skew     [gf2Modulus]uint16
}

var (
	gf2Once sync.Once
	gf2Tab  *gf2Tables
)

func gf2AddMod(x, y uint16) uint16 {
	sum := uint32(x) + uint32(y)
	return uint16(sum + sum>>gf2Bits)
}

// gf2Mul is tables::mul: x times the element whose logarithm is logM.
func (t *gf2Tables) mul(x, logM uint16) uint16 {
	if x == 0 {
		return 0
	}
	return t.exp[gf2AddMod(t.log[x], logM)]
}

// gf2Init builds the exp/log tables in the Cantor basis and the FFT skew factors
// (initialize_exp_log, initialize_skew).
func gf2Init() *gf2Tables {
	gf2Once.Do(func() {
		t := new(gf2Tables)
		state := 1
		for i := 0; i < gf2Modulus; i++ {
			t.exp[state] = uint16(i)
			state <<= 1
			if state >= gf2Order {
				state ^= gf2Polynomial
			}
		}
		t.exp[0] = gf2Modulus
		t.log[0] = 0
		for i := 0; i < gf2Bits; i++ {
			width := 1 << i
			for j := 0; j < width; j++ {
				t.log[j+width] = t.log[j] ^ gf2CantorBasis[i]
			}
		}
		for i := range t.log {
			t.log[i] = t.exp[t.log[i]]
		}
		for i := range t.log {
			t.exp[t.log[i]] = uint16(i)
		}
		t.exp[gf2Modulus] = t.exp[0]

		var temp [gf2Bits - 1]uint16
		for i := 1; i < gf2Bits; i++ {
			temp[i-1] = 1 << i
		}
		for m := 0; m < gf2Bits-1; m++ {
			step := 1 << (m + 1)
			t.skew[(1<<m)-1] = 0
			for i := m; i < gf2Bits-1; i++ {
				s := 1 << (i + 1)
				for j := (1 << m) - 1; j < s; j += step {
					t.skew[j+s] = t.skew[j] ^ temp[i]
				}
			}
			temp[m] = gf2Modulus - t.log[t.mul(temp[m], t.log[temp[m]^1])]
			for i := m + 1; i < gf2Bits-1; i++ {
				sum := gf2AddMod(t.log[temp[i]^1], temp[m])
				temp[i] = t.mul(temp[i], sum)
			}
		}
		for i := range t.skew {
			t.skew[i] = t.log[t.skew[i]]
		}
		gf2Tab = t
	})
	return gf2Tab
}

// gf2Work is the encoder's working set: one block of symbols per shard.
type gf2Work [][gf2Block]uint16

func (t *gf2Tables) mulAdd(x, y *[gf2Block]uint16, logM uint16) {
	for i := range x {
		x[i] ^= t.mul(y[i], logM)
	}
}

func xorBlock(x, y *[gf2Block]uint16) {
	for i := range x {
		x[i] ^= y[i]
	}
}

// fft is Naive::fft on work[pos:pos+size].
func (t *gf2Tables) fft(w gf2Work, pos, size, truncated, skewDelta int) {
	for dist := size / 2; dist > 0; dist /= 2 {
		for r := 0; r < truncated; r += 2 * dist {
			logM := t.skew[r+dist+skewDelta-1]
			for i := r; i < r+dist; i++ {
				a, b := &w[pos+i], &w[pos+i+dist]
				if logM != gf2Modulus {
					t.mulAdd(a, b, logM)
				}
				xorBlock(b, a)
			}
		}
	}
}

// ifft is Naive::ifft on work[pos:pos+size].
func (t *gf2Tables) ifft(w gf2Work, pos, size, truncated, skewDelta int) {
	for dist := 1; dist < size; dist *= 2 {
		for r := 0; r < truncated; r += 2 * dist {
			logM := t.skew[r+dist+skewDelta-1]
			for i := r; i < r+dist; i++ {
				a, b := &w[pos+i], &w[pos+i+dist]
				xorBlock(b, a)
				if logM != gf2Modulus {
					t.mulAdd(a, b, logM)
				}
			}
		}
	}
}

func nextPow2(n int) int { return 1 << bits.Len(uint(n-1)) }

// gf2UseHighRate is rate_default.rs's use_high_rate for supported counts.
func gf2UseHighRate(original, recovery int) bool {
	op, rp := nextPow2(original), nextPow2(recovery)
	switch {
	case op < rp:
		return false
	case op > rp:
		return true
	default:
		return original <= recovery
	}
}

// gf2WorkCount is the encoder's work buffer length for the rate.
func gf2WorkCount(original, recovery int, high bool) int {
	if high {
		c := nextPow2(recovery)
		return (original + c - 1) / c * c
	}
	c := nextPow2(original)
	return (recovery + c - 1) / c * c
}

// encode computes the recovery blocks in w[0:recovery] from the original blocks in
// w[0:original] (HighRateEncoder::encode or LowRateEncoder::encode).
func (t *gf2Tables) encode(w gf2Work, original, recovery int, high bool) {
	if high {
		chunk := nextPow2(recovery)
		first := min(original, chunk)
		clear(w[first:chunk])
		t.ifft(w, 0, chunk, first, chunk)
		if original > chunk {
			start := chunk
			for ; start+chunk <= original; start += chunk {
				t.ifft(w, start, chunk, chunk, start+chunk)
				for i := 0; i < chunk; i++ {
					xorBlock(&w[i], &w[start+i])
				}
			}
			if last := original % chunk; last > 0 {
				clear(w[start+last:])
				t.ifft(w, start, chunk, last, start+chunk)
				for i := 0; i < chunk; i++ {
					xorBlock(&w[i], &w[start+i])
				}
			}
		}
		t.fft(w, 0, chunk, recovery, 0)
		return
	}
	chunk := nextPow2(original)
	clear(w[original:chunk])
	t.ifft(w, 0, chunk, original, 0)
	for start := chunk; start < recovery; start += chunk {
		copy(w[start:start+chunk], w[:chunk])
	}
	start := 0
	for ; start+chunk <= recovery; start += chunk {
		t.fft(w, start, chunk, chunk, start+chunk)
	}
	if last := recovery % chunk; last > 0 {
		t.fft(w, start, chunk, last, start+chunk)
	}
}

// gf2BlockLen is the byte length of block b of a shard of shardBytes bytes. reed-solomon-simd
// keeps a 64-byte block as 32 low bytes then 32 high bytes of its 32 symbols, and a final
// partial block of t bytes as t/2 low bytes then t/2 high bytes (Shards::insert).
func gf2BlockLen(shardBytes, b int) int { return min(64, shardBytes-64*b) }

// AvidmGf2Commit returns AvidmGf2Scheme::commit of payload under param (recovery threshold
// k original shards, total weights n shards): shard length ⌈(len+1)/k⌉ rounded up to even,
// payload ‖ 0x01 ‖ zeros cut into k shards, n-k recovery shards by reed-solomon-simd,
// keccak256 of each shard as the leaves of jellyfish's keccak ternary tree. n must exceed k
// (reed-solomon-simd refuses zero recovery shards) and n-k and k must fit its limits, else
// ErrVIDParam. Cost: O(n·log n) GF(2^16) operations per 32 symbols of shard; memory O(n).
func AvidmGf2Commit(p AvidMParam, payload []byte) (interop.Hash, error) {
	if err := p.check(); err != nil {
		return interop.Hash{}, err
	}
	k, n := int(p.RecoveryThreshold), int(p.TotalWeights)
	m := n - k
	if m == 0 {
		return interop.Hash{}, fmt.Errorf("%w: GF(2^16) AVID-M needs recovery shards (threshold %d of %d)", ErrVIDParam, k, n)
	}
	t := gf2Init()
	shardBytes := (len(payload) + 1 + k - 1) / k
	if shardBytes%2 == 1 {
		shardBytes++
	}
	high := gf2UseHighRate(k, m)
	w := make(gf2Work, gf2WorkCount(k, m, high))
	hashers := make([]sha3State, n)
	for i := range hashers {
		hashers[i] = sha3.NewLegacyKeccak256().(sha3State)
	}
	var buf [64]byte
	padded := func(j int) byte {
		switch {
		case j < len(payload):
			return payload[j]
		case j == len(payload):
			return 1
		default:
			return 0
		}
	}
	blocks := (shardBytes + 63) / 64
	for b := 0; b < blocks; b++ {
		bl := gf2BlockLen(shardBytes, b)
		half := bl / 2
		clear(w)
		for s := 0; s < k; s++ {
			base := s*shardBytes + 64*b
			for i := 0; i < half; i++ {
				lo, hi := padded(base+i), padded(base+half+i)
				w[s][i] = uint16(lo) | uint16(hi)<<8
			}
		}
		// the original shards are hashed as they are, before encoding overwrites them
		for s := 0; s < k; s++ {
			for i := 0; i < bl; i++ {
				buf[i] = padded(s*shardBytes + 64*b + i)
			}
			hashers[s].Write(buf[:bl])
		}
		t.encode(w, k, m, high)
		for r := 0; r < m; r++ {
			for i := 0; i < half; i++ {
				buf[i], buf[half+i] = byte(w[r][i]), byte(w[r][i]>>8)
			}
			hashers[k+r].Write(buf[:bl])
		}
	}
	leaves := make([]interop.Hash, n)
	for i := range hashers {
		hashers[i].Read(leaves[i][:])
	}
	return avidmMerkleRoot(leaves), nil
}
