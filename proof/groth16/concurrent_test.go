package groth16_test

import (
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
