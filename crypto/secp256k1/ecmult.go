package secp256k1

import (
	"sync"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

// Window widths. wVar is the wNAF width of the variable point (the public key or the recovered
// R): 2^(wVar-2) odd multiples are built per call. wGen is the width for the generator, whose
// odd multiples are precomputed once.
const (
	wVar = 5
	wGen = 12
)

// wNAF digits are int16: widths above 16 would overflow them.
var (
	_ [16 - wVar]struct{}
	_ [16 - wGen]struct{}
)

var betaFp fp.Element // β with φ(x, y) = (β·x, y)

// Precomputed generator tables, built on first use so importing the package costs nothing.
// They are package-level arrays, filled in place: building them allocates no heap memory.
var (
	genOnce sync.Once
	// genOdd[i] = (2i+1)·G and genHiOdd[i] = (2i+1)·2^128·G, affine. A scalar u splits into
	// u_lo + u_hi·2^128 and both halves ride on the 128 doublings the GLV-split variable
	// point needs anyway.
	genOdd, genHiOdd [1 << (wGen - 2)]affPt
	// genComb[i][j] = (j+1)·2^(combW·i)·G, affine, for the doubling-free fixed-base
	// multiplication of signing and key derivation.
	genComb [combWindows][1 << (combW - 1)]curve.G1Affine
)

const (
	combW       = 6
	combWindows = (256 + combW - 1) / combW // the top digit absorbs the last carry: see combDigits
)

var betaFe fe // β as fe

func init() {
	if _, err := betaFp.SetString(betaDec); err != nil {
		panic(err)
	}
	betaFe = feFromFp(&betaFp)
}

func initGenTables() {
	_, g := curve.Generators()
	var gj curve.G1Jac
	gj.FromAffine(&g)
	oddMultiples(genOdd[:], &gj)
	hi := gj
	for range 128 {
		hi.DoubleAssign()
	}
	oddMultiples(genHiOdd[:], &hi)

	// One row (one inversion) at a time, on the stack: building the tables allocates
	// nothing on the heap, so the first verification costs no more memory than the next.
	var row [1 << (combW - 1)]curve.G1Jac
	var scratch [len(row)]fp.Element
	base := gj
	for i := range combWindows {
		row[0] = base
		for j := 1; j < len(row); j++ {
			row[j] = row[j-1]
			row[j].AddAssign(&base)
		}
		batchToAffine(genComb[i][:], row[:], scratch[:])
		for range combW {
			base.DoubleAssign()
		}
	}
}

// oddMultiples fills out[i] = (2i+1)·p in affine coordinates, tableChunk points (one
// inversion) at a time in stack buffers, so that it allocates nothing on the heap.
func oddMultiples(out []affPt, p *curve.G1Jac) {
	const tableChunk = 64
	var jac [tableChunk]curve.G1Jac
	var aff [tableChunk]curve.G1Affine
	var scratch [tableChunk]fp.Element
	var two curve.G1Jac
	two.Double(p)
	cur := *p
	for start := 0; start < len(out); start += tableChunk {
		n := min(tableChunk, len(out)-start)
		for i := range n {
			jac[i] = cur
			cur.AddAssign(&two)
		}
		batchToAffine(aff[:n], jac[:n], scratch[:n])
		for i := range n {
			out[start+i] = affFromCurve(&aff[i])
		}
	}
}

// batchToAffine converts points of a public table with one variable-time inversion
// (Montgomery's trick), using scratch (len(in) elements) for the prefix products. No input
// may be infinity: the tables hold multiples of a point of prime order n below n.
func batchToAffine(out []curve.G1Affine, in []curve.G1Jac, scratch []fp.Element) {
	acc := fp.One()
	for i := range in {
		scratch[i] = acc
		acc.Mul(&acc, &in[i].Z)
	}
	inv := invVarP(&acc)
	for i := len(in) - 1; i >= 0; i-- {
		var zi, zi2 fp.Element
		zi.Mul(&inv, &scratch[i])
		inv.Mul(&inv, &in[i].Z)
		zi2.Square(&zi)
		out[i].X.Mul(&in[i].X, &zi2)
		out[i].Y.Mul(&in[i].Y, &zi2).Mul(&out[i].Y, &zi)
	}
}

// toAffineBlinded converts p (not infinity) whose coordinates are secret: the variable-time
// inversion sees Z·b for a secret non-zero b, and (Z·b)⁻¹·b = Z⁻¹.
func toAffineBlinded(out *curve.G1Affine, p *curve.G1Jac, b *fp.Element) {
	var zb, zi2 fp.Element
	zb.Mul(&p.Z, b)
	zi := invVarP(&zb)
	zi.Mul(&zi, b)
	zi2.Square(&zi)
	out.X.Mul(&p.X, &zi2)
	out.Y.Mul(&p.Y, &zi2).Mul(&out.Y, &zi)
}

// addAffDigit adds d·P to acc, where table[i] = (2i+1)·P and d is an odd wNAF digit.
func addAffDigit(acc *jacPt, table []affPt, d int16) {
	if d > 0 {
		acc.addMixed(&table[(d-1)/2])
		return
	}
	t := table[(-d-1)/2]
	t.y.neg(&t.y)
	acc.addMixed(&t)
}

// mulGenAdd returns u1·G + u2·P (Strauss–Shamir: one shared chain of doublings). u2·P uses
// the GLV split of u2 into two ~128-bit halves on P and φ(P); u1·G uses u1 = lo + hi·2^128 on
// the precomputed tables for G and 2^128·G. u1 and u2 must be below n; P must not be
// infinity. It runs in variable time, on fe: P and the scalars are public.
func mulGenAdd(u1, u2 *limbs, p *affPt) jacPt {
	genOnce.Do(initGenTables)

	k1, k2, neg1, neg2 := splitScalar(u2)
	var naf1, naf2, nafLo, nafHi [maxNAF]int16
	l1 := wnaf(&naf1, k1, wVar)
	l2 := wnaf(&naf2, k2, wVar)
	lLo := wnaf(&nafLo, limbs{u1[0], u1[1]}, wGen)
	lHi := wnaf(&nafHi, limbs{u1[2], u1[3]}, wGen)

	// Odd multiples of ±P and ±φ(P), made affine with one shared inversion so that the main
	// loop only does mixed additions. φ keeps y, so φ(P)'s table is β·x beside P's.
	var jac [1 << (wVar - 2)]jacPt
	jac[0].fromAff(p)
	if neg1 {
		jac[0].y.neg(&jac[0].y)
	}
	two := jac[0]
	two.double()
	for i := 1; i < len(jac); i++ {
		jac[i] = jac[i-1]
		jac[i].add(&two)
	}
	var tab1, tab2 [1 << (wVar - 2)]affPt
	var scratch [len(jac)]fe
	batchToAffFe(tab1[:], jac[:], scratch[:])
	for i := range tab2 {
		tab2[i].x.mul(&tab1[i].x, &betaFe)
		tab2[i].y = tab1[i].y
		if neg1 != neg2 {
			tab2[i].y.neg(&tab2[i].y)
		}
	}

	var acc jacPt // z = 0: infinity
	top := max(l1, l2, lLo, lHi)
	for i := top - 1; i >= 0; i-- {
		acc.double()
		if i < l1 && naf1[i] != 0 {
			addAffDigit(&acc, tab1[:], naf1[i])
		}
		if i < l2 && naf2[i] != 0 {
			addAffDigit(&acc, tab2[:], naf2[i])
		}
		if i < lLo && nafLo[i] != 0 {
			addAffDigit(&acc, genOdd[:], nafLo[i])
		}
		if i < lHi && nafHi[i] != 0 {
			addAffDigit(&acc, genHiOdd[:], nafHi[i])
		}
	}
	return acc
}

// combDigits recodes k < n into signed base-2^combW digits in [-(2^(combW-1)-1), 2^(combW-1)].
func combDigits(k *limbs) (d [combWindows]int8) {
	const mask = 1<<combW - 1
	var carry uint64
	for i := range combWindows {
		bit := uint(i * combW)
		w := k[bit/64] >> (bit % 64)
		if bit%64+combW > 64 && bit/64 < 3 {
			w |= k[bit/64+1] << (64 - bit%64)
		}
		v := w&mask + carry
		if v > 1<<(combW-1) {
			d[i] = int8(int64(v) - 1<<combW)
			carry = 1
		} else {
			d[i] = int8(v)
			carry = 0
		}
	}
	return d
}

// mulGen returns k·G for 0 < k < n as Σ dᵢ·2^(6i)·G over precomputed multiples: 43 mixed
// additions and no doublings.
func mulGen(k *limbs) curve.G1Jac {
	genOnce.Do(initGenTables)
	digits := combDigits(k)
	var acc curve.G1Jac
	acc.X.SetOne()
	acc.Y.SetOne()
	for i, d := range digits {
		switch {
		case d > 0:
			acc.AddMixed(&genComb[i][d-1])
		case d < 0:
			var t curve.G1Affine
			t.Neg(&genComb[i][-d-1])
			acc.AddMixed(&t)
		}
	}
	return acc
}
