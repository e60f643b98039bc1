package keccak

import (
	"fmt"
	"github.com/interopkit/interop/internal/hostile"
	"testing"

	"golang.org/x/crypto/sha3"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
)

func reference(b []byte) interop.Hash {
	h := sha3.NewLegacyKeccak256()
	h.Write(b)
	var out interop.Hash
	h.Sum(out[:0])
	return out
}

// lengths around the block boundaries, where padding goes wrong first.
var edgeLengths = []int{0, 1, 31, 32, 134, 135, 136, 137, 271, 272, 273, 1000}

func drawMessages(t *rapid.T) [][]byte {
	n := rapid.IntRange(0, 20).Draw(t, "n")
	msgs := make([][]byte, n)
	for i := range msgs {
		var size int
		if rapid.Bool().Draw(t, "edge") {
			size = rapid.SampledFrom(edgeLengths).Draw(t, "size")
		} else {
			size = rapid.IntRange(0, 700).Draw(t, "size")
		}
		msgs[i] = rapid.SliceOfN(rapid.Byte(), size, size).Draw(t, "msg")
	}
	return msgs
}

// Every digest of a batch equals x/crypto's Keccak-256 of its message, on the eight-lane
// path (when the CPU has it) and on the scalar one.
func TestSum256ManyMatchesReference(t *testing.T) {
	for _, x8 := range []bool{haveX8, false} {
		t.Run(fmt.Sprintf("x8=%v", x8), func(t *testing.T) {
			saved := haveX8
			haveX8 = x8
			defer func() { haveX8 = saved }()
			rapid.Check(t, func(t *rapid.T) {
				msgs := drawMessages(t)
				out := make([]interop.Hash, len(msgs))
				Sum256Many(out, msgs)
				for i, m := range msgs {
					if want := reference(m); out[i] != want {
						t.Fatalf("message %d (%d bytes): %x, want %x", i, len(m), out[i], want)
					}
				}
			})
		})
	}
	if !haveX8 {
		t.Log("no AVX-512 here: only the scalar path ran")
	}
}

// The empty message's digest is the well-known constant.
func TestSum256Empty(t *testing.T) {
	want := interop.Hash{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
		0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}
	out := make([]interop.Hash, 3)
	Sum256Many(out, [][]byte{nil, {}, nil})
	for i := range out {
		if out[i] != want {
			t.Fatalf("digest %d of the empty message: %x", i, out[i])
		}
	}
}

func BenchmarkSum256Many(b *testing.B) {
	for _, size := range []int{64, 532} {
		msgs := make([][]byte, 8)
		for i := range msgs {
			msgs[i] = make([]byte, size)
			msgs[i][0] = byte(i)
		}
		out := make([]interop.Hash, 8)
		b.Run(fmt.Sprintf("size=%d/n=8/impl=batch", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Sum256Many(out, msgs)
			}
		})
		b.Run(fmt.Sprintf("size=%d/n=8/impl=one-by-one", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, m := range msgs {
					out[i] = Sum256(m)
				}
			}
		})
	}
}

// The single-message helpers agree with x/crypto, parts concatenated.
func TestSum256Helpers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "a")
		b := rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "b")
		ab := append(append([]byte{}, a...), b...)
		want := reference(ab)
		if Sum256(ab) != want || Sum256String(string(ab)) != want || Sum256Parts(a, b) != want {
			t.Fatalf("helpers disagree with x/crypto on %d + %d bytes", len(a), len(b))
		}
		h := Get()
		h.Buf = append(h.Buf, a...)
		if h.Hash(h.Buf, b) != want {
			t.Fatal("Hasher.Hash(buf, tail) disagrees with x/crypto")
		}
		Put(h)
	})
}

// TestHardeningSum256LargeInput: Sum256 copied its whole input into the pooled buffer, which
// Put then discarded past 64 KiB, so every large digest allocated its input's size. Inputs
// now pass through the buffer a chunk at a time; lengths around the chunk and the rate agree
// with x/crypto.
func TestHardeningSum256LargeInput(t *testing.T) {
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	half := string(big[:1<<19])
	Sum256(big) // warm the pool
	u := hostile.Alloc(func() { _ = Sum256(big); _ = Sum256String(half); _ = Sum256Parts(big, big[:100]) })
	if u.Bytes > 64<<10 {
		t.Fatalf("hashing 2.5 MiB allocated %d bytes", u.Bytes)
	}
	for _, n := range []int{chunk - 1, chunk, chunk + 1, 2*chunk + 135, 136 * 31, 1 << 20} {
		if Sum256(big[:n]) != reference(big[:n]) || Sum256String(string(big[:n])) != reference(big[:n]) {
			t.Fatalf("%d bytes: disagrees with x/crypto", n)
		}
		if Sum256Parts(big[:n/3], big[n/3:n]) != reference(big[:n]) {
			t.Fatalf("%d bytes in two parts: disagrees with x/crypto", n)
		}
	}
}
