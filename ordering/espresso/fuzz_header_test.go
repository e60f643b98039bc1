package espresso

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func addReferenceSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "reference", "*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzDecodeHeaderJSON: an accepted header re-encodes, and the re-encoding decodes to an
// equal header with the same commitment and encodes to the same bytes.
func FuzzDecodeHeaderJSON(f *testing.F) {
	addReferenceSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := DecodeHeaderJSON(b)
		if err != nil {
			if !namedError(err) {
				t.Fatalf("unnamed error: %v", err)
			}
			return
		}
		enc, err := h.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		h2, err := DecodeHeaderJSON(enc)
		if err != nil {
			t.Fatalf("re-encoding refused: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(h, h2) || h.Commit() != h2.Commit() {
			t.Fatalf("re-decoded header differs\n%s", enc)
		}
		enc2, _ := h2.MarshalJSON()
		if string(enc) != string(enc2) {
			t.Fatal("encoding is not canonical")
		}
	})
}

// FuzzDecodeLeafQueryDataJSON: an accepted leaf re-encodes and decodes to an equal leaf
// with the same commitment, and Check either names a sentinel or returns the leaf
// commitment the QC names.
func FuzzDecodeLeafQueryDataJSON(f *testing.F) {
	addReferenceSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := DecodeLeafQueryDataJSON(b)
		if err != nil {
			if !namedError(err) {
				t.Fatalf("unnamed error: %v", err)
			}
			return
		}
		enc, err := q.Leaf.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		l2, err := DecodeLeafJSON(enc)
		if err != nil || !reflect.DeepEqual(&q.Leaf, l2) {
			t.Fatalf("leaf does not round-trip: %v\n%s", err, enc)
		}
		c1, err1 := q.Leaf.Commit()
		c2, err2 := l2.Commit()
		if err1 != nil || err2 != nil || c1 != c2 {
			t.Fatalf("commitment changed: %v %v", err1, err2)
		}
		c, err := q.Check()
		if err != nil {
			if !namedError(err) {
				t.Fatalf("unnamed error: %v", err)
			}
			return
		}
		if c != q.QC.LeafCommit {
			t.Fatal("Check returned another commitment than the QC names")
		}
	})
}

// FuzzParseTaggedBase64: an accepted string is the canonical form of its value.
func FuzzParseTaggedBase64(f *testing.F) {
	for _, s := range []string{
		"BLOCK~dh1KpdvvxSvnnPpOi2yI3DOg8h6ltr2Kv13iRzbQvtN2",
		"MERKLE_COMM~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAQA",
		"~AA", "T~", "x~AAA",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTaggedBase64(s)
		if err != nil {
			if !namedError(err) {
				t.Fatalf("unnamed error: %v", err)
			}
			return
		}
		if v.String() != s {
			t.Fatalf("%q re-encodes as %q", s, v.String())
		}
	})
}

// FuzzDecodeLeafJSON: an accepted leaf re-encodes to bytes that decode to an equal leaf
// with the same commitment (or the same commitment error).
func FuzzDecodeLeafJSON(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "reference", "*leaf*.json"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		kvs, err := members(b, "seed")
		if err == nil && len(kvs) > 0 && kvs[0].key == "leaf" {
			f.Add([]byte(kvs[0].raw))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := DecodeLeafJSON(b)
		if err != nil {
			if !namedError(err) {
				t.Fatalf("unnamed error: %v", err)
			}
			return
		}
		enc, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		l2, err := DecodeLeafJSON(enc)
		if err != nil || !reflect.DeepEqual(l, l2) {
			t.Fatalf("leaf does not round-trip: %v\n%s", err, enc)
		}
		c1, err1 := l.Commit()
		c2, err2 := l2.Commit()
		if c1 != c2 || (err1 == nil) != (err2 == nil) {
			t.Fatal("commitment changed")
		}
	})
}
