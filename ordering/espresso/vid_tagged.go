package espresso

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/interopkit/interop"
)

// This file holds the VID part's strict reader of Espresso's tagged base64 (crate
// tagged-base64: TAG "~" base64url-no-pad(value ‖ checksum)), for the two tags it
// reads: AvidMCommit and MERKLE_PROOF. The commitments part owns the general reader
// (tagged*.go); the lead may merge the two.

// vidTB64 is the URL-safe alphabet without padding; Strict rejects non-zero trailing bits,
// as the base64 crate's InvalidLastSymbol does.
var vidTB64 = base64.RawURLEncoding.Strict()

// vidChecksum is tagged-base64's calc_checksum: crc-any's CRC::crc8() (polynomial 0x07,
// initial value 0, not reflected, no final xor: CRC-8/SMBUS) of tag ‖ value, xored with
// the value's length as u8.
func vidChecksum(tag string, value []byte) byte {
	return vidCRC8([]byte(tag), value) ^ byte(len(value))
}

func vidCRC8(parts ...[]byte) byte {
	var c byte
	for _, p := range parts {
		for _, b := range p {
			c ^= b
			for range 8 {
				if c&0x80 != 0 {
					c = c<<1 ^ 0x07
				} else {
					c <<= 1
				}
			}
		}
	}
	return c
}

// vidParseTagged returns the value of the tagged base64 string s whose tag must be tag.
// The value's length must be at most maxValue bytes, checked before decoding.
// Bound: one allocation of len(s)·3/4 bytes.
func vidParseTagged(s, tag string, maxValue int) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, tag+"~")
	if !ok {
		return nil, fmt.Errorf("%w: %.24q is not tagged %s", ErrVIDEncoding, s, tag)
	}
	if vidTB64.DecodedLen(len(rest)) > maxValue+1 {
		return nil, fmt.Errorf("%w: %s value of %d characters, at most %d bytes allowed", ErrVIDEncoding, tag, len(rest), maxValue)
	}
	raw, err := vidTB64.DecodeString(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: %s value: %v", ErrVIDEncoding, tag, err)
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: %s without checksum", ErrVIDEncoding, tag)
	}
	v, cs := raw[:len(raw)-1], raw[len(raw)-1]
	if want := vidChecksum(tag, v); cs != want {
		return nil, fmt.Errorf("%w: %s checksum %#02x, want %#02x", ErrVIDEncoding, tag, cs, want)
	}
	return v, nil
}

// vidFormatTagged is the inverse of vidParseTagged.
func vidFormatTagged(tag string, v []byte) string {
	raw := append(append(make([]byte, 0, len(v)+1), v...), vidChecksum(tag, v))
	return tag + "~" + vidTB64.EncodeToString(raw)
}

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
