package kzg

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
)

// trustedSetupText (mainnet_setup.txt) is c-kzg-4844's src/trusted_setup.txt, the output of
// the Ethereum KZG ceremony as the mainnet clients load it: 4096 G1 points in Lagrange form (natural order;
// the spec applies bit_reversal_permutation itself), 65 G2 points [τ^i]₂, then 4096 G1
// points [τ^i]₁ in monomial form, one compressed point per line in hex.
//
//go:embed mainnet_setup.txt
var trustedSetupText []byte

// trustedSetupSHA256 is the published sha256 of trusted_setup.txt (c-kzg-4844 at
// b7e4098813e0, byte-identical to the ceremony transcript's derived text file). The
// embedded copy is checked against it before any point is read, so a corrupted build fails
// every call rather than producing wrong commitments.
const trustedSetupSHA256 = "d39b9f2d047cc9dca2de58f264b6a09448ccd34db967881a6713eacacf0f26b7"

const numG2Setup = 65 // [τ^0]₂ … [τ^64]₂: verification needs [τ]₂ and, for cells, [τ^64]₂

// setupLines is the checked and split text of the setup.
type setupLines struct {
	g1Lagrange [FieldElementsPerBlob][]byte
	g2         [numG2Setup][]byte
	g1Monomial [FieldElementsPerBlob][]byte
}

var (
	linesOnce sync.Once
	lines     *setupLines
	linesErr  error
)

func setupText() (*setupLines, error) {
	linesOnce.Do(func() { lines, linesErr = splitSetup(trustedSetupText) })
	return lines, linesErr
}

func splitSetup(text []byte) (*setupLines, error) {
	sum := sha256.Sum256(text)
	if hex.EncodeToString(sum[:]) != trustedSetupSHA256 {
		return nil, fmt.Errorf("%w: sha256 %x, want %s", ErrTrustedSetup, sum, trustedSetupSHA256)
	}
	fields := bytes.Fields(text)
	want := 2 + 2*FieldElementsPerBlob + numG2Setup
	if len(fields) != want {
		return nil, fmt.Errorf("%w: %d lines, want %d", ErrTrustedSetup, len(fields), want)
	}
	if n, err := strconv.Atoi(string(fields[0])); err != nil || n != FieldElementsPerBlob {
		return nil, fmt.Errorf("%w: G1 count %q", ErrTrustedSetup, fields[0])
	}
	if n, err := strconv.Atoi(string(fields[1])); err != nil || n != numG2Setup {
		return nil, fmt.Errorf("%w: G2 count %q", ErrTrustedSetup, fields[1])
	}
	s := new(setupLines)
	f := fields[2:]
	copy(s.g1Lagrange[:], f[:FieldElementsPerBlob])
	copy(s.g2[:], f[FieldElementsPerBlob:FieldElementsPerBlob+numG2Setup])
	copy(s.g1Monomial[:], f[FieldElementsPerBlob+numG2Setup:])
	return s, nil
}

// decodeSetupPoints decompresses hex-encoded points. The file's hash was checked, so the
// points are the ceremony's: the (costly) subgroup checks are skipped, the encodings are
// still parsed strictly.
func decodeSetupG1(dst []bls12381.G1Affine, src [][]byte) error {
	raw := make([]byte, 0, len(src)*bls12381.SizeOfG1AffineCompressed)
	for i, h := range src {
		if len(h) != 2*bls12381.SizeOfG1AffineCompressed {
			return fmt.Errorf("%w: G1 point %d has %d hex digits", ErrTrustedSetup, i, len(h))
		}
		var err error
		if raw, err = hex.AppendDecode(raw, h); err != nil {
			return fmt.Errorf("%w: G1 point %d: %v", ErrTrustedSetup, i, err)
		}
	}
	dec := bls12381.NewDecoder(bytes.NewReader(raw), bls12381.NoSubgroupChecks())
	for i := range dst {
		if err := dec.Decode(&dst[i]); err != nil {
			return fmt.Errorf("%w: G1 point %d: %v", ErrTrustedSetup, i, err)
		}
	}
	return nil
}

