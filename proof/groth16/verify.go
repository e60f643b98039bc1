package groth16

import (
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Domain-separation tags of gnark's commitment extension (gnark constraint.CommitmentDst
// and backend/groth16/bn254 Verify).
var (
	commitmentDST = []byte("bsb22-commitment")
	challengeDST  = []byte("G16-BSB22")
)

// Verify checks a Groth16 proof against a verifying key and public inputs, each a 32-byte
// big-endian integer in the key's IC order (as snarkjs public.json and Solidity verifiers
// order them). It returns nil only if the proof verifies. In order:
//
//	a) vk and p are non-nil, else ErrInvalidKey or ErrInvalidProof;
//	b) len(public) equals vk.NumPublic(), else ErrInputCount;
//	c) each input is below r, else ErrInputRange (an input x + r is not x);
//	d) p carries vk.NumCommitments() commitments, else ErrInvalidProof;
//	e) the pairing equation holds, else ErrVerification:
//	   e(A, B) · e(L, −γ) · e(C, −δ) = e(α, β) with L = IC[0] + Σ xᵢ·IC[i+1],
//	   and, with gnark's commitment extension, L also adds each commitment Dⱼ and its
//	   hash hⱼ·IC[n+1+j], and the folded knowledge proof must satisfy
//	   e(Σ cʲ·Dⱼ, −σⱼG) · e(PoK, G) = 1. Both equations are checked in one multi-pairing,
//	   the second weighted by a fresh random scalar.
//
// Points were checked on the curve and in their subgroups when the key and the proof were
// built, so Verify does no decoding; the pairing, the expensive part, comes last.
func Verify(vk *VerifyingKey, p *Proof, public [][32]byte) error {
	if vk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if p == nil {
		return fmt.Errorf("%w: nil proof", ErrInvalidProof)
	}
	var st verifyState
	if err := st.prepare(vk, p, public); err != nil {
		return err
	}
	ml, err := st.millerLoop(vk, p)
	if err != nil {
		return err
	}
	res := bn254.FinalExponentiation(&ml)
	if !res.Equal(&vk.eAlphaBeta) {
		return ErrVerification
	}
	return nil
}

// verifyState holds the per-proof values of the pairing equation.
type verifyState struct {
	l      bn254.G1Affine   // L, the public-input point
	fixed  []bn254.G1Affine // G1 side of the pairs whose G2 side is in vk.fixedLines
	xs     []fr.Element
	buffer [8]bn254.G1Affine
}

// prepare checks the inputs against the key and computes L (with the commitments folded
// in) and the G1 points paired with the key's fixed G2 points: L, C, and the weighted
// commitments and knowledge proof.
func (st *verifyState) prepare(vk *VerifyingKey, p *Proof, public [][32]byte) error {
	n := vk.NumPublic()
	if len(public) != n {
		return fmt.Errorf("%w: got %d, key has %d", ErrInputCount, len(public), n)
	}
	nc := len(vk.commitments)
	if len(p.commitments) != nc {
		return fmt.Errorf("%w: %d commitments, key has %d", ErrInvalidProof, len(p.commitments), nc)
	}
	var small [16]fr.Element
	xs := small[:0]
	if n+nc > len(small) {
		xs = make([]fr.Element, 0, n+nc)
	}
	xs = xs[:n+nc]
	for i := range public {
		if err := setScalar(&xs[i], &public[i]); err != nil {
			return fmt.Errorf("public input %d: %w", i, err)
		}
	}
	st.xs = xs
	var acc bn254.G1Jac
	acc.FromAffine(&vk.ic[0])
	if nc > 0 {
		if err := st.commitmentHashes(vk, p, n, &acc); err != nil {
			return err
		}
	}
	msm(&acc, vk.ic[1:], xs)
	st.l.FromJacobian(&acc)
	st.fixed = st.buffer[:0]
	st.fixed = append(st.fixed, st.l, p.c)
	if nc > 0 {
		if err := st.knowledgePairs(vk, p); err != nil {
			return err
		}
	}
	return nil
}

// commitmentHashes appends, as gnark's verifier does, the hash of each commitment and the
// inputs it binds to the public witness, and adds the commitments themselves to acc.
func (st *verifyState) commitmentHashes(vk *VerifyingKey, p *Proof, n int, acc *bn254.G1Jac) error {
	for i := range p.commitments {
		raw := p.commitments[i].RawBytes()
		pre := make([]byte, 0, len(raw)+32*len(vk.committed[i]))
		pre = append(pre, raw[:]...)
		for _, idx := range vk.committed[i] {
			b := st.xs[idx-1].Bytes()
			pre = append(pre, b[:]...)
		}
		h, err := fr.Hash(pre, commitmentDST, 1)
		if err != nil {
			return fmt.Errorf("%w: commitment hash: %v", ErrInvalidProof, err)
		}
		st.xs[n+i] = h[0]
		acc.AddMixed(&p.commitments[i])
	}
	return nil
}

// knowledgePairs adds the pairs of the folded Pedersen proof of knowledge, weighted by a
// random ρ so that one final exponentiation checks both equations (Schwartz–Zippel: a
// false pair of equations passes with probability about 2⁻¹²⁸).
func (st *verifyState) knowledgePairs(vk *VerifyingKey, p *Proof) error {
	n := vk.NumPublic()
	nc := len(p.commitments)
	ser := make([]byte, 0, 32*nc)
	for i := range nc {
		b := st.xs[n+i].Bytes()
		ser = append(ser, b[:]...)
	}
	ch, err := fr.Hash(ser, challengeDST, 1)
	if err != nil {
		return fmt.Errorf("%w: commitment challenge: %v", ErrInvalidProof, err)
	}
	rho, err := randomScalar()
	if err != nil {
		return err
	}
	// Commitment j is weighted by ρ·cʲ, the proof of knowledge by ρ.
	w := rho
	for i := range nc {
		var q bn254.G1Affine
		q.ScalarMultiplication(&p.commitments[i], bigOf(&w))
		st.fixed = append(st.fixed, q)
		w.Mul(&w, &ch[0])
	}
	var q bn254.G1Affine
	q.ScalarMultiplication(&p.pok, bigOf(&rho))
	st.fixed = append(st.fixed, q)
	return nil
}

// scratchLines holds copies of keys' fixed lines: gnark-crypto's MillerLoopFixedQ
// evaluates the lines in place, so the key's own must never be passed to it.
var scratchLines = sync.Pool{New: func() any { return new([]lines) }}

func (st *verifyState) millerLoop(vk *VerifyingKey, p *Proof) (bn254.GT, error) {
	sp := scratchLines.Get().(*[]lines)
	defer scratchLines.Put(sp)
	if cap(*sp) < len(vk.fixedLines) {
		*sp = make([]lines, len(vk.fixedLines))
	}
	ls := (*sp)[:len(vk.fixedLines)]
	copy(ls, vk.fixedLines)
	fixed, err := bn254.MillerLoopFixedQ(st.fixed, ls)
	if err != nil {
		return fixed, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	if p.a.IsInfinity() || p.b.IsInfinity() {
		return fixed, nil
	}
	ab, err := bn254.MillerLoop([]bn254.G1Affine{p.a}, []bn254.G2Affine{p.b})
	if err != nil {
		return ab, fmt.Errorf("%w: %v", ErrInvalidProof, err)
	}
	fixed.Mul(&fixed, &ab)
	return fixed, nil
}

// msm adds Σ xs[i]·pts[i] to acc. Public inputs are few, so one GLV multiplication per
// nonzero input beats a bucket method, and starts no goroutines.
func msm(acc *bn254.G1Jac, pts []bn254.G1Affine, xs []fr.Element) {
	var t bn254.G1Jac
	for i := range xs {
		if xs[i].IsZero() {
			continue
		}
		if xs[i].IsOne() {
			acc.AddMixed(&pts[i])
			continue
		}
		t.FromAffine(&pts[i])
		t.ScalarMultiplication(&t, bigOf(&xs[i]))
		acc.AddAssign(&t)
	}
}

// randomScalar draws a nonzero 128-bit weight for random linear combinations.
func randomScalar() (fr.Element, error) {
	var b [16]byte
	var e fr.Element
	for e.IsZero() {
		if _, err := rand.Read(b[:]); err != nil {
			return e, fmt.Errorf("groth16: randomness: %w", err)
		}
		e.SetBytes(b[:])
	}
	return e, nil
}
