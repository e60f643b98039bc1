package espresso

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark-crypto/utils"
	"pgregory.net/rapid"
)

// TestAvidMDomainMatchesGnark: the radix-2 generator built from arkworks' two-adic root is
// gnark-crypto's domain generator for every size up to MaxAvidMTotalWeights (both derive
// it from the multiplicative generator 5), and it has exactly the domain's order.
func TestAvidMDomainMatchesGnark(t *testing.T) {
	for logN := 0; 1<<logN <= MaxAvidMTotalWeights; logN++ {
		w := avidmOmega(logN)
		if g := fft.NewDomain(1 << logN).Generator; !w.Equal(&g) {
			t.Fatalf("size 2^%d: ω differs from gnark's generator", logN)
		}
		var x fr.Element
		x.Set(&w)
		for range logN {
			if x.IsOne() {
				t.Fatalf("size 2^%d: ω has a smaller order", logN)
			}
			x.Square(&x)
		}
		if !x.IsOne() {
			t.Fatalf("size 2^%d: ω^N ≠ 1", logN)
		}
	}
}

// TestPropAvidMEvaluatorPaths: the FFT path and Horner's rule give the same evaluations,
// and both agree with gnark-crypto's FFT truncated to n points.
func TestPropAvidMEvaluatorPaths(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 300).Draw(t, "n")
		k := rapid.IntRange(1, n).Draw(t, "k")
		c := make([]fr.Element, k)
		for i := range c {
			c[i].SetUint64(rapid.Uint64().Draw(t, "c"))
			var sq fr.Element
			c[i].Mul(&c[i], sq.SetUint64(0x9e3779b97f4a7c15).Square(&sq))
		}
		ev := newAvidmEvaluator(k, n)
		fast := append([]fr.Element(nil), ev.eval(c)...)
		ev.useFFT = false
		ev.horner = make([]fr.Element, n)
		slow := ev.eval(c)
		size := 1
		for size < n {
			size <<= 1
		}
		ref := make([]fr.Element, size)
		copy(ref, c)
		fft.NewDomain(uint64(size)).FFT(ref, fft.DIF, fft.WithNbTasks(1))
		utils.BitReverse(ref)
		for i := range n {
			if !fast[i].Equal(&slow[i]) || !slow[i].Equal(&ref[i]) {
				t.Fatalf("n=%d k=%d: evaluation %d differs", n, k, i)
			}
		}
	})
}
