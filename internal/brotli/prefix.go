package brotli

import (
	"fmt"
	"math/bits"
)

// Prefix codes (RFC 7932 section 3) are decoded with a two-level lookup table. An entry
// holds value<<16 | n. In the 256-entry root table n ≤ rootBits is the code length of the
// symbol value; n > rootBits marks a link: value is the index of a second-level table of
// 1<<(n-rootBits) entries, indexed by the code's next bits, whose entries hold the
// symbol and the bits left to drop after the root's rootBits.
const (
	rootBits      = 8
	maxCodeLength = 15
)

// readSymbol decodes one symbol of the code whose table is t.
func (br *bitReader) readSymbol(t []uint32) uint32 {
	if br.nbits < maxCodeLength {
		br.refill()
	}
	e := t[br.val&(1<<rootBits-1)]
	if n := e & 0xffff; n > rootBits {
		sub := (e >> 16) + uint32(br.val>>rootBits)&(1<<(n-rootBits)-1)
		br.val >>= rootBits
		br.nbits -= rootBits
		e = t[sub]
	}
	n := e & 0xffff
	br.val >>= n
	br.nbits -= uint(n)
	return e >> 16
}

// codeScratch holds the per-build working arrays, kept in the decoder so that building a
// table allocates nothing but the table.
type codeScratch struct {
	lengths [maxAlphabet]uint8
	sorted  [maxAlphabet]uint16
	codes   [maxAlphabet]uint32
}

// maxAlphabet is the largest alphabet a stream can declare: the insert-and-copy alphabet
// (704) is the largest fixed one; the distance alphabet is at most 16+120+(48<<3) = 520,
// a context-map alphabet at most 256+16 = 272.
const maxAlphabet = 704

// appendTable appends to dst the lookup table of the canonical prefix code with code
// lengths lengths (RFC 7932 section 3.2: codes ordered by length, then by symbol) and
// returns the extended slice. The code must be complete, or consist of one symbol, whose
// code then has zero length (section 3.4); the readers check that before calling.
func appendTable(dst []uint32, lengths []uint8, sc *codeScratch) []uint32 {
	var count [maxCodeLength + 1]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [maxCodeLength + 2]int
	for l := 1; l <= maxCodeLength; l++ {
		next[l+1] = next[l] + count[l]
	}
	total := next[maxCodeLength+1]
	for sym, l := range lengths {
		if l != 0 {
			sc.sorted[next[l]] = uint16(sym)
			next[l]++
		}
	}
	base := len(dst)
	dst = append(dst, make([]uint32, 1<<rootBits)...)
	if total == 1 {
		e := uint32(sc.sorted[0]) << 16
		for i := base; i < len(dst); i++ {
			dst[i] = e
		}
		return dst
	}
	code, prev := uint32(0), uint8(0)
	for i := 0; i < total; i++ {
		l := lengths[sc.sorted[i]]
		code <<= l - prev
		prev = l
		sc.codes[i] = code
		code++
	}
	i := 0
	for ; i < total; i++ {
		sym := uint32(sc.sorted[i])
		l := uint32(lengths[sym])
		if l > rootBits {
			break
		}
		e := sym<<16 | l
		for j := reverse(sc.codes[i], l); j < 1<<rootBits; j += 1 << l {
			dst[base+int(j)] = e
		}
	}
	// Longer codes: canonical codes grow with their index, so the codes that share a root
	// prefix are consecutive and the last of them is the longest.
	for i < total {
		prefixOf := func(k int) uint32 {
			return sc.codes[k] >> (lengths[sc.sorted[k]] - rootBits)
		}
		prefix := prefixOf(i)
		j := i
		for j < total && prefixOf(j) == prefix {
			j++
		}
		subBits := uint32(lengths[sc.sorted[j-1]]) - rootBits
		off := len(dst)
		dst = append(dst, make([]uint32, 1<<subBits)...)
		dst[base+int(reverse(prefix, rootBits))] = uint32(off-base)<<16 | (rootBits + subBits)
		for k := i; k < j; k++ {
			sym := uint32(sc.sorted[k])
			l := uint32(lengths[sym])
			e := sym<<16 | (l - rootBits)
			for m := reverse(sc.codes[k], l) >> rootBits; m < 1<<subBits; m += 1 << (l - rootBits) {
				dst[off+int(m)] = e
			}
		}
		i = j
	}
	return dst
}

func reverse(code, n uint32) uint32 {
	return bits.Reverse32(code) >> (32 - n)
}

// codeLengthOrder is the order in which the code lengths of the code length alphabet are
// sent (RFC 7932 section 3.5).
var codeLengthOrder = [18]uint8{1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15}

