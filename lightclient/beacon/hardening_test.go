package beacon_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
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

// multiFork is a minimal-preset network that runs every fork with light-client types in
// the first sync-committee period: Bellatrix from genesis, Capella at epoch 1, Deneb at 2,
// Electra at 3 (8 slots an epoch).
func multiFork() beacon.Config {
	cfg := altairOnly(beacon.MinimalPreset)
	for i, epoch := range []uint64{0, 0, 1, 2, 3} {
		cfg.Forks[i].Epoch = epoch
	}
	return cfg
}

// withDepths gives u's branches the depths of fork f: zero nodes added at the top (as
// normalize_merkle_branch does) or removed from it.
func withDepths(u *ssz.LightClientUpdate, f ssz.Fork) {
	resize := func(b []interop.Hash, depth int) []interop.Hash {
		if len(b) >= depth {
			return b[len(b)-depth:]
		}
		return append(make([]interop.Hash, depth-len(b)), b...)
	}
	if f >= ssz.Altair && f <= ssz.Fulu {
		u.FinalityBranch = resize(u.FinalityBranch, f.FinalityBranchDepth())
		u.NextSyncCommitteeBranch = resize(u.NextSyncCommitteeBranch, f.SyncCommitteeBranchDepth())
	}
}

// TestHardeningForkLabelAcrossForks: on a network that runs Bellatrix, Capella, Deneb and
// Electra, an update is accepted only under the label of its attested slot's fork, with
// that fork's branch depths (Electra: 7 and 6 nodes, before: 6 and 5), even when the
// relabel is made consistent (headers relabelled, branches resized); an update of a later
// fork than the store is refused until the store is upgraded; and the headers the store
// holds hash as its own fork's.
func TestHardeningForkLabelAcrossForks(t *testing.T) {
	ch := beacontest.NewChain(multiFork(), 3)
	cfg := ch.Config
	n := cfg.Preset.SyncCommitteeSize
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	bits := beacontest.BitsOf(n, all)
	trusted, b := ch.Bootstrap(2)
	if b.Fork != ssz.Bellatrix {
		t.Fatalf("bootstrap of slot 2 is %s", b.Fork)
	}
	for _, attested := range []uint64{5, 12, 20, 30, 40} {
		want := cfg.ForkAtSlot(attested)
		fresh := func() *beacon.Store {
			s, err := beacon.Bootstrap(cfg, trusted, b)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Upgrade(ssz.Electra); err != nil {
				t.Fatal(err)
			}
			return s
		}
		for _, label := range []ssz.Fork{ssz.Phase0, ssz.Altair, ssz.Bellatrix, ssz.Capella, ssz.Deneb, ssz.Electra, ssz.Fulu, ssz.Fork(42)} {
			if label == want {
				continue
			}
			u := ch.Update(attested, 3, attested+1, bits, true, true)
			relabel(u, label, true)
			withDepths(u, label)
			s := fresh()
			if err := s.ProcessUpdate(u, attested+1); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("attested %d (%s) labelled %s: %v, want ErrFork", attested, want, label, err)
			}
			if s.FinalizedHeader().Beacon.Slot != 2 {
				t.Errorf("attested %d labelled %s: refused update changed the store", attested, label)
			}
		}
		// The right label with the other era's branch depth is refused too.
		u := ch.Update(attested, 3, attested+1, bits, true, true)
		other := ssz.Deneb
		if want < ssz.Electra {
			other = ssz.Electra
		}
		withDepths(u, other)
		if err := fresh().ProcessUpdate(u, attested+1); !errors.Is(err, beacon.ErrFork) {
			t.Errorf("attested %d (%s) with %s branch depths: %v, want ErrFork", attested, want, other, err)
		}

		// Genuine: accepted by an upgraded store, refused by a store of an earlier fork.
		u = ch.Update(attested, 3, attested+1, bits, true, true)
		if old, _ := beacon.Bootstrap(cfg, trusted, b); want > ssz.Bellatrix {
			if err := old.ProcessUpdate(u, attested+1); !errors.Is(err, beacon.ErrFork) {
				t.Errorf("attested %d (%s) into a Bellatrix store: %v, want ErrFork", attested, want, err)
			}
		}
		s := fresh()
		if err := s.ProcessUpdate(u, attested+1); err != nil {
			t.Fatalf("attested %d (%s): %v", attested, want, err)
		}
		fin := s.FinalizedHeader()
		if fin.Beacon.Slot != 3 || fin.Fork != ssz.Electra {
			t.Fatalf("attested %d: finalized slot %d in a %s container", attested, fin.Beacon.Slot, fin.Fork)
		}
		// The store's Electra header is a container of beacon, execution and branch: its
		// root is not the beacon root, and relabelled to Altair it would hash differently.
		root, err := fin.HashTreeRoot()
		altair := fin
		altair.Fork = ssz.Altair
		altairRoot, err2 := altair.HashTreeRoot()
		if err != nil || err2 != nil || root == altairRoot || altairRoot != fin.Beacon.HashTreeRoot() {
			t.Fatalf("attested %d: Electra root %s, Altair root %s, beacon root %s (%v, %v)", attested, root, altairRoot, fin.Beacon.HashTreeRoot(), err, err2)
		}
		if opt := s.OptimisticHeader(); opt.Beacon.Slot != attested || opt.Fork != ssz.Electra {
			t.Fatalf("attested %d: optimistic slot %d in a %s container", attested, opt.Beacon.Slot, opt.Fork)
		}
		if want.HasExecution() {
			if got, err := s.Latest(lightclient.Unsafe); err != nil || got != attested {
				t.Fatalf("attested %d: latest execution block %d, %v", attested, got, err)
			}
		}
	}
}
