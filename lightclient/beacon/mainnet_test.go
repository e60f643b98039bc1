package beacon

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/ssz"
)

// TestConformanceMainnetConfig checks the built-in mainnet schedule against the network
// config in the vectors.
func TestConformanceMainnetConfig(t *testing.T) {
	for _, path := range vectors.Files(t, "beacon", "network_config_mainnet.json") {
		var nc struct {
			GVR   interop.Hash `json:"genesis_validators_root"`
			Forks []struct {
				Name    string `json:"name"`
				Epoch   uint64 `json:"epoch"`
				Version string `json:"version"`
			} `json:"forks"`
			SlotsPerEpoch uint64 `json:"slots_per_epoch"`
			EpochsPerSCP  uint64 `json:"epochs_per_sync_committee_period"`
			SCSize        int    `json:"sync_committee_size"`
		}
		if err := json.Unmarshal(vectors.Read(t, path), &nc); err != nil {
			t.Fatal(err)
		}
		if nc.GVR != Mainnet.GenesisValidatorsRoot || nc.SlotsPerEpoch != Mainnet.Preset.SlotsPerEpoch ||
			nc.EpochsPerSCP != Mainnet.Preset.EpochsPerSyncCommitteePeriod || nc.SCSize != Mainnet.Preset.SyncCommitteeSize {
			t.Fatalf("mainnet constants differ from %s", path)
		}
		for _, f := range nc.Forks {
			fork, err := ssz.ParseFork(f.Name)
			if err != nil {
				continue // forks after Fulu have no light-client types yet
			}
			if got := Mainnet.ForkEpoch(fork); got != f.Epoch {
				t.Errorf("%s epoch %d, want %d", f.Name, got, f.Epoch)
			}
			if got := interop.EncodeHex(func() []byte { v := Mainnet.Version(fork); return v[:] }()); fork != ssz.Phase0 && got != f.Version {
				t.Errorf("%s version %s, want %s", f.Name, got, f.Version)
			}
		}
	}
}

type realChain struct {
	checkpoint interop.Hash
	bootstrap  ssz.LightClientBootstrap
	updates    []ssz.LightClientUpdate
	finality   *ssz.LightClientFinalityUpdate
	optimistic *ssz.LightClientOptimisticUpdate
}

