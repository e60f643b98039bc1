package brotli

import "encoding/binary"

// bitReader reads the stream LSB-first (RFC 7932 section 2). Past the end of src it reads
// zero bits instead of failing at every call; the caller asks overrun() at the points where
// work could otherwise grow (each command, each meta-block header, each length read) and
// reports ErrTruncated then. Zero bits can only produce bounded work between two checks.
type bitReader struct {
	src   []byte
	pos   int    // next byte of src to load; may pass len(src), zeros are loaded then
	val   uint64 // unread bits, the next one in bit 0
	nbits uint   // how many bits of val are valid
}

// refill makes at least 56 bits valid.
func (br *bitReader) refill() {
	if br.pos+8 <= len(br.src) {
		// The bytes above the ones counted are the stream's next bytes too, so a later load
		// that ORs them in again writes the same bits.
		br.val |= binary.LittleEndian.Uint64(br.src[br.pos:]) << br.nbits
		n := (63 - br.nbits) >> 3
		br.pos += int(n)
		br.nbits += n << 3
		return
	}
	for br.nbits <= 56 {
		if br.pos < len(br.src) {
			br.val |= uint64(br.src[br.pos]) << br.nbits
		}
		br.pos++
		br.nbits += 8
	}
}

// readBits reads n ≤ 24 bits.
func (br *bitReader) readBits(n uint) uint32 {
	if br.nbits < n {
		br.refill()
	}
	v := uint32(br.val & (1<<n - 1))
	br.val >>= n
	br.nbits -= n
	return v
}

// overrun reports whether more bits were consumed than src holds.
func (br *bitReader) overrun() bool {
	return br.pos*8-int(br.nbits) > len(br.src)*8
}

// alignToByte drops the bits up to the next byte boundary and reports whether they were all
// zero (RFC 7932 section 9.2: padding bits must be zero).
func (br *bitReader) alignToByte() bool {
	n := br.nbits & 7
	v := br.val & (1<<n - 1)
	br.val >>= n
	br.nbits -= n
	return v == 0
}

// bytePos is the offset in src of the next unread byte; the reader must be byte-aligned.
func (br *bitReader) bytePos() int {
	return br.pos - int(br.nbits>>3)
}

// skipTo restarts reading at byte offset p of src.
func (br *bitReader) skipTo(p int) {
	br.pos = p
	br.val = 0
	br.nbits = 0
}
