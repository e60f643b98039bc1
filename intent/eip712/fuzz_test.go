package eip712

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

var sentinels = []error{ErrSyntax, ErrInvalidType, ErrUnknownType, ErrCyclicType, ErrMissingField, ErrExtraField, ErrTypeMismatch, ErrOutOfRange, ErrInvalidHex, ErrWrongLength, ErrAmbiguousNumber, ErrTooComplex}

// FuzzHashTypedData, for every mode: any input either hashes, with ParseTypedData
// agreeing, or fails with one of the package's sentinels; nothing panics. An accepted
// document re-encoded as canonical JSON (no whitespace, strings re-escaped) hashes to the
// same digest. Across modes: what Strict accepts, EthSigUtilV4 accepts with the same
// digest (or refuses a $ in a struct name), and GoEthereum either refuses or gives the same
// digest.
func FuzzHashTypedData(f *testing.F) {
	for _, c := range badInputs {
		f.Add([]byte(c.doc))
	}
	f.Add([]byte(mailJSON))
	f.Add([]byte(concurrentDoc))
	for _, tf := range trezorFixtures {
		f.Add([]byte(tf.doc))
	}
	if files, _ := filepath.Glob("../../../shared/vectors/intent/eip712/geth/*.json"); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<14 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		digests := map[Mode]interop.Hash{}
		for _, m := range allModes {
			h, err := m.HashTypedData(b)
			// The parser's two ways of sizing lists (jparser.prescan) give one answer.
			saved := prescanAbove
			prescanAbove = 0
			hp, errP := m.HashTypedData(b)
			prescanAbove = saved
			if hp != h || (err == nil) != (errP == nil) || err != nil && err.Error() != errP.Error() {
				t.Fatalf("%v: %x, %v without the prescan; %x, %v with it", m, h, err, hp, errP)
			}
			if err != nil {
				if !isSentinel(err) {
					t.Fatalf("%v: error without sentinel: %v", m, err)
				}
				continue
			}
			digests[m] = h
			td, err := m.ParseTypedData(b)
			if err != nil || td.Digest() != h {
				t.Fatalf("%v: ParseTypedData disagrees: %v", m, err)
			}
			root, err := parseJSON(b)
			if err != nil {
				t.Fatalf("%v: accepted, but the JSON does not parse: %v", m, err)
			}
			c := appendCanonical(nil, &root)
			if h2, err := m.HashTypedData(c); err != nil || h2 != h {
				t.Fatalf("%v: canonical re-encoding %s hashes to %v, %v; want %v", m, c, h2, err, h)
			}
		}
		if s, ok := digests[Strict]; ok {
			// EthSigUtilV4 may refuse a $ in a struct name (ErrInvalidType), nothing else.
			v, ok := digests[EthSigUtilV4]
			if ok && v != s {
				t.Fatalf("Strict %v, EthSigUtilV4 %v", s, v)
			}
			if _, err := EthSigUtilV4.HashTypedData(b); !ok && !(errors.Is(err, ErrInvalidType) && bytes.Contains(b, []byte("$"))) {
				t.Fatalf("Strict accepts, EthSigUtilV4 refuses: %v", err)
			}
			if g, ok := digests[GoEthereum]; ok && g != s {
				t.Fatalf("Strict %v, GoEthereum %v", s, g)
			}
		}
	})
}

// appendCanonical writes v as JSON without whitespace, strings escaped by encoding/json,
// numbers as their literal.
func appendCanonical(dst []byte, v *jval) []byte {
	switch v.kind {
	case jNull:
		return append(dst, "null"...)
	case jTrue:
		return append(dst, "true"...)
	case jFalse:
		return append(dst, "false"...)
	case jNumber:
		return append(dst, v.s...)
	case jString:
		q, _ := json.Marshal(v.s)
		return append(dst, q...)
	case jArray:
		dst = append(dst, '[')
		for i := range v.list {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendCanonical(dst, &v.list[i])
		}
		return append(dst, ']')
	default:
		dst = append(dst, '{')
		for i := range v.members {
			if i > 0 {
				dst = append(dst, ',')
			}
			q, _ := json.Marshal(v.members[i].key)
			dst = append(dst, q...)
			dst = append(dst, ':')
			dst = appendCanonical(dst, &v.members[i].val)
		}
		return append(dst, '}')
	}
}

// FuzzParseType: ParseType accepts only canonical strings and reproduces them.
func FuzzParseType(f *testing.F) {
	f.Add("Mail(Person from,Person to,string contents)Person(string name,address wallet)")
	f.Add("Tree(Tree[] children,uint8[2][] x)")
	f.Add("EIP712Domain()")
	f.Fuzz(func(t *testing.T, s string) {
		ty, err := ParseType(s)
		if err != nil {
			return
		}
		if ty.EncodeType() != s || ty.TypeHash() != keccak.Sum256String(s) {
			t.Fatalf("ParseType(%q) = %q", s, ty.EncodeType())
		}
	})
}
