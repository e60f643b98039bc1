package brotli

import _ "embed"

// dictionary is the static dictionary of RFC 7932 Appendix A: 122,784 bytes of words of
// length 4 to 24, grouped by length. Its SHA-256 is checked in dictionary_test.go.
//
//go:embed dictionary.bin
var dictionary string

// dictBits[l] is NDBITS for words of length l (Appendix A): there are 1<<dictBits[l] words
// of that length. dictOffset[l] is where they start (DOFFSET).
var (
	dictBits   = [25]uint8{0, 0, 0, 0, 10, 10, 11, 11, 10, 10, 10, 10, 10, 9, 9, 8, 7, 7, 8, 7, 7, 6, 6, 5, 5}
	dictOffset [26]int
)

func init() {
	for l := 4; l <= 24; l++ {
		dictOffset[l+1] = dictOffset[l] + l<<dictBits[l]
	}
}

const (
	minWordLength = 4
	maxWordLength = 24
)

// Transform types (RFC 7932 section 8 and Appendix B).
const (
	tIdentity = iota
	tOmitLast1
	tOmitLast2
	tOmitLast3
	tOmitLast4
	tOmitLast5
	tOmitLast6
	tOmitLast7
	tOmitLast8
	tOmitLast9
	tUppercaseFirst
	tUppercaseAll
	tOmitFirst1
	tOmitFirst2
	tOmitFirst3
	tOmitFirst4
	tOmitFirst5
	tOmitFirst6
	tOmitFirst7
	tOmitFirst8
	tOmitFirst9
)

type transform struct {
	prefix string
	kind   uint8
	suffix string
}

// transforms is the list of Appendix B, in transform ID order.
var transforms = [121]transform{
	{"", tIdentity, ""},
	{"", tIdentity, " "},
	{" ", tIdentity, " "},
	{"", tOmitFirst1, ""},
	{"", tUppercaseFirst, " "},
	{"", tIdentity, " the "},
	{" ", tIdentity, ""},
	{"s ", tIdentity, " "},
	{"", tIdentity, " of "},
	{"", tUppercaseFirst, ""},
	{"", tIdentity, " and "},
	{"", tOmitFirst2, ""},
	{"", tOmitLast1, ""},
	{", ", tIdentity, " "},
	{"", tIdentity, ", "},
	{" ", tUppercaseFirst, " "},
	{"", tIdentity, " in "},
	{"", tIdentity, " to "},
	{"e ", tIdentity, " "},
	{"", tIdentity, "\x22"},
	{"", tIdentity, "."},
	{"", tIdentity, "\x22>"},
	{"", tIdentity, "\x0a"},
	{"", tOmitLast3, ""},
	{"", tIdentity, "]"},
	{"", tIdentity, " for "},
	{"", tOmitFirst3, ""},
	{"", tOmitLast2, ""},
	{"", tIdentity, " a "},
	{"", tIdentity, " that "},
	{" ", tUppercaseFirst, ""},
	{"", tIdentity, ". "},
	{".", tIdentity, ""},
	{" ", tIdentity, ", "},
	{"", tOmitFirst4, ""},
	{"", tIdentity, " with "},
	{"", tIdentity, "'"},
	{"", tIdentity, " from "},
	{"", tIdentity, " by "},
	{"", tOmitFirst5, ""},
	{"", tOmitFirst6, ""},
	{" the ", tIdentity, ""},
	{"", tOmitLast4, ""},
	{"", tIdentity, ". The "},
	{"", tUppercaseAll, ""},
	{"", tIdentity, " on "},
	{"", tIdentity, " as "},
	{"", tIdentity, " is "},
	{"", tOmitLast7, ""},
	{"", tOmitLast1, "ing "},
	{"", tIdentity, "\x0a\x09"},
	{"", tIdentity, ":"},
	{" ", tIdentity, ". "},
	{"", tIdentity, "ed "},
	{"", tOmitFirst9, ""},
	{"", tOmitFirst7, ""},
	{"", tOmitLast6, ""},
	{"", tIdentity, "("},
	{"", tUppercaseFirst, ", "},
	{"", tOmitLast8, ""},
	{"", tIdentity, " at "},
	{"", tIdentity, "ly "},
	{" the ", tIdentity, " of "},
	{"", tOmitLast5, ""},
	{"", tOmitLast9, ""},
	{" ", tUppercaseFirst, ", "},
	{"", tUppercaseFirst, "\x22"},
	{".", tIdentity, "("},
	{"", tUppercaseAll, " "},
	{"", tUppercaseFirst, "\x22>"},
	{"", tIdentity, "=\x22"},
	{" ", tIdentity, "."},
	{".com/", tIdentity, ""},
	{" the ", tIdentity, " of the "},
	{"", tUppercaseFirst, "'"},
	{"", tIdentity, ". This "},
	{"", tIdentity, ","},
	{".", tIdentity, " "},
	{"", tUppercaseFirst, "("},
	{"", tUppercaseFirst, "."},
	{"", tIdentity, " not "},
	{" ", tIdentity, "=\x22"},
	{"", tIdentity, "er "},
	{" ", tUppercaseAll, " "},
	{"", tIdentity, "al "},
	{" ", tUppercaseAll, ""},
	{"", tIdentity, "='"},
	{"", tUppercaseAll, "\x22"},
	{"", tUppercaseFirst, ". "},
	{" ", tIdentity, "("},
	{"", tIdentity, "ful "},
	{" ", tUppercaseFirst, ". "},
	{"", tIdentity, "ive "},
	{"", tIdentity, "less "},
	{"", tUppercaseAll, "'"},
	{"", tIdentity, "est "},
	{" ", tUppercaseFirst, "."},
	{"", tUppercaseAll, "\x22>"},
	{" ", tIdentity, "='"},
	{"", tUppercaseFirst, ","},
	{"", tIdentity, "ize "},
	{"", tUppercaseAll, "."},
	{"\xc2\xa0", tIdentity, ""},
	{" ", tIdentity, ","},
	{"", tUppercaseFirst, "=\x22"},
	{"", tUppercaseAll, "=\x22"},
	{"", tIdentity, "ous "},
	{"", tUppercaseAll, ", "},
	{"", tUppercaseFirst, "='"},
	{" ", tUppercaseFirst, ","},
	{" ", tUppercaseAll, "=\x22"},
	{" ", tUppercaseAll, ", "},
	{"", tUppercaseAll, ","},
	{"", tUppercaseAll, "("},
	{"", tUppercaseAll, ". "},
	{" ", tUppercaseAll, "."},
	{"", tUppercaseAll, "='"},
	{" ", tUppercaseAll, ". "},
	{" ", tUppercaseFirst, "=\x22"},
	{" ", tUppercaseAll, "='"},
	{" ", tUppercaseFirst, "='"},
}

