package merkle_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/merkle"
	"github.com/interopkit/interop/proof/merkle/merkletest"
)

func hasherOf(keccak bool) merkle.Hasher {
	if keccak {
		return merkle.Keccak256{}
	}
	return merkle.SHA256{}
}

// FuzzVerifyBranch: leaf ‖ root ‖ branch nodes from the input. Verification never panics,
// fails only with the package's sentinels, and accepts exactly the root BranchRoot gives.
func FuzzVerifyBranch(f *testing.F) {
	f.Add(make([]byte, 64+32*32), uint64(5), true)
	f.Add(make([]byte, 64+33*32), uint64(1<<32), false)
	f.Add(make([]byte, 64+65*32), uint64(0), false)
	f.Add([]byte{1, 2, 3}, uint64(0), true)
	f.Fuzz(func(t *testing.T, data []byte, index uint64, keccak bool) {
		h := hasherOf(keccak)
		var leaf, root interop.Hash
		data = data[copy(leaf[:], data):]
		data = data[copy(root[:], data):]
		branch := make([]interop.Hash, len(data)/32)
		for i := range branch {
			copy(branch[i][:], data[32*i:])
		}
		err := merkle.VerifyBranch(leaf, branch, index, root, h)
		if err != nil && !errors.Is(err, merkle.ErrInvalidProof) && !errors.Is(err, merkle.ErrIndex) && !errors.Is(err, merkle.ErrDepth) {
			t.Fatalf("unexpected error %v", err)
		}
		got, berr := merkle.BranchRoot(leaf, branch, index, h)
		if (berr == nil) != (err == nil || errors.Is(err, merkle.ErrInvalidProof)) {
			t.Fatalf("BranchRoot %v, VerifyBranch %v", berr, err)
		}
		if berr != nil {
			return
		}
		if (got == root) != (err == nil) {
			t.Fatalf("root %v, computed %v, verify %v", root, got, err)
		}
		if err := merkle.VerifyBranch(leaf, branch, index, got, h); err != nil {
			t.Fatalf("computed root rejected: %v", err)
		}
		if len(branch) == merkle.TreeDepth && (*merkle.Branch)(branch).Root(leaf, uint32(index), h) != got {
			t.Fatal("Branch.Root disagrees with BranchRoot")
		}
	})
}

// FuzzSnapshotSSZ: decoding never panics, fails only with ErrInvalidSnapshot, accepts
// only the canonical encoding, and a snapshot that verifies rebuilds a tree with its root.
func FuzzSnapshotSSZ(f *testing.F) {
	s := merkle.Snapshot{Finalized: make([]interop.Hash, 1), DepositCount: 1}
	s.DepositRoot, _ = s.CalculateRoot()
	good, _ := s.MarshalSSZ()
	f.Add(good)
	f.Add(good[:84])
	f.Add([]byte{84, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var s merkle.Snapshot
		if err := s.UnmarshalSSZ(b); err != nil {
			if !errors.Is(err, merkle.ErrInvalidSnapshot) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		back, err := s.MarshalSSZ()
		if err != nil || !bytes.Equal(back, b) {
			t.Fatalf("re-encoding differs (%v)", err)
		}
		checkSnapshot(t, &s)
	})
}

// FuzzSnapshotJSON: as FuzzSnapshotSSZ, for the Beacon-API JSON form; what decodes
// re-encodes to JSON that decodes to the same snapshot.
func FuzzSnapshotJSON(f *testing.F) {
	s := merkle.Snapshot{Finalized: make([]interop.Hash, 2), DepositCount: 3, ExecutionBlockHeight: 9}
	s.DepositRoot, _ = s.CalculateRoot()
	good, _ := json.Marshal(s)
	f.Add(good)
	f.Add([]byte(`{"finalized":[],"deposit_root":"0x00","deposit_count":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s merkle.Snapshot
		if err := s.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, merkle.ErrInvalidSnapshot) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		js, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back merkle.Snapshot
		if err := back.UnmarshalJSON(js); err != nil {
			t.Fatalf("re-decoding %s: %v", js, err)
		}
		js2, _ := json.Marshal(back)
		if !bytes.Equal(js, js2) {
			t.Fatalf("round trip changed %s to %s", js, js2)
		}
		checkSnapshot(t, &s)
	})
}

func checkSnapshot(t *testing.T, s *merkle.Snapshot) {
	t.Helper()
	err := s.Verify()
	d, derr := merkle.DepositTreeFromSnapshot(s)
	if (err == nil) != (derr == nil) {
		t.Fatalf("Verify %v, DepositTreeFromSnapshot %v", err, derr)
	}
	if err != nil {
		if !errors.Is(err, merkle.ErrInvalidSnapshot) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if d.Root() != s.DepositRoot {
		t.Fatal("rebuilt root differs")
	}
	again, err := d.Snapshot()
	if err != nil || again.DepositRoot != s.DepositRoot || again.DepositCount != s.DepositCount || len(again.Finalized) != len(s.Finalized) {
		t.Fatalf("snapshot of the rebuilt tree differs (%v)", err)
	}
}

// FuzzTrees: leaves from the input; Incremental, Tree and the reference agree on the
// root, and the Tree's branch of a chosen leaf is the reference's.
func FuzzTrees(f *testing.F) {
	f.Add(make([]byte, 32*5), uint16(3), true)
	f.Add(make([]byte, 32*64), uint16(63), false)
	f.Fuzz(func(t *testing.T, data []byte, pick uint16, keccak bool) {
		h := hasherOf(keccak)
		leaves := make([]interop.Hash, min(len(data)/32, 600))
		inc, tree := merkle.NewIncremental(h), merkle.NewTree(h)
		for i := range leaves {
			copy(leaves[i][:], data[32*i:])
			if inc.Insert(leaves[i]) != nil || tree.Insert(leaves[i]) != nil {
				t.Fatal("insert failed")
			}
		}
		want := merkletest.Root(h, leaves)
		if inc.Root() != want || tree.Root() != want {
			t.Fatal("roots disagree")
		}
		if len(leaves) == 0 {
			return
		}
		i := uint64(pick) % uint64(len(leaves))
		b, err := tree.Branch(i)
		if err != nil || b != merkletest.Branch(h, leaves, i) {
			t.Fatalf("branch of leaf %d differs (%v)", i, err)
		}
	})
}
