package espresso_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"github.com/interopkit/interop/proof/mpt"
)

// finalityInputs loads the real proof and the generated storage fixture.
func finalityInputs(tb testing.TB) (raw []byte, r *mpt.GetProofResult, fx storageFixture, st espresso.FinalizedState, height uint64, comm interop.Hash, p *espresso.BlockProof) {
	tb.Helper()
	goRaw, err := os.ReadFile("testdata/finality/espresso-network-go/merkle_proof_test_data.json")
	if err != nil {
		tb.Fatal(err)
	}
	var d goMerkleData
	if err := json.Unmarshal(goRaw, &d); err != nil {
		tb.Fatal(err)
	}
	raw = d.Proof
	p = new(espresso.BlockProof)
	if err := p.UnmarshalJSON(raw); err != nil {
		tb.Fatal(err)
	}
	height, comm = p.Pos, interop.Hash(p.Elem)
	sraw, err := os.ReadFile("testdata/finality/generated/getproof-devnode-height22.json")
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(sraw, &fx); err != nil {
		tb.Fatal(err)
	}
	r = new(mpt.GetProofResult)
	if err := r.UnmarshalJSON(fx.GetProof); err != nil {
		tb.Fatal(err)
	}
	st, err = espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, r)
	if err != nil {
		tb.Fatal(err)
	}
	return raw, r, fx, st, height, comm, p
}

// BenchmarkReadFinalizedState: the storage proof (account proof and two slot proofs) and the
// decoding of finalizedState.
func BenchmarkReadFinalizedState(b *testing.B) {
	_, r, fx, _, _, _, _ := finalityInputs(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyBlockFinal: the block tree proof (33 SHA3-256) and the Rescue hash of the tree
// commitment against blockCommRoot.
func BenchmarkVerifyBlockFinal(b *testing.B) {
	_, _, _, st, height, comm, p := finalityInputs(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := espresso.VerifyBlockFinal(st, height, comm, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBlockCommRoot: the Rescue-254 hash alone (one permutation).
func BenchmarkBlockCommRoot(b *testing.B) {
	c := espresso.BlockTreeCommitment{Digest: interop.Hash{1}, Height: 32, NumLeaves: 22}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.BlockCommRoot()
	}
}

// BenchmarkBlockProofUnmarshal: decoding the real 33-node proof JSON.
func BenchmarkBlockProofUnmarshal(b *testing.B) {
	raw, _, _, _, _, _, _ := finalityInputs(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		var p espresso.BlockProof
		if err := p.UnmarshalJSON(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBoundsFinality holds the decoders to the project's allocation bound on the real inputs
// and on hostile ones at their size limits.
func TestBoundsFinality(t *testing.T) {
	raw, r, fx, st, height, comm, p := finalityInputs(t)
	hostile.Bounded(t, "BlockProof.UnmarshalJSON real", len(raw), func() {
		var q espresso.BlockProof
		_ = q.UnmarshalJSON(raw)
	})
	// A proof of the maximum height, children all Empty but the path: the largest valid shape.
	tr := &espressotest.BlockTree{Height: espresso.MaxBlockTreeHeight, Leaves: [][]byte{make([]byte, espresso.MaxBlockLeafSize)}}
	big, _ := json.Marshal(tr.Prove(0))
	hostile.Bounded(t, "BlockProof.UnmarshalJSON max height", len(big), func() {
		var q espresso.BlockProof
		if err := q.UnmarshalJSON(big); err != nil {
			t.Error(err)
		}
	})
	// Too many nodes: refused after MaxBlockTreeHeight+1 of them.
	many := `[` + strings.Repeat(`"Empty",`, 10000) + `"Empty"]`
	hostile.Bounded(t, "BlockProof.UnmarshalJSON many nodes", len(many), func() {
		var q espresso.BlockProof
		_ = q.UnmarshalJSON([]byte(many))
	})
	deep := strings.Repeat(`[`, espresso.MaxBlockProofJSON/2)
	hostile.Bounded(t, "BlockProof.UnmarshalJSON deep", len(deep), func() {
		var q espresso.BlockProof
		_ = q.UnmarshalJSON([]byte(deep))
	})
	s := strings.Repeat("A", 1<<16)
	hostile.Bounded(t, "ParseBlockTreeCommitment long", len(s), func() { _, _ = espresso.ParseBlockTreeCommitment(s) })
	hostile.Bounded(t, "ReadFinalizedState", len(fx.GetProof), func() {
		_, _ = espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, r)
	})
	hostile.Bounded(t, "VerifyBlockFinal", len(raw), func() { _ = espresso.VerifyBlockFinal(st, height, comm, p) })
}

// TestConcurrentBlockProof: one decoded proof and state, verified from many goroutines.
func TestConcurrentBlockProof(t *testing.T) {
	_, r, fx, st, height, comm, p := finalityInputs(t)
	hostile.Concurrent(t, 4, func(g int) {
		if err := espresso.VerifyBlockFinal(st, height, comm, p); err != nil {
			t.Error(err)
		}
		if _, err := espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, r); err != nil {
			t.Error(err)
		}
	})
}
