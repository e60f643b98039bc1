// Package groth16test provides a Groth16 toy setup that holds its trapdoor, so that it
// can produce valid proofs for any public inputs, and rapid generators of setups and
// inputs, for property tests of code that verifies Groth16 proofs.
//
// Proofs are made with the Groth16 simulator: knowing α, β, γ, δ and the discrete logs
// of the IC points, pick A = a·G₁ and B = b·G₂ at random and solve the verification
// equation for C = (a·b − α·β − l·γ)/δ·G₁, where l is the discrete log of L. Such proofs
// are distributed exactly like honest ones (Groth16 is perfectly zero-knowledge), so to a
// verifier they are indistinguishable from proofs of a real circuit. Setups may also use
// gnark's commitment extension: Pedersen keys (G, −σG) with the commitments' hashes as
// extra inputs, and the folded proof of knowledge Σ cʲσⱼ·Dⱼ.
//
// Keys and proofs reach the verifier through its gnark binary parsers, so every value a
// Setup produces has gone through the same decoding as a real gnark key or proof.
//
// A Setup is read-only after NewSetup: Prove may run concurrently when its Scalars does
// (RandScalars does). Its cost is linear in the number of inputs and commitments.
package groth16test

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/groth16"
)

// Scalars supplies the randomness of setups and proofs: nonzero field elements.
type Scalars func() fr.Element

// Setup is a toy Groth16 setup with its trapdoor.
type Setup struct {
	// Key is the verifying key, parsed from its gnark encoding (GnarkKey).
	Key *groth16.VerifyingKey
	// GnarkKey is the key in gnark's compressed encoding (VerifyingKey.WriteTo).
	GnarkKey []byte

	alpha, beta, gamma, delta fr.Element
	ic                        []fr.Element // discrete logs of the IC points
	sigma                     []fr.Element // Pedersen trapdoors, one per commitment
	committed                 [][]int
	nPublic                   int
}

// NewSetup makes a key for nPublic public inputs and nCommitments commitments; commitment
// j binds the (1-based) inputs listed in committed[j] (nil for none).
func NewSetup(rnd Scalars, nPublic int, committed [][]int) (*Setup, error) {
	s := &Setup{nPublic: nPublic, committed: committed}
	s.alpha, s.beta, s.gamma, s.delta = rnd(), rnd(), rnd(), rnd()
	nc := len(committed)
	s.ic = make([]fr.Element, 1+nPublic+nc)
	for i := range s.ic {
		s.ic[i] = rnd()
	}
	s.sigma = make([]fr.Element, nc)
	for i := range s.sigma {
		s.sigma[i] = rnd()
	}
	g := rnd()
	var out []byte
	out = appendG1(out, mulG1(&s.alpha))
	out = appendG1(out, mulG1(&s.beta))
	out = appendG2(out, mulG2(&s.beta))
	out = appendG2(out, mulG2(&s.gamma))
	out = appendG1(out, mulG1(&s.delta))
	out = appendG2(out, mulG2(&s.delta))
	out = binary.BigEndian.AppendUint32(out, uint32(len(s.ic)))
	for i := range s.ic {
		out = appendG1(out, mulG1(&s.ic[i]))
	}
	out = binary.BigEndian.AppendUint32(out, uint32(nc))
	for _, l := range committed {
		out = binary.BigEndian.AppendUint32(out, uint32(len(l)))
		for _, v := range l {
			out = binary.BigEndian.AppendUint64(out, uint64(v))
		}
	}
	out = binary.BigEndian.AppendUint32(out, uint32(nc))
	for i := range s.sigma {
		var ns fr.Element
		ns.Mul(&g, &s.sigma[i]).Neg(&ns)
		out = appendG2(out, mulG2(&g))
		out = appendG2(out, mulG2(&ns))
	}
	vk, err := groth16.ParseGnarkVerifyingKey(out)
	if err != nil {
		return nil, err
	}
	s.Key, s.GnarkKey = vk, out
	return s, nil
}

