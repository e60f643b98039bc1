package kzg_test

import (
	"errors"
	"flag"
	"math/big"
	"math/rand/v2"
	"os"
	"sync"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/kzg/kzgtest"
	"pgregory.net/rapid"
)

// TestMain lowers rapid's default of 100 cases to 20 unless -rapid.checks is given: a case
// computes a commitment and a proof (two 4096-point multi-exponentiations), and the
// package's tests must stay fast on a loaded machine. Run with -rapid.checks=1000 for depth.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		_ = flag.Set("rapid.checks", "20")
	}
	os.Exit(vectors.Main(m))
}

var modulus = new(big.Int).SetBytes(kzg.BLSModulus[:])

// refRootsBRP are the bit-reversed roots of unity, computed with math/big from the spec's
// definition, independent of the package's tables.
var refRootsBRP = sync.OnceValue(func() []*big.Int {
	rm1 := new(big.Int).Sub(modulus, big.NewInt(1))
	w := new(big.Int).Exp(big.NewInt(7), new(big.Int).Div(rm1, big.NewInt(kzg.FieldElementsPerBlob)), modulus)
	roots := make([]*big.Int, kzg.FieldElementsPerBlob)
	x := big.NewInt(1)
	for i := range roots {
		rev := 0
		for b := 0; b < 12; b++ {
			if i&(1<<b) != 0 {
				rev |= 1 << (11 - b)
			}
		}
		roots[rev] = new(big.Int).Set(x)
		x = new(big.Int).Mod(new(big.Int).Mul(x, w), modulus)
	}
	return roots
})

// refEvaluate is evaluate_polynomial_in_evaluation_form in math/big, term by term.
func refEvaluate(blob *kzg.Blob, z *big.Int) *big.Int {
	roots := refRootsBRP()
	for i, w := range roots {
		if w.Cmp(z) == 0 {
			return new(big.Int).SetBytes(blob[i*32 : i*32+32])
		}
	}
	sum := new(big.Int)
	t := new(big.Int)
	for i, w := range roots {
		p := new(big.Int).SetBytes(blob[i*32 : i*32+32])
		d := new(big.Int).Sub(z, w)
		d.Mod(d, modulus).ModInverse(d, modulus)
		t.Mul(p, w).Mul(t, d)
		sum.Add(sum, t)
	}
	n := big.NewInt(kzg.FieldElementsPerBlob)
	zn := new(big.Int).Exp(z, n, modulus)
	zn.Sub(zn, big.NewInt(1))
	sum.Mul(sum, zn).Mul(sum, new(big.Int).ModInverse(n, modulus))
	return sum.Mod(sum, modulus)
}

// shiftPoint returns the encoding of P + G for the valid point encoded in b: another valid
// point, so a changed commitment or proof that still decodes.
func shiftPoint(t *rapid.T, b [48]byte) [48]byte {
	var p bls12381.G1Affine
	if _, err := p.SetBytes(b[:]); err != nil {
		t.Fatalf("decoding a computed point: %v", err)
	}
	_, _, g, _ := bls12381.Generators()
	p.Add(&p, &g)
	return p.Bytes()
}

// drawBlob draws a blob by seed and shape, so that failure reports stay short.
func drawBlob(t *rapid.T, label string) *kzg.Blob {
	return kzgtest.BlobFromSeed(rapid.Uint64().Draw(t, label+" seed"), rapid.IntRange(0, 3).Draw(t, label+" shape"))
}

// isConstant reports whether every blob element is equal: the polynomial is then constant,
// its proof is the point at infinity at every z, and a changed z still verifies.
func isConstant(b *kzg.Blob) bool {
	for i := 32; i < len(b); i += 32 {
		if [32]byte(b[i:i+32]) != [32]byte(b[:32]) {
			return false
		}
	}
	return true
}

func addOne(v [32]byte) [32]byte {
	x := new(big.Int).SetBytes(v[:])
	x.Add(x, big.NewInt(1)).Mod(x, modulus)
	var out [32]byte
	x.FillBytes(out[:])
	return out
}

