package beacon_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/lightclient/beacon/beacontest"
	"github.com/interopkit/interop/proof/ssz"
)

// TestConcurrentStore: 16 goroutines process the same updates, validate, and read the
// store (headers, roots, fork, committee state) at once. Every read sees either the state
// before an update or after it, and the store ends where one goroutine alone would leave it.
func TestConcurrentStore(t *testing.T) {
	cfg := chain.Config
	n := cfg.Preset.SyncCommitteeSize
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	bits := beacontest.BitsOf(n, all)
	p := cfg.SlotsPerPeriod()
	trusted, b := chain.Bootstrap(p + 1)
	s, err := beacon.Bootstrap(cfg, trusted, b)
	if err != nil {
		t.Fatal(err)
	}
	updates := []*ssz.LightClientUpdate{
		chain.Update(p+20, p+10, p+21, bits, true, true),
		chain.Update(p+30, p+20, p+31, bits, false, true),
	}
	finality := &ssz.LightClientFinalityUpdate{Fork: updates[1].Fork, AttestedHeader: updates[1].AttestedHeader,
		FinalizedHeader: updates[1].FinalizedHeader, FinalityBranch: updates[1].FinalityBranch,
		SyncAggregate: updates[1].SyncAggregate, SignatureSlot: updates[1].SignatureSlot}
	roots := map[uint64]bool{p + 1: true, p + 10: true, p + 20: true}
	hostile.Concurrent(t, 3, func(g int) {
		switch g % 4 {
		case 0:
			for _, u := range updates {
				if err := s.ProcessUpdate(u, u.SignatureSlot); err != nil && !errors.Is(err, beacon.ErrIrrelevantUpdate) {
					t.Errorf("goroutine %d: ProcessUpdate: %v", g, err)
				}
			}
		case 1:
			if err := s.ProcessFinalityUpdate(finality, finality.SignatureSlot); err != nil && !errors.Is(err, beacon.ErrIrrelevantUpdate) {
				t.Errorf("goroutine %d: ProcessFinalityUpdate: %v", g, err)
			}
			if err := s.Upgrade(ssz.Altair); err != nil {
				t.Errorf("goroutine %d: Upgrade to the same fork: %v", g, err)
			}
		case 2:
			for _, u := range updates {
				if err := s.ValidateUpdate(u, u.SignatureSlot); err != nil && !errors.Is(err, beacon.ErrIrrelevantUpdate) {
					t.Errorf("goroutine %d: ValidateUpdate: %v", g, err)
				}
			}
		case 3:
			fin, opt := s.FinalizedHeader(), s.OptimisticHeader()
			if !roots[fin.Beacon.Slot] || opt.Beacon.Slot < fin.Beacon.Slot || fin.Fork != ssz.Altair || s.Fork() != ssz.Altair {
				t.Errorf("goroutine %d: finalized %d (%s), optimistic %d", g, fin.Beacon.Slot, fin.Fork, opt.Beacon.Slot)
			}
			if r, err := s.Root(1, fin.Beacon.Slot, lightclient.BeaconBlockRoot); err != nil || r.Value != fin.Beacon.HashTreeRoot() {
				t.Errorf("goroutine %d: root of slot %d: %v", g, fin.Beacon.Slot, err)
			}
			if _, err := s.Latest(lightclient.Finalized); !errors.Is(err, lightclient.ErrUnknownRoot) {
				t.Errorf("goroutine %d: Latest before Capella: %v", g, err)
			}
			_ = s.NextSyncCommitteeKnown()
			_ = s.Config()
		}
	})
	if fin := s.FinalizedHeader(); fin.Beacon.Slot != p+20 {
		t.Fatalf("finalized %d, want %d", fin.Beacon.Slot, p+20)
	}
	if opt := s.OptimisticHeader(); opt.Beacon.Slot != p+30 {
		t.Fatalf("optimistic %d, want %d", opt.Beacon.Slot, p+30)
	}
}

// TestNilInputs: nil containers are refused with a sentinel, never a panic.
func TestNilInputs(t *testing.T) {
	cfg := chain.Config
	if _, err := beacon.Bootstrap(cfg, [32]byte{}, nil); !errors.Is(err, beacon.ErrInvalidBootstrap) {
		t.Errorf("nil bootstrap: %v", err)
	}
	trusted, b := chain.Bootstrap(cfg.SlotsPerPeriod() + 1)
	s, err := beacon.Bootstrap(cfg, trusted, b)
	if err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"ProcessUpdate":           s.ProcessUpdate(nil, 100),
		"ValidateUpdate":          s.ValidateUpdate(nil, 100),
		"ProcessFinalityUpdate":   s.ProcessFinalityUpdate(nil, 100),
		"ProcessOptimisticUpdate": s.ProcessOptimisticUpdate(nil, 100),
	} {
		if !errors.Is(err, beacon.ErrFork) {
			t.Errorf("%s(nil): %v", name, err)
		}
	}
	if _, err := s.ExecutionRoot(nil); !errors.Is(err, beacon.ErrInvalidHeader) {
		t.Errorf("ExecutionRoot(nil): %v", err)
	}
	u := chain.Update(cfg.SlotsPerPeriod()+5, cfg.SlotsPerPeriod()+2, cfg.SlotsPerPeriod()+6, beacontest.BitsOf(cfg.Preset.SyncCommitteeSize, []int{0}), false, true)
	if !cfg.IsBetterUpdate(u, nil) || cfg.IsBetterUpdate(nil, u) || cfg.IsBetterUpdate(nil, nil) {
		t.Error("IsBetterUpdate with nil")
	}
}

// TestZeroStore: a Store not built by Bootstrap refuses updates and answers no root,
// without panicking.
func TestZeroStore(t *testing.T) {
	var s beacon.Store
	u := chain.Update(70, 66, 71, beacontest.BitsOf(chain.Config.Preset.SyncCommitteeSize, []int{0}), false, true)
	if err := s.ProcessUpdate(u, 71); !errors.Is(err, beacon.ErrConfig) {
		t.Errorf("ProcessUpdate: %v", err)
	}
	if _, err := s.Root(0, 0, lightclient.StateRoot); !errors.Is(err, lightclient.ErrUnknownRoot) {
		t.Errorf("Root: %v", err)
	}
	if _, err := s.Latest(lightclient.Finalized); !errors.Is(err, lightclient.ErrUnknownRoot) {
		t.Errorf("Latest: %v", err)
	}
	if ok, err := s.ForceUpdate(1 << 40); ok || err != nil {
		t.Errorf("ForceUpdate: %v %v", ok, err)
	}
}
