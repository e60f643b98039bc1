package brotli

import "fmt"

// Decode decompresses a complete Brotli stream. It returns ErrTooLarge once the output
// would exceed limit bytes (limit must be >0), ErrCorrupt (wrapped with %w and detail) for
// any malformed stream, ErrTruncated when the input ends early, ErrTrailing for bytes after
// the last meta-block.
//
// Resource bounds: the output buffer is allocated as the output grows, doubling and never
// past limit, so it costs at most 2·min(limit, n) bytes in total for n output bytes; a
// back-reference or insert is checked against its meta-block's declared length and the
// limit before the buffer grows for it. The window is the output itself, so no separate
// window is allocated. Prefix-code tables and context maps take at most about 3.5 MiB
// (3×256 codes of at most 1,150 four-byte entries, 17 KiB of context maps), reused across
// meta-blocks. Work is linear in input plus output: each symbol read either produces an
// output byte, or belongs to a header whose size is bounded by the bits it consumes.
func Decode(src []byte, limit int) ([]byte, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("%w: limit %d is not positive", ErrTooLarge, limit)
	}
	d := &decoder{limit: limit}
	d.br.src = src
	if err := d.decode(); err != nil {
		return nil, err
	}
	return d.out[:d.pos:d.pos], nil
}

const (
	numLiteralSymbols  = 256
	numCommandSymbols  = 704
	numBlockLenSymbols = 26
	windowGap          = 16 // RFC 7932 section 9.1: the window is 2^WBITS − 16 bytes
)

// blockSwitch is the block type state of one category (literals, commands, distances),
// RFC 7932 section 6.
type blockSwitch struct {
	ntypes          int
	typeOff, lenOff int // table offsets in decoder.tables, valid when ntypes > 1
	typeTree        []uint32
	lenTree         []uint32
	last, second    int // the last and second-to-last block types
	left            int // commands (or literals, distances) left in the current block
}

type decoder struct {
	br    bitReader
	limit int
	out   []byte // the output; also the sliding window
	pos   int    // bytes of out written
	// metaEnd is the output position where the current meta-block ends (≤ limit).
	metaEnd int

	maxBackward int    // 2^WBITS − 16
	dist        [4]int // the last four distances, dist[0] the last (section 4)

	tables   []uint32 // every prefix-code table of the current meta-block
	sc       codeScratch
	blocks   [3]blockSwitch
	modes    [256]uint8 // context mode of each literal block type
	litMap   []uint8    // 64 entries per literal block type: literal tree index
	distMap  []uint8    // 4 entries per distance block type: distance tree index
	litTrees []([]uint32)
	cmdTrees []([]uint32)
	dstTrees []([]uint32)
	offs     []int
	npostfix uint
	ndirect  int
	word     [64]byte
}

func (d *decoder) corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
}

func (d *decoder) decode() error {
	br := &d.br
	d.dist = [4]int{4, 11, 15, 16}
	wbits, err := d.readWindowBits()
	if err != nil {
		return err
	}
	d.maxBackward = 1<<wbits - windowGap
	for {
		if br.overrun() {
			return ErrTruncated
		}
		last, err := d.metaBlock()
		if err != nil {
			return err
		}
		if last {
			break
		}
	}
	if br.overrun() {
		return ErrTruncated
	}
	if !br.alignToByte() {
		return d.corrupt("non-zero padding after the last meta-block")
	}
	if p := br.bytePos(); p != len(br.src) {
		return fmt.Errorf("%w: %d bytes", ErrTrailing, len(br.src)-p)
	}
	return nil
}

// readWindowBits reads WBITS (section 9.1).
func (d *decoder) readWindowBits() (uint, error) {
	br := &d.br
	if br.readBits(1) == 0 {
		return 16, nil
	}
	if n := br.readBits(3); n != 0 {
		return 17 + uint(n), nil
	}
	switch n := br.readBits(3); n {
	case 0:
		return 17, nil
	case 1:
		// 0010001 is reserved by RFC 7932; the large-window extension uses it.
		return 0, d.corrupt("reserved window size code (large-window Brotli is not supported)")
	default:
		return 8 + uint(n), nil
	}
}

