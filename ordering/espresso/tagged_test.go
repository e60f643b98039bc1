package espresso

import (
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop"
)

func TestTaggedBase64(t *testing.T) {
	for _, s := range []string{
		"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2",
		"MERKLE_COMM~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAQA",
		"COMMIT~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
		"AvidMCommit~GVev7Msgzxsj2Kfx6HfqnNoK4USAnZ602eXda3Ic0zrY",
	} {
		v, err := ParseTaggedBase64(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got := v.String(); got != s {
			t.Errorf("%s re-encodes as %s", s, got)
		}
	}
	// The zero commitment's checksum is CRC-8(tag ‖ 32 zero bytes) ^ 32.
	if got := FormatCommitment(TagCommit, interop.Hash{}); got != "COMMIT~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB" {
		t.Errorf("zero commitment: %s", got)
	}
	// Empty tag and a one-byte value.
	if v, err := ParseTaggedBase64(TaggedBase64{Value: []byte{7}}.String()); err != nil || v.Tag != "" || len(v.Value) != 1 {
		t.Errorf("empty tag: %v %v", v, err)
	}
}

func TestTaggedBase64Refusals(t *testing.T) {
	good := "BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2"
	for _, c := range []struct {
		s    string
		want error
	}{
		{"BLOCKdh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2", ErrTaggedBase64},   // no delimiter
		{"BLO.CK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2", ErrTaggedBase64}, // tag character
		{"BLOCK~", ErrTaggedBase64}, // no checksum
		{"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2=", ErrTaggedBase64},  // padding
		{"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN+", ErrTaggedBase64},   // standard alphabet
		{"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN3", ErrChecksum},       // last byte changed
		{trailingBits(), ErrTaggedBase64},                                         // non-zero trailing bits
		{"BLOCK~eh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2", ErrChecksum},       // value changed
		{"BLOCC~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2", ErrChecksum},       // tag changed
		{"T~" + strings.Repeat("A", MaxTaggedBase64Len), ErrTaggedBase64},         // too long
		{"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2\n", ErrTaggedBase64}, // trailing newline
	} {
		if _, err := ParseTaggedBase64(c.s); !errors.Is(err, c.want) {
			t.Errorf("%.60q: %v, want %v", c.s, err, c.want)
		}
	}
	if _, err := ParseCommitment(good, TagFeeInfo); !errors.Is(err, ErrTag) {
		t.Errorf("wrong tag: %v", err)
	}
	if _, err := ParseCommitment("MERKLE_COMM~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAQA", TagMerkleComm); !errors.Is(err, ErrTag) {
		t.Errorf("48-byte value as a commitment: %v", err)
	}
	if c, err := ParseCommitment(good, TagBlock); err != nil || FormatCommitment(TagBlock, c) != good {
		t.Errorf("commitment round trip: %v", err)
	}
}

// trailingBits returns a valid tagged base64 string of a one-byte value with a non-zero
// bit in the unused low bits of its last character.
func trailingBits() string {
	s := TaggedBase64{Tag: "T", Value: []byte{1}}.String()
	last := strings.IndexByte(base64URL, s[len(s)-1])
	return s[:len(s)-1] + string(base64URL[last|1])
}

const base64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
