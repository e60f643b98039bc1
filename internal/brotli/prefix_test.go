package brotli

import (
	"math/rand/v2"
	"sort"
	"testing"
)

// randomLengths returns code lengths (≤ 15) of a complete prefix code over n symbols, some
// of them unused, built by splitting leaves at random.
func randomLengths(r *rand.Rand, alphabet int) []uint8 {
	n := 2 + r.IntN(alphabet-1)
	leaves := []uint8{1, 1}
	for len(leaves) < n {
		i := r.IntN(len(leaves))
		if leaves[i] >= maxCodeLength {
			if r.IntN(4) == 0 {
				break
			}
			continue
		}
		leaves[i]++
		leaves = append(leaves, leaves[i])
	}
	lengths := make([]uint8, alphabet)
	perm := r.Perm(alphabet)
	for i, l := range leaves {
		lengths[perm[i]] = l
	}
	return lengths
}

// TestPrefixTableDecodesCanonicalCodes encodes symbols with the canonical code of random
// complete codes (section 3.2) and checks that the table decodes each symbol and consumes
// exactly its code's bits.
func TestPrefixTableDecodesCanonicalCodes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var sc codeScratch
	for iter := 0; iter < 300; iter++ {
		alphabet := []int{18, 26, 256, 520, 704}[iter%5]
		lengths := randomLengths(r, alphabet)
		// Canonical codes: by length, then symbol.
		type sc2 struct {
			sym int
			l   uint8
		}
		var syms []sc2
		for s, l := range lengths {
			if l > 0 {
				syms = append(syms, sc2{s, l})
			}
		}
		sort.Slice(syms, func(i, j int) bool {
			if syms[i].l != syms[j].l {
				return syms[i].l < syms[j].l
			}
			return syms[i].sym < syms[j].sym
		})
		codes := make(map[int]uint32)
		code, prev := uint32(0), uint8(0)
		for _, s := range syms {
			code <<= s.l - prev
			prev = s.l
			codes[s.sym] = code
			code++
		}
		if code != 1<<prev {
			t.Fatalf("generator made an incomplete code")
		}
		table := appendTable(nil, lengths, &sc)
		// Write 200 random used symbols, MSB of each code first, into an LSB-first stream.
		var bitsOut []byte
		var acc uint64
		var nacc uint
		var want []int
		var total uint
		for k := 0; k < 200; k++ {
			s := syms[r.IntN(len(syms))]
			want = append(want, s.sym)
			c := codes[s.sym]
			for b := int(s.l) - 1; b >= 0; b-- {
				acc |= uint64(c>>uint(b)&1) << nacc
				nacc++
				total++
				if nacc == 8 {
					bitsOut = append(bitsOut, byte(acc))
					acc, nacc = 0, 0
				}
			}
		}
		bitsOut = append(bitsOut, byte(acc))
		br := bitReader{src: bitsOut}
		for k, w := range want {
			if got := br.readSymbol(table); int(got) != w {
				t.Fatalf("iter %d symbol %d: got %d want %d", iter, k, got, w)
			}
		}
		if used := uint(br.pos*8) - br.nbits; used != total {
			t.Fatalf("iter %d: consumed %d bits, want %d", iter, used, total)
		}
	}
}
