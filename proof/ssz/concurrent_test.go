package ssz_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/ssz"
	"github.com/interopkit/interop/proof/ssz/ssztest"
)

// readable is what every light-client container offers for reading.
type readable interface {
	MarshalSSZ() ([]byte, error)
	MarshalJSON() ([]byte, error)
}

// concurrentReads runs the read methods of v on 16 goroutines at once and checks that each
// gives the answer it gave alone: the methods must not write to v.
func concurrentReads(t *testing.T, v readable, root func() (interop.Hash, error)) {
	t.Helper()
	wantSSZ, err := v.MarshalSSZ()
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	wantRoot, err := root()
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 4, func(g int) {
		if b, err := v.MarshalSSZ(); err != nil || !bytes.Equal(b, wantSSZ) {
			t.Errorf("goroutine %d: MarshalSSZ differs (%v)", g, err)
		}
		if b, err := v.MarshalJSON(); err != nil || !bytes.Equal(b, wantJSON) {
			t.Errorf("goroutine %d: MarshalJSON differs (%v)", g, err)
		}
		if r, err := root(); err != nil || r != wantRoot {
			t.Errorf("goroutine %d: HashTreeRoot differs (%v)", g, err)
		}
	})
}

func noErr(h interop.Hash) func() (interop.Hash, error) {
	return func() (interop.Hash, error) { return h, nil }
}

func TestConcurrentLightClientUpdate(t *testing.T) {
	for _, f := range []ssz.Fork{ssz.Altair, ssz.Capella, ssz.Deneb, ssz.Electra} {
		u := ssztest.LightClientUpdate(f, ssz.Mainnet).Example(int(f))
		concurrentReads(t, &u, u.HashTreeRoot)
		// The attested header is read as a readable of its own, and checked against its
		// branch, by every goroutine at once.
		h := u.AttestedHeader
		concurrentReads(t, &h, h.HashTreeRoot)
	}
}

func TestConcurrentLightClientBootstrap(t *testing.T) {
	b := ssztest.LightClientBootstrap(ssz.Electra, ssz.Mainnet).Example(1)
	concurrentReads(t, &b, b.HashTreeRoot)
}

func TestConcurrentLightClientFinalityUpdate(t *testing.T) {
	u := ssztest.LightClientFinalityUpdate(ssz.Deneb, ssz.Minimal).Example(2)
	concurrentReads(t, &u, u.HashTreeRoot)
}

func TestConcurrentLightClientOptimisticUpdate(t *testing.T) {
	u := ssztest.LightClientOptimisticUpdate(ssz.Capella, ssz.Minimal).Example(3)
	concurrentReads(t, &u, u.HashTreeRoot)
}

func TestConcurrentSyncCommittee(t *testing.T) {
	c := ssztest.SyncCommittee(ssz.Mainnet).Example(4)
	concurrentReads(t, &c, noErr(c.HashTreeRoot()))
	a := ssztest.SyncAggregate(ssz.Mainnet).Example(5)
	concurrentReads(t, &a, noErr(a.HashTreeRoot()))
	want := a.Participants()
	hostile.Concurrent(t, 10, func(g int) {
		if a.Participants() != want {
			t.Errorf("goroutine %d: Participants differs", g)
		}
	})
}

func TestConcurrentExecutionPayloadHeader(t *testing.T) {
	e := ssztest.ExecutionPayloadHeader(ssz.Deneb).Example(6)
	concurrentReads(t, &e, e.HashTreeRoot)
	b := ssztest.BeaconBlockHeader().Example(7)
	concurrentReads(t, &b, noErr(b.HashTreeRoot()))
}

// The shared proof inputs (a branch, a multiproof's leaves, proof and indices) are only
// read by the verifiers.
func TestConcurrentMultiproof(t *testing.T) {
	m := ssztest.ValidMultiproof(10).Example(8)
	root := m.Tree.Root()
	g := m.Indices[0]
	branch := m.Tree.Branch(g)
	hostile.Concurrent(t, 10, func(n int) {
		if err := ssz.VerifyMerkleMultiproof(m.Leaves, m.Proof, m.Indices, root); err != nil {
			t.Errorf("goroutine %d: %v", n, err)
		}
		if err := ssz.VerifyBranchAt(m.Tree.Node(g), branch, g, root); err != nil {
			t.Errorf("goroutine %d: %v", n, err)
		}
		if _, err := ssz.GetHelperIndices(m.Indices); err != nil {
			t.Errorf("goroutine %d: %v", n, err)
		}
	})
}
