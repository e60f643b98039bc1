package kzg

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/parallel"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Cell is an EIP-7594 cell: FIELD_ELEMENTS_PER_CELL big-endian field elements, the
// evaluations of the blob's polynomial over one coset of the extended domain.
type Cell [BytesPerCell]byte

// cellToCosetEvals is cell_to_coset_evals: every element canonical, Montgomery form.
func cellToCosetEvals(dst *[FieldElementsPerCell]fr.Element, c *Cell, k int) error {
	defer vzeroupper()
	for i := range dst {
		b := c[i*BytesPerFieldElement : (i+1)*BytesPerFieldElement]
		if !setRawCanonical(&dst[i], b) {
			return fmt.Errorf("%w: cell %d element %d is 0x%x", ErrInvalidFieldElement, k, i, b)
		}
	}
	v := fr.Vector(dst[:])
	v.ScalarMul(v, &montR)
	return nil
}

// cosetShiftIndex returns e such that coset_shift_for_cell(i) = ω^e, ω the order-8192 root:
// the cell's first point is roots_of_unity_brp[64·i] = ω^reverse_bits(64·i, 8192), which
// is ω^reverse_bits(i, 128) since the low six bits of 64·i are zero.
func cosetShiftIndex(i uint64) uint32 { return reverseBits(uint32(i), logCells) }

// polynomialEvalToCoeff is polynomial_eval_to_coeff: the inverse FFT of the blob in natural
// order. poly is in Montgomery form; coeff receives FIELD_ELEMENTS_PER_BLOB coefficients.
func polynomialEvalToCoeff(coeff []fr.Element, poly *[FieldElementsPerBlob]fr.Element) {
	for i := range poly {
		coeff[reverseBits(uint32(i), logBlob)] = poly[i]
	}
	fftField(coeff[:FieldElementsPerBlob], true)
}

// cellsFromCoeff evaluates the polynomial over the extended domain and cuts the
// bit-reversed evaluations into cells: cell i element j is p at
// roots_of_unity_brp[64·i + j], exactly compute_cells' coset evaluation.
func cellsFromCoeff(cells *[CellsPerExtBlob]Cell, coeff []fr.Element) {
	ext := make([]fr.Element, FieldElementsPerExtBlob)
	copy(ext, coeff)
	fftField(ext, false)
	for i := range CellsPerExtBlob {
		for j := range FieldElementsPerCell {
			e := ext[reverseBits(uint32(i*FieldElementsPerCell+j), logExtBlob)].Bytes()
			copy(cells[i][j*BytesPerFieldElement:], e[:])
		}
	}
}

// ComputeCells is compute_cells: the 128 cells of the blob's Reed–Solomon extension.
func ComputeCells(blob *Blob) (*[CellsPerExtBlob]Cell, error) {
	var poly [FieldElementsPerBlob]fr.Element
	if err := blobToPolynomial(&poly, blob); err != nil {
		return nil, err
	}
	coeff := make([]fr.Element, FieldElementsPerBlob)
	polynomialEvalToCoeff(coeff, &poly)
	cells := new([CellsPerExtBlob]Cell)
	cellsFromCoeff(cells, coeff)
	return cells, nil
}

// ComputeCellsAndKZGProofs is compute_cells_and_kzg_proofs: the 128 cells and, for each, the
// multi-proof of compute_kzg_proof_multi_impl, all 128 proofs together by FK20.
//
// A cell's coset h·⟨ω₆₄⟩ has vanishing polynomial X^64 - h^64, so its quotient has
// coefficients q_j = Σ_{m≥1} f_{j+64m}·c^{m-1} with c = h^64, and its commitment is
// Σ_{m=1}^{63} c^{m-1}·H_m with H_m = Σ_j f_{j+64m}·[τ^j]₁. Since the 128 values c are the
// 128th roots of unity, the 128 proofs are one G1 FFT of (H_1 … H_63). The H_m are 64
// Toeplitz products, one per residue b of j mod 64, which FK20 computes as cyclic
// convolutions of length 128: the setup side is transformed once per process
// (fk20Table), the coefficient side per blob by field FFTs, and the pointwise products
// summed over b are 128 multi-exponentiations of 64 points, followed by one inverse G1
// FFT. The first call pays about 64 G1 FFTs for the table.
func ComputeCellsAndKZGProofs(blob *Blob) (*[CellsPerExtBlob]Cell, *[CellsPerExtBlob]Proof, error) {
	var poly [FieldElementsPerBlob]fr.Element
	if err := blobToPolynomial(&poly, blob); err != nil {
		return nil, nil, err
	}
	coeff := make([]fr.Element, FieldElementsPerBlob)
	polynomialEvalToCoeff(coeff, &poly)
	return cellsAndProofsFromCoeff(coeff)
}