// loadRealChains reads every folder of real mainnet light-client data: a checkpoint, a
// bootstrap, and optionally updates, a finality and an optimistic update (Beacon-API JSON).
func loadRealChains(t testing.TB) map[string]*realChain {
	chains := map[string]*realChain{}
	for _, cp := range vectors.Files(t, "beacon", "mainnet_real/**/checkpoint.json") {
		dir := filepath.Dir(cp)
		c := &realChain{}
		var meta struct {
			Root interop.Hash `json:"trusted_block_root"`
		}
		if err := json.Unmarshal(vectors.Read(t, cp), &meta); err != nil {
			t.Fatal(err)
		}
		c.checkpoint = meta.Root
		matches := func(pattern string) []string {
			m, _ := filepath.Glob(filepath.Join(dir, pattern))
			return m
		}
		for _, p := range matches("bootstrap*.json") {
			if err := json.Unmarshal(vectors.Read(t, p), &c.bootstrap); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		for _, p := range matches("updates*.json") {
			if err := json.Unmarshal(vectors.Read(t, p), &c.updates); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		for _, p := range matches("finality*.json") {
			c.finality = new(ssz.LightClientFinalityUpdate)
			if err := json.Unmarshal(vectors.Read(t, p), c.finality); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		for _, p := range matches("optimistic*.json") {
			c.optimistic = new(ssz.LightClientOptimisticUpdate)
			if err := json.Unmarshal(vectors.Read(t, p), c.optimistic); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		chains[filepath.Base(dir)] = c
	}
	return chains
}

// TestConformanceMainnetChain follows real mainnet data from a checkpoint: every update,
// the finality and the optimistic update must be accepted in order, each signed by the
// committee the previous one handed over, and the finalized execution roots come out of
// the RootSource.
func TestConformanceMainnetChain(t *testing.T) {
	for name, c := range loadRealChains(t) {
		t.Run(name, func(t *testing.T) {
			s, err := Bootstrap(Mainnet, c.checkpoint, &c.bootstrap)
			if err != nil {
				t.Fatalf("bootstrap: %v", err)
			}
			for i := range c.updates {
				u := &c.updates[i]
				if err := s.ProcessUpdate(u, u.SignatureSlot); err != nil {
					t.Fatalf("update %d (attested %d): %v", i, u.AttestedHeader.Beacon.Slot, err)
				}
			}
			if c.finality != nil {
				if err := s.ProcessFinalityUpdate(c.finality, c.finality.SignatureSlot); err != nil {
					t.Fatalf("finality update: %v", err)
				}
				fin := s.FinalizedHeader()
				if fin.Beacon.Slot != c.finality.FinalizedHeader.Beacon.Slot && fin.Beacon.Slot < c.finality.FinalizedHeader.Beacon.Slot {
					t.Fatalf("finalized slot %d after finality update to %d", fin.Beacon.Slot, c.finality.FinalizedHeader.Beacon.Slot)
				}
			}
			if c.optimistic != nil {
				if err := s.ProcessOptimisticUpdate(c.optimistic, c.optimistic.SignatureSlot); err != nil {
					t.Fatalf("optimistic update: %v", err)
				}
				if got := s.OptimisticHeader().Beacon.Slot; got != c.optimistic.AttestedHeader.Beacon.Slot {
					t.Fatalf("optimistic slot %d, want %d", got, c.optimistic.AttestedHeader.Beacon.Slot)
				}
			}
			fin := s.FinalizedHeader()
			block, err := s.Latest(lightclient.Finalized)
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.Root(1, block, lightclient.StateRoot)
			if err != nil || r.Value != fin.Execution.StateRoot || r.Finality != lightclient.Finalized {
				t.Fatalf("RootSource: %v, %v", r, err)
			}
			t.Logf("%s: %d updates; finalized slot %d, execution block %d, state root %s", name, len(c.updates), fin.Beacon.Slot, block, r.Value)
		})
	}
}

// snapshot captures everything a rejected update must leave unchanged.
func snapshot(s *Store) any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return []any{s.st.finalized, s.st.optimistic, s.st.current, s.st.next, s.st.best, s.st.prevMax, s.st.curMax, len(s.finalizedHistory), s.fork}
}

// TestRejectsTamperedRealUpdates mutates real mainnet updates: each mutation is refused with
// its sentinel, and the store is unchanged.
func TestRejectsTamperedRealUpdates(t *testing.T) {
	chains := loadRealChains(t)
	c, ok := chains["helios_capella_p862"]
	if !ok || len(c.updates) < 2 {
		if vectors.Required() {
			t.Fatal("helios_capella_p862 chain missing")
		}
		t.Skip("helios_capella_p862 chain missing")
	}
	s, err := Bootstrap(Mainnet, c.checkpoint, &c.bootstrap)
	if err != nil {
		t.Fatal(err)
	}
	good := &c.updates[0]
	mutate := func(f func(u *ssz.LightClientUpdate)) *ssz.LightClientUpdate {
		u := cloneUpdate(good)
		f(u)
		return u
	}
	sepolia := Mainnet
	sepolia.Forks[2].Version = ssz.Version{0x90, 0, 0, 0x72}
	for _, tc := range []struct {
		name  string
		store *Store
		u     *ssz.LightClientUpdate
		slot  uint64
		want  error
	}{
		{"participation bit flipped", s, mutate(func(u *ssz.LightClientUpdate) { u.SyncAggregate.SyncCommitteeBits[3] ^= 0x10 }), good.SignatureSlot, ErrInvalidSignature},
		{"signature byte flipped", s, mutate(func(u *ssz.LightClientUpdate) { u.SyncAggregate.SyncCommitteeSignature[40] ^= 1 }), good.SignatureSlot, ErrInvalidSignature},
		{"attested header changed", s, mutate(func(u *ssz.LightClientUpdate) { u.AttestedHeader.Beacon.ProposerIndex++ }), good.SignatureSlot, ErrInvalidSignature},
		{"attested state root changed", s, mutate(func(u *ssz.LightClientUpdate) { u.AttestedHeader.Beacon.StateRoot[0] ^= 1 }), good.SignatureSlot, ErrInvalidFinalityProof},
		{"no participants", s, mutate(func(u *ssz.LightClientUpdate) { clear(u.SyncAggregate.SyncCommitteeBits) }), good.SignatureSlot, ErrInsufficientParticipation},
		{"signature from the future", s, good, good.SignatureSlot - 1, ErrInvalidSlots},
		{"next committee branch altered", s, mutate(func(u *ssz.LightClientUpdate) { u.NextSyncCommitteeBranch[2][0] ^= 1 }), good.SignatureSlot, ErrInvalidSyncCommitteeProof},
		{"finality branch altered", s, mutate(func(u *ssz.LightClientUpdate) { u.FinalityBranch[1][0] ^= 1 }), good.SignatureSlot, ErrInvalidFinalityProof},
		{"execution branch altered", s, mutate(func(u *ssz.LightClientUpdate) { u.AttestedHeader.ExecutionBranch[0][0] ^= 1 }), good.SignatureSlot, ErrInvalidHeader},
		{"skips a period", s, &c.updates[1], c.updates[1].SignatureSlot, ErrWrongPeriod},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(tc.store)
			err := tc.store.ProcessUpdate(tc.u, tc.slot)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !reflect.DeepEqual(before, snapshot(tc.store)) {
				t.Fatal("rejected update changed the store")
			}
		})
	}
	// Another network's fork version gives another domain: the signature fails.
	other, err := Bootstrap(sepolia, c.checkpoint, &c.bootstrap)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.ProcessUpdate(good, good.SignatureSlot); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("wrong fork version: %v", err)
	}
	// Once applied, the same update again is stale.
	if err := s.ProcessUpdate(good, good.SignatureSlot); err != nil {
		t.Fatal(err)
	}
	if err := s.ProcessUpdate(&c.updates[1], c.updates[1].SignatureSlot); err != nil {
		t.Fatal(err)
	}
	before := snapshot(s)
	if err := s.ProcessUpdate(good, c.updates[1].SignatureSlot); !errors.Is(err, ErrIrrelevantUpdate) && !errors.Is(err, ErrWrongPeriod) {
		t.Fatalf("stale update: %v", err)
	}
	if !reflect.DeepEqual(before, snapshot(s)) {
		t.Fatal("stale update changed the store")
	}
}