// TestPropKZGProof: for random polynomials and points, ComputeKZGProof's y is the
// polynomial's value (checked against math/big), the proof verifies, and changing any of
// commitment, z, y or proof makes it fail with ErrInvalidProof.
func TestPropKZGProof(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blob := drawBlob(t, "blob")
		var z [32]byte
		if rapid.IntRange(0, 4).Draw(t, "inDomain") == 0 {
			refRootsBRP()[rapid.IntRange(0, kzg.FieldElementsPerBlob-1).Draw(t, "i")].FillBytes(z[:])
		} else {
			z = kzgtest.FieldElement().Draw(t, "z")
		}
		c, err := kzg.BlobToKZGCommitment(blob)
		if err != nil {
			t.Fatal(err)
		}
		p, y, err := kzg.ComputeKZGProof(blob, z)
		if err != nil {
			t.Fatal(err)
		}
		if want := refEvaluate(blob, new(big.Int).SetBytes(z[:])); want.Cmp(new(big.Int).SetBytes(y[:])) != 0 {
			t.Fatalf("y = %x, reference %x", y, want)
		}
		if err := kzg.VerifyKZGProof(c, z, y, p); err != nil {
			t.Fatalf("valid proof: %v", err)
		}
		if isConstant(blob) {
			if err := kzg.VerifyKZGProof(c, addOne(z), y, p); err != nil {
				t.Fatalf("constant polynomial at another z: %v", err)
			}
			z = addOne(z) // still checks the other mutations below
		} else if err := kzg.VerifyKZGProof(c, addOne(z), y, p); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("changed z: got %v, want ErrInvalidProof", err)
		}
		for name, err := range map[string]error{
			"commitment": kzg.VerifyKZGProof(shiftPoint(t, c), z, y, p),
			"y":          kzg.VerifyKZGProof(c, z, addOne(y), p),
			"proof":      kzg.VerifyKZGProof(c, z, y, shiftPoint(t, p)),
		} {
			if !errors.Is(err, kzg.ErrInvalidProof) {
				t.Fatalf("changed %s: got %v, want ErrInvalidProof", name, err)
			}
		}
	})
}

// TestPropBlobProof: blob proofs verify alone and in batches; a changed blob element,
// commitment or proof fails, and in a batch one bad proof fails the whole batch.
func TestPropBlobProof(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(t, "n")
		blobs := make([]kzg.Blob, n)
		cs := make([]kzg.Commitment, n)
		ps := make([]kzg.Proof, n)
		for i := range n {
			blobs[i] = *drawBlob(t, "blob")
			var err error
			if cs[i], err = kzg.BlobToKZGCommitment(&blobs[i]); err != nil {
				t.Fatal(err)
			}
			if ps[i], err = kzg.ComputeBlobKZGProof(&blobs[i], cs[i]); err != nil {
				t.Fatal(err)
			}
			if err := kzg.VerifyBlobKZGProof(&blobs[i], cs[i], ps[i]); err != nil {
				t.Fatalf("blob %d: %v", i, err)
			}
		}
		if err := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps); err != nil {
			t.Fatalf("batch: %v", err)
		}
		k := rapid.IntRange(0, n-1).Draw(t, "k")
		switch rapid.IntRange(0, 2).Draw(t, "what") {
		case 0:
			e := rapid.IntRange(0, kzg.FieldElementsPerBlob-1).Draw(t, "element")
			v := addOne([32]byte(blobs[k][e*32 : e*32+32]))
			copy(blobs[k][e*32:], v[:])
		case 1:
			cs[k] = shiftPoint(t, cs[k])
		default:
			ps[k] = shiftPoint(t, ps[k])
		}
		if err := kzg.VerifyBlobKZGProof(&blobs[k], cs[k], ps[k]); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("changed single: got %v", err)
		}
		if err := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("changed batch: got %v", err)
		}
	})
}

// TestPropComputeBlobProofUsesGivenCommitment: a proof computed against the wrong (but
// valid) commitment does not verify against either commitment (unless the polynomial is
// constant, when every proof is the point at infinity).
func TestPropComputeBlobProofUsesGivenCommitment(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blob := drawBlob(t, "blob")
		c, err := kzg.BlobToKZGCommitment(blob)
		if err != nil {
			t.Fatal(err)
		}
		if isConstant(blob) {
			t.Skip("constant polynomial")
		}
		wrong := shiftPoint(t, c)
		p, err := kzg.ComputeBlobKZGProof(blob, wrong)
		if err != nil {
			t.Fatal(err)
		}
		if err := kzg.VerifyBlobKZGProof(blob, c, p); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("right commitment: %v", err)
		}
		if err := kzg.VerifyBlobKZGProof(blob, wrong, p); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("wrong commitment: %v", err)
		}
	})
}

