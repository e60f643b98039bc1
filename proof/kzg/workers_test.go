package kzg_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/kzg/kzgtest"
	"pgregory.net/rapid"
)

// workerCounts are the worker settings every batch is run with: serial, the machine's
// default, two, an odd count and more workers than most batches have items.
var workerCounts = []int{1, 0, 2, 3, 8}

// blobPool holds valid (blob, commitment, proof) triples of every kzgtest shape, computed
// once: each costs two 4096-point multi-exponentiations.
type blobTriple struct {
	blob kzg.Blob
	c    kzg.Commitment
	p    kzg.Proof
}

const blobPoolSize = 8

var blobPool = sync.OnceValues(func() ([]blobTriple, error) {
	out := make([]blobTriple, blobPoolSize)
	for i := range out {
		out[i].blob = *kzgtest.BlobFromSeed(uint64(100+i), i%4)
		var err error
		if out[i].c, err = kzg.BlobToKZGCommitment(&out[i].blob); err != nil {
			return nil, err
		}
		if out[i].p, err = kzg.ComputeBlobKZGProof(&out[i].blob, out[i].c); err != nil {
			return nil, err
		}
	}
	return out, nil
})

// blobFault is one change to a valid blob batch.
type blobFault struct {
	kind int // 0 wrong proof (valid point), 1 bad blob element, 2 bad commitment, 3 bad proof encoding
	at   int
}

var blobFaultKinds = []string{"wrong proof", "non-canonical blob element", "undecodable commitment", "undecodable proof"}

func (f blobFault) apply(t *rapid.T, blobs []kzg.Blob, cs []kzg.Commitment, ps []kzg.Proof, bad [48]byte) {
	switch f.kind {
	case 0:
		ps[f.at] = shiftValidPoint(t, ps[f.at])
	case 1:
		copy(blobs[f.at][32*(f.at%kzg.FieldElementsPerBlob):], kzg.BLSModulus[:])
	case 2:
		cs[f.at] = bad
	default:
		ps[f.at] = bad
	}
}

// shiftValidPoint is shiftPoint for a point that decodes, and leaves one that does not
// (an earlier fault) as it is.
func shiftValidPoint(t *rapid.T, b [48]byte) [48]byte {
	var p bls12381.G1Affine
	if _, err := p.SetBytes(b[:]); err != nil {
		return b
	}
	return shiftPoint(t, b)
}

// wantBlobBatch is the verdict of verify_blob_kzg_proof_batch computed blob by blob: the
// decoding error of the first malformed blob (as the batch words it), else
// ErrInvalidProof if any single verification fails, else nil.
func wantBlobBatch(blobs []kzg.Blob, cs []kzg.Commitment, ps []kzg.Proof) error {
	var wrong error
	for i := range blobs {
		err := kzg.VerifyBlobKZGProof(&blobs[i], cs[i], ps[i])
		switch {
		case err == nil:
		case errors.Is(err, kzg.ErrInvalidProof):
			if wrong == nil {
				wrong = kzg.ErrInvalidProof
			}
		default:
			if len(blobs) == 1 {
				return err
			}
			return fmt.Errorf("blob %d: %w", i, err)
		}
	}
	return wrong
}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error()
}

// TestPropBlobBatchWorkers: for batches drawn from valid triples with up to three faults
// at random places, the batch gives the same verdict, error text included, with 1, 2, 3,
// 8 and the default number of workers, and that verdict is the one computed blob by blob.
func TestPropBlobBatchWorkers(t *testing.T) {
	pool, err := blobPool()
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 9).Draw(t, "n")
		blobs := make([]kzg.Blob, n)
		cs := make([]kzg.Commitment, n)
		ps := make([]kzg.Proof, n)
		for i := range n {
			tr := &pool[rapid.IntRange(0, blobPoolSize-1).Draw(t, "triple")]
			blobs[i], cs[i], ps[i] = tr.blob, tr.c, tr.p
		}
		for range rapid.IntRange(0, 3).Draw(t, "faults") {
			f := blobFault{kind: rapid.IntRange(0, len(blobFaultKinds)-1).Draw(t, "kind"), at: rapid.IntRange(0, n-1).Draw(t, "at")}
			f.apply(t, blobs, cs, ps, kzgtest.InvalidPoint().Draw(t, "bad point"))
		}
		want := wantBlobBatch(blobs, cs, ps)
		for _, w := range workerCounts {
			got := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps, interop.Workers(w))
			if !sameError(got, want) {
				t.Fatalf("workers=%d: %v, blob by blob %v", w, got, want)
			}
		}
	})
}

