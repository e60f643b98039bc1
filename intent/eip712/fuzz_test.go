package eip712

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop/internal/keccak"
)

var sentinels = []error{ErrSyntax, ErrInvalidType, ErrUnknownType, ErrCyclicType, ErrMissingField, ErrExtraField, ErrTypeMismatch, ErrOutOfRange, ErrInvalidHex, ErrWrongLength, ErrAmbiguousNumber, ErrTooComplex}

// FuzzHashTypedData: any input either hashes, with ParseTypedData agreeing, or fails with
// one of the package's sentinels; nothing panics.
func FuzzHashTypedData(f *testing.F) {
	for _, c := range badInputs {
		f.Add([]byte(c.doc))
	}
	f.Add([]byte(mailJSON))
	if files, _ := filepath.Glob("../../../shared/vectors/intent/eip712/geth/*.json"); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<14 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := HashTypedData(b)
		if err != nil {
			ok := false
			for _, s := range sentinels {
				ok = ok || errors.Is(err, s)
			}
			if !ok {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		td, err := ParseTypedData(b)
		if err != nil || td.Digest() != h {
			t.Fatalf("ParseTypedData disagrees: %v", err)
		}
	})
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
