package zk_test

import (
	"crypto/sha256"
	"errors"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/zk"
	"github.com/interopkit/interop/lightclient/zk/zktest"
	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/groth16/groth16test"
)

var vkey = [32]byte{0x00, 0x4a, 0x55, 0xed}

func newClient(t interface{ Fatal(...any) }, cp zk.Checkpoint, v zk.ProofVerifier) *zk.Client {
	c, err := zk.New(zk.Config{Chain: 1, Verifier: v, ProgramVKey: vkey, Decoder: zk.HeliosV2{}}, cp)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPropHonestChain: every update of an honest chain applies, and its roots are
// published Finalized at its slot.
func TestPropHonestChain(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cp := zktest.Checkpoint().Draw(t, "checkpoint")
		c := newClient(t, cp, zktest.FakeVerifier{})
		for _, o := range zktest.Chain(cp, 4, zk.SlotsPerPeriod).Draw(t, "chain") {
			pv := zk.HeliosV2{}.AppendPublicValues(nil, o)
			got, err := c.Update(zktest.FakeProve(vkey, pv), pv)
			if err != nil {
				t.Fatalf("honest update: %v", err)
			}
			if !reflect.DeepEqual(got, o) {
				t.Fatalf("decoded %+v, want %+v", got, o)
			}
			for kind, want := range map[lightclient.RootKind]interop.Hash{lightclient.BeaconBlockRoot: o.NewHeader, lightclient.StateRoot: o.ExecutionStateRoot} {
				r, err := c.Root(1, o.NewSlot, kind)
				if err != nil || r.Value != want || r.Finality != lightclient.Finalized {
					t.Fatalf("%s at %d: %v %v", kind, o.NewSlot, r, err)
				}
			}
			if s, h := c.Head(); s != o.NewSlot || h != o.NewHeader {
				t.Fatalf("head %d %s", s, h)
			}
		}
	})
}

// TestPropRejects: a replayed update, public values changed after proving, a proof of
// another program, and a wrong signing committee are refused, and leave the head alone.
func TestPropRejects(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cp := zktest.Checkpoint().Draw(t, "checkpoint")
		c := newClient(t, cp, zktest.FakeVerifier{})
		chain := zktest.Chain(cp, 2, zk.SlotsPerPeriod).Draw(t, "chain")
		pv0 := zk.HeliosV2{}.AppendPublicValues(nil, chain[0])
		if _, err := c.Update(zktest.FakeProve(vkey, pv0), pv0); err != nil {
			t.Fatal(err)
		}
		head, _ := c.Head()
		if _, err := c.Update(zktest.FakeProve(vkey, pv0), pv0); !errors.Is(err, zk.ErrNotMonotonic) {
			t.Fatalf("replay: %v", err)
		}
		pv1 := zk.HeliosV2{}.AppendPublicValues(nil, chain[1])
		proof := zktest.FakeProve(vkey, pv1)
		mod := append([]byte(nil), pv1...)
		i := rapid.SampledFrom([]int{5, 6, 7}).Draw(t, "word") // state root or committees
		mod[32*i+rapid.IntRange(0, 31).Draw(t, "byte")] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
		if _, err := c.Update(proof, mod); err == nil {
			t.Fatal("tampered public values accepted")
		}
		if _, err := c.Update(zktest.FakeProve([32]byte{1}, pv1), pv1); !errors.Is(err, zk.ErrProof) {
			t.Fatalf("foreign program: %v", err)
		}
		bad := chain[1]
		bad.StartSyncCommitteeHash = zktest.Hash().Filter(func(h interop.Hash) bool { return h != chain[1].StartSyncCommitteeHash }).Draw(t, "signer")
		pvb := zk.HeliosV2{}.AppendPublicValues(nil, bad)
		if _, err := c.Update(zktest.FakeProve(vkey, pvb), pvb); !errors.Is(err, zk.ErrSyncCommittee) {
			t.Fatalf("wrong signer: %v", err)
		}
		if s, _ := c.Head(); s != head {
			t.Fatalf("head moved to %d on refused updates", s)
		}
		if _, err := c.Update(proof, pv1); err != nil {
			t.Fatalf("honest update after refusals: %v", err)
		}
	})
}

