package kzg

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
)

// Fuzz targets for every decoder and verifier: none may panic, and every error must wrap a
// package sentinel.

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, ErrInvalidProof) && !isSentinel(err) {
		t.Fatalf("error wraps no sentinel: %v", err)
	}
}

func FuzzPointEvaluationPrecompile(f *testing.F) {
	f.Add(make([]byte, PointEvaluationInputLength))
	in := make([]byte, PointEvaluationInputLength)
	c := g1Infinity
	vh := KZGToVersionedHash(c)
	copy(in, vh[:])
	copy(in[96:], c[:])
	copy(in[144:], c[:])
	f.Add(in)
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := PointEvaluationPrecompile(in)
		checkErr(t, err)
		if err == nil && out != pointEvaluationOutput {
			t.Fatalf("success with output %x", out)
		}
	})
}

func FuzzVerifyKZGProof(f *testing.F) {
	f.Add(g1Infinity[:], make([]byte, 32), make([]byte, 32), g1Infinity[:])
	f.Add(make([]byte, 48), BLSModulus[:], make([]byte, 32), g1Infinity[:])
	f.Fuzz(func(t *testing.T, c, z, y, p []byte) {
		if len(c) < 48 || len(z) < 32 || len(y) < 32 || len(p) < 48 {
			return
		}
		err := VerifyKZGProof(Commitment(c[:48]), [32]byte(z[:32]), [32]byte(y[:32]), Proof(p[:48]))
		checkErr(t, err)
		// Accepted ⇔ the precompile, given the same values, succeeds: the two entry points
		// decode the same encodings and check the same equation.
		in := make([]byte, 0, PointEvaluationInputLength)
		vh := KZGToVersionedHash(Commitment(c[:48]))
		in = append(append(append(append(append(in, vh[:]...), z[:32]...), y[:32]...), c[:48]...), p[:48]...)
		if _, perr := PointEvaluationPrecompile(in); (perr == nil) != (err == nil) {
			t.Fatalf("VerifyKZGProof %v, precompile %v", err, perr)
		}
		// Infinity for both is valid exactly when y = 0 (the zero polynomial).
		if Commitment(c[:48]) == g1Infinity && Proof(p[:48]) == g1Infinity && [32]byte(y[:32]) == ([32]byte{}) && err != nil && !errors.Is(err, ErrInvalidFieldElement) {
			t.Fatalf("zero polynomial rejected: %v", err)
		}
	})
}

// FuzzBlob feeds a fuzzed prefix of a blob (the rest zero) and fuzzed points to the blob
// functions: the decoders of blobs, commitments and proofs.
func FuzzBlob(f *testing.F) {
	f.Add([]byte{0x73, 0xed, 0xa7, 0x53}, uint16(0), g1Infinity[:], g1Infinity[:])
	f.Add(BLSModulus[:], uint16(4095), make([]byte, 48), g1Infinity[:])
	f.Fuzz(func(t *testing.T, data []byte, at uint16, c, p []byte) {
		if len(c) < 48 || len(p) < 48 || len(data) > 4096 {
			return
		}
		blob := new(Blob)
		off := int(at%FieldElementsPerBlob) * BytesPerFieldElement
		copy(blob[off:], data)
		checkErr(t, VerifyBlobKZGProof(blob, Commitment(c[:48]), Proof(p[:48])))
		blobs, cs, ps := []Blob{*blob, *blob}, []Commitment{Commitment(c[:48]), g1Infinity}, []Proof{Proof(p[:48]), g1Infinity}
		err := VerifyBlobKZGProofBatch(blobs, cs, ps, interop.Workers(1))
		checkErr(t, err)
		sameAcrossWorkers(t, err, VerifyBlobKZGProofBatch(blobs, cs, ps, interop.Workers(2)))
	})
}

// FuzzVerifyCellKZGProofBatch fuzzes cells, indices and points through cell verification.
func FuzzVerifyCellKZGProofBatch(f *testing.F) {
	f.Add([]byte{1}, uint64(3), g1Infinity[:], g1Infinity[:])
	f.Add(BLSModulus[:], uint64(128), make([]byte, 48), g1Infinity[:])
	f.Fuzz(func(t *testing.T, data []byte, idx uint64, c, p []byte) {
		if len(c) < 48 || len(p) < 48 || len(data) > BytesPerCell {
			return
		}
		var cell Cell
		copy(cell[:], data)
		cs, idxs, cells, ps := []Commitment{Commitment(c[:48]), Commitment(c[:48])}, []uint64{idx, idx ^ 1}, []Cell{cell, cell}, []Proof{Proof(p[:48]), Proof(p[:48])}
		err := VerifyCellKZGProofBatch(cs, idxs, cells, ps, interop.Workers(1))
		checkErr(t, err)
		sameAcrossWorkers(t, err, VerifyCellKZGProofBatch(cs, idxs, cells, ps, interop.Workers(2)))
		if err == nil {
			// Accepted ⇒ each cell of the batch verifies alone.
			for _, i := range []uint64{idx, idx ^ 1} {
				if err := VerifyCellKZGProofBatch([]Commitment{Commitment(c[:48])}, []uint64{i}, []Cell{cell}, []Proof{Proof(p[:48])}); err != nil {
					t.Fatalf("batch accepted, cell %d alone: %v", i, err)
				}
			}
		}
	})
}

// sameAcrossWorkers fails unless a batch run with several workers returned the one-worker
// run's error, text included.
func sameAcrossWorkers(t *testing.T, one, many error) {
	t.Helper()
	if (one == nil) != (many == nil) || (one != nil && one.Error() != many.Error()) {
		t.Fatalf("one worker: %v; two: %v", one, many)
	}
}