// metaBlock decodes one meta-block (section 9.2, 9.3) and reports whether it was the last.
func (d *decoder) metaBlock() (bool, error) {
	br := &d.br
	last := br.readBits(1) == 1
	if last && br.readBits(1) == 1 {
		return true, nil // ISLASTEMPTY
	}
	nibbles := br.readBits(2)
	if nibbles == 3 {
		// A metadata block: skipped.
		if br.readBits(1) != 0 {
			return false, d.corrupt("reserved bit set in metadata block header")
		}
		nbytes := br.readBits(2)
		skip := 0
		if nbytes > 0 {
			for i := uint32(0); i < nbytes; i++ {
				b := br.readBits(8)
				if i+1 == nbytes && nbytes > 1 && b == 0 {
					return false, d.corrupt("metadata length has a zero last byte")
				}
				skip |= int(b) << (8 * i)
			}
			skip++
		}
		if br.overrun() {
			return false, ErrTruncated
		}
		if !br.alignToByte() {
			return false, d.corrupt("non-zero padding before metadata")
		}
		p := br.bytePos()
		if skip > len(br.src)-p {
			return false, ErrTruncated
		}
		br.skipTo(p + skip)
		return last, nil
	}
	nibbles += 4
	mlen := 0
	for i := uint32(0); i < nibbles; i++ {
		v := br.readBits(4)
		if i+1 == nibbles && nibbles > 4 && v == 0 {
			return false, d.corrupt("MLEN has a zero last nibble")
		}
		mlen |= int(v) << (4 * i)
	}
	mlen++
	uncompressed := !last && br.readBits(1) == 1
	if br.overrun() {
		return false, ErrTruncated
	}
	if mlen > d.limit-d.pos {
		return false, fmt.Errorf("%w: meta-block of %d bytes after %d bytes, limit %d", ErrTooLarge, mlen, d.pos, d.limit)
	}
	d.metaEnd = d.pos + mlen
	if uncompressed {
		if !br.alignToByte() {
			return false, d.corrupt("non-zero padding before uncompressed data")
		}
		p := br.bytePos()
		if mlen > len(br.src)-p {
			return false, ErrTruncated
		}
		d.grow(mlen)
		copy(d.out[d.pos:], br.src[p:p+mlen])
		d.pos += mlen
		br.skipTo(p + mlen)
		return false, nil
	}
	if err := d.readHeader(); err != nil {
		return false, err
	}
	return last, d.commands(d.pos + mlen)
}

// grow makes room for n more output bytes; the caller has checked pos+n ≤ limit.
func (d *decoder) grow(n int) {
	need := d.pos + n
	if need <= len(d.out) {
		return
	}
	// The buffer doubles (starting from a compression ratio of 4, which most streams stay
	// within) but never past the current meta-block's end: no byte beyond it can be
	// written before the next header, which checks the limit again.
	c := max(2*len(d.out), 4*len(d.br.src), 1024)
	c = max(min(c, d.metaEnd), need)
	out := make([]byte, c)
	copy(out, d.out[:d.pos])
	d.out = out
}

// readVarUint8 reads the 1–11 bit code of a value in 1..256 used for NBLTYPES and NTREES
// (section 9.2).
func (d *decoder) readVarUint8() int {
	br := &d.br
	if br.readBits(1) == 0 {
		return 1
	}
	n := uint(br.readBits(3))
	if n == 0 {
		return 2
	}
	return 1<<n + int(br.readBits(n)) + 1
}

// Block count codes (section 6): base value and extra bits of each of the 26 symbols.
var (
	blockLenBase  = [numBlockLenSymbols]int{1, 5, 9, 13, 17, 25, 33, 41, 49, 65, 81, 97, 113, 145, 177, 209, 241, 305, 369, 497, 753, 1265, 2289, 4337, 8433, 16625}
	blockLenExtra = [numBlockLenSymbols]uint8{2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 24}
)

func (d *decoder) readBlockCount(t []uint32) int {
	s := d.br.readSymbol(t)
	return blockLenBase[s] + int(d.br.readBits(uint(blockLenExtra[s])))
}