// verifier holds what verification needs: the G2 points, with their Miller-loop lines
// precomputed because they are fixed for every pairing the package computes.
type verifier struct {
	g2Gen     bls12381.G2Affine
	linesG2   [2][len(bls12381.LoopCounter) - 1]bls12381.LineEvaluationAff // [1]₂
	linesTau  [2][len(bls12381.LoopCounter) - 1]bls12381.LineEvaluationAff // [τ]₂
	linesTauN [2][len(bls12381.LoopCounter) - 1]bls12381.LineEvaluationAff // [τ^64]₂, cells
	// monomial64 is KZG_SETUP_G1_MONOMIAL[:FIELD_ELEMENTS_PER_CELL], all that cell
	// verification commits with (the interpolation term RLI).
	monomial64 [FieldElementsPerCell]bls12381.G1Affine
}

var (
	verifierOnce sync.Once
	verifierVal  *verifier
	verifierErr  error
)

func loadVerifier() (*verifier, error) {
	verifierOnce.Do(func() {
		s, err := setupText()
		if err != nil {
			verifierErr = err
			return
		}
		var g2 [numG2Setup]bls12381.G2Affine
		for i, h := range s.g2 {
			var raw [bls12381.SizeOfG2AffineCompressed]byte
			if len(h) != 2*len(raw) {
				verifierErr = fmt.Errorf("%w: G2 point %d has %d hex digits", ErrTrustedSetup, i, len(h))
				return
			}
			if _, err := hex.Decode(raw[:], h); err != nil {
				verifierErr = fmt.Errorf("%w: G2 point %d: %v", ErrTrustedSetup, i, err)
				return
			}
			if _, err := g2[i].SetBytes(raw[:]); err != nil {
				verifierErr = fmt.Errorf("%w: G2 point %d: %v", ErrTrustedSetup, i, err)
				return
			}
		}
		_, _, _, gen := bls12381.Generators()
		if !g2[0].Equal(&gen) {
			verifierErr = fmt.Errorf("%w: [τ^0]₂ is not the G2 generator", ErrTrustedSetup)
			return
		}
		v := &verifier{g2Gen: gen}
		v.linesG2 = bls12381.PrecomputeLines(gen)
		v.linesTau = bls12381.PrecomputeLines(g2[1])
		v.linesTauN = bls12381.PrecomputeLines(g2[FieldElementsPerCell])
		if err := decodeSetupG1(v.monomial64[:], s.g1Monomial[:FieldElementsPerCell]); err != nil {
			verifierErr = err
			return
		}
		verifierVal = v
	})
	return verifierVal, verifierErr
}

var (
	lagrangeOnce sync.Once
	lagrangeBRP  []bls12381.G1Affine // bit_reversal_permutation(KZG_SETUP_G1_LAGRANGE)
	lagrangeErr  error

	monomialOnce sync.Once
	monomial     []bls12381.G1Affine // KZG_SETUP_G1_MONOMIAL
	monomialErr  error
)

// loadLagrange returns the Lagrange-form G1 setup already bit-reversal permuted, as
// blob_to_kzg_commitment and compute_kzg_proof_impl use it (deneb polynomial-commitments.md).
func loadLagrange() ([]bls12381.G1Affine, error) {
	lagrangeOnce.Do(func() {
		s, err := setupText()
		if err != nil {
			lagrangeErr = err
			return
		}
		pts := make([]bls12381.G1Affine, FieldElementsPerBlob)
		if err := decodeSetupG1(pts, s.g1Lagrange[:]); err != nil {
			lagrangeErr = err
			return
		}
		brp := make([]bls12381.G1Affine, FieldElementsPerBlob)
		for i := range pts {
			brp[reverseBits(uint32(i), logBlob)] = pts[i]
		}
		lagrangeBRP = brp
	})
	return lagrangeBRP, lagrangeErr
}

// loadMonomial returns [τ^i]₁, which cell proofs (fulu compute_kzg_proof_multi_impl) and
// cell verification (the interpolation term) commit with.
func loadMonomial() ([]bls12381.G1Affine, error) {
	monomialOnce.Do(func() {
		s, err := setupText()
		if err != nil {
			monomialErr = err
			return
		}
		pts := make([]bls12381.G1Affine, FieldElementsPerBlob)
		if err := decodeSetupG1(pts, s.g1Monomial[:]); err != nil {
			monomialErr = err
			return
		}
		monomial = pts
	})
	return monomial, monomialErr
}