// TestBlobBatchWorkersFirstError: with faults in several ranges, every worker count names
// the lowest faulty blob, whichever range it falls in.
func TestBlobBatchWorkersFirstError(t *testing.T) {
	pool, err := blobPool()
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	base := func() ([]kzg.Blob, []kzg.Commitment, []kzg.Proof) {
		blobs := make([]kzg.Blob, n)
		cs := make([]kzg.Commitment, n)
		ps := make([]kzg.Proof, n)
		for i := range n {
			blobs[i], cs[i], ps[i] = pool[i].blob, pool[i].c, pool[i].p
		}
		return blobs, cs, ps
	}
	bad := [48]byte{0x80, 47: 4} // on the curve, outside the subgroup
	for _, tc := range []struct {
		name string
		edit func(blobs []kzg.Blob, cs []kzg.Commitment, ps []kzg.Proof)
		want error
		at   string
	}{
		{"valid", func([]kzg.Blob, []kzg.Commitment, []kzg.Proof) {}, nil, ""},
		{"last blob's proof swapped", func(_ []kzg.Blob, _ []kzg.Commitment, ps []kzg.Proof) { ps[7] = ps[6] }, kzg.ErrInvalidProof, ""},
		{"proof at 6, commitment at 2", func(_ []kzg.Blob, cs []kzg.Commitment, ps []kzg.Proof) { ps[6], cs[2] = bad, bad }, kzg.ErrNotInSubgroup, "blob 2: "},
		{"element at 5, proof at 1", func(blobs []kzg.Blob, _ []kzg.Commitment, ps []kzg.Proof) {
			copy(blobs[5][64:], kzg.BLSModulus[:])
			ps[1] = bad
		}, kzg.ErrNotInSubgroup, "blob 1: "},
		{"proof at 7 only", func(_ []kzg.Blob, _ []kzg.Commitment, ps []kzg.Proof) { ps[7] = bad }, kzg.ErrNotInSubgroup, "blob 7: "},
		{"element at 4 and 7", func(blobs []kzg.Blob, _ []kzg.Commitment, _ []kzg.Proof) {
			copy(blobs[7][0:], kzg.BLSModulus[:])
			copy(blobs[4][32:], kzg.BLSModulus[:])
		}, kzg.ErrInvalidFieldElement, "blob 4: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blobs, cs, ps := base()
			tc.edit(blobs, cs, ps)
			first := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps, interop.Workers(1))
			if !errors.Is(first, tc.want) || (first == nil) != (tc.want == nil) {
				t.Fatalf("workers=1: %v, want %v", first, tc.want)
			}
			if first != nil && !strings.HasPrefix(first.Error(), tc.at) {
				t.Fatalf("workers=1: %v, want it to start with %q", first, tc.at)
			}
			for _, w := range workerCounts[1:] {
				if got := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps, interop.Workers(w)); !sameError(got, first) {
					t.Fatalf("workers=%d: %v, workers=1: %v", w, got, first)
				}
			}
		})
	}
}

// TestPropCellBatchWorkers: cell batches from two blobs with up to three faults give the
// same verdict, error text included, for every worker count; a valid one verifies.
func TestPropCellBatchWorkers(t *testing.T) {
	fx, err := cellFixtures()
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 24).Draw(t, "n")
		cs := make([]kzg.Commitment, n)
		idx := make([]uint64, n)
		cells := make([]kzg.Cell, n)
		ps := make([]kzg.Proof, n)
		for k := range n {
			b := rapid.IntRange(0, 1).Draw(t, "blob")
			// Few indices, so that cosets repeat and are aggregated.
			i := rapid.SampledFrom([]int{0, 1, 5, 64, 127}).Draw(t, "cell")
			cs[k], idx[k], cells[k], ps[k] = fx[b].c, uint64(i), fx[b].cells[i], fx[b].proofs[i]
		}
		faults := rapid.IntRange(0, 3).Draw(t, "faults")
		for range faults {
			k := rapid.IntRange(0, n-1).Draw(t, "at")
			switch rapid.IntRange(0, 5).Draw(t, "kind") {
			case 0:
				e := rapid.IntRange(0, kzg.FieldElementsPerCell-1).Draw(t, "element")
				v := addOne([32]byte(cells[k][e*32 : e*32+32]))
				copy(cells[k][e*32:], v[:])
			case 1:
				ps[k] = shiftValidPoint(t, ps[k])
			case 2:
				copy(cells[k][32*rapid.IntRange(0, kzg.FieldElementsPerCell-1).Draw(t, "element"):], kzg.BLSModulus[:])
			case 3:
				ps[k] = kzgtest.InvalidPoint().Draw(t, "bad proof")
			case 4:
				cs[k] = kzgtest.InvalidPoint().Draw(t, "bad commitment")
			default:
				idx[k] = (idx[k] + 1) % kzg.CellsPerExtBlob
			}
		}
		want := wantCellBatch(cs, idx, cells, ps)
		if faults == 0 && want != nil {
			t.Fatalf("valid cells, one by one: %v", want)
		}
		for _, w := range workerCounts {
			if got := kzg.VerifyCellKZGProofBatch(cs, idx, cells, ps, interop.Workers(w)); !sameError(got, want) {
				t.Fatalf("workers=%d: %v, cell by cell: %v", w, got, want)
			}
		}
	})
}

