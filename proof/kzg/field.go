package kzg

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"math/bits"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Constants of deneb polynomial-commitments.md and fulu polynomial-commitments-sampling.md,
// under their spec names.
const (
	BytesPerFieldElement    = 32
	FieldElementsPerBlob    = 4096
	BytesPerBlob            = BytesPerFieldElement * FieldElementsPerBlob
	BytesPerCommitment      = 48
	BytesPerProof           = 48
	FieldElementsPerExtBlob = 2 * FieldElementsPerBlob
	FieldElementsPerCell    = 64
	BytesPerCell            = FieldElementsPerCell * BytesPerFieldElement
	CellsPerExtBlob         = FieldElementsPerExtBlob / FieldElementsPerCell

	logBlob    = 12 // log2(FIELD_ELEMENTS_PER_BLOB)
	logExtBlob = 13
	logCell    = 6
	logCells   = 7

	primitiveRootOfUnity = 7 // PRIMITIVE_ROOT_OF_UNITY
)

// BLSModulus is BLS_MODULUS, the order r of the BLS12-381 G1 subgroup, big-endian.
var BLSModulus = [32]byte{
	0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
	0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
}

// The modulus as little-endian 64-bit limbs, for the canonical check.
const (
	r0 = 0xffffffff00000001
	r1 = 0x53bda402fffe5bfe
	r2 = 0x3339d80809a1d805
	r3 = 0x73eda753299d7d48
)

// Domain separators (deneb polynomial-commitments.md, fulu polynomial-commitments-sampling.md).
const (
	fiatShamirProtocolDomain          = "FSBLOBVERIFY_V1_"
	randomChallengeKZGBatchDomain     = "RCKZGBATCH___V1_"
	randomChallengeKZGCellBatchDomain = "RCKZGCBATCH__V1_"
)

// setRawCanonical loads a 32-byte big-endian integer into z *without* the Montgomery
// conversion, after checking it is < BLS_MODULUS (bytes_to_bls_field). The element then
// stands for x·R⁻¹; callers that use it only linearly multiply the result by R once
// (see fromRaw) instead of converting 4096 blob elements one by one.
func setRawCanonical(z *fr.Element, b []byte) bool {
	_ = b[31]
	z[3] = binary.BigEndian.Uint64(b[0:8])
	z[2] = binary.BigEndian.Uint64(b[8:16])
	z[1] = binary.BigEndian.Uint64(b[16:24])
	z[0] = binary.BigEndian.Uint64(b[24:32])
	// z < r, compared limb by limb from the top, with a borrow chain.
	_, borrow := bits.Sub64(z[0], r0, 0)
	_, borrow = bits.Sub64(z[1], r1, borrow)
	_, borrow = bits.Sub64(z[2], r2, borrow)
	_, borrow = bits.Sub64(z[3], r3, borrow)
	return borrow == 1
}

// montR is the field element R = 2^256 mod r, by which a result computed from raw elements
// is multiplied to undo their implicit R⁻¹ factor.
var montR = func() fr.Element {
	var e fr.Element
	e.SetBigInt(new(big.Int).Lsh(big.NewInt(1), 256))
	return e
}()

// fromRaw turns a value computed linearly from raw elements into the real field element.
func fromRaw(z *fr.Element) { z.Mul(z, &montR) }

// bytesToBLSField is bytes_to_bls_field: the canonical big-endian integer, or an error.
func bytesToBLSField(z *fr.Element, b *[32]byte, what string) error {
	if !setRawCanonical(z, b[:]) {
		return fmt.Errorf("%w: %s 0x%x", ErrInvalidFieldElement, what, b[:])
	}
	fromRaw(z)
	return nil
}

// hashToBLSField is hash_to_bls_field: the sha256 digest as a big-endian integer mod r.
func hashToBLSField(digest *[32]byte) fr.Element {
	var z fr.Element
	z.SetBytes(digest[:])
	return z
}

// blobToPolynomialRaw is blob_to_polynomial with the elements left raw (see
// setRawCanonical). Every element is checked canonical.
func blobToPolynomialRaw(poly *[FieldElementsPerBlob]fr.Element, blob *Blob) error {
	for i := range poly {
		b := blob[i*BytesPerFieldElement : (i+1)*BytesPerFieldElement]
		if !setRawCanonical(&poly[i], b) {
			return fmt.Errorf("%w: blob element %d is 0x%x", ErrInvalidFieldElement, i, b)
		}
	}
	return nil
}

// blobToPolynomial is blob_to_polynomial, elements in Montgomery form.
func blobToPolynomial(poly *[FieldElementsPerBlob]fr.Element, blob *Blob) error {
	defer vzeroupper()
	if err := blobToPolynomialRaw(poly, blob); err != nil {
		return err
	}
	v := fr.Vector(poly[:])
	v.ScalarMul(v, &montR)
	return nil
}

func reverseBits(x uint32, logN uint) uint32 {
	return bits.Reverse32(x) >> (32 - logN)
}

// domain holds the roots of unity the specs evaluate over.
type domain struct {
	// rootsBRP is bit_reversal_permutation(compute_roots_of_unity(FIELD_ELEMENTS_PER_BLOB)):
	// blob element i is the evaluation at rootsBRP[i].
	rootsBRP [FieldElementsPerBlob]fr.Element
	// extRoots is compute_roots_of_unity(FIELD_ELEMENTS_PER_EXT_BLOB) in natural order, the
	// FFT domain of cells and recovery; extRootsInv holds the inverse roots.
	extRoots, extRootsInv [FieldElementsPerExtBlob]fr.Element
	invBlobLen            fr.Element // 1/FIELD_ELEMENTS_PER_BLOB
}

