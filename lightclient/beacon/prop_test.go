package beacon_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/lightclient/beacon/beacontest"
	"github.com/interopkit/interop/proof/ssz"
	"pgregory.net/rapid"
)

// altairOnly is a minimal-preset network that stays in Altair: the headers the fake chain
// makes carry no execution payload.
func altairOnly(preset beacon.Preset) beacon.Config {
	cfg := beacon.Config{Name: "test", ExecutionChainID: 1, GenesisForkVersion: ssz.Version{0, 0, 0, 1}, Preset: preset}
	cfg.GenesisValidatorsRoot[0] = 0x42
	for i := range cfg.Forks {
		cfg.Forks[i] = beacon.ForkVersion{Fork: ssz.Altair + ssz.Fork(i), Version: ssz.Version{byte(i + 1), 0, 0, 1}, Epoch: beacon.FarFutureEpoch}
	}
	cfg.Forks[0].Epoch = 0
	return cfg
}

var chain = beacontest.NewChain(altairOnly(beacon.MinimalPreset), 7)

// TestPropSignedUpdates: a committee signs a header; the update verifies, and flipping any
// participation bit, any signature byte, the fork version or the signed root makes it fail,
// leaving the store unchanged.
func TestPropSignedUpdates(t *testing.T) {
	cfg := chain.Config
	n := cfg.Preset.SyncCommitteeSize
	period := cfg.SlotsPerPeriod()
	rapid.Check(t, func(t *rapid.T) {
		boot := rapid.Uint64Range(0, 3).Draw(t, "period")*period + rapid.Uint64Range(1, period-4).Draw(t, "offset")
		attested := rapid.Uint64Range(boot+1, (cfg.Period(boot)+1)*period-2).Draw(t, "attested")
		bits := beacontest.Bits(n, 1).Draw(t, "bits")
		trusted, b := chain.Bootstrap(boot)
		newStore := func(c beacon.Config) *beacon.Store {
			s, err := beacon.Bootstrap(c, trusted, b)
			if err != nil {
				t.Fatalf("bootstrap: %v", err)
			}
			return s
		}
		u := chain.Update(attested, boot, attested+1, bits, rapid.Bool().Draw(t, "next"), true)

		tamper := rapid.IntRange(0, 3).Draw(t, "tamper")
		s := newStore(cfg)
		switch tamper {
		case 0: // flip one participation bit
			i := rapid.IntRange(0, n-1).Draw(t, "bit")
			u.SyncAggregate.SyncCommitteeBits[i/8] ^= 1 << (i % 8)
			if u.SyncAggregate.Participants() == 0 {
				return
			}
		case 1: // flip one signature byte
			u.SyncAggregate.SyncCommitteeSignature[rapid.IntRange(0, 95).Draw(t, "sigbyte")] ^= byte(rapid.IntRange(1, 255).Draw(t, "x"))
		case 2: // another fork version: another domain
			other := cfg
			other.Forks[0].Version[3] ^= 0x80
			s = newStore(other)
		case 3: // the signature is over another root: resign a different header
			orig := u.AttestedHeader
			u.AttestedHeader.Beacon.ProposerIndex++
			chain.Sign(u, bits)
			u.AttestedHeader = orig
		}
		before := s.FinalizedHeader()
		err := s.ProcessUpdate(u, attested+1)
		if !errors.Is(err, beacon.ErrInvalidSignature) {
			t.Fatalf("tamper %d: %v", tamper, err)
		}
		if after := s.FinalizedHeader(); after.Beacon != before.Beacon {
			t.Fatal("rejected update changed the store")
		}
		// The untampered update verifies.
		good := chain.Update(attested, boot, attested+1, bits, false, true)
		if err := newStore(cfg).ProcessUpdate(good, attested+1); err != nil {
			t.Fatalf("valid update: %v", err)
		}
	})
}

// TestSupermajorityBoundary: a finality update is applied with participants*3 >= 2*size and
// not with one signer fewer, for the minimal (32) and mainnet (512) committee sizes.
func TestSupermajorityBoundary(t *testing.T) {
	for _, preset := range []beacon.Preset{beacon.MinimalPreset, beacon.MainnetPreset} {
		ch := beacontest.NewChain(altairOnly(preset), 11)
		n := preset.SyncCommitteeSize
		need := (2*n + 2) / 3 // the least p with 3p >= 2n
		period := ch.Config.SlotsPerPeriod()
		boot := period + 1
		trusted, b := ch.Bootstrap(boot)
		for _, p := range []int{need - 1, need} {
			s, err := beacon.Bootstrap(ch.Config, trusted, b)
			if err != nil {
				t.Fatal(err)
			}
			members := make([]int, p)
			for i := range members {
				members[i] = i
			}
			u := ch.Update(boot+10, boot+2, boot+11, beacontest.BitsOf(n, members), true, true)
			if err := s.ProcessUpdate(u, boot+11); err != nil {
				t.Fatalf("size %d, %d signers: %v", n, p, err)
			}
			applied := s.FinalizedHeader().Beacon.Slot == boot+2
			if applied != (p == need) {
				t.Fatalf("size %d, %d signers (need %d): applied = %v", n, p, need, applied)
			}
			if !applied && s.OptimisticHeader().Beacon.Slot != boot+10 {
				t.Fatalf("size %d, %d signers: optimistic header not advanced", n, p)
			}
		}
	}
}

// TestPeriodRotation walks a fake chain across periods: each update signed by the committee
// the previous one handed over, the store rotating committees as the spec says.
func TestPeriodRotation(t *testing.T) {
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
	for period := uint64(1); period < 6; period++ {
		// Within the period: finalize and learn the next committee.
		u := chain.Update(period*p+20, period*p+10, period*p+21, bits, true, true)
		if err := s.ProcessUpdate(u, period*p+21); err != nil {
			t.Fatalf("period %d: %v", period, err)
		}
		if !s.NextSyncCommitteeKnown() {
			t.Fatalf("period %d: next committee not learned", period)
		}
		// Signed by the next period's committee, finalizing a header in it: rotation.
		u = chain.Update((period+1)*p+5, (period+1)*p+1, (period+1)*p+6, bits, true, true)
		if err := s.ProcessUpdate(u, (period+1)*p+6); err != nil {
			t.Fatalf("period %d → %d: %v", period, period+1, err)
		}
		if got := s.FinalizedHeader().Beacon.Slot; got != (period+1)*p+1 {
			t.Fatalf("period %d: finalized %d", period, got)
		}
		// A signature from two periods ahead is refused.
		far := chain.Update((period+3)*p+5, (period+3)*p+1, (period+3)*p+6, bits, false, true)
		if err := s.ProcessUpdate(far, (period+3)*p+6); !errors.Is(err, beacon.ErrWrongPeriod) {
			t.Fatalf("skipping a period: %v", err)
		}
	}
}
