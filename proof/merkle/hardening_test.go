package merkle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
)

func logUsage(t *testing.T, name string, n int, u hostile.Usage) {
	t.Helper()
	t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, n, u.Bytes, float64(u.Bytes)/float64(n))
}

// TestBoundsAllocPerInputByte feeds every decoder and verifier input at its bounds.
func TestBoundsAllocPerInputByte(t *testing.T) {
	// Branches: the deepest accepted (64, every index bit set), and 2^20 nodes (refused
	// before hashing).
	for _, h := range []Hasher{Keccak256{}, SHA256{}} {
		branch := make([]interop.Hash, MaxBranchDepth)
		var err error
		u := hostile.Bounded(t, "VerifyBranch at depth 64", 32*len(branch), func() {
			err = VerifyBranch(interop.Hash{1}, branch, ^uint64(0), interop.Hash{}, h)
		})
		if !errors.Is(err, ErrInvalidProof) {
			t.Errorf("depth 64: %v", err)
		}
		logUsage(t, "VerifyBranch at depth 64", 32*len(branch), u)
		deep := make([]interop.Hash, 1<<20)
		u = hostile.Bounded(t, "VerifyBranch with 2^20 nodes", 32*len(deep), func() {
			err = VerifyBranch(interop.Hash{1}, deep, 0, interop.Hash{}, h)
		})
		if !errors.Is(err, ErrDepth) {
			t.Errorf("2^20 nodes: %v", err)
		}
		logUsage(t, "VerifyBranch with 2^20 nodes", 32*len(deep), u)
	}
	// Snapshots: the most finalized roots (count 2^32-1, 32 roots), a JSON list of 10^5
	// roots and an SSZ list of 10^5 (both refused while counting), and a huge unknown field.
	{
		s := Snapshot{DepositCount: MaxLeaves, Finalized: make([]interop.Hash, 32)}
		s.DepositRoot, _ = s.CalculateRoot()
		js, _ := json.Marshal(s)
		var back Snapshot
		var err error
		u := hostile.Bounded(t, "snapshot JSON at 32 roots", len(js), func() { err = back.UnmarshalJSON(js) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, "snapshot JSON at 32 roots", len(js), u)
		u = hostile.Bounded(t, "DepositTreeFromSnapshot at MaxLeaves", len(js), func() { _, err = DepositTreeFromSnapshot(&back) })
		if err != nil {
			t.Fatal(err)
		}
		logUsage(t, "DepositTreeFromSnapshot at MaxLeaves", len(js), u)
		root := `"0x` + strings.Repeat("00", 32) + `"`
		long := []byte(`{"finalized":[` + strings.Repeat(root+",", 100_000) + root + `],"deposit_root":` + root +
			`,"deposit_count":"1","execution_block_hash":` + root + `,"execution_block_height":"1"}`)
		u = hostile.Bounded(t, "snapshot JSON with 10^5 roots", len(long), func() { err = back.UnmarshalJSON(long) })
		if !errors.Is(err, ErrInvalidSnapshot) {
			t.Errorf("10^5 roots: %v", err)
		}
		logUsage(t, "snapshot JSON with 10^5 roots", len(long), u)
		junk := []byte(`{"junk":[` + strings.Repeat(`[],`, 300_000) + `[]],"finalized":[],"deposit_root":` + root +
			`,"deposit_count":"0","execution_block_hash":` + root + `,"execution_block_height":"1"}`)
		u = hostile.Bounded(t, "snapshot JSON with a 900 KB unknown field", len(junk), func() { err = back.UnmarshalJSON(junk) })
		if err != nil {
			t.Errorf("unknown field: %v", err)
		}
		logUsage(t, "snapshot JSON with a 900 KB unknown field", len(junk), u)
		ssz := make([]byte, snapshotFixedSize+32*100_000)
		ssz[0] = snapshotFixedSize
		u = hostile.Bounded(t, "snapshot SSZ with 10^5 roots", len(ssz), func() { err = back.UnmarshalSSZ(ssz) })
		if !errors.Is(err, ErrInvalidSnapshot) {
			t.Errorf("SSZ 10^5 roots: %v", err)
		}
		logUsage(t, "snapshot SSZ with 10^5 roots", len(ssz), u)
	}
	// Trees: memory per leaf is two hashes, whatever the count.
	for _, n := range []int{1 << 10, 1 << 16} {
		tr := NewTree(Keccak256{})
		// Two hashes per leaf are kept; growing the level slices by doubling allocates about
		// twice that again.
		u := hostile.Proportional(t, fmt.Sprintf("Tree of %d leaves", n), 32*n, 16, 64<<10, func() {
			for i := range n {
				_ = tr.Insert(interop.Hash{byte(i), byte(i >> 8)})
			}
		})
		logUsage(t, fmt.Sprintf("Tree of %d leaves", n), 32*n, u)
	}
}

// TestConcurrentTree reads one Tree from 16 goroutines: roots now and earlier, branches
// that must verify, and the frontier.
func TestConcurrentTree(t *testing.T) {
	tr := NewTree(Keccak256{})
	inc := NewIncremental(Keccak256{})
	for i := range 300 {
		_ = tr.Insert(interop.Hash{byte(i), 1})
		_ = inc.Insert(interop.Hash{byte(i), 1})
	}
	root := inc.Root()
	hostile.Concurrent(t, 4, func(g int) {
		if tr.Root() != root || inc.Root() != root || tr.Count() != 300 || inc.Count() != 300 {
			t.Errorf("goroutine %d: roots %v %v, want %v", g, tr.Root(), inc.Root(), root)
		}
		i := uint64(g * 17)
		b, err := tr.Branch(i)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
			return
		}
		if got := b.Root(interop.Hash{byte(i), 1}, uint32(i), Keccak256{}); got != root {
			t.Errorf("goroutine %d: branch of %d leads to %v", g, i, got)
		}
		old, err := tr.RootAt(200)
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if b, err := tr.BranchAt(i%200, 200); err != nil || b.Root(interop.Hash{byte(i % 200), 1}, uint32(i%200), Keccak256{}) != old {
			t.Errorf("goroutine %d: branch at 200: %v", g, err)
		}
		if tr.Frontier() != inc.Frontier() && g == 0 {
			// Stale entries differ by design; the roots above are the check.
			_ = g
		}
	})
}