// Prove returns a valid proof for public, parsed and in gnark's compressed encoding.
func (s *Setup) Prove(rnd Scalars, public [][32]byte) (*groth16.Proof, []byte, error) {
	if len(public) != s.nPublic {
		return nil, nil, fmt.Errorf("groth16test: %d inputs, setup has %d", len(public), s.nPublic)
	}
	nc := len(s.committed)
	xs := make([]fr.Element, s.nPublic+nc)
	for i := range public {
		if err := xs[i].SetBytesCanonical(public[i][:]); err != nil {
			return nil, nil, fmt.Errorf("groth16test: input %d: %w", i, err)
		}
	}
	// l = ic₀ + Σ xᵢ·icᵢ₊₁ + Σ dⱼ, with the commitment hashes as extra inputs.
	ds := make([]fr.Element, nc)
	dPts := make([]bn254.G1Affine, nc)
	var hashes []byte
	for j := range ds {
		ds[j] = rnd()
		dPts[j] = mulG1(&ds[j])
		raw := dPts[j].RawBytes()
		pre := append([]byte(nil), raw[:]...)
		for _, idx := range s.committed[j] {
			b := xs[idx-1].Bytes()
			pre = append(pre, b[:]...)
		}
		h, err := fr.Hash(pre, []byte("bsb22-commitment"), 1)
		if err != nil {
			return nil, nil, err
		}
		xs[s.nPublic+j] = h[0]
		hb := h[0].Bytes()
		hashes = append(hashes, hb[:]...)
	}
	l := s.ic[0]
	for i := range xs {
		var t fr.Element
		t.Mul(&xs[i], &s.ic[i+1])
		l.Add(&l, &t)
	}
	for j := range ds {
		l.Add(&l, &ds[j])
	}
	a, b := rnd(), rnd()
	var c, t, dInv fr.Element
	c.Mul(&a, &b)
	t.Mul(&s.alpha, &s.beta)
	c.Sub(&c, &t)
	t.Mul(&l, &s.gamma)
	c.Sub(&c, &t)
	dInv.Inverse(&s.delta)
	c.Mul(&c, &dInv)

	var out []byte
	out = appendG1(out, mulG1(&a))
	out = appendG2(out, mulG2(&b))
	out = appendG1(out, mulG1(&c))
	out = binary.BigEndian.AppendUint32(out, uint32(nc))
	for j := range dPts {
		out = appendG1(out, dPts[j])
	}
	// Folded proof of knowledge: Σ cʲ·σⱼ·dⱼ, c = H(hashes) as gnark's prover folds it.
	var pok fr.Element
	if nc > 0 {
		ch, err := fr.Hash(hashes, []byte("G16-BSB22"), 1)
		if err != nil {
			return nil, nil, err
		}
		w := fr.One()
		for j := range ds {
			var u fr.Element
			u.Mul(&w, &s.sigma[j]).Mul(&u, &ds[j])
			pok.Add(&pok, &u)
			w.Mul(&w, &ch[0])
		}
	}
	out = appendG1(out, mulG1(&pok))
	p, err := groth16.ParseGnarkProof(out)
	if err != nil {
		return nil, nil, err
	}
	return p, out, nil
}

func mulG1(s *fr.Element) bn254.G1Affine {
	var p bn254.G1Affine
	var b big.Int
	p.ScalarMultiplicationBase(s.BigInt(&b))
	return p
}

func mulG2(s *fr.Element) bn254.G2Affine {
	var p bn254.G2Affine
	var b big.Int
	p.ScalarMultiplicationBase(s.BigInt(&b))
	return p
}

func appendG1(out []byte, p bn254.G1Affine) []byte {
	b := p.Bytes()
	return append(out, b[:]...)
}

func appendG2(out []byte, p bn254.G2Affine) []byte {
	b := p.Bytes()
	return append(out, b[:]...)
}

// RandScalars draws from crypto/rand, for use outside rapid.
func RandScalars() fr.Element {
	var e fr.Element
	for e.IsZero() {
		if _, err := e.SetRandom(); err != nil {
			panic(err)
		}
	}
	return e
}

// Draws returns a Scalars that draws from t, so that rapid can shrink it.
func Draws(t *rapid.T) Scalars {
	gen := Scalar()
	return func() fr.Element { return gen.Draw(t, "scalar") }
}

// Scalar generates a field element, nonzero.
func Scalar() *rapid.Generator[fr.Element] {
	return rapid.Custom(func(t *rapid.T) fr.Element {
		var e fr.Element
		e.SetBytes(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "scalar"))
		if e.IsZero() {
			e.SetOne()
		}
		return e
	})
}

// Input generates a public input below r: uniform, or one of the edge values 0, 1 and
// r − 1.
func Input() *rapid.Generator[[32]byte] {
	uniform := rapid.Map(Scalar(), func(e fr.Element) [32]byte { return e.Bytes() })
	edge := rapid.SampledFrom([]int{0, 1, -1})
	return rapid.Custom(func(t *rapid.T) [32]byte {
		if rapid.IntRange(0, 4).Draw(t, "edge?") > 0 {
			return uniform.Draw(t, "input")
		}
		var e fr.Element
		e.SetInt64(int64(edge.Draw(t, "edge")))
		return e.Bytes()
	})
}

// Inputs generates n public inputs.
func Inputs(n int) *rapid.Generator[[][32]byte] {
	return rapid.SliceOfN(Input(), n, n)
}

// NewSetupGen generates setups with up to maxPublic inputs and up to maxCommitments
// commitments, each binding a random subset of the inputs (and earlier hashes). Field
// elements come from the draw, so rapid can shrink them.
func NewSetupGen(maxPublic, maxCommitments int) *rapid.Generator[*Setup] {
	return rapid.Custom(func(t *rapid.T) *Setup {
		n := rapid.IntRange(0, maxPublic).Draw(t, "nPublic")
		nc := rapid.IntRange(0, maxCommitments).Draw(t, "nCommitments")
		committed := make([][]int, nc)
		for j := range committed {
			if n+j > 0 {
				committed[j] = rapid.SliceOfNDistinct(rapid.IntRange(1, n+j), 0, n+j, rapid.ID[int]).Draw(t, "committed")
			}
		}
		s, err := NewSetup(Draws(t), n, committed)
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		return s
	})
}