// TestPropBadInput: non-canonical scalars and invalid points are rejected with their
// sentinels by every entry point, before any pairing.
func TestPropBadInput(t *testing.T) {
	blob := kzgtest.BlobFromSeed(1, 0)
	c, err := kzg.BlobToKZGCommitment(blob)
	if err != nil {
		t.Fatal(err)
	}
	z := [32]byte{31: 5}
	p, y, err := kzg.ComputeKZGProof(blob, z)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		bad := kzgtest.NonCanonicalFieldElement().Draw(t, "scalar")
		for name, err := range map[string]error{
			"z":       kzg.VerifyKZGProof(c, bad, y, p),
			"y":       kzg.VerifyKZGProof(c, z, bad, p),
			"compute": third(kzg.ComputeKZGProof(blob, bad)),
		} {
			if !errors.Is(err, kzg.ErrInvalidFieldElement) {
				t.Fatalf("%s: got %v", name, err)
			}
		}
		b2 := *blob
		e := rapid.IntRange(0, kzg.FieldElementsPerBlob-1).Draw(t, "element")
		copy(b2[e*32:], bad[:])
		if _, err := kzg.BlobToKZGCommitment(&b2); !errors.Is(err, kzg.ErrInvalidFieldElement) {
			t.Fatalf("blob: %v", err)
		}
		if err := kzg.VerifyBlobKZGProof(&b2, c, p); !errors.Is(err, kzg.ErrInvalidFieldElement) {
			t.Fatalf("verify blob: %v", err)
		}

		pt := kzgtest.InvalidPoint().Draw(t, "point")
		isPointErr := func(err error) bool {
			return errors.Is(err, kzg.ErrInvalidPoint) || errors.Is(err, kzg.ErrNotInSubgroup)
		}
		for name, err := range map[string]error{
			"commitment":      kzg.VerifyKZGProof(pt, z, y, p),
			"proof":           kzg.VerifyKZGProof(c, z, y, pt),
			"blob commitment": kzg.VerifyBlobKZGProof(blob, pt, p),
			"blob proof":      kzg.VerifyBlobKZGProof(blob, c, pt),
			"compute":         second(kzg.ComputeBlobKZGProof(blob, pt)),
		} {
			if !isPointErr(err) {
				t.Fatalf("%s %x: got %v", name, pt, err)
			}
		}
	})
}

func second[T any](_ T, err error) error { return err }
func third[A, B any](_ A, _ B, err error) error {
	return err
}

// TestPropPointEvaluationPrecompile: the precompile accepts exactly the inputs whose
// versioned hash matches and whose proof verifies, and returns the fixed output.
func TestPropPointEvaluationPrecompile(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		blob := drawBlob(t, "blob")
		z := kzgtest.FieldElement().Draw(t, "z")
		c, err := kzg.BlobToKZGCommitment(blob)
		if err != nil {
			t.Fatal(err)
		}
		p, y, err := kzg.ComputeKZGProof(blob, z)
		if err != nil {
			t.Fatal(err)
		}
		vh := kzg.KZGToVersionedHash(c)
		in := append(append(append(append(append([]byte{}, vh[:]...), z[:]...), y[:]...), c[:]...), p[:]...)
		out, err := kzg.PointEvaluationPrecompile(in)
		if err != nil {
			t.Fatal(err)
		}
		if new(big.Int).SetBytes(out[:32]).Int64() != kzg.FieldElementsPerBlob || new(big.Int).SetBytes(out[32:]).Cmp(modulus) != 0 {
			t.Fatalf("output %x", out)
		}
		switch rapid.IntRange(0, 2).Draw(t, "mutation") {
		case 0:
			i := rapid.IntRange(0, 31).Draw(t, "byte")
			in[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
			if _, err := kzg.PointEvaluationPrecompile(in); !errors.Is(err, kzg.ErrVersionedHashMismatch) {
				t.Fatalf("versioned hash: %v", err)
			}
		case 1:
			n := rapid.IntRange(0, 300).Filter(func(n int) bool { return n != 192 }).Draw(t, "len")
			short := make([]byte, n)
			copy(short, in)
			if _, err := kzg.PointEvaluationPrecompile(short); !errors.Is(err, kzg.ErrInvalidLength) {
				t.Fatalf("length %d: %v", n, err)
			}
		default:
			y1 := addOne(y)
			copy(in[64:96], y1[:])
			if _, err := kzg.PointEvaluationPrecompile(in); !errors.Is(err, kzg.ErrInvalidProof) {
				t.Fatalf("changed y: %v", err)
			}
		}
	})
}

type cellSet struct {
	blob   *kzg.Blob
	c      kzg.Commitment
	cells  *[kzg.CellsPerExtBlob]kzg.Cell
	proofs *[kzg.CellsPerExtBlob]kzg.Proof
}