// switchBlock reads a block switch command: the new block type and count (section 6).
func (d *decoder) switchBlock(b *blockSwitch) {
	var t int
	switch s := int(d.br.readSymbol(b.typeTree)); s {
	case 0:
		t = b.second
	case 1:
		t = b.last + 1
	default:
		t = s - 2
	}
	if t >= b.ntypes {
		t -= b.ntypes
	}
	b.second, b.last = b.last, t
	b.left = d.readBlockCount(b.lenTree)
}

// readHeader reads the rest of a compressed meta-block's header (section 9.2): block
// switching codes, distance parameters, context modes and maps, and the prefix codes.
func (d *decoder) readHeader() error {
	br := &d.br
	d.tables = d.tables[:0]
	for i := range d.blocks {
		b := &d.blocks[i]
		*b = blockSwitch{ntypes: d.readVarUint8(), second: 1, left: 1 << 30}
		if b.ntypes < 2 {
			continue
		}
		var err error
		if b.typeOff, err = d.readPrefixCode(b.ntypes + 2); err != nil {
			return err
		}
		if b.lenOff, err = d.readPrefixCode(numBlockLenSymbols); err != nil {
			return err
		}
		b.left = d.readBlockCount(d.tables[b.lenOff:])
	}
	d.npostfix = uint(br.readBits(2))
	d.ndirect = int(br.readBits(4)) << d.npostfix
	nlit := d.blocks[0].ntypes
	for i := 0; i < nlit; i++ {
		d.modes[i] = uint8(br.readBits(2))
	}
	if br.overrun() {
		return ErrTruncated
	}
	ntreesL := d.readVarUint8()
	var err error
	if d.litMap, err = d.readContextMap(d.litMap, 64*nlit, ntreesL); err != nil {
		return err
	}
	ntreesD := d.readVarUint8()
	if d.distMap, err = d.readContextMap(d.distMap, 4*d.blocks[2].ntypes, ntreesD); err != nil {
		return err
	}
	ncmd := d.blocks[1].ntypes
	distAlphabet := 16 + d.ndirect + 48<<d.npostfix
	d.offs = d.offs[:0]
	for i := 0; i < ntreesL+ncmd+ntreesD; i++ {
		alphabet := numLiteralSymbols
		if i >= ntreesL+ncmd {
			alphabet = distAlphabet
		} else if i >= ntreesL {
			alphabet = numCommandSymbols
		}
		off, err := d.readPrefixCode(alphabet)
		if err != nil {
			return err
		}
		d.offs = append(d.offs, off)
		if br.overrun() {
			return ErrTruncated
		}
	}
	// The slab is complete: slice the tables out of it.
	trees := func(dst []([]uint32), offs []int) []([]uint32) {
		dst = dst[:0]
		for _, o := range offs {
			dst = append(dst, d.tables[o:])
		}
		return dst
	}
	d.litTrees = trees(d.litTrees, d.offs[:ntreesL])
	d.cmdTrees = trees(d.cmdTrees, d.offs[ntreesL:ntreesL+ncmd])
	d.dstTrees = trees(d.dstTrees, d.offs[ntreesL+ncmd:])
	for i := range d.blocks {
		if b := &d.blocks[i]; b.ntypes > 1 {
			b.typeTree = d.tables[b.typeOff:]
			b.lenTree = d.tables[b.lenOff:]
		}
	}
	return nil
}

// readContextMap reads a context map of size entries over ntrees trees (section 7.3):
// run-length coded zeros, then an optional inverse move-to-front transform.
func (d *decoder) readContextMap(m []uint8, size, ntrees int) ([]uint8, error) {
	br := &d.br
	if cap(m) < size {
		m = make([]uint8, size)
	}
	m = m[:size]
	clear(m)
	if ntrees < 2 {
		return m, nil
	}
	rleMax := 0
	if br.readBits(1) == 1 {
		rleMax = int(br.readBits(4)) + 1
	}
	off, err := d.readPrefixCode(ntrees + rleMax)
	if err != nil {
		return nil, err
	}
	t := d.tables[off:]
	for i := 0; i < size; {
		if br.overrun() {
			return nil, ErrTruncated
		}
		s := int(br.readSymbol(t))
		switch {
		case s == 0:
			i++
		case s <= rleMax:
			run := 1<<s + int(br.readBits(uint(s)))
			if run > size-i {
				return nil, d.corrupt("context map run of %d zeros at %d past size %d", run, i, size)
			}
			i += run // already zero
		default:
			m[i] = uint8(s - rleMax)
			i++
		}
	}
	if br.readBits(1) == 1 {
		var mtf [256]uint8
		for i := range mtf {
			mtf[i] = uint8(i)
		}
		for i, idx := range m {
			v := mtf[idx]
			m[i] = v
			copy(mtf[1:idx+1], mtf[:idx])
			mtf[0] = v
		}
	}
	// Drop the context map's table: its space is reused by the trees that follow.
	d.tables = d.tables[:off]
	return m, nil
}