var (
	domainOnce sync.Once
	dom        *domain
)

func getDomain() *domain {
	domainOnce.Do(func() {
		d := new(domain)
		// compute_roots_of_unity: PRIMITIVE_ROOT_OF_UNITY^((r-1)/order).
		rMinus1 := new(big.Int).Sub(fr.Modulus(), big.NewInt(1))
		var g, w fr.Element
		g.SetUint64(primitiveRootOfUnity)
		w.Exp(g, new(big.Int).Div(rMinus1, big.NewInt(FieldElementsPerExtBlob)))
		var x fr.Element
		x.SetOne()
		for i := range d.extRoots {
			d.extRoots[i] = x
			x.Mul(&x, &w)
		}
		d.extRootsInv[0].SetOne()
		for i := 1; i < FieldElementsPerExtBlob; i++ {
			d.extRootsInv[i] = d.extRoots[FieldElementsPerExtBlob-i]
		}
		// The order-4096 roots are the even powers of the order-8192 root.
		for i := range d.rootsBRP {
			d.rootsBRP[reverseBits(uint32(i), logBlob)] = d.extRoots[2*i]
		}
		d.invBlobLen.SetUint64(FieldElementsPerBlob)
		d.invBlobLen.Inverse(&d.invBlobLen)
		dom = d
	})
	return dom
}

// lanes is the width of the interleaved prefix products in batchInverse: a multiple of 8,
// the block size of gnark-crypto's AVX-512 IFMA vector multiplication. Wider rows amortize
// the per-call cost of the vector code (128: ≈ 17 % faster evaluation than 32 on the
// project's machine; 256 is no better), at the price of a longer scalar tail.
const lanes = 128

// batchInverse sets dst[i] = 1/src[i] for the 4096 nonzero elements of src (Montgomery's
// trick). The prefix products run in `lanes` interleaved chains so that every step is one
// element-wise vector multiplication, which gnark-crypto vectorizes.
func batchInverse(dst, src *[FieldElementsPerBlob]fr.Element, prefix *[FieldElementsPerBlob]fr.Element) {
	defer vzeroupper()
	const rows = FieldElementsPerBlob / lanes
	copy(prefix[:lanes], src[:lanes])
	for k := 1; k < rows; k++ {
		out := fr.Vector(prefix[k*lanes : (k+1)*lanes])
		out.Mul(fr.Vector(prefix[(k-1)*lanes:k*lanes]), fr.Vector(src[k*lanes:(k+1)*lanes]))
	}
	var acc [lanes]fr.Element
	copy(acc[:], prefix[(rows-1)*lanes:])
	invertLanes(&acc)
	accV := fr.Vector(acc[:])
	for k := rows - 1; k > 0; k-- {
		out := fr.Vector(dst[k*lanes : (k+1)*lanes])
		out.Mul(accV, fr.Vector(prefix[(k-1)*lanes:k*lanes]))
		accV.Mul(accV, fr.Vector(src[k*lanes:(k+1)*lanes]))
	}
	copy(dst[:lanes], acc[:])
}

// invertLanes replaces each of the nonzero a[i] by its inverse: Montgomery's trick once more,
// in scalar code on the stack (gnark-crypto's BatchInvert allocates its result).
func invertLanes(a *[lanes]fr.Element) {
	var pre [lanes]fr.Element
	var run fr.Element
	run.SetOne()
	for i := range a {
		pre[i] = run
		run.Mul(&run, &a[i])
	}
	run.Inverse(&run)
	for i := lanes - 1; i >= 0; i-- {
		var t fr.Element
		t.Mul(&run, &pre[i])
		run.Mul(&run, &a[i])
		a[i] = t
	}
}

// evalScratch is the working memory of one barycentric evaluation.
type evalScratch struct {
	diff, inv, prefix [FieldElementsPerBlob]fr.Element
}

// evaluate is evaluate_polynomial_in_evaluation_form for a polynomial given by its values
// at rootsBRP. It is linear in poly, so raw (unconverted) values give a raw result.
// When z is off the domain, s.inv holds 1/(z - ω_i) afterwards, and inDomain is -1.
//
//	p(z) = (z^N - 1)/N · Σ p_i·ω_i/(z - ω_i) = (z^N - 1)/N · (z·Σ p_i/(z - ω_i) - Σ p_i)
func evaluate(poly *[FieldElementsPerBlob]fr.Element, z *fr.Element, s *evalScratch) (y fr.Element, inDomain int) {
	defer vzeroupper()
	d := getDomain()
	// z^N == 1 exactly when z is one of the roots: the spec returns the stored value there.
	var zN fr.Element
	zN.Set(z)
	for range logBlob {
		zN.Square(&zN)
	}
	if zN.IsOne() {
		for i := range d.rootsBRP {
			if d.rootsBRP[i].Equal(z) {
				return poly[i], i
			}
		}
	}
	for i := range s.diff {
		s.diff[i].Sub(z, &d.rootsBRP[i])
	}
	batchInverse(&s.inv, &s.diff, &s.prefix)
	pv, iv := fr.Vector(poly[:]), fr.Vector(s.inv[:])
	sum := pv.InnerProduct(iv)
	total := pv.Sum()
	y.Mul(&sum, z)
	y.Sub(&y, &total)
	var one fr.Element
	one.SetOne()
	zN.Sub(&zN, &one)
	y.Mul(&y, &zN)
	y.Mul(&y, &d.invBlobLen)
	return y, -1
}
