package bench

// internal/brotli against github.com/andybalholm/brotli v1.3.0 (a Go translation of
// google/brotli): round trips through its encoder at every quality 0–11 and a range of
// window sizes on random, text-like and repetitive inputs, and a differential fuzz target
// that requires both decoders to accept the same streams and produce the same bytes.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	abrotli "github.com/andybalholm/brotli"

	"github.com/interopkit/interop/internal/brotli"
)

func brotliEncode(tb testing.TB, data []byte, quality, lgwin int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := abrotli.NewWriterOptions(&buf, abrotli.WriterOptions{Quality: quality, LGWin: lgwin})
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// brotliInputs are the round-trip inputs: random bytes (incompressible, so uncompressed
// meta-blocks), English-like text (dictionary references and transforms, UTF-8 context),
// signed-looking binary (the Signed context mode), and long runs (overlapping copies).
func brotliInputs() map[string][]byte {
	r := rand.New(rand.NewPCG(7, 11))
	random := make([]byte, 70000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	words := strings.Fields("the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were their one all we can her has there been if more when will would who so no Ünïcödé naïve café Æsir 東京 данные")
	var text strings.Builder
	for text.Len() < 120000 {
		w := words[r.IntN(len(words))]
		if r.IntN(9) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		text.WriteString(w)
		text.WriteString([]string{" ", " ", " ", ", ", ". ", "\n"}[r.IntN(6)])
	}
	signed := make([]byte, 60000)
	v := int16(0)
	for i := range signed {
		v += int16(r.IntN(9)) - 4
		signed[i] = byte(v)
	}
	runs := bytes.Repeat([]byte("abcabcabd"), 20000)
	return map[string][]byte{
		"empty":  nil,
		"one":    {'x'},
		"random": random,
		"text":   []byte(text.String()),
		"signed": signed,
		"runs":   runs,
	}
}

// TestDifferentialBrotliRoundTrip decodes andybalholm's encoder's output at every quality
// and several window sizes with internal/brotli.
func TestDifferentialBrotliRoundTrip(t *testing.T) {
	inputs := brotliInputs()
	for name, data := range inputs {
		for q := 0; q <= 11; q++ {
			for _, lgwin := range []int{10, 16, 22, 24} {
				if q >= 10 && len(data) > 100000 && lgwin != 22 {
					continue // qualities 10 and 11 are slow: one window size on the big inputs
				}
				comp := brotliEncode(t, data, q, lgwin)
				got, err := brotli.Decode(comp, len(data)+1)
				if err != nil {
					t.Errorf("%s q=%d lgwin=%d: %v", name, q, lgwin, err)
					continue
				}
				if !bytes.Equal(got, data) {
					t.Errorf("%s q=%d lgwin=%d: output differs", name, q, lgwin)
					continue
				}
				if len(data) > 1 {
					if _, err := brotli.Decode(comp, len(data)-1); !errors.Is(err, brotli.ErrTooLarge) {
						t.Fatalf("%s q=%d lgwin=%d, limit one short: %v", name, q, lgwin, err)
					}
				}
			}
		}
	}
}

func referenceDecode(src []byte, limit int) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(abrotli.NewReader(bytes.NewReader(src)), int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(out) > limit {
		return nil, fmt.Errorf("over limit")
	}
	return out, nil
}

// FuzzDifferentialBrotli requires internal/brotli and andybalholm/brotli to agree on every
// stream: both accept with the same output, or both refuse.
func FuzzDifferentialBrotli(f *testing.F) {
	files, _ := filepath.Glob("../internal/brotli/testdata/*.compressed*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 4096 {
			f.Add(b)
		}
	}
	for name, data := range brotliInputs() {
		if len(data) > 2000 {
			data = data[:2000]
		}
		for _, q := range []int{0, 1, 5, 9, 11} {
			f.Add(brotliEncode(f, data, q, 10))
		}
		_ = name
	}
	const limit = 1 << 20
	f.Fuzz(func(t *testing.T, src []byte) {
		got, err := brotli.Decode(src, limit)
		want, werr := referenceDecode(src, limit)
		if (err == nil) != (werr == nil) {
			t.Fatalf("internal/brotli err=%v, andybalholm err=%v", err, werr)
		}
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("outputs differ: %d bytes vs %d", len(got), len(want))
		}
	})
}

// brotliVectors reads internal/brotli's upstream test streams (google/brotli testdata).
func brotliVectors(tb testing.TB) map[string][]byte {
	tb.Helper()
	files, err := filepath.Glob("../internal/brotli/testdata/*.compressed*")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no brotli testdata: %v", err)
	}
	m := make(map[string][]byte)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		m[filepath.Base(p)] = b
	}
	return m
}

// TestDifferentialBrotliTamper flips every bit of the small upstream streams (and a
// sample of the large ones' bits) and requires internal/brotli and andybalholm/brotli to
// agree: both refuse, or both produce the same bytes. This covers the flips that
// internal/brotli's own tamper test can only log: bits the stream never uses.
func TestDifferentialBrotliTamper(t *testing.T) {
	const limit = 1 << 24
	for name, comp := range brotliVectors(t) {
		step := max(1, len(comp)*8/400)
		for bit := 0; bit < len(comp)*8; bit += step {
			bad := bytes.Clone(comp)
			bad[bit/8] ^= 1 << (bit % 8)
			got, err := brotli.Decode(bad, limit)
			want, werr := referenceDecode(bad, limit)
			if (err == nil) != (werr == nil) {
				t.Fatalf("%s bit %d: internal/brotli err=%v, andybalholm err=%v", name, bit, err, werr)
			}
			if err == nil && !bytes.Equal(got, want) {
				t.Fatalf("%s bit %d: outputs differ", name, bit)
			}
		}
	}
}

// BenchmarkBrotliDecode decodes upstream streams with both libraries; andybalholm's
// decoder is used through its Reader (its only API) into a reused buffer, and into a fresh
// one per call (impl=andybalholm-owned, the contract of brotli.Decode).
func BenchmarkBrotliDecode(b *testing.B) {
	vs := brotliVectors(b)
	for _, name := range []string{"alice29.txt.compressed", "mapsdatazrh.compressed", "random_org_10k.bin.compressed"} {
		comp := vs[name]
		out, err := brotli.Decode(comp, 1<<24)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/impl=andybalholm", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			var buf bytes.Buffer
			r := abrotli.NewReader(nil)
			for b.Loop() {
				buf.Reset()
				if err := r.Reset(bytes.NewReader(comp)); err != nil {
					b.Fatal(err)
				}
				if _, err := buf.ReadFrom(r); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The same, returning an output the caller owns, as brotli.Decode does: one
		// fresh buffer of the output's size per call (what the stored blocks of
		// random_org_10k cost is mostly that allocation).
		b.Run(name+"/impl=andybalholm-owned", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			r := abrotli.NewReader(nil)
			for b.Loop() {
				if err := r.Reset(bytes.NewReader(comp)); err != nil {
					b.Fatal(err)
				}
				buf := bytes.NewBuffer(make([]byte, 0, len(out)))
				if _, err := buf.ReadFrom(r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/impl=interop", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			for b.Loop() {
				if _, err := brotli.Decode(comp, 1<<24); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