// cellFixtures are the cells and proofs of two blobs, computed once for the cell
// properties: a random one and a sparse one (ComputeCellsAndKZGProofs costs half a second).
var cellFixtures = sync.OnceValues(func() ([2]cellSet, error) {
	var out [2]cellSet
	for i := range out {
		blob := kzgtest.BlobFromSeed(uint64(7+i), 2*i)
		c, err := kzg.BlobToKZGCommitment(blob)
		if err != nil {
			return out, err
		}
		cells, proofs, err := kzg.ComputeCellsAndKZGProofs(blob)
		if err != nil {
			return out, err
		}
		out[i] = cellSet{blob, c, cells, proofs}
	}
	return out, nil
})

// TestPropCells: cells agree with ComputeCells; any selection of cells from two blobs
// verifies in one batch, and a changed cell element, proof or commitment fails it; any
// half of the cells recovers every cell and proof.
func TestPropCells(t *testing.T) {
	fx, err := cellFixtures()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := kzg.ComputeCells(fx[0].blob)
	if err != nil {
		t.Fatal(err)
	}
	if *plain != *fx[0].cells {
		t.Fatal("ComputeCells differs from ComputeCellsAndKZGProofs")
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		cs := make([]kzg.Commitment, n)
		idx := make([]uint64, n)
		cells := make([]kzg.Cell, n)
		ps := make([]kzg.Proof, n)
		for k := range n {
			b := rapid.IntRange(0, 1).Draw(t, "blob")
			i := rapid.IntRange(0, kzg.CellsPerExtBlob-1).Draw(t, "cell")
			cs[k], idx[k], cells[k], ps[k] = fx[b].c, uint64(i), fx[b].cells[i], fx[b].proofs[i]
		}
		if err := kzg.VerifyCellKZGProofBatch(cs, idx, cells, ps); err != nil {
			t.Fatalf("valid batch: %v", err)
		}
		k := rapid.IntRange(0, n-1).Draw(t, "k")
		switch rapid.IntRange(0, 3).Draw(t, "what") {
		case 0:
			e := rapid.IntRange(0, kzg.FieldElementsPerCell-1).Draw(t, "element")
			v := addOne([32]byte(cells[k][e*32 : e*32+32]))
			copy(cells[k][e*32:], v[:])
		case 1:
			ps[k] = shiftPoint(t, ps[k])
		case 2:
			cs[k] = shiftPoint(t, cs[k])
		default:
			idx[k] = (idx[k] + uint64(rapid.IntRange(1, kzg.CellsPerExtBlob-1).Draw(t, "shift"))) % kzg.CellsPerExtBlob
		}
		if err := kzg.VerifyCellKZGProofBatch(cs, idx, cells, ps); !errors.Is(err, kzg.ErrInvalidProof) {
			t.Fatalf("changed batch: %v", err)
		}
	})
	// Recovery is a full cell-proof computation (half a second): one random selection of exactly
	// half the cells (the conformance vectors add one more).
	for run := range 1 {
		rng := rand.New(rand.NewPCG(uint64(run), 7594))
		perm := rng.Perm(kzg.CellsPerExtBlob)
		keep := kzg.CellsPerExtBlob/2 + run*rng.IntN(kzg.CellsPerExtBlob/2+1)
		idx := make([]uint64, keep)
		cells := make([]kzg.Cell, keep)
		for k := range keep {
			idx[k] = uint64(perm[k])
			cells[k] = fx[0].cells[perm[k]]
		}
		rc, rp, err := kzg.RecoverCellsAndKZGProofs(idx, cells)
		if err != nil {
			t.Fatal(err)
		}
		if *rc != *fx[0].cells || *rp != *fx[0].proofs {
			t.Fatalf("recovery from %d cells differs", keep)
		}
		if err := third(kzg.RecoverCellsAndKZGProofs(idx[:kzg.CellsPerExtBlob/2-1], cells[:kzg.CellsPerExtBlob/2-1])); !errors.Is(err, kzg.ErrNotEnoughCells) {
			t.Fatalf("too few: %v", err)
		}
		idx[0] = idx[1]
		if err := third(kzg.RecoverCellsAndKZGProofs(idx, cells)); !errors.Is(err, kzg.ErrDuplicateCellIndex) {
			t.Fatalf("duplicate: %v", err)
		}
		idx[0] = kzg.CellsPerExtBlob
		if err := third(kzg.RecoverCellsAndKZGProofs(idx, cells)); !errors.Is(err, kzg.ErrInvalidCellIndex) {
			t.Fatalf("out of range: %v", err)
		}
	}
}