const (
	cellsPerBlob = FieldElementsPerBlob / FieldElementsPerCell // 64 Toeplitz rows and residues
	fk20Size     = 2 * cellsPerBlob                            // 128, the cyclic convolution length
)

var (
	fk20Once  sync.Once
	fk20Tab   *[fk20Size][cellsPerBlob]bls12381.G1Affine
	fk20Error error
)

// fk20Table returns, for every residue b and frequency k, the k-th value of the length-128
// FFT of the reversed setup column of b, r^b = ([τ^(64·63+b)]₁, [τ^(64·62+b)]₁, …,
// [τ^b]₁, 0, …, 0), stored as table[k][b] so that each frequency is one multi-exponentiation
// over b.
func fk20Table() (*[fk20Size][cellsPerBlob]bls12381.G1Affine, error) {
	fk20Once.Do(func() {
		setup, err := loadMonomial()
		if err != nil {
			fk20Error = err
			return
		}
		jac := make([]bls12381.G1Jac, fk20Size*cellsPerBlob)
		col := make([]bls12381.G1Jac, fk20Size)
		for b := range cellsPerBlob {
			for t := range cellsPerBlob {
				col[t].FromAffine(&setup[cellsPerBlob*(cellsPerBlob-1-t)+b])
			}
			for t := cellsPerBlob; t < fk20Size; t++ {
				col[t].Set(&g1JacInfinity)
			}
			fftG1(col, false)
			for k := range fk20Size {
				jac[k*cellsPerBlob+b] = col[k]
			}
		}
		aff := bls12381.BatchJacobianToAffineG1(jac)
		tab := new([fk20Size][cellsPerBlob]bls12381.G1Affine)
		for k := range fk20Size {
			copy(tab[k][:], aff[k*cellsPerBlob:(k+1)*cellsPerBlob])
		}
		fk20Tab = tab
	})
	return fk20Tab, fk20Error
}

// fk20Quotients returns H_1 … H_63 (H_m = Σ_j f_{j+64m}·[τ^j]₁) for the 4096 coefficients f,
// by FK20. For residue b, with f^b_t = f_{64t+b} and r^b as in fk20Table, the part of H_m
// from indices j ≡ b (mod 64) is the linear convolution (f^b ∗ r^b) at 63 + m; the
// convolution of two length-64 sequences has 127 terms, so a cyclic one of length 128
// computes it exactly: IFFT(Σ_b FFT(f^b) ⊙ FFT(r^b)) at 64 … 126.
func fk20Quotients(coeff []fr.Element) ([]bls12381.G1Jac, error) {
	tab, err := fk20Table()
	if err != nil {
		return nil, err
	}
	// scal[k][b] = FFT(f^b)[k] / 128: the inverse G1 FFT's 1/n, folded in here.
	scal := new([fk20Size][cellsPerBlob]fr.Element)
	var inv fr.Element
	inv.SetUint64(fk20Size).Inverse(&inv)
	v := make([]fr.Element, fk20Size)
	for b := range cellsPerBlob {
		for t := range cellsPerBlob {
			v[t].Mul(&coeff[cellsPerBlob*t+b], &inv)
		}
		clear(v[cellsPerBlob:])
		fftField(v, false)
		for k := range fk20Size {
			scal[k][b] = v[k]
		}
	}
	u := make([]bls12381.G1Jac, fk20Size)
	for k := range u {
		u[k] = g1Lincomb(tab[k][:], scal[k][:])
	}
	fftG1(u, true)
	return u[cellsPerBlob : 2*cellsPerBlob-1], nil
}