// TestPropPublicValues: both layouts round-trip; other lengths and slots beyond 64 bits
// are refused.
func TestPropPublicValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cp := zktest.Checkpoint().Draw(t, "checkpoint")
		o := zktest.Chain(cp, 1, zk.SlotsPerPeriod).Draw(t, "chain")[0]
		v2 := zk.HeliosV2{}.AppendPublicValues(nil, o)
		if got, err := (zk.HeliosV2{}).DecodePublicValues(v2); err != nil || !reflect.DeepEqual(got, o) {
			t.Fatalf("v2: %v", err)
		}
		os := o
		if sl := zktest.Slots().Draw(t, "slots"); len(sl) > 0 {
			os.Slots = sl // the decoder gives nil, not an empty slice, for no slots
		}
		vs := zk.HeliosStorage{}.AppendPublicValues(nil, os)
		if got, err := (zk.HeliosStorage{}).DecodePublicValues(vs); err != nil || !reflect.DeepEqual(got, os) {
			t.Fatalf("storage layout: %v", err)
		}
		if _, err := (zk.HeliosStorage{}).DecodePublicValues(vs[:len(vs)-1]); !errors.Is(err, zk.ErrPublicValues) {
			t.Fatalf("storage layout cut: %v", err)
		}
		o1 := o
		o1.StartSyncCommitteeHash = interop.Hash{}
		v1 := zk.HeliosV1{}.AppendPublicValues(nil, o1)
		if got, err := (zk.HeliosV1{}).DecodePublicValues(v1); err != nil || !reflect.DeepEqual(got, o1) {
			t.Fatalf("v1: %v", err)
		}
		cut := rapid.IntRange(1, 31).Draw(t, "cut")
		for _, err := range []error{
			func() error { _, err := (zk.HeliosV2{}).DecodePublicValues(v2[:len(v2)-cut]); return err }(),
			func() error { _, err := (zk.HeliosV1{}).DecodePublicValues(append(v1, 0)); return err }(),
		} {
			if !errors.Is(err, zk.ErrPublicValues) {
				t.Fatalf("bad length: %v", err)
			}
		}
		v2[32*1+rapid.IntRange(0, 23).Draw(t, "high")] |= 1
		if _, err := (zk.HeliosV2{}).DecodePublicValues(v2); !errors.Is(err, zk.ErrPublicValues) {
			t.Fatalf("slot beyond 64 bits: %v", err)
		}
	})
}