// The code length code's lengths are themselves sent with a fixed code (section 3.5),
// indexed here by the next four stream bits: 00→0, 0111→1, 011→2, 10→3, 01→4, 1111→5,
// read right to left.
var (
	clLengthBits  = [16]uint8{2, 2, 2, 3, 2, 2, 2, 4, 2, 2, 2, 3, 2, 2, 2, 4}
	clLengthValue = [16]uint8{0, 4, 3, 2, 0, 4, 3, 1, 0, 4, 3, 2, 0, 4, 3, 5}
)

// readPrefixCode reads a prefix code over alphabet symbols (section 3.4/3.5) and appends
// its table to d.tables, returning the table's offset there.
func (d *decoder) readPrefixCode(alphabet int) (int, error) {
	br := &d.br
	lengths := d.sc.lengths[:alphabet]
	clear(lengths)
	off := len(d.tables)
	hskip := br.readBits(2)
	if hskip == 1 {
		// Simple prefix code: NSYM-1, then NSYM symbols of ALPHABET_BITS bits each.
		nsym := int(br.readBits(2)) + 1
		symBits := uint(bits.Len(uint(alphabet - 1)))
		var syms [4]uint32
		for i := 0; i < nsym; i++ {
			s := br.readBits(symBits)
			if int(s) >= alphabet {
				return 0, fmt.Errorf("%w: simple prefix code symbol %d not below alphabet size %d", ErrCorrupt, s, alphabet)
			}
			for _, t := range syms[:i] {
				if t == s {
					return 0, fmt.Errorf("%w: simple prefix code repeats symbol %d", ErrCorrupt, s)
				}
			}
			syms[i] = s
		}
		switch nsym {
		case 1:
			lengths[syms[0]] = 1 // a single symbol: appendTable gives it a zero-length code
		case 2:
			lengths[syms[0]], lengths[syms[1]] = 1, 1
		case 3:
			lengths[syms[0]], lengths[syms[1]], lengths[syms[2]] = 1, 2, 2
		case 4:
			if br.readBits(1) == 0 {
				lengths[syms[0]], lengths[syms[1]], lengths[syms[2]], lengths[syms[3]] = 2, 2, 2, 2
			} else {
				lengths[syms[0]], lengths[syms[1]], lengths[syms[2]], lengths[syms[3]] = 1, 2, 3, 3
			}
		}
		d.tables = appendTable(d.tables, lengths, &d.sc)
		return off, nil
	}

	// Complex prefix code: first the code length code's lengths.
	var clLengths [18]uint8
	space, num := 32, 0
	for i := int(hskip); i < len(codeLengthOrder); i++ {
		if br.nbits < 4 {
			br.refill()
		}
		v := br.val & 15
		br.val >>= clLengthBits[v]
		br.nbits -= uint(clLengthBits[v])
		l := clLengthValue[v]
		clLengths[codeLengthOrder[i]] = l
		if l != 0 {
			space -= 32 >> l
			num++
			if space <= 0 {
				break
			}
		}
	}
	if num != 1 && space != 0 {
		return 0, fmt.Errorf("%w: code length code lengths do not form a complete code (space %d)", ErrCorrupt, space)
	}
	var clTable [1 << rootBits]uint32
	appendTable(clTable[:0], clLengths[:], &d.sc)

	// Then the symbols' code lengths, with 16 repeating the previous non-zero length and
	// 17 repeating zero; consecutive repeats multiply (section 3.5).
	sym, prevLen, repeat, repeatLen, space15 := 0, uint8(8), 0, uint8(0), 1<<15
	for sym < alphabet && space15 > 0 {
		if br.overrun() {
			return 0, ErrTruncated
		}
		c := br.readSymbol(clTable[:])
		if c < 16 {
			repeat = 0
			lengths[sym] = uint8(c)
			sym++
			if c != 0 {
				prevLen = uint8(c)
				space15 -= 1 << 15 >> c
			}
			continue
		}
		extra, newLen := uint(2), prevLen
		if c == 17 {
			extra, newLen = 3, 0
		}
		if repeatLen != newLen {
			repeat, repeatLen = 0, newLen
		}
		old := repeat
		if repeat > 0 {
			repeat = (repeat - 2) << extra
		}
		repeat += int(br.readBits(extra)) + 3
		delta := repeat - old
		if sym+delta > alphabet {
			return 0, fmt.Errorf("%w: code length repeat to symbol %d past alphabet size %d", ErrCorrupt, sym+delta, alphabet)
		}
		for k := 0; k < delta; k++ {
			lengths[sym+k] = repeatLen
		}
		sym += delta
		if repeatLen != 0 {
			space15 -= delta << (15 - repeatLen)
		}
	}
	if space15 != 0 {
		return 0, fmt.Errorf("%w: code lengths do not form a complete code (space %d)", ErrCorrupt, space15)
	}
	d.tables = appendTable(d.tables, lengths, &d.sc)
	return off, nil
}