// Insert-and-copy length codes (section 5): each 64-symbol cell of the command alphabet
// fixes the high bits of the insert and copy length codes; cells 0 and 1 also imply
// distance code 0.
var (
	cellInsert = [11]uint8{0, 0, 0, 0, 8, 8, 0, 16, 8, 16, 16}
	cellCopy   = [11]uint8{0, 8, 0, 8, 0, 8, 16, 0, 16, 8, 16}

	insertBase  = [24]int{0, 1, 2, 3, 4, 5, 6, 8, 10, 14, 18, 26, 34, 50, 66, 98, 130, 194, 322, 578, 1090, 2114, 6210, 22594}
	insertExtra = [24]uint8{0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12, 14, 24}
	copyBase    = [24]int{2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 18, 22, 30, 38, 54, 70, 102, 134, 198, 326, 582, 1094, 2118}
	copyExtra   = [24]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 24}
)

// commands decodes the commands of a compressed meta-block up to output position end
// (section 9.3).
func (d *decoder) commands(end int) error {
	br := &d.br
	srcLen := len(br.src)
	lit, cmd, dst := &d.blocks[0], &d.blocks[1], &d.blocks[2]
	litMap := d.litMap[64*lit.last : 64*lit.last+64]
	lut := &contextLUT[d.modes[lit.last]]
	cmdTree := d.cmdTrees[cmd.last]
	var p1, p2 byte
	if d.pos > 0 {
		p1 = d.out[d.pos-1]
	}
	if d.pos > 1 {
		p2 = d.out[d.pos-2]
	}
	for d.pos < end {
		if br.overrun() {
			return ErrTruncated
		}
		if cmd.left == 0 {
			d.switchBlock(cmd)
			cmdTree = d.cmdTrees[cmd.last]
		}
		cmd.left--
		c := br.readSymbol(cmdTree)
		cell := c >> 6
		ic := cellInsert[cell] + uint8(c>>3&7)
		cc := cellCopy[cell] + uint8(c&7)
		ilen := insertBase[ic] + int(br.readBits(uint(insertExtra[ic])))
		clen := copyBase[cc] + int(br.readBits(uint(copyExtra[cc])))
		if ilen > end-d.pos {
			return d.corrupt("insert of %d literals at %d past meta-block end %d", ilen, d.pos, end)
		}
		if ilen > 0 {
			d.grow(ilen)
			// The hottest loop: the bit reader's state is kept in locals and the prefix
			// code lookup of readSymbol is written out here.
			out := d.out[d.pos : d.pos+ilen]
			trees := d.litTrees
			val, nbits := br.val, br.nbits
			for i := range out {
				if lit.left == 0 {
					br.val, br.nbits = val, nbits
					d.switchBlock(lit)
					val, nbits = br.val, br.nbits
					litMap = d.litMap[64*lit.last : 64*lit.last+64]
					lut = &contextLUT[d.modes[lit.last]]
				}
				lit.left--
				if nbits < maxCodeLength {
					br.val, br.nbits = val, nbits
					br.refill()
					val, nbits = br.val, br.nbits
					if br.pos > srcLen && br.overrun() {
						return ErrTruncated
					}
				}
				t := trees[litMap[lut[p1]|lut[256+int(p2)]]]
				e := t[val&(1<<rootBits-1)]
				if n := e & 0xffff; n > rootBits {
					e = t[(e>>16)+uint32(val>>rootBits)&(1<<(n-rootBits)-1)]
					val >>= rootBits
					nbits -= rootBits
				}
				n := e & 0xffff
				val >>= n
				nbits -= uint(n)
				b := byte(e >> 16)
				out[i] = b
				p2, p1 = p1, b
			}
			br.val, br.nbits = val, nbits
			d.pos += ilen
			if d.pos == end {
				break // the meta-block ends after the literals; the copy length is unused
			}
		}
		var dist int
		code := uint32(0)
		if cell >= 2 {
			if dst.left == 0 {
				d.switchBlock(dst)
			}
			dst.left--
			cid := 3
			if clen <= 4 {
				cid = clen - 2
			}
			code = br.readSymbol(d.dstTrees[d.distMap[4*dst.last+cid]])
			var err error
			if dist, err = d.distance(code); err != nil {
				return err
			}
		} else {
			dist = d.dist[0]
		}
		maxDist := min(d.pos, d.maxBackward)
		if dist > maxDist {
			// A static dictionary reference (section 8).
			if clen < minWordLength || clen > maxWordLength {
				return d.corrupt("dictionary reference of length %d", clen)
			}
			id := dist - maxDist - 1
			nb := dictBits[clen]
			idx, t := id&(1<<nb-1), id>>nb
			if t >= len(transforms) {
				return d.corrupt("dictionary reference with transform %d (distance %d, max %d)", t, dist, maxDist)
			}
			w := appendWord(d.word[:0], clen, idx, &transforms[t])
			if len(w) > end-d.pos {
				return d.corrupt("dictionary word of %d bytes at %d past meta-block end %d", len(w), d.pos, end)
			}
			d.grow(len(w))
			d.pos += copy(d.out[d.pos:], w)
		} else {
			if clen > end-d.pos {
				return d.corrupt("copy of %d bytes at %d past meta-block end %d", clen, d.pos, end)
			}
			if code != 0 {
				d.dist[3], d.dist[2], d.dist[1], d.dist[0] = d.dist[2], d.dist[1], d.dist[0], dist
			}
			d.grow(clen)
			d.copyBack(dist, clen)
		}
		if d.pos > 0 {
			p1 = d.out[d.pos-1]
		}
		if d.pos > 1 {
			p2 = d.out[d.pos-2]
		}
	}
	if br.overrun() {
		return ErrTruncated
	}
	return nil
}

