package beacon

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/ssz"
)

// sszSize is the encoded size of v, the input size its checks are measured against.
func sszSize(t *testing.T, v interface{ MarshalSSZ() ([]byte, error) }) int {
	t.Helper()
	b, err := v.MarshalSSZ()
	if err != nil {
		t.Fatal(err)
	}
	return len(b)
}

// TestBoundsAllocPerInputByte runs every verifier on real mainnet data at its full size
// (512-key committees, 511 signers: the most work an update can cause) and on hostile
// variants at and past the bounds: oversized committees, branches and participation
// bitvectors, and extra_data, which must be refused before anything is allocated for them.
// Allocation stays within the project bound per input byte.
func TestBoundsAllocPerInputByte(t *testing.T) {
	chains := loadRealChains(t)
	c, ok := chains["helios_capella_p862"]
	if !ok || len(c.updates) == 0 || c.finality == nil || c.optimistic == nil {
		if vectors.Required() {
			t.Fatal("helios_capella_p862 chain missing")
		}
		t.Skip("helios_capella_p862 chain missing")
	}
	var s *Store
	var err error
	hostile.Bounded(t, "Bootstrap, mainnet", sszSize(t, &c.bootstrap), func() { s, err = Bootstrap(Mainnet, c.checkpoint, &c.bootstrap) })
	if err != nil {
		t.Fatal(err)
	}
	good := &c.updates[0]
	for _, tc := range []struct {
		name string
		size int
		f    func() error
	}{
		{"ValidateUpdate, mainnet", sszSize(t, good), func() error { return s.ValidateUpdate(good, good.SignatureSlot) }},
		{"ProcessUpdate, mainnet", sszSize(t, good), func() error { return s.ProcessUpdate(good, good.SignatureSlot) }},
		{"ProcessFinalityUpdate, mainnet", sszSize(t, c.finality), func() error {
			return s.ProcessFinalityUpdate(c.finality, c.finality.SignatureSlot)
		}},
		{"ProcessOptimisticUpdate, mainnet", sszSize(t, c.optimistic), func() error {
			return s.ProcessOptimisticUpdate(c.optimistic, c.optimistic.SignatureSlot)
		}},
		{"ForceUpdate", 1, func() error { _, err := s.ForceUpdate(good.SignatureSlot + Mainnet.Preset.UpdateTimeout*4); return err }},
	} {
		var err error
		u := hostile.Bounded(t, tc.name, tc.size, func() { err = tc.f() })
		t.Logf("%s: %d input bytes, %d bytes allocated (%d objects), %v", tc.name, tc.size, u.Bytes, u.Objects, err)
	}

	// A finality update the store accepts (real Fulu data: Electra-depth branches).
	for name, fc := range chains {
		if fc.finality == nil || len(fc.updates) > 0 {
			continue
		}
		fs, err := Bootstrap(Mainnet, fc.checkpoint, &fc.bootstrap)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		u := hostile.Bounded(t, name+": ProcessFinalityUpdate", sszSize(t, fc.finality), func() {
			err = fs.ProcessFinalityUpdate(fc.finality, fc.finality.SignatureSlot)
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: ProcessFinalityUpdate: %d input bytes, %d bytes allocated (%d objects)", name, sszSize(t, fc.finality), u.Bytes, u.Objects)
	}

	// Hostile shapes: each is refused, and what it costs does not grow with its size.
	s, err = Bootstrap(Mainnet, c.checkpoint, &c.bootstrap)
	if err != nil {
		t.Fatal(err)
	}
	const huge = 1 << 20
	mutate := func(f func(u *ssz.LightClientUpdate)) *ssz.LightClientUpdate {
		u := cloneUpdate(good)
		f(u)
		return u
	}
	for _, tc := range []struct {
		name string
		size int
		u    *ssz.LightClientUpdate
		want error
	}{
		{"2^20 committee keys", 48 * huge, mutate(func(u *ssz.LightClientUpdate) { u.NextSyncCommittee.Pubkeys = make([]ssz.BLSPubkey, huge) }), ErrFork},
		{"2^20-node finality branch", 32 * huge, mutate(func(u *ssz.LightClientUpdate) { u.FinalityBranch = make([]interop.Hash, huge) }), ErrFork},
		{"2^20-node committee branch", 32 * huge, mutate(func(u *ssz.LightClientUpdate) { u.NextSyncCommitteeBranch = make([]interop.Hash, huge) }), ErrFork},
		{"2^20-byte participation bits", huge, mutate(func(u *ssz.LightClientUpdate) { u.SyncAggregate.SyncCommitteeBits = make([]byte, huge) }), ErrFork},
		{"2^20-byte extra_data", huge, mutate(func(u *ssz.LightClientUpdate) { u.AttestedHeader.Execution.ExtraData = make([]byte, huge) }), ErrInvalidHeader},
		{"relabelled Electra", sszSize(t, good), mutate(func(u *ssz.LightClientUpdate) { u.Fork = ssz.Electra }), ErrFork},
	} {
		var err error
		hostile.Proportional(t, tc.name, tc.size, 0, 64<<10, func() { err = s.ProcessUpdate(tc.u, good.SignatureSlot) })
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		size int
		f    func(b *ssz.LightClientBootstrap)
	}{
		{"bootstrap, 2^20 committee keys", 48 * huge, func(b *ssz.LightClientBootstrap) { b.CurrentSyncCommittee.Pubkeys = make([]ssz.BLSPubkey, huge) }},
		{"bootstrap, 2^20-node branch", 32 * huge, func(b *ssz.LightClientBootstrap) { b.CurrentSyncCommitteeBranch = make([]interop.Hash, huge) }},
		{"bootstrap, 2^20-byte extra_data", huge, func(b *ssz.LightClientBootstrap) { b.Header.Execution.ExtraData = make([]byte, huge) }},
	} {
		b := c.bootstrap
		tc.f(&b)
		var err error
		hostile.Proportional(t, tc.name, tc.size, 0, 64<<10, func() { _, err = Bootstrap(Mainnet, c.checkpoint, &b) })
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}

	// ConfigFromSpec: a spec map with 2^16 unrelated keys and long values costs nothing for
	// them; it reads a fixed set of keys.
	spec := map[string]string{"PRESET_BASE": "mainnet", "GENESIS_FORK_VERSION": "0x00000000", "ALTAIR_FORK_VERSION": "0x01000000", "ALTAIR_FORK_EPOCH": "0"}
	size := 0
	for i := range 1 << 16 {
		k := string(rune(0x1000+i)) + "_KEY"
		spec[k] = "x"
		size += len(k) + 1
	}
	hostile.Bounded(t, "ConfigFromSpec", size, func() { _, err = ConfigFromSpec("big", spec, interop.Hash{}, 1) })
	if err != nil {
		t.Fatal(err)
	}
}

// TestBoundsJSON feeds the Beacon-API JSON decoders (proof/ssz) with the bootstrap and
// update this package consumes, oversized: the decode and the store's check together stay
// within the bound per input byte.
func TestBoundsJSON(t *testing.T) {
	keys := make([]string, 1<<14)
	for i := range keys {
		keys[i] = "0x" + string(make([]byte, 0)) + "a0" + string(repeat('0', 94))
	}
	doc, _ := json.Marshal(map[string]any{"version": "altair", "data": map[string]any{
		"header":                        map[string]any{"beacon": map[string]any{"slot": "1", "proposer_index": "0", "parent_root": zeroHex, "state_root": zeroHex, "body_root": zeroHex}},
		"current_sync_committee":        map[string]any{"pubkeys": keys, "aggregate_pubkey": "0xa0" + string(repeat('0', 94))},
		"current_sync_committee_branch": []string{zeroHex, zeroHex, zeroHex, zeroHex, zeroHex},
	}})
	var err error
	hostile.Bounded(t, "bootstrap JSON with 2^14 keys", len(doc), func() {
		var b ssz.LightClientBootstrap
		if err = json.Unmarshal(doc, &b); err == nil {
			_, err = Bootstrap(Mainnet, b.Header.Beacon.HashTreeRoot(), &b)
		}
	})
	if err == nil {
		t.Fatal("bootstrap of 2^14 keys accepted")
	}
}

var zeroHex = "0x" + string(repeat('0', 64))

func repeat(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}
