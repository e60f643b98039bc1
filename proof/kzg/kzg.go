package kzg

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/big"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/parallel"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// BlobToKZGCommitment is blob_to_kzg_commitment (deneb polynomial-commitments.md): the
// commitment to the blob's polynomial, Σ blob[i]·bit_reversal_permutation(G1_LAGRANGE)[i].
// A blob element not below BLS_MODULUS is an ErrInvalidFieldElement.
func BlobToKZGCommitment(blob *Blob) (Commitment, error) {
	var poly [FieldElementsPerBlob]fr.Element
	if err := blobToPolynomial(&poly, blob); err != nil {
		return Commitment{}, err
	}
	setup, err := loadLagrange()
	if err != nil {
		return Commitment{}, err
	}
	c := g1Lincomb(setup, poly[:])
	return compressG1(&c), nil
}

// ComputeKZGProof is compute_kzg_proof: the proof that the blob's polynomial takes the value
// y at z, and y (big-endian). z must be canonical (ErrInvalidFieldElement); it may be a
// point of the evaluation domain, where y is the blob element itself.
func ComputeKZGProof(blob *Blob, z [32]byte) (Proof, [32]byte, error) {
	var poly [FieldElementsPerBlob]fr.Element
	if err := blobToPolynomial(&poly, blob); err != nil {
		return Proof{}, [32]byte{}, err
	}
	var ze fr.Element
	if err := bytesToBLSField(&ze, &z, "z"); err != nil {
		return Proof{}, [32]byte{}, err
	}
	p, y, err := computeKZGProofImpl(&poly, &ze)
	if err != nil {
		return Proof{}, [32]byte{}, err
	}
	return p, y.Bytes(), nil
}

// ComputeBlobKZGProof is compute_blob_kzg_proof: the proof for the blob at the Fiat–Shamir
// challenge derived from the blob and c. c is used as given (it is validated, not
// recomputed), so a wrong commitment yields a proof that does not verify.
func ComputeBlobKZGProof(blob *Blob, c Commitment) (Proof, error) {
	var cp bls12381.G1Affine
	if err := validateG1(&cp, (*[48]byte)(&c), "commitment"); err != nil {
		return Proof{}, err
	}
	var poly [FieldElementsPerBlob]fr.Element
	if err := blobToPolynomial(&poly, blob); err != nil {
		return Proof{}, err
	}
	z := computeChallenge(blob, &c)
	p, _, err := computeKZGProofImpl(&poly, &z)
	return p, err
}

// computeKZGProofImpl is compute_kzg_proof_impl: the quotient (p(X) - y)/(X - z) in
// evaluation form, committed with the Lagrange setup. poly is in Montgomery form.
func computeKZGProofImpl(poly *[FieldElementsPerBlob]fr.Element, z *fr.Element) (Proof, fr.Element, error) {
	defer vzeroupper()
	setup, err := loadLagrange()
	if err != nil {
		return Proof{}, fr.Element{}, err
	}
	d := getDomain()
	s := new(evalScratch)
	y, m := evaluate(poly, z, s)
	q := new([FieldElementsPerBlob]fr.Element)
	if m < 0 {
		// s.inv[i] = 1/(z - ω_i), so (p_i - y)/(ω_i - z) = (y - p_i)·s.inv[i].
		for i := range q {
			q[i].Sub(&y, &poly[i])
		}
		qv := fr.Vector(q[:])
		qv.Mul(qv, fr.Vector(s.inv[:]))
	} else {
		// z = ω_m: compute_quotient_eval_within_domain for q_m, the plain quotient elsewhere.
		for i := range s.diff {
			s.diff[i].Sub(&d.rootsBRP[i], z)
		}
		s.diff[m].SetOne()
		inv := fr.BatchInvert(s.diff[:])
		var qm, t, den fr.Element
		for i := range q {
			if i == m {
				continue
			}
			q[i].Sub(&poly[i], &y)
			q[i].Mul(&q[i], &inv[i])
			// (p_i - y)·ω_i / (z·(z - ω_i)) = -q_i·ω_i/z
			t.Mul(&q[i], &d.rootsBRP[i])
			qm.Sub(&qm, &t)
		}
		den.Inverse(z)
		q[m].Mul(&qm, &den)
	}
	pj := g1Lincomb(setup, q[:])
	return compressG1(&pj), y, nil
}

// computeChallenge is compute_challenge: hash_to_bls_field(FIAT_SHAMIR_PROTOCOL_DOMAIN ‖
// FIELD_ELEMENTS_PER_BLOB as 16 bytes big-endian ‖ blob ‖ commitment).
func computeChallenge(blob *Blob, c *Commitment) fr.Element {
	var pre [32]byte
	copy(pre[:16], fiatShamirProtocolDomain)
	binary.BigEndian.PutUint64(pre[24:], FieldElementsPerBlob)
	h := sha256.New()
	h.Write(pre[:])
	h.Write(blob[:])
	h.Write(c[:])
	var digest [32]byte
	h.Sum(digest[:0])
	return hashToBLSField(&digest)
}

