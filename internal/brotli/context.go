package brotli

// Literal context modes (RFC 7932 section 7.1).
const (
	modeLSB6 = iota
	modeMSB6
	modeUTF8
	modeSigned
)

// contextLUT[mode] holds two 256-entry tables: the literal context ID is
// contextLUT[mode][p1] | contextLUT[mode][256+p2], p1 and p2 being the last two bytes
// output. For UTF8 they are Lut0 and Lut1 of section 7.1; for Signed, Lut2 shifted by three
// and Lut2.
var contextLUT [4][512]uint8

// utf8Lut0 is Lut0 of section 7.1 for bytes 0x00–0x7f; above that it alternates 0,1
// (continuation bytes) and 2,3 (lead bytes).
var utf8Lut0 = [128]uint8{
	0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 4, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	8, 12, 16, 12, 12, 20, 12, 16, 24, 28, 12, 12, 32, 12, 36, 12,
	44, 44, 44, 44, 44, 44, 44, 44, 44, 44, 32, 32, 24, 40, 28, 12,
	12, 48, 52, 52, 52, 48, 52, 52, 52, 48, 52, 52, 52, 52, 52, 48,
	52, 52, 52, 52, 52, 48, 52, 52, 52, 52, 52, 24, 12, 28, 12, 12,
	12, 56, 60, 60, 60, 56, 60, 60, 60, 56, 60, 60, 60, 60, 60, 56,
	60, 60, 60, 60, 60, 56, 60, 60, 60, 60, 60, 24, 12, 28, 12, 0,
}

// utf8Lut1 is Lut1 of section 7.1 for bytes 0x00–0x7f; 0x80–0xdf map to 0, 0xe0–0xff to 2.
var utf8Lut1 = [128]uint8{
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1,
	1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
	1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 0,
}

// signedLut2 is Lut2 of section 7.1: the byte's class by its value as a signed number.
func signedLut2(b int) uint8 {
	switch {
	case b == 0:
		return 0
	case b < 16:
		return 1
	case b < 64:
		return 2
	case b < 128:
		return 3
	case b < 192:
		return 4
	case b < 240:
		return 5
	case b < 255:
		return 6
	default:
		return 7
	}
}

func init() {
	for b := 0; b < 256; b++ {
		contextLUT[modeLSB6][b] = uint8(b & 0x3f)
		contextLUT[modeMSB6][b] = uint8(b >> 2)
		if b < 128 {
			contextLUT[modeUTF8][b] = utf8Lut0[b]
			contextLUT[modeUTF8][256+b] = utf8Lut1[b]
		} else {
			contextLUT[modeUTF8][b] = uint8(b>>6&1)<<1 | uint8(b&1)
			if b >= 0xe0 {
				contextLUT[modeUTF8][256+b] = 2
			}
		}
		contextLUT[modeSigned][b] = signedLut2(b) << 3
		contextLUT[modeSigned][256+b] = signedLut2(b)
	}
}
