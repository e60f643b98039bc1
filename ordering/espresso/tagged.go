package espresso

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/taggedb64"
)

// MaxTaggedBase64Len bounds the length of a tagged base64 string that ParseTaggedBase64
// accepts: far above any commitment or Merkle root the query service serves.
const MaxTaggedBase64Len = 4096

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
	v, tag, err := parseTagged(s, MaxTaggedBase64Len)
	if err != nil {
		return TaggedBase64{}, err
	}
	return TaggedBase64{Tag: tag, Value: v}, nil
}

// parseTagged is ParseTaggedBase64 with a bound of maxLen characters.
func parseTagged(s string, maxLen int) (value []byte, tag string, err error) {
	if len(s) > maxLen {
		return nil, "", fmt.Errorf("%w: %d bytes, more than %d", ErrTaggedBase64, len(s), maxLen)
	}
	tag, text, err := taggedb64.Split(s)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrTaggedBase64, err)
	}
	v, err := taggedb64.Decode(tag, text, make([]byte, taggedb64.DecodedLen(len(text))))
	switch {
	case errors.Is(err, taggedb64.ErrChecksum):
		return nil, "", fmt.Errorf("%w: %.40q: %v", ErrChecksum, s, err)
	case err != nil:
		return nil, "", fmt.Errorf("%w: %v", ErrTaggedBase64, err)
	}
	return v, tag, nil
}

// String formats t as tag~base64url(value ‖ checksum). The tag is written as it is; a tag
// with characters outside [A-Za-z0-9_-] gives a string ParseTaggedBase64 refuses.
func (t TaggedBase64) String() string { return taggedb64.Format(t.Tag, t.Value) }

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

// vidParseTagged returns the value of the tagged base64 string s whose tag must be tag.
// The value's length must be at most maxValue bytes, checked before decoding. Every
// refusal is ErrVIDEncoding (also wrapping ErrTaggedBase64 or ErrChecksum where those
// apply). Bound: one allocation of len(s)·3/4 bytes.
func vidParseTagged(s, tag string, maxValue int) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, tag+"~")
	if !ok {
		return nil, fmt.Errorf("%w: %.24q is not tagged %s", ErrVIDEncoding, s, tag)
	}
	if taggedb64.DecodedLen(len(rest)) > maxValue+1 {
		return nil, fmt.Errorf("%w: %s value of %d characters, at most %d bytes allowed", ErrVIDEncoding, tag, len(rest), maxValue)
	}
	v, _, err := parseTagged(s, len(s))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrVIDEncoding, tag, err)
	}
	return v, nil
}

// vidFormatTagged is the inverse of vidParseTagged.
func vidFormatTagged(tag string, v []byte) string { return taggedb64.Format(tag, v) }

// ParseAvidMCommit reads an AVID-M payload commitment as headers carry it
// ("AvidMCommit~…": the 32-byte Merkle root, ark-serialised as its raw bytes). A wrong tag,
// length, base64 or checksum is ErrVIDEncoding.
func ParseAvidMCommit(s string) (interop.Hash, error) {
	v, err := vidParseTagged(s, "AvidMCommit", 32)
	if err != nil {
		return interop.Hash{}, err
	}
	if len(v) != 32 {
		return interop.Hash{}, fmt.Errorf("%w: AvidMCommit of %d bytes", ErrVIDEncoding, len(v))
	}
	return interop.Hash(v), nil
}

// FormatAvidMCommit is the "AvidMCommit~…" form of c.
func FormatAvidMCommit(c interop.Hash) string { return vidFormatTagged("AvidMCommit", c[:]) }

// vidMaxTreeHeight bounds a Merkle path: 3^40 > 2^63 leaves, more than a u64 index reaches.
const vidMaxTreeHeight = 40

// vidParseMerkleProof reads a "MERKLE_PROOF~…" membership path of jellyfish's ternary tree:
// ark's serialisation of Vec<Vec<HasherNode>> (u64le count of levels, then per level u64le
// count and 32-byte siblings), each level exactly two siblings, at most vidMaxTreeHeight
// levels, nothing after. Bound: 3.3 KiB for the longest path.
func vidParseMerkleProof(s string) ([][avidmArity - 1]interop.Hash, error) {
	const level = 8 + (avidmArity-1)*32
	v, err := vidParseTagged(s, "MERKLE_PROOF", 8+vidMaxTreeHeight*level)
	if err != nil {
		return nil, err
	}
	if len(v) < 8 {
		return nil, fmt.Errorf("%w: MERKLE_PROOF of %d bytes", ErrVIDEncoding, len(v))
	}
	h := binary.LittleEndian.Uint64(v)
	if h > vidMaxTreeHeight || uint64(len(v)) != 8+h*level {
		return nil, fmt.Errorf("%w: MERKLE_PROOF of %d levels in %d bytes", ErrVIDEncoding, h, len(v))
	}
	path := make([][avidmArity - 1]interop.Hash, h)
	for i := range path {
		off := 8 + i*level
		if n := binary.LittleEndian.Uint64(v[off:]); n != avidmArity-1 {
			return nil, fmt.Errorf("%w: MERKLE_PROOF level %d has %d siblings, want %d", ErrVIDEncoding, i, n, avidmArity-1)
		}
		for j := range path[i] {
			copy(path[i][j][:], v[off+8+32*j:])
		}
	}
	return path, nil
}

// vidFormatMerkleProof is the inverse of vidParseMerkleProof.
func vidFormatMerkleProof(path [][avidmArity - 1]interop.Hash) string {
	v := binary.LittleEndian.AppendUint64(nil, uint64(len(path)))
	for i := range path {
		v = binary.LittleEndian.AppendUint64(v, avidmArity-1)
		for j := range path[i] {
			v = append(v, path[i][j][:]...)
		}
	}
	return vidFormatTagged("MERKLE_PROOF", v)
}
