package brotli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: Decode never panics, returns only named sentinels, never returns more than
// limit bytes, and is deterministic; an accepted stream decodes the same under a limit of
// exactly its output size and is refused with ErrTooLarge one byte below it.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.compressed*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) <= 1024 {
			f.Add(b, uint16(4096))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, lim uint16) {
		limit := int(lim) + 1
		out, err := Decode(src, limit)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTrailing) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if len(out) > limit {
			t.Fatalf("%d bytes out, limit %d", len(out), limit)
		}
		again, err := Decode(src, max(len(out), 1))
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("decode at limit %d: %v", len(out), err)
		}
		if len(out) > 1 {
			if _, err := Decode(src, len(out)-1); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("limit one short: %v", err)
			}
		}
	})
}
