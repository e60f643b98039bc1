package groth16

import (
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/parallel"
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
//	   e(A, B) · e(L, −γ) · e(C, −δ) = e(α, β) with L = IC[0] + Σ xᵢ·IC[i+1].
//	   With gnark's commitment extension, the hash hⱼ of each commitment Dⱼ and the
//	   inputs it binds extends the inputs, L also adds Σ Dⱼ, and the folded knowledge
//	   proof must satisfy e(Σ cʲ·Dⱼ, −σⱼG) · e(PoK, G) = 1 (c gnark's challenge). Both
//	   equations go into one multi-pairing, the second weighted by a fresh random scalar.
//
// Points were checked on the curve and in their subgroups when the key and the proof were
// built, so Verify does no decoding; the pairing, the expensive part, comes last.
//
// Bound: b) to d) before any curve arithmetic; then one multi-scalar multiplication of
// NumPublic inputs and one multi-pairing of 3 + NumCommitments + 1 pairs (Verify
// allocates O(NumPublic + NumCommitments), and the commitment hashes read the key's
// committed-input lists once).
func Verify(vk *VerifyingKey, p *Proof, public [][32]byte) error {
	if err := checkArgs(vk, p); err != nil {
		return err
	}
	var pr prepared
	if err := pr.prepare(vk, p, public); err != nil {
		return err
	}
	var acc bn254.G1Jac
	acc.FromAffine(&vk.ic[0])
	vk.icMSM(&acc, 1, pr.xs)
	acc.AddAssign(&pr.dsum)
	var fixed [2]bn254.G1Affine
	fixed[0].FromJacobian(&acc)
	fixed[1] = p.c
	ps := append([]bn254.G1Affine{p.a}, pr.knowledge...)
	qs := append([]bn254.G2Affine{p.b}, vk.knowledgeG2...)
	ml, err := millerLoop(vk, fixed[:], ps, qs)
	if err != nil {
		return err
	}
	res := bn254.FinalExponentiation(&ml)
	if !res.Equal(&vk.eAlphaBeta) {
		return ErrVerification
	}
	return nil
}

// BatchVerify checks many proofs under one key at once, with one multi-pairing of
// len(proofs)+2 variable pairs plus the key's fixed ones, instead of one final
// exponentiation and two fixed pairs per proof. Each proof's equation is weighted by an
// independent random 128-bit scalar rᵢ:
//
//	Π e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·Lᵢ, −γ) · e(Σ rᵢ·Cᵢ, −δ) · e(−(Σ rᵢ)·α, β) = 1,
//
// so a batch with any invalid proof passes with probability about 2⁻¹²⁸. The checks a) to
// d) of Verify apply to each proof and name it; when several proofs fail them, the error
// names the first. A failed pairing returns ErrVerification without saying which proof
// failed (verify them one by one to find it). An empty batch is valid; len(proofs) must
// equal len(publics).
//
// opts set how many goroutines it may use (interop.Workers; default GOMAXPROCS); the
// answer does not depend on it. In parallel: the proofs are cut into one contiguous piece
// per worker, and each worker checks and prepares its proofs, draws their weights, sums
// its share of the weighted inputs, commitments and Cᵢ, and runs the Miller loop of its
// pairs (rᵢ·Aᵢ, Bᵢ). The caller adds the pieces' sums; then two chains run side by side,
// the input MSM with the Miller loop of the key's fixed pairs, and (Σ rᵢ)·α with the
// Miller loop of the α and knowledge-proof pairs; last, on the caller's goroutine, the
// product of all the loops and the one final exponentiation.
//
// Bound: O(len(proofs)·(NumPublic + NumCommitments)) field and curve operations and one
// multi-pairing of len(proofs) + 3 + NumCommitments + 1 pairs; memory O(len(proofs) +
// workers·(NumPublic + NumCommitments)).
func BatchVerify(vk *VerifyingKey, proofs []*Proof, publics [][][32]byte, opts ...interop.BatchOption) error {
	if len(proofs) != len(publics) {
		return fmt.Errorf("%w: %d proofs, %d input lists", ErrInputCount, len(proofs), len(publics))
	}
	if vk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if len(proofs) == 0 {
		return nil
	}
	workers := interop.Batch(opts...).Workers
	parts := make([]batchPart, parallel.Pieces(len(proofs), workers))
	// One piece leaves its pairs to the final Miller loop, saving a loop's squarings.
	loops := len(parts) > 1
	parallel.Chunks(len(proofs), workers, func(k, lo, hi int) {
		parts[k].run(vk, proofs[lo:hi], publics[lo:hi], lo, loops)
	})
	// Pieces are contiguous and each stops at its first failure, so the first piece
	// with an error holds the first failing proof.
	for k := range parts {
		if parts[k].err != nil {
			return parts[k].err
		}
	}
	sum := &parts[0]
	for k := 1; k < len(parts); k++ {
		sum.add(&parts[k])
	}

	// The rest is two independent chains, run side by side when there are workers: the
	// IC MSM and the Miller loop of the key's fixed pairs; −(Σ rᵢ)·α and the Miller loop of
	// the variable pairs left (knowledge proofs, α, and a single piece's own pairs).
	var mls [2]bn254.GT
	var errs [2]error
	tail := [2]func(){
		func() {
			var l bn254.G1Jac
			vk.icMSM(&l, 0, sum.scalars)
			l.AddAssign(&sum.dsum)
			var fixed [2]bn254.G1Affine
			fixed[0].FromJacobian(&l)
			fixed[1].FromJacobian(&sum.csum)
			mls[0], errs[0] = fixedLoop(vk, fixed[:])
		},
		func() {
			nc := vk.NumCommitments()
			as := append(make([]bn254.G1Affine, 0, len(sum.as)+nc+2), sum.as...)
			bs := append(make([]bn254.G2Affine, 0, len(sum.bs)+nc+2), sum.bs...)
			for j := range sum.kacc {
				var q bn254.G1Affine
				q.FromJacobian(&sum.kacc[j])
				as = append(as, q)
			}
			bs = append(bs, vk.knowledgeG2...)
			var na bn254.G1Affine
			na.ScalarMultiplication(&vk.alpha, bigOf(&sum.scalars[0]))
			na.Neg(&na)
			as = append(as, na)
			bs = append(bs, vk.beta)
			mls[1], errs[1] = variableLoop(as, bs)
		},
	}
	parallel.Chunks(len(tail), workers, func(_, lo, hi int) {
		for _, f := range tail[lo:hi] {
			f()
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	ml := mls[0]
	ml.Mul(&ml, &mls[1])
	for k := range parts {
		ml.Mul(&ml, &parts[k].ml)
	}
	res := bn254.FinalExponentiation(&ml)
	if !res.IsOne() {
		return ErrVerification
	}
	return nil
}

// batchPart is one worker's share of a BatchVerify: over its proofs, the weights of the
// key's IC points (Σ rᵢ for IC[0], Σ rᵢ·xᵢⱼ for IC[j+1]), Σ rᵢ·Dᵢ, Σ rᵢ·Cᵢ, the sums of the
// weighted knowledge-proof points, and the pairs (rᵢ·Aᵢ, Bᵢ) or their Miller loop; or the
// error of its first failing proof.
type batchPart struct {
	scalars    []fr.Element
	dsum, csum bn254.G1Jac
	kacc       []bn254.G1Jac
	as         []bn254.G1Affine // the pairs, when not looped here
	bs         []bn254.G2Affine
	ml         bn254.GT // their Miller loop, or one
	err        error
}

// run fills p from proofs[i] with inputs publics[i], numbered first+i in errors. With
// loop it runs the Miller loop of the pairs, else it keeps them in p.as, p.bs.
func (p *batchPart) run(vk *VerifyingKey, proofs []*Proof, publics [][][32]byte, first int, loop bool) {
	n, nc := vk.NumPublic(), vk.NumCommitments()
	p.scalars = make([]fr.Element, 1+n+nc)
	if nc > 0 {
		p.kacc = make([]bn254.G1Jac, nc+1)
	}
	p.ml.SetOne()
	as := make([]bn254.G1Affine, 0, len(proofs))
	bs := make([]bn254.G2Affine, 0, len(proofs))
	var pr prepared
	var t bn254.G1Jac
	for i, prf := range proofs {
		if err := checkArgs(vk, prf); err != nil {
			p.err = fmt.Errorf("proof %d: %w", first+i, err)
			return
		}
		if err := pr.prepare(vk, prf, publics[i]); err != nil {
			p.err = fmt.Errorf("proof %d: %w", first+i, err)
			return
		}
		r, err := randomScalar()
		if err != nil {
			p.err = err
			return
		}
		rb := bigOf(&r)
		p.scalars[0].Add(&p.scalars[0], &r)
		for j := range pr.xs {
			var w fr.Element
			w.Mul(&pr.xs[j], &r)
			p.scalars[1+j].Add(&p.scalars[1+j], &w)
		}
		if nc > 0 {
			t.ScalarMultiplication(&pr.dsum, rb)
			p.dsum.AddAssign(&t)
			// The knowledge points carry their own random weight already.
			for j := range pr.knowledge {
				p.kacc[j].AddMixed(&pr.knowledge[j])
			}
		}
		t.FromAffine(&prf.c)
		t.ScalarMultiplication(&t, rb)
		p.csum.AddAssign(&t)
		if !prf.a.IsInfinity() && !prf.b.IsInfinity() {
			var ra bn254.G1Affine
			ra.ScalarMultiplication(&prf.a, rb)
			as = append(as, ra)
			bs = append(bs, prf.b)
		}
	}
	if !loop {
		p.as, p.bs = as, bs
		return
	}
	p.ml, p.err = variableLoop(as, bs)
}

// add adds q's sums into p's (the Miller loops stay apart: the caller multiplies them).
func (p *batchPart) add(q *batchPart) {
	for j := range p.scalars {
		p.scalars[j].Add(&p.scalars[j], &q.scalars[j])
	}
	p.dsum.AddAssign(&q.dsum)
	p.csum.AddAssign(&q.csum)
	for j := range p.kacc {
		p.kacc[j].AddAssign(&q.kacc[j])
	}
}

func checkArgs(vk *VerifyingKey, p *Proof) error {
	if vk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if p == nil {
		return fmt.Errorf("%w: nil proof", ErrInvalidProof)
	}
	return nil
}

// prepared holds one proof's contribution beyond A, B and C: its public inputs extended
// with the commitment hashes, the sum of its commitments, and the G1 points of its
// knowledge-proof pairs, already weighted by a random scalar.
type prepared struct {
	xs        []fr.Element
	dsum      bn254.G1Jac
	knowledge []bn254.G1Affine
	small     [16]fr.Element
	kbuf      [4]bn254.G1Affine
}

func (pr *prepared) prepare(vk *VerifyingKey, p *Proof, public [][32]byte) error {
	n := vk.NumPublic()
	if len(public) != n {
		return fmt.Errorf("%w: got %d, key has %d", ErrInputCount, len(public), n)
	}
	nc := len(vk.commitments)
	if len(p.commitments) != nc {
		return fmt.Errorf("%w: %d commitments, key has %d", ErrInvalidProof, len(p.commitments), nc)
	}
	if n+nc <= len(pr.small) {
		pr.xs = pr.small[:n+nc]
	} else {
		pr.xs = make([]fr.Element, n+nc)
	}
	for i := range public {
		if err := setScalar(&pr.xs[i], &public[i]); err != nil {
			return fmt.Errorf("public input %d: %w", i, err)
		}
	}
	pr.dsum = bn254.G1Jac{} // Z = 0: the point at infinity
	pr.knowledge = pr.kbuf[:0]
	if nc == 0 {
		return nil
	}
	return pr.commitments(vk, p, n)
}

// commitments appends, as gnark's verifier does, the hash of each commitment and the
// inputs it binds to the public inputs, sums the commitments, and builds the pairs of the
// folded Pedersen proof of knowledge weighted by a random ρ, so that one final
// exponentiation checks it with the Groth16 equation (Schwartz–Zippel: a false pair of
// equations passes with probability about 2⁻¹²⁸).
func (pr *prepared) commitments(vk *VerifyingKey, p *Proof, n int) error {
	ser := make([]byte, 0, 32*len(p.commitments))
	for i := range p.commitments {
		raw := p.commitments[i].RawBytes()
		pre := make([]byte, 0, len(raw)+32*len(vk.committed[i]))
		pre = append(pre, raw[:]...)
		for _, idx := range vk.committed[i] {
			b := pr.xs[idx-1].Bytes()
			pre = append(pre, b[:]...)
		}
		h, err := fr.Hash(pre, commitmentDST, 1)
		if err != nil {
			return fmt.Errorf("%w: commitment hash: %v", ErrInvalidProof, err)
		}
		pr.xs[n+i] = h[0]
		b := h[0].Bytes()
		ser = append(ser, b[:]...)
		pr.dsum.AddMixed(&p.commitments[i])
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
	for i := range p.commitments {
		var q bn254.G1Affine
		q.ScalarMultiplication(&p.commitments[i], bigOf(&w))
		pr.knowledge = append(pr.knowledge, q)
		w.Mul(&w, &ch[0])
	}
	var q bn254.G1Affine
	q.ScalarMultiplication(&p.pok, bigOf(&rho))
	pr.knowledge = append(pr.knowledge, q)
	return nil
}

// scratchLines holds copies of keys' fixed lines: gnark-crypto's MillerLoopFixedQ
// evaluates the lines in place, so the key's own must never be passed to it.
var scratchLines = sync.Pool{New: func() any { return new([]lines) }}

// millerLoop computes the product of the Miller loops of fixed[i] with the key's fixed
// G2 points and of the variable pairs (ps[i], qs[i]).
func millerLoop(vk *VerifyingKey, fixed []bn254.G1Affine, ps []bn254.G1Affine, qs []bn254.G2Affine) (bn254.GT, error) {
	res, err := fixedLoop(vk, fixed)
	if err != nil {
		return res, err
	}
	v, err := variableLoop(ps, qs)
	if err != nil {
		return v, err
	}
	res.Mul(&res, &v)
	return res, nil
}

// fixedLoop computes the product of the Miller loops of fixed[i] with the key's fixed G2
// points, on a copy of their lines.
func fixedLoop(vk *VerifyingKey, fixed []bn254.G1Affine) (bn254.GT, error) {
	sp := scratchLines.Get().(*[]lines)
	defer scratchLines.Put(sp)
	if cap(*sp) < len(vk.fixedLines) {
		*sp = make([]lines, len(vk.fixedLines))
	}
	ls := (*sp)[:len(vk.fixedLines)]
	copy(ls, vk.fixedLines)
	res, err := bn254.MillerLoopFixedQ(fixed, ls)
	if err != nil {
		return res, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	return res, nil
}

// variableLoop computes the product of the Miller loops of the pairs (ps[i], qs[i]); one
// when every pair has a point at infinity (gnark-crypto's MillerLoop skips such pairs but
// refuses an empty list).
func variableLoop(ps []bn254.G1Affine, qs []bn254.G2Affine) (bn254.GT, error) {
	live := 0
	for i := range ps {
		if !ps[i].IsInfinity() && !qs[i].IsInfinity() {
			live++
		}
	}
	if live == 0 {
		var one bn254.GT
		one.SetOne()
		return one, nil
	}
	v, err := bn254.MillerLoop(ps, qs)
	if err != nil {
		return v, fmt.Errorf("%w: %v", ErrInvalidProof, err)
	}
	return v, nil
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
