package beacon_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/lightclient/beacon/beacontest"
	"github.com/interopkit/interop/proof/ssz"
	"pgregory.net/rapid"
)

// relabel sets the fork label of u and of the headers it holds, as an attacker who
// re-wraps valid data in another fork's envelope does.
func relabel(u *ssz.LightClientUpdate, f ssz.Fork, headers bool) {
	u.Fork = f
	if headers {
		u.AttestedHeader.Fork = f
		u.FinalizedHeader.Fork = f
	}
}

// TestHardeningForkLabel: on an Altair-only network every slot is Altair, so an update
// labelled with any other fork (Capella, Electra, Fulu, an undefined Fork(42), ...) is a
// container the network does not run. It must be refused with ErrFork and never stored:
// a stored header labelled Capella or later would hash (LightClientHeader.HashTreeRoot) to
// a container root, not to the beacon block root the committee signed.
func TestHardeningForkLabel(t *testing.T) {
	cfg := chain.Config
	n := cfg.Preset.SyncCommitteeSize
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	bits := beacontest.BitsOf(n, all)
	p := cfg.SlotsPerPeriod()
	trusted, b := chain.Bootstrap(p + 1)
	fresh := func(t *testing.T) *beacon.Store {
		s, err := beacon.Bootstrap(cfg, trusted, b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, label := range []ssz.Fork{ssz.Phase0, ssz.Bellatrix, ssz.Capella, ssz.Deneb, ssz.Electra, ssz.Fulu, ssz.Fork(42)} {
		for _, headers := range []bool{false, true} {
			u := chain.Update(p+20, p+10, p+21, bits, true, true)
			relabel(u, label, headers)
			s := fresh(t)
			before := s.FinalizedHeader()
			if err := s.ValidateUpdate(u, p+21); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("label %s (headers too: %v): ValidateUpdate: %v, want ErrFork", label, headers, err)
			}
			if err := s.ProcessUpdate(u, p+21); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("label %s (headers too: %v): ProcessUpdate: %v, want ErrFork", label, headers, err)
			}
			after := s.FinalizedHeader()
			if after.Beacon != before.Beacon || after.Fork != before.Fork || s.OptimisticHeader().Beacon.Slot != before.Beacon.Slot {
				t.Errorf("label %s (headers too: %v): refused update changed the store", label, headers)
			}
			// Why the accept was wrong: the relabelled header is another container.
			if label >= ssz.Capella && label <= ssz.Fulu {
				h := u.FinalizedHeader
				h.Fork = label
				root, err := h.HashTreeRoot()
				if err != nil || root == h.Beacon.HashTreeRoot() {
					t.Errorf("label %s: relabelled header hashes to the beacon root (%v)", label, err)
				}
			}

			// The finality and optimistic updates carry the same label.
			fu := &ssz.LightClientFinalityUpdate{Fork: label, AttestedHeader: u.AttestedHeader, FinalizedHeader: u.FinalizedHeader,
				FinalityBranch: u.FinalityBranch, SyncAggregate: u.SyncAggregate, SignatureSlot: u.SignatureSlot}
			if err := s.ProcessFinalityUpdate(fu, p+21); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("label %s: ProcessFinalityUpdate: %v, want ErrFork", label, err)
			}
			ou := &ssz.LightClientOptimisticUpdate{Fork: label, AttestedHeader: u.AttestedHeader, SyncAggregate: u.SyncAggregate, SignatureSlot: u.SignatureSlot}
			if err := s.ProcessOptimisticUpdate(ou, p+21); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("label %s: ProcessOptimisticUpdate: %v, want ErrFork", label, err)
			}
			if got := s.FinalizedHeader(); got.Beacon != before.Beacon || s.OptimisticHeader().Beacon.Slot != before.Beacon.Slot {
				t.Errorf("label %s: refused finality/optimistic update changed the store", label)
			}
		}

		// A relabelled bootstrap is refused too.
		rb := *b
		rb.Fork = label
		rb.Header.Fork = label
		if _, err := beacon.Bootstrap(cfg, trusted, &rb); !errors.Is(err, beacon.ErrFork) {
			t.Errorf("label %s: Bootstrap: %v, want ErrFork", label, err)
		}
	}

	// The genuine update is accepted, and what the store holds hashes to the beacon root.
	s := fresh(t)
	if err := s.ProcessUpdate(chain.Update(p+20, p+10, p+21, bits, true, true), p+21); err != nil {
		t.Fatal(err)
	}
	fin := s.FinalizedHeader()
	if root, err := fin.HashTreeRoot(); err != nil || root != fin.Beacon.HashTreeRoot() || fin.Fork != ssz.Altair {
		t.Fatalf("stored header %s: root %s (%v), beacon root %s", fin.Fork, root, err, fin.Beacon.HashTreeRoot())
	}
}

// TestHardeningForkLabelProperty: an update relabelled with any fork other than the one the
// config runs at its attested slot is refused with ErrFork, and the store never changes.
func TestHardeningForkLabelProperty(t *testing.T) {
	cfg := chain.Config
	n := cfg.Preset.SyncCommitteeSize
	p := cfg.SlotsPerPeriod()
	trusted, b := chain.Bootstrap(p + 1)
	rapid.Check(t, func(t *rapid.T) {
		label := ssz.Fork(rapid.Uint8().Filter(func(f uint8) bool { return ssz.Fork(f) != ssz.Altair }).Draw(t, "label"))
		attested := rapid.Uint64Range(p+3, 2*p-2).Draw(t, "attested")
		u := chain.Update(attested, p+2, attested+1, beacontest.Bits(n, n).Draw(t, "bits"), rapid.Bool().Draw(t, "next"), true)
		relabel(u, label, rapid.Bool().Draw(t, "headers"))
		s, err := beacon.Bootstrap(cfg, trusted, b)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ProcessUpdate(u, attested+1); !errors.Is(err, beacon.ErrFork) {
			t.Fatalf("label %s: %v, want ErrFork", label, err)
		}
		if fin := s.FinalizedHeader(); fin.Beacon.Slot != p+1 || fin.Fork != ssz.Altair || s.OptimisticHeader().Beacon.Slot != p+1 {
			t.Fatal("refused update changed the store")
		}
	})
}