// wantCellBatch is the verdict of verify_cell_kzg_proof_batch computed cell by cell, in the
// order of its checks: the first undecodable commitment, else the first non-canonical
// cell, else the first undecodable proof (each worded as the batch names cell k), else
// ErrInvalidProof if any single cell fails.
func wantCellBatch(cs []kzg.Commitment, idx []uint64, cells []kzg.Cell, ps []kzg.Proof) error {
	errs := make([]error, len(cells))
	for k := range cells {
		errs[k] = kzg.VerifyCellKZGProofBatch(cs[k:k+1], idx[k:k+1], cells[k:k+1], ps[k:k+1], interop.Workers(1))
	}
	renamed := func(k int) error {
		return errors.New(strings.Replace(errs[k].Error(), "cell 0", fmt.Sprintf("cell %d", k), 1))
	}
	isPoint := func(err error) bool {
		return errors.Is(err, kzg.ErrInvalidPoint) || errors.Is(err, kzg.ErrNotInSubgroup)
	}
	for k, err := range errs {
		if isPoint(err) && strings.Contains(err.Error(), "commitment") {
			return renamed(k)
		}
	}
	for k, err := range errs {
		if errors.Is(err, kzg.ErrInvalidFieldElement) {
			return renamed(k)
		}
	}
	for k, err := range errs {
		if isPoint(err) {
			return renamed(k)
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestConcurrentBatchWorkers runs batches that split their work from 16 goroutines at
// once (run it with -race): each must keep its own verdict.
func TestConcurrentBatchWorkers(t *testing.T) {
	pool, err := blobPool()
	if err != nil {
		t.Fatal(err)
	}
	fx, err := cellFixtures()
	if err != nil {
		t.Fatal(err)
	}
	blobs := []kzg.Blob{pool[0].blob, pool[1].blob, pool[2].blob}
	cs := []kzg.Commitment{pool[0].c, pool[1].c, pool[2].c}
	ps := []kzg.Proof{pool[0].p, pool[1].p, pool[2].p}
	wrong := []kzg.Proof{pool[0].p, pool[2].p, pool[1].p}
	ccs := []kzg.Commitment{fx[0].c, fx[1].c, fx[0].c, fx[1].c}
	cidx := []uint64{3, 3, 90, 91}
	cells := []kzg.Cell{fx[0].cells[3], fx[1].cells[3], fx[0].cells[90], fx[1].cells[91]}
	cps := []kzg.Proof{fx[0].proofs[3], fx[1].proofs[3], fx[0].proofs[90], fx[1].proofs[91]}
	cwrong := []kzg.Proof{fx[0].proofs[3], fx[1].proofs[3], fx[0].proofs[91], fx[1].proofs[91]}
	hostile.Concurrent(t, 1, func(g int) {
		w := interop.Workers(2 + g%3)
		switch g % 4 {
		case 0:
			if err := kzg.VerifyBlobKZGProofBatch(blobs, cs, ps, w); err != nil {
				t.Errorf("goroutine %d: valid blob batch: %v", g, err)
			}
		case 1:
			if err := kzg.VerifyBlobKZGProofBatch(blobs, cs, wrong, w); !errors.Is(err, kzg.ErrInvalidProof) {
				t.Errorf("goroutine %d: swapped proofs: %v", g, err)
			}
		case 2:
			if err := kzg.VerifyCellKZGProofBatch(ccs, cidx, cells, cps, w); err != nil {
				t.Errorf("goroutine %d: valid cell batch: %v", g, err)
			}
		case 3:
			if err := kzg.VerifyCellKZGProofBatch(ccs, cidx, cells, cwrong, w); !errors.Is(err, kzg.ErrInvalidProof) {
				t.Errorf("goroutine %d: wrong cell proof: %v", g, err)
			}
		}
	})
}
