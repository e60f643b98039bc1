package bench

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"

	goethkzg "github.com/crate-crypto/go-eth-kzg"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/kzg/kzgtest"
)

// kzgBatch is the batch size of the acceptance target (64 blob proofs, ≥ 4× faster in one
// batch than as 64 single verifications).
const kzgBatch = 64

type kzgFixture struct {
	ctx    *goethkzg.Context
	blobs  []kzg.Blob
	cs     []kzg.Commitment
	ps     []kzg.Proof
	z, y   [32]byte
	zProof kzg.Proof

	gBlobs []*goethkzg.Blob
	gCs    []goethkzg.KZGCommitment
	gPs    []goethkzg.KZGProof
}

var kzgFix = sync.OnceValues(func() (*kzgFixture, error) {
	ctx, err := goethkzg.NewContext4096Secure()
	if err != nil {
		return nil, err
	}
	f := &kzgFixture{ctx: ctx, blobs: make([]kzg.Blob, kzgBatch), cs: make([]kzg.Commitment, kzgBatch), ps: make([]kzg.Proof, kzgBatch)}
	for i := range kzgBatch {
		f.blobs[i] = *kzgtest.BlobFromSeed(uint64(i), 0)
		gb := (*goethkzg.Blob)(&f.blobs[i])
		c, err := ctx.BlobToKZGCommitment(gb, 0)
		if err != nil {
			return nil, err
		}
		p, err := ctx.ComputeBlobKZGProof(gb, c, 0)
		if err != nil {
			return nil, err
		}
		f.cs[i], f.ps[i] = kzg.Commitment(c), kzg.Proof(p)
		f.gBlobs = append(f.gBlobs, gb)
		f.gCs = append(f.gCs, c)
		f.gPs = append(f.gPs, p)
	}
	f.z = [32]byte{0: 0x12, 31: 0x34}
	p, y, err := ctx.ComputeKZGProof(f.gBlobs[0], f.z, 0)
	if err != nil {
		return nil, err
	}
	f.zProof, f.y = kzg.Proof(p), [32]byte(y)
	return f, nil
})

