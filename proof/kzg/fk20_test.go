package kzg

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// FK20's quotient commitments equal their definition, H_m = Σ_j f_{j+64m}·[τ^j]₁, computed
// as plain multi-exponentiations, for a random polynomial: checked for the first, second,
// middle and last m (each check is a multi-exponentiation of up to 4,032 points).
func TestFK20QuotientsMatchDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(4844, 7594))
	coeff := make([]fr.Element, FieldElementsPerBlob)
	for i := range coeff {
		coeff[i].SetUint64(rng.Uint64())
		coeff[i].Mul(&coeff[i], &coeff[i]) // spread over the field
	}
	h, err := fk20Quotients(coeff)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != cellsPerBlob-1 {
		t.Fatalf("%d quotient commitments, want %d", len(h), cellsPerBlob-1)
	}
	setup, err := loadMonomial()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []int{1, 2, 32, cellsPerBlob - 1} {
		off := m * FieldElementsPerCell
		want := g1Lincomb(setup[:FieldElementsPerBlob-off], coeff[off:])
		if !h[m-1].Equal(&want) {
			t.Errorf("H_%d from FK20 differs from its definition", m)
		}
	}
}
