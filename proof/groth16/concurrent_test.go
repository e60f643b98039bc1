package groth16_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/groth16/groth16test"
)

// TestConcurrentVerifyingKey verifies with one key (window tables, a commitment) from 16
// goroutines: valid proofs, a wrong input, and batches.
func TestConcurrentVerifyingKey(t *testing.T) {
	setup, err := groth16test.NewSetup(groth16test.RandScalars, 3, [][]int{{1, 3}})
	if err != nil {
		t.Fatal(err)
	}
	pub := [][32]byte{{31: 1}, {31: 2}, {30: 1}}
	p, _, err := setup.Prove(groth16test.RandScalars, pub)
	if err != nil {
		t.Fatal(err)
	}
	wrong := [][32]byte{{31: 1}, {31: 2}, {30: 2}}
	hostile.Concurrent(t, 2, func(g int) {
		switch g % 3 {
		case 0:
			if err := groth16.Verify(setup.Key, p, pub); err != nil {
				t.Errorf("goroutine %d: valid proof: %v", g, err)
			}
		case 1:
			if err := groth16.Verify(setup.Key, p, wrong); !errors.Is(err, groth16.ErrVerification) {
				t.Errorf("goroutine %d: wrong input: %v", g, err)
			}
		case 2:
			if err := groth16.BatchVerify(setup.Key, []*groth16.Proof{p, p}, [][][32]byte{pub, pub}); err != nil {
				t.Errorf("goroutine %d: batch: %v", g, err)
			}
		}
	})
}

// TestBatchVerifyKnowledgeProofs: with the commitment keys paired as variable points, a
// batch of proofs with two commitments each verifies, and swapping two proofs' folded
// proofs of knowledge (each valid for its own proof) makes the batch and each proof fail.
func TestBatchVerifyKnowledgeProofs(t *testing.T) {
	setup, err := groth16test.NewSetup(groth16test.RandScalars, 2, [][]int{{1}, {2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	pubs := [][][32]byte{{{31: 1}, {31: 2}}, {{31: 3}, {31: 4}}, {{31: 5}, {31: 6}}}
	var proofs []*groth16.Proof
	var encs [][]byte
	for _, pub := range pubs {
		p, enc, err := setup.Prove(groth16test.RandScalars, pub)
		if err != nil {
			t.Fatal(err)
		}
		proofs, encs = append(proofs, p), append(encs, enc)
	}
	if err := groth16.BatchVerify(setup.Key, proofs, pubs); err != nil {
		t.Fatalf("valid batch: %v", err)
	}
	// The folded proof of knowledge is the last compressed G1 point (32 bytes).
	a, b := bytes.Clone(encs[0]), bytes.Clone(encs[1])
	copy(a[len(a)-32:], encs[1][len(encs[1])-32:])
	copy(b[len(b)-32:], encs[0][len(encs[0])-32:])
	pa, err := groth16.ParseGnarkProof(a)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := groth16.ParseGnarkProof(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := groth16.Verify(setup.Key, pa, pubs[0]); !errors.Is(err, groth16.ErrVerification) {
		t.Errorf("swapped knowledge proof: %v", err)
	}
	if err := groth16.BatchVerify(setup.Key, []*groth16.Proof{pa, pb, proofs[2]}, pubs); !errors.Is(err, groth16.ErrVerification) {
		t.Errorf("batch with swapped knowledge proofs: %v", err)
	}
}