func kzgFixtureOrSkip(tb testing.TB) *kzgFixture {
	tb.Helper()
	f, err := kzgFix()
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// TestDifferentialKZGGoEthKZG checks interop against go-eth-kzg on random blobs: the same
// commitments and proofs byte for byte, and the same verdict on valid and mutated inputs.
func TestDifferentialKZGGoEthKZG(t *testing.T) {
	f := kzgFixtureOrSkip(t)
	for i := range 4 {
		c, err := kzg.BlobToKZGCommitment(&f.blobs[i])
		if err != nil || c != f.cs[i] {
			t.Fatalf("blob %d: commitment %x (err %v), go-eth-kzg %x", i, c, err, f.cs[i])
		}
		p, err := kzg.ComputeBlobKZGProof(&f.blobs[i], c)
		if err != nil || p != f.ps[i] {
			t.Fatalf("blob %d: proof %x (err %v), go-eth-kzg %x", i, p, err, f.ps[i])
		}
	}
	p, y, err := kzg.ComputeKZGProof(&f.blobs[0], f.z)
	if err != nil || p != f.zProof || y != f.y {
		t.Fatalf("ComputeKZGProof differs: %x %x %v", p, y, err)
	}
	agree := func(name string, ours, theirs error) {
		t.Helper()
		if (ours == nil) != (theirs == nil) {
			t.Fatalf("%s: interop %v, go-eth-kzg %v", name, ours, theirs)
		}
	}
	agree("verify", kzg.VerifyKZGProof(f.cs[0], f.z, f.y, f.zProof), f.ctx.VerifyKZGProof(f.gCs[0], f.z, f.y, goethkzg.KZGProof(f.zProof)))
	y1 := f.y
	y1[31] ^= 1
	agree("verify y+1", kzg.VerifyKZGProof(f.cs[0], f.z, y1, f.zProof), f.ctx.VerifyKZGProof(f.gCs[0], f.z, y1, goethkzg.KZGProof(f.zProof)))
	agree("blob", kzg.VerifyBlobKZGProof(&f.blobs[1], f.cs[1], f.ps[1]), f.ctx.VerifyBlobKZGProof(f.gBlobs[1], f.gCs[1], f.gPs[1]))
	agree("blob swapped proof", kzg.VerifyBlobKZGProof(&f.blobs[1], f.cs[1], f.ps[2]), f.ctx.VerifyBlobKZGProof(f.gBlobs[1], f.gCs[1], f.gPs[2]))
	agree("batch", kzg.VerifyBlobKZGProofBatch(f.blobs, f.cs, f.ps), f.ctx.VerifyBlobKZGProofBatch(f.gBlobs, f.gCs, f.gPs))
	ps := append([]kzg.Proof{}, f.ps...)
	gps := append([]goethkzg.KZGProof{}, f.gPs...)
	ps[5], gps[5] = ps[6], gps[6]
	err = kzg.VerifyBlobKZGProofBatch(f.blobs, f.cs, ps)
	agree("batch with a wrong proof", err, f.ctx.VerifyBlobKZGProofBatch(f.gBlobs, f.gCs, gps))
	if !errors.Is(err, kzg.ErrInvalidProof) {
		t.Fatalf("batch with a wrong proof: %v", err)
	}
}

// BenchmarkKZGVerifyKZGProof: verify_kzg_proof (the 0x0a precompile's work).
func BenchmarkKZGVerifyKZGProof(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	b.Run("impl=goethkzg", func(b *testing.B) {
		c, p := f.gCs[0], goethkzg.KZGProof(f.zProof)
		measure(b, func() {
			if err := f.ctx.VerifyKZGProof(c, f.z, f.y, p); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			if err := kzg.VerifyKZGProof(f.cs[0], f.z, f.y, f.zProof); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkKZGVerifyBlobKZGProof: verify_blob_kzg_proof.
func BenchmarkKZGVerifyBlobKZGProof(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	b.Run("impl=goethkzg", func(b *testing.B) {
		measure(b, func() {
			if err := f.ctx.VerifyBlobKZGProof(f.gBlobs[0], f.gCs[0], f.gPs[0]); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			if err := kzg.VerifyBlobKZGProof(&f.blobs[0], f.cs[0], f.ps[0]); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkKZGVerifyBlob64: 64 blob proofs, one batch against 64 single verifications
// (both single-goroutine; go-eth-kzg's VerifyBlobKZGProofBatch is its sequential one).
func BenchmarkKZGVerifyBlob64(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	b.Run("impl=goethkzg/batch", func(b *testing.B) {
		measure(b, func() {
			if err := f.ctx.VerifyBlobKZGProofBatch(f.gBlobs, f.gCs, f.gPs); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop/batch", func(b *testing.B) {
		measure(b, func() {
			if err := kzg.VerifyBlobKZGProofBatch(f.blobs, f.cs, f.ps); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop/singles", func(b *testing.B) {
		measure(b, func() {
			for i := range f.blobs {
				if err := kzg.VerifyBlobKZGProof(&f.blobs[i], f.cs[i], f.ps[i]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkKZGBlobBatch64Cores: 64 blob proofs on 1 and 2 cores, GOMAXPROCS pinned for
// both sides. cores=1: both sequential (go-eth-kzg's VerifyBlobKZGProofBatch, interop
// with Workers(1)); cores=2: both parallel (go-eth-kzg's VerifyBlobKZGProofBatchPar, which
// verifies each blob on its own goroutine, against interop with Workers(2), one batch).
// `benchstat -col /impl` gives the ratio per core count, `-col /cores` the scaling.
func BenchmarkKZGBlobBatch64Cores(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	for _, cores := range []int{1, 2} {
		b.Run(fmt.Sprintf("cores=%d", cores), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
			b.Run("impl=goethkzg", func(b *testing.B) {
				verify := f.ctx.VerifyBlobKZGProofBatch
				if cores > 1 {
					verify = f.ctx.VerifyBlobKZGProofBatchPar
				}
				measure(b, func() {
					if err := verify(f.gBlobs, f.gCs, f.gPs); err != nil {
						b.Fatal(err)
					}
				})
			})
			b.Run("impl=interop", func(b *testing.B) {
				opt := interop.Workers(cores)
				measure(b, func() {
					if err := kzg.VerifyBlobKZGProofBatch(f.blobs, f.cs, f.ps, opt); err != nil {
						b.Fatal(err)
					}
				})
			})
		})
	}
}

// BenchmarkKZGBlobToKZGCommitment: one 4096-point multi-exponentiation, single task on
// both sides.
func BenchmarkKZGBlobToKZGCommitment(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	b.Run("impl=goethkzg", func(b *testing.B) {
		measure(b, func() {
			if _, err := f.ctx.BlobToKZGCommitment(f.gBlobs[0], 1); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			if _, err := kzg.BlobToKZGCommitment(&f.blobs[0]); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkKZGComputeCellsAndKZGProofs: the 128 cells and cell proofs of one blob (EIP-7594),
// FK20 on both sides, one goroutine for go-eth-kzg. Both sides build their FK20 tables
// before the timer (go-eth-kzg in NewContext4096Secure, interop on its first call).
func BenchmarkKZGComputeCellsAndKZGProofs(b *testing.B) {
	f := kzgFixtureOrSkip(b)
	if _, _, err := kzg.ComputeCellsAndKZGProofs(&f.blobs[0]); err != nil {
		b.Fatal(err)
	}
	b.Run("impl=goethkzg", func(b *testing.B) {
		measure(b, func() {
			if _, _, err := f.ctx.ComputeCellsAndKZGProofs(f.gBlobs[0], 1); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			if _, _, err := kzg.ComputeCellsAndKZGProofs(&f.blobs[0]); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// TestDifferentialKZGCellsGoEthKZG: the same cells and cell proofs as go-eth-kzg, byte for byte.
func TestDifferentialKZGCellsGoEthKZG(t *testing.T) {
	f := kzgFixtureOrSkip(t)
	for i := range 2 {
		cells, proofs, err := kzg.ComputeCellsAndKZGProofs(&f.blobs[i])
		if err != nil {
			t.Fatal(err)
		}
		gCells, gProofs, err := f.ctx.ComputeCellsAndKZGProofs(f.gBlobs[i], 1)
		if err != nil {
			t.Fatal(err)
		}
		for k := range cells {
			if cells[k] != kzg.Cell(*gCells[k]) || proofs[k] != kzg.Proof(gProofs[k]) {
				t.Fatalf("blob %d cell %d differs from go-eth-kzg", i, k)
			}
		}
	}
}
