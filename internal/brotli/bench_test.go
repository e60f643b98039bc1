package brotli

import "testing"

// BenchmarkDecode decodes each upstream vector of more than 1 KiB.
func BenchmarkDecode(b *testing.B) {
	for _, v := range vectors(b) {
		if len(v.compressed) < 1024 {
			continue
		}
		out, err := Decode(v.compressed, testLimit)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(out)))
			for b.Loop() {
				if _, err := Decode(v.compressed, testLimit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