// TestConcurrentDepositTree reads a finalized DepositTree and its snapshot from 16
// goroutines.
func TestConcurrentDepositTree(t *testing.T) {
	d := NewDepositTree()
	for i := range 100 {
		_ = d.Insert(interop.Hash{byte(i), 2})
	}
	var e edges
	d.tree.edges(64, &e)
	if err := d.Finalize(Eth1Data{DepositRoot: MixInLength(e[TreeDepth], 64), DepositCount: 64}, 7); err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	snap, err := d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(snap)
	hostile.Concurrent(t, 4, func(g int) {
		i := uint64(64 + g)
		leaf, proof, err := d.Proof(i)
		if err != nil || VerifyBranch(leaf, proof[:], i, root, SHA256{}) != nil {
			t.Errorf("goroutine %d: proof of %d: %v", g, i, err)
		}
		if _, _, err := d.Proof(3); !errors.Is(err, ErrFinalized) {
			t.Errorf("goroutine %d: finalized leaf: %v", g, err)
		}
		s, err := d.Snapshot()
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if again, _ := json.Marshal(s); !bytes.Equal(again, js) {
			t.Errorf("goroutine %d: snapshot %s, want %s", g, again, js)
		}
		if err := snap.Verify(); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	})
}

// TestConcurrentIncremental reads one Incremental from 16 goroutines: its root must be the
// Tree's for the same leaves, and IncrementalFrom its frontier must agree.
func TestConcurrentIncremental(t *testing.T) {
	inc := NewIncremental(SHA256{})
	tr := NewTree(SHA256{})
	for i := range 77 {
		_ = inc.Insert(interop.Hash{byte(i), 3})
		_ = tr.Insert(interop.Hash{byte(i), 3})
	}
	root, deposit := tr.Root(), tr.DepositRoot()
	hostile.Concurrent(t, 4, func(g int) {
		if inc.Root() != root || inc.DepositRoot() != deposit || inc.Count() != 77 {
			t.Errorf("goroutine %d: root %v, want %v", g, inc.Root(), root)
		}
		f := inc.Frontier()
		again, err := IncrementalFrom(SHA256{}, &f, inc.Count())
		if err != nil || again.Root() != root {
			t.Errorf("goroutine %d: resumed root %v (%v), want %v", g, again.Root(), err, root)
		}
	})
}
