package espresso

import (
	"testing"

	"pgregory.net/rapid"
)

// TestGf2Tables: the Cantor-basis exp/log tables are inverse bijections on the non-zero
// elements, as reed-solomon-simd's multiplication relies on.
func TestGf2Tables(t *testing.T) {
	tb := gf2Init()
	seen := make([]bool, gf2Order)
	for x := 1; x < gf2Order; x++ {
		l := tb.log[x]
		if seen[l] || tb.exp[l] != uint16(x) {
			t.Fatalf("log/exp not inverse at %#x", x)
		}
		seen[l] = true
	}
}

// TestPropGf2RatesAgreeOnOneChunk: where both rates encode in a single chunk
// (next_power_of_two(k) = next_power_of_two(n-k)), the high-rate encoder gives the low-rate
// encoder's recovery shards. The low-rate encoder (one full and one partial chunk) is the
// one upstream's reference VidCommon V2 checks; this ties the high-rate path to it.
func TestPropGf2RatesAgreeOnOneChunk(t *testing.T) {
	tb := gf2Init()
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 64).Draw(t, "k")
		c := nextPow2(k)
		m := rapid.IntRange(c/2+1, c).Draw(t, "m")
		if nextPow2(m) != c {
			t.Skip("not one chunk")
		}
		orig := make(gf2Work, k)
		for i := range orig {
			for j := range orig[i] {
				orig[i][j] = rapid.Uint16().Draw(t, "sym")
			}
		}
		run := func(high bool) gf2Work {
			w := make(gf2Work, max(gf2WorkCount(k, m, high), c))
			copy(w, orig)
			tb.encode(w, k, m, high)
			return w[:m]
		}
		hi, lo := run(true), run(false)
		for i := range hi {
			if hi[i] != lo[i] {
				t.Fatalf("k=%d m=%d: recovery shard %d differs between rates", k, m, i)
			}
		}
	})
}

// TestAvidmGf2CommitParam: zero recovery shards is refused, as reed-solomon-simd does.
func TestAvidmGf2CommitParam(t *testing.T) {
	if _, err := AvidmGf2Commit(AvidMParam{RecoveryThreshold: 3, TotalWeights: 3}, []byte("x")); err == nil {
		t.Fatal("k = n accepted")
	}
	if _, err := AvidmGf2Commit(AvidMParam{RecoveryThreshold: 1, TotalWeights: 2}, nil); err != nil {
		t.Fatal(err)
	}
}