// cellsAndProofsFromCoeff is compute_cells_and_kzg_proofs_polynomialcoeff.
func cellsAndProofsFromCoeff(coeff []fr.Element) (*[CellsPerExtBlob]Cell, *[CellsPerExtBlob]Proof, error) {
	h, err := fk20Quotients(coeff)
	if err != nil {
		return nil, nil, err
	}
	cells := new([CellsPerExtBlob]Cell)
	cellsFromCoeff(cells, coeff)

	// G(X) = Σ_{m=1}^{63} H_m X^{m-1}, padded to the 128 coefficients of the FFT.
	g := make([]bls12381.G1Jac, CellsPerExtBlob)
	copy(g, h)
	for m := len(h); m < CellsPerExtBlob; m++ {
		g[m].Set(&g1JacInfinity)
	}
	// g[k] = G(ω₁₂₈^k); cell i's c = h_i^64 = ω₁₂₈^reverse_bits(i, 128).
	fftG1(g, false)
	aff := bls12381.BatchJacobianToAffineG1(g)
	proofs := new([CellsPerExtBlob]Proof)
	for i := range proofs {
		proofs[i] = aff[cosetShiftIndex(uint64(i))].Bytes()
	}
	return cells, proofs, nil
}

// VerifyCellKZGProofBatch is verify_cell_kzg_proof_batch: it checks that each cells[k] holds
// the evaluations, over the coset of cellIndices[k], of the polynomial committed to by
// cs[k], given ps[k]. Checks, in order:
//
//	a) the four lists have one length: else ErrLengthMismatch;
//	b) every cell index is below CELLS_PER_EXT_BLOB: else ErrInvalidCellIndex;
//	c) every distinct commitment decodes to a subgroup point: else ErrInvalidPoint or
//	   ErrNotInSubgroup;
//	d) every cell element is canonical: else ErrInvalidFieldElement;
//	e) every proof decodes to a subgroup point: else ErrInvalidPoint or ErrNotInSubgroup;
//	f) the spec's universal verification equation, one two-pairing check with the
//	   challenge of compute_verify_cell_kzg_proof_batch_challenge: else ErrInvalidProof.
//
// Within a step the error of the lowest index is returned. An empty batch is valid.
// Distinct commitments are numbered in order of first appearance.
//
// Bound: a) and b) before any decoding; one subgroup check per distinct commitment and
// per proof; O(n) lookups to find distinct commitments; memory O(n) (about twice the
// cells' size).
//
// Cost: the point decodings (c and e, the bulk of the work), the cells' conversion and
// their scaling by powers of the challenge are split over opts' workers (interop.Workers,
// default GOMAXPROCS) in contiguous ranges, as are the interpolations, one per distinct
// cell index; each multi-exponentiation runs as that many tasks. Deduplication, the
// challenge's hash and the pairing check stay on the caller's goroutine. The result,
// error included, is the same for any number of workers.
func VerifyCellKZGProofBatch(cs []Commitment, cellIndices []uint64, cells []Cell, ps []Proof, opts ...interop.BatchOption) error {
	n := len(cells)
	if len(cs) != n || len(cellIndices) != n || len(ps) != n {
		return fmt.Errorf("%w: %d commitments, %d cell indices, %d cells, %d proofs",
			ErrLengthMismatch, len(cs), len(cellIndices), n, len(ps))
	}
	for k, ci := range cellIndices {
		if ci >= CellsPerExtBlob {
			return fmt.Errorf("%w: cell %d has index %d", ErrInvalidCellIndex, k, ci)
		}
	}
	if n == 0 {
		return nil
	}
	v, err := loadVerifier()
	if err != nil {
		return err
	}
	workers := interop.Batch(opts...).Workers
	// Deduplicate commitments: a scan of the few seen so far, then, past dedupScan of
	// them, an index, so that n distinct commitments cost O(n) and not O(n²) comparisons.
	// firstCell[u] is the first cell under unique[u], named in its decoding error.
	var unique []Commitment
	var firstCell []int
	var seen map[Commitment]int
	commitmentIndices := make([]uint64, n)
	for k := range cs {
		idx := -1
		if seen != nil {
			if u, ok := seen[cs[k]]; ok {
				idx = u
			}
		} else {
			for u := range unique {
				if unique[u] == cs[k] {
					idx = u
					break
				}
			}
		}
		if idx < 0 {
			idx = len(unique)
			unique = append(unique, cs[k])
			firstCell = append(firstCell, k)
			if seen != nil {
				seen[cs[k]] = idx
			} else if len(unique) == dedupScan {
				seen = make(map[Commitment]int, 2*dedupScan)
				for u := range unique {
					seen[unique[u]] = u
				}
			}
		}
		commitmentIndices[k] = uint64(idx)
	}
	nu := len(unique)
	// RL = RLC - RLI + RLP is one multi-exponentiation over
	// [commitments | [τ^0..τ^63]₁ | proofs]; the points are decoded into place.
	points := make([]bls12381.G1Affine, nu+FieldElementsPerCell+n)
	scalars := make([]fr.Element, len(points))
	uniquePts := points[:nu]
	copy(points[nu:], v.monomial64[:])
	proofPts := points[nu+FieldElementsPerCell:]

	// Each range stops at its first error of a kind; ranges are in order, so the first
	// error found in range order is the lowest index's, as in a serial scan.
	errs := make([]error, 2*parallel.Pieces(n, workers))
	parallel.Chunks(nu, workers, func(piece, lo, hi int) {
		for u := lo; u < hi; u++ {
			if err := validateG1(&uniquePts[u], (*[48]byte)(&unique[u]), "commitment"); err != nil {
				errs[piece] = fmt.Errorf("cell %d: %w", firstCell[u], err)
				return
			}
		}
	})
	if err := firstError(errs); err != nil {
		return err
	}
	evals := make([][FieldElementsPerCell]fr.Element, n)
	pieces := parallel.Pieces(n, workers)
	parallel.Chunks(n, workers, func(piece, lo, hi int) {
		for k := lo; k < hi; k++ {
			if err := cellToCosetEvals(&evals[k], &cells[k], k); err != nil {
				errs[piece] = err
				break
			}
		}
		for k := lo; k < hi; k++ {
			if err := validateG1(&proofPts[k], (*[48]byte)(&ps[k]), "proof"); err != nil {
				errs[pieces+piece] = fmt.Errorf("cell %d: %w", k, err)
				break
			}
		}
	})
	if err := firstError(errs); err != nil {
		return err
	}

	// Step 1: r = compute_verify_cell_kzg_proof_batch_challenge(...).
	h := sha256.New()
	var hdr [48]byte
	copy(hdr[:16], randomChallengeKZGCellBatchDomain)
	binary.BigEndian.PutUint64(hdr[16:], FieldElementsPerBlob)
	binary.BigEndian.PutUint64(hdr[24:], FieldElementsPerCell)
	binary.BigEndian.PutUint64(hdr[32:], uint64(nu))
	binary.BigEndian.PutUint64(hdr[40:], uint64(n))
	h.Write(hdr[:])
	for u := range unique {
		h.Write(unique[u][:])
	}
	var idx [16]byte
	for k := range cells {
		binary.BigEndian.PutUint64(idx[:8], commitmentIndices[k])
		binary.BigEndian.PutUint64(idx[8:], cellIndices[k])
		h.Write(idx[:])
		// bls_field_to_bytes of canonical elements is the cell's own bytes.
		h.Write(cells[k][:])
		h.Write(ps[k][:])
	}
	var digest [32]byte
	h.Sum(digest[:0])
	r := hashToBLSField(&digest)

	d := getDomain()
	weights := scalars[:nu]
	rli := scalars[nu : nu+FieldElementsPerCell]
	rlp := scalars[nu+FieldElementsPerCell:]
	rPowers := make([]fr.Element, n)
	var rk fr.Element
	rk.SetOne()
	for k := range n {
		rPowers[k] = rk
		// Step 4.1a: weights[i] = Σ r^k over the cells of commitment i.
		weights[commitmentIndices[k]].Add(&weights[commitmentIndices[k]], &rk)
		// Step 4.3: RLP scalars r^k·h_k^n, h_k^64 = ω^(64·shift).
		e := (uint32(FieldElementsPerCell) * cosetShiftIndex(cellIndices[k])) % FieldElementsPerExtBlob
		rlp[k].Mul(&rk, &d.extRoots[e])
		rk.Mul(&rk, &r)
	}
	// evals_k ← r^k·evals_k, then Σ_k r^k·evals_k grouped by cell index: one
	// interpolation per distinct coset.
	parallel.Chunks(n, workers, func(_, lo, hi int) {
		defer vzeroupper()
		for k := lo; k < hi; k++ {
			ev := fr.Vector(evals[k][:])
			ev.ScalarMul(ev, &rPowers[k])
		}
	})
	var aggregated [CellsPerExtBlob]*[FieldElementsPerCell]fr.Element
	var distinct []int
	for k := range n {
		ci := cellIndices[k]
		agg := aggregated[ci]
		if agg == nil {
			agg = new([FieldElementsPerCell]fr.Element)
			aggregated[ci] = agg
			distinct = append(distinct, int(ci))
		}
		for j := range agg {
			agg[j].Add(&agg[j], &evals[k][j])
		}
	}
	// Step 4.2: the interpolation polynomial of evaluations e_j at h·ω₆₄^reverse_bits(j)
	// has coefficients IFFT(e in natural order)_t · h^-t. Each range sums its cosets'
	// coefficients; RL subtracts the sum of the ranges.
	partial := make([][FieldElementsPerCell]fr.Element, parallel.Pieces(len(distinct), workers))
	parallel.Chunks(len(distinct), workers, func(piece, lo, hi int) {
		var buf [FieldElementsPerCell]fr.Element
		var t fr.Element
		sum := &partial[piece]
		for _, ci := range distinct[lo:hi] {
			agg := aggregated[ci]
			for j := range buf {
				buf[reverseBits(uint32(j), logCell)] = agg[j]
			}
			fftField(buf[:], true)
			shift := cosetShiftIndex(uint64(ci))
			for tt := range buf {
				e := (shift * uint32(tt)) % FieldElementsPerExtBlob
				t.Mul(&buf[tt], &d.extRootsInv[e])
				sum[tt].Add(&sum[tt], &t)
			}
		}
	})
	for p := range partial {
		for tt := range rli {
			rli[tt].Sub(&rli[tt], &partial[p][tt])
		}
	}
	rl := g1LincombTasks(points, scalars, workers)
	ll := g1LincombTasks(proofPts, rPowers, workers)
	// Step 5: e(LL, [τ^64]₂) = e(RL, [1]₂), i.e. e(-RL, [1]₂)·e(LL, [τ^64]₂) = 1.
	rl.Neg(&rl)
	var pair [2]bls12381.G1Affine
	pair[0].FromJacobian(&rl)
	pair[1].FromJacobian(&ll)
	return pairingCheck(pair[:], v.linesG2, v.linesTauN)
}

