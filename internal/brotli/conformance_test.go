package brotli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vector is one upstream test stream and what it must decode to: the original file's bytes
// where it is small enough to keep, else the SHA-256 of the original.
type vector struct {
	name       string
	compressed []byte
	want       []byte // nil when only wantSHA is known
	wantSHA    string
}

// vectors walks testdata/ for *.compressed* files (google/brotli's tests/testdata naming:
// NAME.compressed and NAME.compressed.NN all decode to NAME).
func vectors(t testing.TB) []vector {
	t.Helper()
	var vs []vector
	err := filepath.WalkDir("testdata", func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		base, _, ok := strings.Cut(path, ".compressed")
		if !ok {
			return nil
		}
		comp, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		v := vector{name: filepath.Base(path), compressed: comp}
		if orig, err := os.ReadFile(base); err == nil {
			v.want = orig
		} else if sum, err := os.ReadFile(base + ".sha256"); err == nil {
			v.wantSHA = strings.TrimSpace(string(sum))
		} else {
			t.Fatalf("%s: neither %s nor %s.sha256", path, base, base)
		}
		vs = append(vs, v)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 20 {
		t.Fatalf("found %d vectors in testdata, want at least 20", len(vs))
	}
	return vs
}

func (v vector) check(t *testing.T, got []byte) {
	t.Helper()
	if v.want != nil {
		if !bytes.Equal(got, v.want) {
			t.Fatalf("%s: decoded %d bytes, want %d (first difference at %d)", v.name, len(got), len(v.want), firstDiff(got, v.want))
		}
		return
	}
	sum := sha256.Sum256(got)
	if hex.EncodeToString(sum[:]) != v.wantSHA {
		t.Fatalf("%s: decoded %d bytes with SHA-256 %x, want %s", v.name, len(got), sum, v.wantSHA)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

const testLimit = 1 << 24

// TestConformanceUpstreamVectors decodes google/brotli's test streams to their originals.
func TestConformanceUpstreamVectors(t *testing.T) {
	for _, v := range vectors(t) {
		t.Run(v.name, func(t *testing.T) {
			got, err := Decode(v.compressed, testLimit)
			if err != nil {
				t.Fatalf("%s: %v", v.name, err)
			}
			v.check(t, got)
		})
	}
}

// TestConformanceTamper flips bytes of each vector (all of the small ones, a sample of the
// large ones): the result must be an error with a named sentinel or, where the flipped
// stream is still valid Brotli, a different output. Never a panic. Brotli has no checksum,
// so a few flips cannot be seen: a bit of a context-map entry for a context the stream
// never uses, or of a prefix code for a block type it never switches to, changes nothing.
// Those are logged and must stay rare (under 1% of the flips); bench's
// TestDifferentialBrotliTamper checks that andybalholm/brotli decodes each one the same.
func TestConformanceTamper(t *testing.T) {
	sentinels := []error{ErrCorrupt, ErrTruncated, ErrTooLarge, ErrTrailing}
	flips, unseen := 0, 0
	for _, v := range vectors(t) {
		step := max(1, len(v.compressed)/200)
		for i := 0; i < len(v.compressed); i += step {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				bad := bytes.Clone(v.compressed)
				bad[i] ^= mask
				flips++
				got, err := Decode(bad, testLimit)
				if err != nil {
					named := false
					for _, s := range sentinels {
						named = named || errors.Is(err, s)
					}
					if !named {
						t.Fatalf("%s byte %d ^%#x: error %v wraps no sentinel", v.name, i, mask, err)
					}
					continue
				}
				same := v.want != nil && bytes.Equal(got, v.want)
				if v.want == nil {
					sum := sha256.Sum256(got)
					same = hex.EncodeToString(sum[:]) == v.wantSHA
				}
				if same {
					unseen++
					t.Logf("%s byte %d ^%#x: still decodes to the original", v.name, i, mask)
				}
			}
		}
	}
	if unseen*100 >= flips {
		t.Fatalf("%d of %d flips decode to the original output", unseen, flips)
	}
}

// TestConformanceTruncated: every proper prefix of every vector is refused.
func TestConformanceTruncated(t *testing.T) {
	for _, v := range vectors(t) {
		step := max(1, len(v.compressed)/100)
		for n := 0; n < len(v.compressed); n += step {
			if _, err := Decode(v.compressed[:n], testLimit); err == nil {
				t.Fatalf("%s cut to %d of %d bytes: accepted", v.name, n, len(v.compressed))
			}
		}
		if _, err := Decode(append(bytes.Clone(v.compressed), 0), testLimit); !errors.Is(err, ErrTrailing) {
			t.Fatalf("%s with a trailing byte: %v, want ErrTrailing", v.name, err)
		}
	}
}
