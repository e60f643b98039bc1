package groth16_test

import (
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/groth16/groth16test"
)

// batchWorkers are the worker counts every batch is checked with: one (the caller's
// goroutine), two (this machine's cores), and more than there are cores or proofs.
var batchWorkers = []int{1, 2, 3, 8}

// errText is err's message, "" for nil: BatchVerify's errors name the failing proof, so
// equal texts mean the same verdict about the same proof.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestPropBatchWorkers: on valid batches and on batches with a wrong input, a swapped
// proof, an input ≥ r or a wrong input count in one or two proofs, BatchVerify returns
// the same error with every worker count (naming the first proof that fails the
// checks), and the pairing verdict of verifying each proof alone.
func TestPropBatchWorkers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := groth16test.NewSetupGen(3, 2).Draw(t, "setup")
		n := s.Key.NumPublic()
		k := rapid.IntRange(1, 5).Draw(t, "k")
		proofs, pubs := provedBatch(t, s, k)
		i := rapid.IntRange(0, k-1).Draw(t, "victim")
		j := rapid.IntRange(i, k-1).Draw(t, "second victim")
		r := [32]byte{0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
			0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9, 0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01}
		switch rapid.IntRange(0, 4).Draw(t, "corruption") {
		case 1:
			if n > 0 {
				mod := append([][32]byte(nil), pubs[i]...)
				mod[0][31] ^= 1
				pubs[i] = mod
			}
		case 2:
			proofs[i], proofs[j] = proofs[j], proofs[i]
		case 3:
			if n > 0 {
				for _, v := range []int{i, j} {
					pubs[v] = append([][32]byte(nil), pubs[v]...)
					pubs[v][n-1] = r
				}
			}
		case 4:
			for _, v := range []int{j, i} {
				pubs[v] = append(append([][32]byte(nil), pubs[v]...), [32]byte{})
			}
		}
		want := error(nil)
		for v := range proofs {
			if err := groth16.Verify(s.Key, proofs[v], pubs[v]); err != nil {
				want = err
				break
			}
		}
		var first string
		for _, w := range batchWorkers {
			err := groth16.BatchVerify(s.Key, proofs, pubs, interop.Workers(w))
			if (err == nil) != (want == nil) || errors.Is(want, groth16.ErrVerification) != errors.Is(err, groth16.ErrVerification) {
				t.Fatalf("workers %d: BatchVerify %v, Verify one by one %v", w, err, want)
			}
			if w == batchWorkers[0] {
				first = errText(err)
			} else if errText(err) != first {
				t.Fatalf("workers %d: %q, with %d worker: %q", w, errText(err), batchWorkers[0], first)
			}
		}
	})
}

// TestConcurrentBatchWorkers runs many-worker batches with commitments from several
// goroutines at once over one key and shared proofs (run with -race: the workers copy
// the key's fixed lines before gnark-crypto's MillerLoopFixedQ writes to them).
func TestConcurrentBatchWorkers(t *testing.T) {
	setup, err := groth16test.NewSetup(groth16test.RandScalars, 2, [][]int{{1}, {2}})
	if err != nil {
		t.Fatal(err)
	}
	pubs := [][][32]byte{{{31: 1}, {31: 2}}, {{31: 3}, {31: 4}}, {{31: 5}, {31: 6}}, {{31: 7}, {31: 8}}}
	proofs := make([]*groth16.Proof, len(pubs))
	for i := range pubs {
		if proofs[i], _, err = setup.Prove(groth16test.RandScalars, pubs[i]); err != nil {
			t.Fatal(err)
		}
	}
	bad := append([][][32]byte(nil), pubs...)
	bad[3] = pubs[2]
	hostile.Concurrent(t, 1, func(g int) {
		w := interop.Workers(1 + g%4)
		if err := groth16.BatchVerify(setup.Key, proofs, pubs, w); err != nil {
			t.Errorf("goroutine %d: valid batch: %v", g, err)
		}
		if err := groth16.BatchVerify(setup.Key, proofs, bad, w); !errors.Is(err, groth16.ErrVerification) {
			t.Errorf("goroutine %d: bad batch: %v", g, err)
		}
	})
}