// TestGroth16Backed runs the client over real Groth16 proofs in SP1's envelope, made by
// groth16test's setup with SP1's two public inputs (program key, public-values digest).
func TestGroth16Backed(t *testing.T) {
	setup, err := groth16test.NewSetup(groth16test.RandScalars, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	verifierHash := sha256.Sum256(setup.GnarkKey)
	sp1, err := groth16.NewSP1VerifierFromKey(setup.Key, verifierHash, [32]byte{})
	if err != nil {
		t.Fatal(err)
	}
	prove := func(pv []byte) []byte {
		p, _, err := setup.Prove(groth16test.RandScalars, [][32]byte{vkey, groth16.SP1PublicValuesDigest(pv)})
		if err != nil {
			t.Fatal(err)
		}
		evm := p.EVMBytes()
		return append(append([]byte(nil), verifierHash[:4]...), evm[:]...)
	}
	cp := zk.Checkpoint{Slot: 100, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	c := newClient(t, cp, sp1)
	o := zk.Outputs{PrevHeader: cp.Header, PrevSlot: cp.Slot, NewHeader: interop.Hash{4}, NewSlot: 164,
		ExecutionStateRoot: interop.Hash{5}, StartSyncCommitteeHash: cp.SyncCommitteeHash, SyncCommitteeHash: cp.SyncCommitteeHash}
	pv := zk.HeliosV2{}.AppendPublicValues(nil, o)
	proof := prove(pv)
	o2 := o
	o2.ExecutionStateRoot = interop.Hash{6}
	if _, err := c.Update(proof, zk.HeliosV2{}.AppendPublicValues(nil, o2)); !errors.Is(err, zk.ErrProof) || !errors.Is(err, groth16.ErrVerification) {
		t.Fatalf("proof for other values: %v", err)
	}
	if _, err := c.Update(proof, pv); err != nil {
		t.Fatalf("valid update: %v", err)
	}
	r, err := c.Root(1, 164, lightclient.StateRoot)
	if err != nil || r.Value != o.ExecutionStateRoot {
		t.Fatalf("state root: %v %v", r, err)
	}
}

// FuzzUpdate: no panic on any proof or public values; errors wrap the package's sentinels
// and leave the client unchanged; an accepted update moved the head forward from a trusted
// header, publishes exactly its roots, and its public values are the canonical encoding of
// the outputs it returned (so the proof verified these exact bytes).
func FuzzUpdate(f *testing.F) {
	cp := zk.Checkpoint{Slot: 100, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	o := zk.Outputs{PrevHeader: cp.Header, PrevSlot: cp.Slot, NewHeader: interop.Hash{4}, NewSlot: 164, StartSyncCommitteeHash: cp.SyncCommitteeHash}
	pv := zk.HeliosV2{}.AppendPublicValues(nil, o)
	f.Add(zktest.FakeProve(vkey, pv), pv, uint8(0))
	f.Add(zktest.FakeProve(vkey, pv[:224]), pv[:224], uint8(1))
	so := o
	so.Slots = []zk.StorageSlot{{Key: interop.Hash{7}, Value: interop.Hash{8}, Contract: interop.Address{9}}}
	spv := zk.HeliosStorage{}.AppendPublicValues(nil, so)
	f.Add(zktest.FakeProve(vkey, spv), spv, uint8(2))
	f.Fuzz(func(t *testing.T, proof, pv []byte, layout uint8) {
		dec := []zk.PublicValuesDecoder{zk.HeliosV2{}, zk.HeliosV1{}, zk.HeliosStorage{}}[layout%3]
		c, err := zk.New(zk.Config{Chain: 1, Verifier: zktest.FakeVerifier{}, ProgramVKey: vkey, Decoder: dec}, cp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Update(proof, pv)
		if err != nil {
			ok := false
			for _, s := range []error{zk.ErrPublicValues, zk.ErrUnknownPrev, zk.ErrNotMonotonic, zk.ErrSyncCommittee, zk.ErrConflict, zk.ErrProof} {
				ok = ok || errors.Is(err, s)
			}
			if !ok {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			if head, h := c.Head(); head != cp.Slot || h != cp.Header {
				t.Fatal("refused update changed the head")
			}
			return
		}
		if got.PrevSlot != cp.Slot || got.PrevHeader != cp.Header || got.NewSlot <= cp.Slot {
			t.Fatalf("accepted an update from %d (%s) to %d", got.PrevSlot, got.PrevHeader, got.NewSlot)
		}
		if head, h := c.Head(); head != got.NewSlot || h != got.NewHeader {
			t.Fatalf("head %d %s after accepting %d %s", head, h, got.NewSlot, got.NewHeader)
		}
		if r, err := c.Root(1, got.NewSlot, lightclient.StateRoot); err != nil || r.Value != got.ExecutionStateRoot {
			t.Fatalf("published state root %v, %v", r.Value, err)
		}
		var re []byte
		switch d := dec.(type) {
		case zk.HeliosV1:
			re = d.AppendPublicValues(nil, got)
		case zk.HeliosV2:
			re = d.AppendPublicValues(nil, got)
		case zk.HeliosStorage:
			re = d.AppendPublicValues(nil, got)
		}
		if string(re) != string(pv) {
			t.Fatalf("accepted public values are not the canonical encoding of %+v", got)
		}
		if err := (zktest.FakeVerifier{}).Verify(vkey, re, proof); err != nil {
			t.Fatalf("re-encoded values do not re-verify: %v", err)
		}
	})
}

// TestStorageSlots: with the current SP1Helios layout, proven storage values are kept at
// the new head's slot, and nothing is kept for a refused update.
func TestStorageSlots(t *testing.T) {
	cp := zk.Checkpoint{Slot: 100, Header: interop.Hash{1}, ExecutionStateRoot: interop.Hash{2}, SyncCommitteeHash: interop.Hash{3}}
	c, err := zk.New(zk.Config{Chain: 1, Verifier: zktest.FakeVerifier{}, ProgramVKey: vkey, Decoder: zk.HeliosStorage{}}, cp)
	if err != nil {
		t.Fatal(err)
	}
	slot := zk.StorageSlot{Key: interop.Hash{7}, Value: interop.Hash{8}, Contract: interop.Address{9}}
	o := zk.Outputs{PrevHeader: cp.Header, PrevSlot: cp.Slot, NewHeader: interop.Hash{4}, NewSlot: 164,
		ExecutionStateRoot: interop.Hash{5}, StartSyncCommitteeHash: cp.SyncCommitteeHash, Slots: []zk.StorageSlot{slot}}
	pv := zk.HeliosStorage{}.AppendPublicValues(nil, o)
	if _, err := c.Update(zktest.FakeProve(vkey, pv[:len(pv)-1]), pv); !errors.Is(err, zk.ErrProof) {
		t.Fatalf("bad proof: %v", err)
	}
	if _, ok := c.StorageValue(164, slot.Contract, slot.Key); ok {
		t.Fatal("storage kept from a refused update")
	}
	if _, err := c.Update(zktest.FakeProve(vkey, pv), pv); err != nil {
		t.Fatal(err)
	}
	if v, ok := c.StorageValue(164, slot.Contract, slot.Key); !ok || v != slot.Value {
		t.Fatalf("storage value %v %v", v, ok)
	}
}