// copyBack appends n bytes copied from dist bytes back; the regions may overlap, in which
// case the last dist bytes repeat.
func (d *decoder) copyBack(dist, n int) {
	out := d.out
	p := d.pos
	if dist >= n {
		copy(out[p:p+n], out[p-dist:])
	} else {
		// Overlapping: each copy doubles the repeated run.
		src := p - dist
		done := 0
		for done < n {
			k := copy(out[p+done:p+n], out[src:p+done])
			done += k
		}
	}
	d.pos = p + n
}

// distance turns a distance code into a distance (section 4).
func (d *decoder) distance(code uint32) (int, error) {
	c := int(code)
	if c < 16 {
		var v int
		switch {
		case c < 4:
			v = d.dist[c]
		case c < 10:
			// 4..9: last −1, +1, −2, +2, −3, +3
			delta := (c-4)>>1 + 1
			if c&1 == 0 {
				delta = -delta
			}
			v = d.dist[0] + delta
		default:
			delta := (c-10)>>1 + 1
			if c&1 == 0 {
				delta = -delta
			}
			v = d.dist[1] + delta
		}
		if v <= 0 {
			return 0, d.corrupt("distance code %d gives distance %d", c, v)
		}
		return v, nil
	}
	if c < 16+d.ndirect {
		return c - 15, nil
	}
	c -= 16 + d.ndirect
	ndistbits := uint(1 + c>>(d.npostfix+1))
	extra := int(d.br.readBits(ndistbits))
	hcode := c >> d.npostfix
	lcode := c & (1<<d.npostfix - 1)
	offset := (2+hcode&1)<<ndistbits - 4
	return (offset+extra)<<d.npostfix + lcode + d.ndirect + 1, nil
}
