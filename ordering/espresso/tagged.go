package espresso

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/interopkit/interop"
)

// MaxTaggedBase64Len bounds the length of a tagged base64 string that ParseTaggedBase64
// accepts: far above any commitment or Merkle root the query service serves.
const MaxTaggedBase64Len = 4096

// tb64 is the URL-safe alphabet without padding, rejecting non-zero trailing bits as the
// base64 crate's GeneralPurpose(URL_SAFE, NO_PAD) engine that tagged-base64 uses does.
var tb64 = base64.RawURLEncoding.Strict()

// TaggedBase64 is a value of the tagged-base64 crate (EspressoSystems/tagged-base64): a
// tag of URL-safe characters ([A-Za-z0-9_-], possibly empty) and a byte string, written
// tag~base64url(value ‖ checksum) without padding. The checksum byte is CRC-8 (polynomial
// 0x07, initial value 0, no reflection, as crc-any's CRC::crc8) over the tag's bytes then
// the value's, XORed with the value's length mod 256.
type TaggedBase64 struct {
	Tag   string
	Value []byte
}

// ParseTaggedBase64 parses tag~base64 strictly: a missing delimiter, a tag character
// outside [A-Za-z0-9_-], padding, characters outside the URL-safe alphabet, non-canonical
// trailing bits or an empty decoding are ErrTaggedBase64; a wrong checksum is ErrChecksum.
// Bound: s is refused past MaxTaggedBase64Len bytes; it allocates the tag and at most
// len(s) bytes of value.
func ParseTaggedBase64(s string) (TaggedBase64, error) {
	if len(s) > MaxTaggedBase64Len {
		return TaggedBase64{}, fmt.Errorf("%w: %d bytes, more than %d", ErrTaggedBase64, len(s), MaxTaggedBase64Len)
	}
	i := strings.IndexByte(s, '~')
	if i < 0 {
		return TaggedBase64{}, fmt.Errorf("%w: no delimiter in %.40q", ErrTaggedBase64, s)
	}
	tag, enc := s[:i], s[i+1:]
	if !safeTag(tag) {
		return TaggedBase64{}, fmt.Errorf("%w: tag %.40q", ErrTaggedBase64, tag)
	}
	// safeTag's set is the URL-safe alphabet; checked first because the base64 decoder
	// skips CR and LF.
	if !safeTag(enc) {
		return TaggedBase64{}, fmt.Errorf("%w: value of %.40q", ErrTaggedBase64, s)
	}
	raw, err := tb64.DecodeString(enc)
	if err != nil || len(raw) == 0 {
		return TaggedBase64{}, fmt.Errorf("%w: value of %.40q", ErrTaggedBase64, s)
	}
	value, cs := raw[:len(raw)-1], raw[len(raw)-1]
	if want := checksum(tag, value); cs != want {
		return TaggedBase64{}, fmt.Errorf("%w: %.40q has %#02x, want %#02x", ErrChecksum, s, cs, want)
	}
	return TaggedBase64{Tag: tag, Value: value}, nil
}

// String formats t as tag~base64url(value ‖ checksum). The tag is written as it is; a tag
// with characters outside [A-Za-z0-9_-] gives a string ParseTaggedBase64 refuses.
func (t TaggedBase64) String() string {
	raw := make([]byte, 0, len(t.Value)+1)
	raw = append(raw, t.Value...)
	raw = append(raw, checksum(t.Tag, t.Value))
	return t.Tag + "~" + tb64.EncodeToString(raw)
}

// ParseCommitment parses a committable Commitment as its Display form writes it: tagged
// base64 with the given tag and a 32-byte value. Another tag or length is ErrTag; see
// ParseTaggedBase64 for the other errors.
func ParseCommitment(s, tag string) (interop.Hash, error) {
	t, err := ParseTaggedBase64(s)
	if err != nil {
		return interop.Hash{}, err
	}
	if t.Tag != tag || len(t.Value) != 32 {
		return interop.Hash{}, fmt.Errorf("%w: %q with %d bytes where %s~ with 32 is expected", ErrTag, t.Tag, len(t.Value), tag)
	}
	return interop.Hash(t.Value), nil
}

// FormatCommitment writes the 32-byte commitment c under tag, as committable's Display.
func FormatCommitment(tag string, c interop.Hash) string {
	return TaggedBase64{Tag: tag, Value: c[:]}.String()
}

func safeTag(tag string) bool {
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

var crc8Table = func() (t [256]byte) {
	for i := range t {
		c := byte(i)
		for range 8 {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

func checksum(tag string, value []byte) byte {
	var c byte
	for i := 0; i < len(tag); i++ {
		c = crc8Table[c^tag[i]]
	}
	for _, v := range value {
		c = crc8Table[c^v]
	}
	return c ^ byte(len(value))
}