// appendWord appends to dst the static dictionary word of length n at index idx, with
// transform t applied (section 8). The result is at most 13+24+13 bytes longer than dst.
func appendWord(dst []byte, n, idx int, t *transform) []byte {
	word := dictionary[dictOffset[n]+idx*n : dictOffset[n]+(idx+1)*n]
	dst = append(dst, t.prefix...)
	switch k := int(t.kind); {
	case k <= tOmitLast9:
		if k < len(word) {
			word = word[:len(word)-k]
		} else {
			word = ""
		}
	case k >= tOmitFirst1:
		k -= tOmitFirst1 - 1
		if k < len(word) {
			word = word[k:]
		} else {
			word = ""
		}
	}
	start := len(dst)
	dst = append(dst, word...)
	switch t.kind {
	case tUppercaseFirst:
		toUpper(dst[start:])
	case tUppercaseAll:
		for w := dst[start:]; len(w) > 0; {
			w = w[toUpper(w):]
		}
	}
	return append(dst, t.suffix...)
}

// toUpper upper-cases the character at the start of w as section 8's ToUpperCase does
// (ASCII letters, and a crude rule for 2- and 3-byte UTF-8 sequences) and returns the
// length it stepped over, never more than len(w): bytes past the word are left alone,
// where the RFC's version writes into bytes that the suffix then overwrites.
func toUpper(w []byte) int {
	switch {
	case w[0] < 0xc0:
		if w[0] >= 'a' && w[0] <= 'z' {
			w[0] ^= 32
		}
		return 1
	case w[0] < 0xe0:
		if len(w) > 1 {
			w[1] ^= 32
			return 2
		}
		return 1
	default:
		if len(w) > 2 {
			w[2] ^= 5
			return 3
		}
		return len(w)
	}
}