// firstError returns the first non-nil error of errs.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// dedupScan is how many distinct commitments VerifyCellKZGProofBatch compares one by one
// before it indexes them.
const dedupScan = 16

// RecoverCellsAndKZGProofs is recover_cells_and_kzg_proofs: from at least half of the cells
// of an extended blob, in any order, it rebuilds the polynomial by the spec's erasure
// decoding (recover_polynomialcoeff) and returns all 128 cells and proofs. Checks:
//
//	a) len(cellIndices) = len(cells): else ErrLengthMismatch;
//	b) at least CELLS_PER_EXT_BLOB/2 cells: else ErrNotEnoughCells; at most
//	   CELLS_PER_EXT_BLOB: else ErrInvalidLength;
//	c) indices distinct and in range: else ErrDuplicateCellIndex or ErrInvalidCellIndex;
//	d) cell elements canonical: else ErrInvalidFieldElement.
//
// As in the spec, the cells are not checked for consistency: cells that are not from one
// blob recover to some other polynomial (truncated to FIELD_ELEMENTS_PER_BLOB coefficients).
func RecoverCellsAndKZGProofs(cellIndices []uint64, cells []Cell) (*[CellsPerExtBlob]Cell, *[CellsPerExtBlob]Proof, error) {
	n := len(cells)
	if len(cellIndices) != n {
		return nil, nil, fmt.Errorf("%w: %d cell indices, %d cells", ErrLengthMismatch, len(cellIndices), n)
	}
	if n < CellsPerExtBlob/2 {
		return nil, nil, fmt.Errorf("%w: %d of %d", ErrNotEnoughCells, n, CellsPerExtBlob)
	}
	if n > CellsPerExtBlob {
		return nil, nil, fmt.Errorf("%w: %d cells, at most %d", ErrInvalidLength, n, CellsPerExtBlob)
	}
	var present [CellsPerExtBlob]bool
	for k, ci := range cellIndices {
		if ci >= CellsPerExtBlob {
			return nil, nil, fmt.Errorf("%w: cell %d has index %d", ErrInvalidCellIndex, k, ci)
		}
		if present[ci] {
			return nil, nil, fmt.Errorf("%w: %d", ErrDuplicateCellIndex, ci)
		}
		present[ci] = true
	}
	// extended_evaluation_rbo with zeros for missing cells, then bit-reversed to natural order.
	ext := make([]fr.Element, FieldElementsPerExtBlob)
	var evals [FieldElementsPerCell]fr.Element
	for k, ci := range cellIndices {
		if err := cellToCosetEvals(&evals, &cells[k], k); err != nil {
			return nil, nil, err
		}
		for j := range evals {
			ext[reverseBits(uint32(int(ci)*FieldElementsPerCell+j), logExtBlob)] = evals[j]
		}
	}
	coeff := recoverPolynomialCoeff(ext, &present)
	return cellsAndProofsFromCoeff(coeff[:FieldElementsPerBlob])
}