// VerifyKZGProof is verify_kzg_proof: it checks that the polynomial committed to by c takes
// the value y at z, given the proof p. Checks, in order:
//
//	a) z and y are canonical field elements: else ErrInvalidFieldElement;
//	b) c and p decode to G1 points in the subgroup (infinity allowed): else ErrInvalidPoint
//	   or ErrNotInSubgroup;
//	c) the pairing equation holds: else ErrInvalidProof.
func VerifyKZGProof(c Commitment, z, y [32]byte, p Proof) error {
	var ze, ye fr.Element
	if err := bytesToBLSField(&ze, &z, "z"); err != nil {
		return err
	}
	if err := bytesToBLSField(&ye, &y, "y"); err != nil {
		return err
	}
	var cp, pp bls12381.G1Affine
	if err := validateG1(&cp, (*[48]byte)(&c), "commitment"); err != nil {
		return err
	}
	if err := validateG1(&pp, (*[48]byte)(&p), "proof"); err != nil {
		return err
	}
	return verifyKZGProofImpl(&cp, &ze, &ye, &pp)
}

// verifyKZGProofImpl is verify_kzg_proof_impl. The spec checks
// e(C - [y]₁, -[1]₂)·e(π, [τ - z]₂) = 1; moving z to G1 gives the equivalent
// e(C - [y]₁ + [z]π, [1]₂)·e(-π, [τ]₂) = 1, whose G2 arguments are both fixed, so their
// Miller-loop lines are precomputed and no G2 arithmetic happens per call.
func verifyKZGProofImpl(c *bls12381.G1Affine, z, y *fr.Element, p *bls12381.G1Affine) error {
	v, err := loadVerifier()
	if err != nil {
		return err
	}
	var negY fr.Element
	negY.Neg(y)
	var sY, sZ big.Int
	negY.BigInt(&sY)
	z.BigInt(&sZ)
	var lhs bls12381.G1Jac
	lhs.JointScalarMultiplicationBase(p, &sY, &sZ)
	lhs.AddMixed(c)
	var pts [2]bls12381.G1Affine
	pts[0].FromJacobian(&lhs)
	pts[1].Neg(p)
	return pairingCheck(pts[:], v.linesG2, v.linesTau)
}

// pairingCheck returns nil when e(P₀, Q₀)·e(P₁, Q₁) = 1 for the fixed Q whose lines are given.
func pairingCheck(p []bls12381.G1Affine, l0, l1 [2][len(bls12381.LoopCounter) - 1]bls12381.LineEvaluationAff) error {
	lines := [2][2][len(bls12381.LoopCounter) - 1]bls12381.LineEvaluationAff{l0, l1}
	f, err := bls12381.MillerLoopFixedQ(p, lines[:])
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidProof, err)
	}
	f = bls12381.FinalExponentiation(&f)
	if !f.IsOne() {
		return ErrInvalidProof
	}
	return nil
}

// VerifyBlobKZGProof is verify_blob_kzg_proof: it checks that p proves the blob's
// polynomial, committed to by c, at the Fiat–Shamir challenge of (blob, c). Checks:
//
//	a) c decodes to a subgroup point (infinity allowed): else ErrInvalidPoint/ErrNotInSubgroup;
//	b) every blob element is canonical: else ErrInvalidFieldElement;
//	c) p decodes to a subgroup point: else ErrInvalidPoint/ErrNotInSubgroup;
//	d) the pairing equation holds: else ErrInvalidProof.
func VerifyBlobKZGProof(blob *Blob, c Commitment, p Proof) error {
	var cp, pp bls12381.G1Affine
	var z, y fr.Element
	if err := blobOpening(blob, &c, &cp, &z, &y); err != nil {
		return err
	}
	if err := validateG1(&pp, (*[48]byte)(&p), "proof"); err != nil {
		return err
	}
	return verifyKZGProofImpl(&cp, &z, &y, &pp)
}

// blobOpening validates a blob and its commitment and returns the challenge z and the
// blob's value y there (the shared head of verify_blob_kzg_proof and its batch form).
func blobOpening(blob *Blob, c *Commitment, cp *bls12381.G1Affine, z, y *fr.Element) error {
	if err := validateG1(cp, (*[48]byte)(c), "commitment"); err != nil {
		return err
	}
	// The polynomial and the evaluation scratch are 512 KiB: on the goroutine stack they
	// would be zeroed and, after every GC that shrinks the stack, copied again.
	w := openingPool.Get().(*openingWork)
	defer openingPool.Put(w)
	if err := blobToPolynomialRaw(&w.poly, blob); err != nil {
		return err
	}
	*z = computeChallenge(blob, c)
	*y, _ = evaluate(&w.poly, z, &w.s)
	fromRaw(y)
	return nil
}

type openingWork struct {
	poly [FieldElementsPerBlob]fr.Element
	s    evalScratch
}

var openingPool = sync.Pool{New: func() any { return new(openingWork) }}

