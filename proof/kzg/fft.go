package kzg

import (
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// fftField is fft_field (fulu polynomial-commitments-sampling.md) over the roots of unity
// of order len(a) = 2^k ≤ FIELD_ELEMENTS_PER_EXT_BLOB, in place: natural-order
// coefficients in, natural-order evaluations out (or back, when inverse, including the
// 1/n factor). The roots are the spec's, PRIMITIVE_ROOT_OF_UNITY^((r-1)/n), taken from the
// order-8192 table, so results match the spec index for index.
func fftField(a []fr.Element, inverse bool) {
	defer vzeroupper()
	n := len(a)
	d := getDomain()
	roots := &d.extRoots
	if inverse {
		roots = &d.extRootsInv
	}
	bitReversePermute(a)
	stride := FieldElementsPerExtBlob / n
	var t fr.Element
	for m := 2; m <= n; m <<= 1 {
		half := m / 2
		step := (n / m) * stride
		for k := 0; k < n; k += m {
			for j := range half {
				t.Mul(&a[k+j+half], &roots[j*step])
				a[k+j+half].Sub(&a[k+j], &t)
				a[k+j].Add(&a[k+j], &t)
			}
		}
	}
	if inverse {
		var inv fr.Element
		inv.SetUint64(uint64(n))
		inv.Inverse(&inv)
		v := fr.Vector(a)
		v.ScalarMul(v, &inv)
	}
}

// cosetFFTField is coset_fft_field: the FFT over PRIMITIVE_ROOT_OF_UNITY·⟨ω⟩, by scaling
// coefficient i by 7^i before (or 7^-i after, when inverse) the plain FFT.
func cosetFFTField(a []fr.Element, inverse bool) {
	var g, s fr.Element
	g.SetUint64(primitiveRootOfUnity)
	if inverse {
		fftField(a, true)
		g.Inverse(&g)
	}
	s.SetOne()
	for i := range a {
		a[i].Mul(&a[i], &s)
		s.Mul(&s, &g)
	}
	if !inverse {
		fftField(a, false)
	}
}

// fftG1 evaluates the polynomial with G1 coefficients a (len 2^k ≤ 128) at the roots of
// unity of that order, in place, natural order; with inverse, at the inverse roots and
// without the 1/n factor, which callers fold into their scalars. Twiddles equal to one
// (the first butterfly of every group) cost no scalar multiplication.
func fftG1(a []bls12381.G1Jac, inverse bool) {
	n := len(a)
	d := getDomain()
	roots := &d.extRoots
	if inverse {
		roots = &d.extRootsInv
	}
	bitReversePermute(a)
	stride := FieldElementsPerExtBlob / n
	// The scalars of the n/2 twiddles, converted once.
	tw := make([]big.Int, n/2)
	for j := range tw {
		roots[j*stride].BigInt(&tw[j])
	}
	var t bls12381.G1Jac
	for m := 2; m <= n; m <<= 1 {
		half := m / 2
		step := n / m
		for k := 0; k < n; k += m {
			for j := range half {
				if j == 0 {
					t.Set(&a[k+half])
				} else {
					t.ScalarMultiplication(&a[k+j+half], &tw[j*step])
				}
				a[k+j+half].Set(&a[k+j])
				a[k+j+half].SubAssign(&t)
				a[k+j].AddAssign(&t)
			}
		}
	}
}

// bitReversePermute reorders a (len 2^k) into bit-reversed index order, in place: the
// prologue of both iterative FFTs.
func bitReversePermute[T any](a []T) {
	n := len(a)
	logN := uint(0)
	for 1<<logN < n {
		logN++
	}
	for i := range n {
		if j := int(reverseBits(uint32(i), logN)); i < j {
			a[i], a[j] = a[j], a[i]
		}
	}
}