// recoverPolynomialCoeff is recover_polynomialcoeff, given the natural-order extended
// evaluation (zeros where cells are missing).
func recoverPolynomialCoeff(ext []fr.Element, present *[CellsPerExtBlob]bool) []fr.Element {
	defer vzeroupper()
	d := getDomain()
	// construct_vanishing_polynomial: Π (X - ω₁₂₈^reverse_bits(i)) over missing cells i,
	// spread to X^64 (its roots are then the whole missing cosets).
	short := make([]fr.Element, 1, CellsPerExtBlob+1)
	short[0].SetOne()
	var t fr.Element
	for i := range present {
		if present[i] {
			continue
		}
		x := &d.extRoots[uint32(FieldElementsPerCell)*reverseBits(uint32(i), logCells)]
		short = append(short, fr.Element{})
		for j := len(short) - 1; j >= 0; j-- {
			// new[j] = old[j-1] - x·old[j]
			t.Mul(&short[j], x)
			if j > 0 {
				short[j].Sub(&short[j-1], &t)
			} else {
				short[j].Neg(&t)
			}
		}
	}
	zeroCoeff := make([]fr.Element, FieldElementsPerExtBlob)
	for i := range short {
		zeroCoeff[i*FieldElementsPerCell] = short[i]
	}
	zeroEval := make([]fr.Element, FieldElementsPerExtBlob)
	copy(zeroEval, zeroCoeff)
	fftField(zeroEval, false)
	// (E·Z) in evaluation form, then coefficients.
	ez := fr.Vector(ext)
	ez.Mul(ez, fr.Vector(zeroEval))
	fftField(ez, true)
	// Divide by Z on the coset 7·⟨ω⟩, where Z has no roots.
	cosetFFTField(ez, false)
	cosetFFTField(zeroCoeff, false)
	zInv := fr.BatchInvert(zeroCoeff)
	ez.Mul(ez, fr.Vector(zInv))
	cosetFFTField(ez, true)
	return ez
}