// VerifyBlobKZGProofBatch is verify_blob_kzg_proof_batch: every (blob, commitment, proof)
// triple is checked as in VerifyBlobKZGProof, but all the pairing equations are combined
// with powers of a Fiat–Shamir challenge r into one two-pairing check
// (verify_kzg_proof_batch). An empty batch is valid; lists of different lengths are an
// ErrLengthMismatch. The error of the first malformed input (lowest index) is returned;
// ErrInvalidProof says only that at least one proof is wrong.
//
// Cost: per blob, two point decodings with subgroup checks, the sha256 challenge over the
// blob and one barycentric evaluation; then one multi-exponentiation of 2n+1 points, one
// of n points and one two-pairing check. opts (interop.Workers, default GOMAXPROCS) set
// how many goroutines share the work: each takes the next blob not yet taken for the
// per-blob part, and each multi-exponentiation runs as that many tasks. The transcript
// hash and the pairing check stay on the caller's goroutine. The result, error included,
// is the same for any number of workers.
func VerifyBlobKZGProofBatch(blobs []Blob, cs []Commitment, ps []Proof, opts ...interop.BatchOption) error {
	if len(blobs) != len(cs) || len(blobs) != len(ps) {
		return fmt.Errorf("%w: %d blobs, %d commitments, %d proofs", ErrLengthMismatch, len(blobs), len(cs), len(ps))
	}
	n := len(blobs)
	if n == 0 {
		return nil
	}
	if n == 1 {
		return VerifyBlobKZGProof(&blobs[0], cs[0], ps[0])
	}
	workers := interop.Batch(opts...).Workers
	cps := make([]bls12381.G1Affine, n)
	pps := make([]bls12381.G1Affine, n)
	zs := make([]fr.Element, n)
	ys := make([]fr.Element, n)
	// Each blob is a block taken by whichever worker is free (a worker the system has not
	// scheduled holds up nothing); blobs past a known bad one are skipped, and the error
	// of the lowest bad blob is kept, as a serial scan would return it.
	var first parallel.FirstError
	parallel.Blocks(n, 1, workers, first.Past, func(i, _, _ int) {
		if err := blobOpening(&blobs[i], &cs[i], &cps[i], &zs[i], &ys[i]); err != nil {
			first.Report(i, fmt.Errorf("blob %d: %w", i, err))
			return
		}
		if err := validateG1(&pps[i], (*[48]byte)(&ps[i]), "proof"); err != nil {
			first.Report(i, fmt.Errorf("blob %d: %w", i, err))
		}
	})
	if err := first.Err(); err != nil {
		return err
	}
	return verifyKZGProofBatch(cs, cps, zs, ys, ps, pps, workers)
}

// verifyKZGProofBatch is verify_kzg_proof_batch: with r from the transcript of all inputs,
//
//	e(Σ rⁱπᵢ, [τ]₂) = e(Σ rⁱ(Cᵢ - [yᵢ]₁) + Σ rⁱzᵢπᵢ, [1]₂)
//
// checked as one multi-pairing. The G1 side is a single multi-exponentiation over the
// commitments, the proofs and the generator.
func verifyKZGProofBatch(cs []Commitment, cps []bls12381.G1Affine, zs, ys []fr.Element, ps []Proof, pps []bls12381.G1Affine, workers int) error {
	v, err := loadVerifier()
	if err != nil {
		return err
	}
	n := len(cs)
	h := sha256.New()
	var hdr [32]byte
	copy(hdr[:16], randomChallengeKZGBatchDomain)
	binary.BigEndian.PutUint64(hdr[16:24], FieldElementsPerBlob)
	binary.BigEndian.PutUint64(hdr[24:32], uint64(n))
	h.Write(hdr[:])
	for i := range n {
		h.Write(cs[i][:])
		zb, yb := zs[i].Bytes(), ys[i].Bytes()
		h.Write(zb[:])
		h.Write(yb[:])
		h.Write(ps[i][:])
	}
	var digest [32]byte
	h.Sum(digest[:0])
	r := hashToBLSField(&digest)

	// points = C_0..C_{n-1}, π_0..π_{n-1}, G; scalars = rⁱ, rⁱzᵢ, -Σ rⁱyᵢ.
	points := make([]bls12381.G1Affine, 2*n+1)
	scalars := make([]fr.Element, 2*n+1)
	copy(points, cps)
	copy(points[n:], pps)
	_, _, points[2*n], _ = bls12381.Generators()
	var rPow, ySum, t fr.Element
	rPow.SetOne()
	for i := range n {
		scalars[i] = rPow
		scalars[n+i].Mul(&rPow, &zs[i])
		t.Mul(&rPow, &ys[i])
		ySum.Add(&ySum, &t)
		rPow.Mul(&rPow, &r)
	}
	scalars[2*n].Neg(&ySum)
	rhs := g1LincombTasks(points, scalars, workers)
	proofLincomb := g1LincombTasks(pps, scalars[:n], workers)
	proofLincomb.Neg(&proofLincomb)
	var pts [2]bls12381.G1Affine
	pts[0].FromJacobian(&rhs)
	pts[1].FromJacobian(&proofLincomb)
	return pairingCheck(pts[:], v.linesG2, v.linesTau)
}
