package beacon

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// fuzzConfig is an Altair-only minimal network for fuzzing.
func fuzzConfig() Config {
	cfg := Config{Name: "fuzz", ExecutionChainID: 1, Preset: MinimalPreset}
	for i := range cfg.Forks {
		cfg.Forks[i] = ForkVersion{Fork: ssz.Altair + ssz.Fork(i), Version: ssz.Version{byte(i + 1)}, Epoch: FarFutureEpoch}
	}
	cfg.Forks[0].Epoch = 0
	return cfg
}

var beaconSentinels = []error{ErrInvalidBootstrap, ErrInvalidHeader, ErrInsufficientParticipation, ErrInvalidSlots,
	ErrWrongPeriod, ErrIrrelevantUpdate, ErrInvalidFinalityProof, ErrInvalidSyncCommitteeProof,
	ErrInvalidSyncCommittee, ErrInvalidSignature, ErrFork}

func hasSentinel(err error) bool {
	for _, s := range beaconSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzProcessUpdate decodes arbitrary SSZ as an update of any fork and processes it
// against an Altair-only store whose committee is the update's own next committee: no
// panic, errors carry a sentinel, a rejected update leaves the store unchanged, and an
// accepted one is an Altair update whose encoding is the input (canonical SSZ).
func FuzzProcessUpdate(f *testing.F) {
	cfg := fuzzConfig()
	boot := &ssz.LightClientBootstrap{Fork: ssz.Altair, CurrentSyncCommittee: ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, 32)},
		CurrentSyncCommitteeBranch: make([]interop.Hash, 5)}
	seed := &ssz.LightClientUpdate{Fork: ssz.Altair, NextSyncCommittee: ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, 32)},
		NextSyncCommitteeBranch: make([]interop.Hash, 5), FinalityBranch: make([]interop.Hash, 6),
		SyncAggregate: ssz.SyncAggregate{SyncCommitteeBits: []byte{0xff, 0, 0, 1}}, SignatureSlot: 9}
	seed.AttestedHeader.Beacon.Slot = 8
	enc, _ := seed.MarshalSSZ()
	f.Add(enc, uint64(10), uint8(ssz.Altair))
	f.Add(enc, uint64(10), uint8(ssz.Bellatrix))
	f.Fuzz(func(t *testing.T, data []byte, currentSlot uint64, fork uint8) {
		var u ssz.LightClientUpdate
		if err := u.UnmarshalSSZ(ssz.Fork(fork%8), cfg.sszPreset(), data); err != nil {
			return
		}
		// A store whose committee is the fuzzed update's next committee, so that signature
		// checks are reached with attacker-chosen keys.
		b := *boot
		b.CurrentSyncCommittee = u.NextSyncCommittee
		s := &Store{cfg: cfg, fork: ssz.Altair}
		s.st = state{finalized: b.Header, optimistic: b.Header, current: newCommittee(&b.CurrentSyncCommittee)}
		before := s.st
		if err := s.ProcessUpdate(&u, currentSlot); err != nil {
			if !hasSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			if s.st.finalized.Beacon != before.finalized.Beacon || s.st.best != before.best || s.st.curMax != before.curMax {
				t.Fatal("rejected update changed the store")
			}
			return
		}
		if u.Fork != ssz.Altair {
			t.Fatalf("accepted a %s update on an Altair-only network", u.Fork)
		}
		if re, err := u.MarshalSSZ(); err != nil || string(re) != string(data) {
			t.Fatalf("accepted update re-encodes differently (%v)", err)
		}
	})
}

// FuzzBootstrapJSON decodes arbitrary Beacon-API JSON as a bootstrap and bootstraps from
// it: errors carry a sentinel; an accepted bootstrap has the fork mainnet runs at its slot,
// holds its header in that fork, and is accepted again after a JSON round trip.
func FuzzBootstrapJSON(f *testing.F) {
	f.Add([]byte(`{"version":"altair","data":{"header":{"beacon":{"slot":"1","proposer_index":"0","parent_root":"0x0000000000000000000000000000000000000000000000000000000000000000","state_root":"0x0000000000000000000000000000000000000000000000000000000000000000","body_root":"0x0000000000000000000000000000000000000000000000000000000000000000"}},"current_sync_committee":{"pubkeys":[],"aggregate_pubkey":"0x"},"current_sync_committee_branch":[]}}`))
	for _, c := range loadRealChains(f) {
		if enc, err := json.Marshal(&c.bootstrap); err == nil {
			f.Add(enc) // real mainnet bootstraps reach the accepting path
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b ssz.LightClientBootstrap
		if err := json.Unmarshal(data, &b); err != nil {
			return
		}
		root := b.Header.Beacon.HashTreeRoot()
		s, err := Bootstrap(Mainnet, root, &b)
		if err != nil {
			if !hasSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if want := Mainnet.ForkAtSlot(b.Header.Beacon.Slot); b.Fork != want || s.Fork() != want || s.FinalizedHeader().Fork != want {
			t.Fatalf("accepted a %s bootstrap at a %s slot", b.Fork, want)
		}
		enc, err := json.Marshal(&b)
		if err != nil {
			t.Fatalf("accepted bootstrap does not encode: %v", err)
		}
		var back ssz.LightClientBootstrap
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("accepted bootstrap does not decode: %v", err)
		}
		if _, err := Bootstrap(Mainnet, root, &back); err != nil {
			t.Fatalf("accepted bootstrap, re-encoded, refused: %v", err)
		}
	})
}
