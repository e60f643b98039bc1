package espresso

import (
	"os"
	"path/filepath"
	"testing"
)

func benchHeader(b *testing.B, name string) *Header {
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", name))
	if err != nil {
		b.Fatal(err)
	}
	h, err := DecodeHeaderJSON(raw)
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// BenchmarkHeaderCommit: the block hash of a v0.5 header (six sub-commitments and the
// wrapped fields commitment, eight keccak256 calls in all).
func BenchmarkHeaderCommit(b *testing.B) {
	h := benchHeader(b, "header_v5.json")
	b.ReportAllocs()
	for b.Loop() {
		_ = h.Commit()
	}
}

// BenchmarkDecodeHeaderJSON: decoding a v0.5 header from the query service's JSON.
func BenchmarkDecodeHeaderJSON(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", "header_v5.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeHeaderJSON(raw); err != nil {
			b.Fatal(err)
		}
	}
}
