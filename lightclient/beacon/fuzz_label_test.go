package beacon_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/lightclient/beacon/beacontest"
	"github.com/interopkit/interop/proof/ssz"
)

var sentinels = []error{beacon.ErrInvalidHeader, beacon.ErrInsufficientParticipation, beacon.ErrInvalidSlots,
	beacon.ErrWrongPeriod, beacon.ErrIrrelevantUpdate, beacon.ErrInvalidFinalityProof, beacon.ErrInvalidSyncCommitteeProof,
	beacon.ErrInvalidSyncCommittee, beacon.ErrInvalidSignature, beacon.ErrFork}

// FuzzUpdateShape mutates a valid, signed update of an Altair-only network — its fork
// label, its headers' labels, its branches' lengths and bytes — and processes it.
// Invariants: a refused update carries a sentinel and leaves the store unchanged; an
// accepted one carries the fork the network runs at its attested slot, its headers the
// same, its branches that fork's depths; the stored header hashes to the beacon root the
// committee signed; and the update, re-encoded and decoded, verifies again.
func FuzzUpdateShape(f *testing.F) {
	cfg := chain.Config
	n := cfg.Preset.SyncCommitteeSize
	p := cfg.SlotsPerPeriod()
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	bits := beacontest.BitsOf(n, all)
	trusted, b := chain.Bootstrap(p + 1)
	// Signed updates are made once (signing is the slow part); each run mutates a copy.
	const offsets = 8
	var signed [offsets][2]*ssz.LightClientUpdate
	for i := range signed {
		for j, next := range []bool{false, true} {
			attested := p + 3 + uint64(i)*(p-6)/offsets
			signed[i][j] = chain.Update(attested, p+2, attested+1, bits, next, true)
		}
	}
	newStore := func(t testing.TB) *beacon.Store {
		s, err := beacon.Bootstrap(cfg, trusted, b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := newStore(f)
	f.Add(uint8(0), uint8(0), uint16(0), uint8(0), false)
	f.Add(uint8(1), uint8(ssz.Electra), uint16(5), uint8(7), true)
	f.Add(uint8(2), uint8(42), uint16(9), uint8(0), false)
	f.Add(uint8(3), uint8(1), uint16(1), uint8(6), true)
	f.Add(uint8(5), uint8(ssz.Capella), uint16(3), uint8(0), true)
	f.Fuzz(func(t *testing.T, op, arg uint8, off uint16, pos uint8, withNext bool) {
		next := 0
		if withNext {
			next = 1
		}
		u := cloneUpdate(signed[int(off)%offsets][next])
		attested := u.AttestedHeader.Beacon.Slot
		f := ssz.Fork(arg)
		switch op % 6 {
		case 1: // another label
			u.Fork = f
		case 2: // the headers relabelled
			u.AttestedHeader.Fork, u.FinalizedHeader.Fork = f, f
		case 3: // a branch of another length
			u.FinalityBranch = make([]interop.Hash, int(arg%9))
		case 4: // a flipped branch byte
			if len(u.FinalityBranch) > 0 {
				u.FinalityBranch[int(pos)%len(u.FinalityBranch)][int(arg)%32] ^= 1
			}
		case 5: // a consistent relabel: label, headers and branch depths of fork f
			u.Fork, u.AttestedHeader.Fork, u.FinalizedHeader.Fork = f, f, f
			if f >= ssz.Altair && f <= ssz.Fulu {
				u.FinalityBranch = append(make([]interop.Hash, max(0, f.FinalityBranchDepth()-len(u.FinalityBranch))), u.FinalityBranch...)
				u.NextSyncCommitteeBranch = append(make([]interop.Hash, max(0, f.SyncCommitteeBranchDepth()-len(u.NextSyncCommitteeBranch))), u.NextSyncCommitteeBranch...)
			}
		}
		before, beforeOpt := s.FinalizedHeader(), s.OptimisticHeader()
		err := s.ProcessUpdate(u, attested+1)
		if err != nil {
			found := false
			for _, e := range sentinels {
				found = found || errors.Is(err, e)
			}
			if !found {
				t.Fatalf("error without a sentinel: %v", err)
			}
			if fin, opt := s.FinalizedHeader(), s.OptimisticHeader(); fin.Beacon != before.Beacon || opt.Beacon != beforeOpt.Beacon || fin.Fork != before.Fork {
				t.Fatal("refused update changed the store")
			}
			return
		}
		defer func() { s = newStore(t) }() // the next run starts from the bootstrap again
		want := cfg.ForkAtSlot(attested)
		if u.Fork != want || u.AttestedHeader.Fork != want || u.FinalizedHeader.Fork != want ||
			len(u.FinalityBranch) != want.FinalityBranchDepth() || len(u.NextSyncCommitteeBranch) != want.SyncCommitteeBranchDepth() {
			t.Fatalf("accepted a %s update (headers %s, %s; branches %d, %d) at a %s slot", u.Fork, u.AttestedHeader.Fork,
				u.FinalizedHeader.Fork, len(u.FinalityBranch), len(u.NextSyncCommitteeBranch), want)
		}
		for _, h := range []ssz.LightClientHeader{s.FinalizedHeader(), s.OptimisticHeader()} {
			if root, err := h.HashTreeRoot(); err != nil || root != h.Beacon.HashTreeRoot() || h.Fork != s.Fork() {
				t.Fatalf("stored %s header hashes to %s (%v), beacon root %s", h.Fork, root, err, h.Beacon.HashTreeRoot())
			}
		}
		enc, err := u.MarshalSSZ()
		if err != nil {
			t.Fatalf("accepted update does not encode: %v", err)
		}
		var back ssz.LightClientUpdate
		if err := back.UnmarshalSSZ(u.Fork, ssz.Minimal, enc); err != nil {
			t.Fatalf("accepted update does not decode: %v", err)
		}
		if err := newStore(t).ValidateUpdate(&back, attested+1); err != nil {
			t.Fatalf("accepted update, re-encoded, refused: %v", err)
		}
	})
}

// cloneUpdate copies u deeply, so that a mutation leaves the original intact.
func cloneUpdate(u *ssz.LightClientUpdate) *ssz.LightClientUpdate {
	c := *u
	c.NextSyncCommittee.Pubkeys = append([]ssz.BLSPubkey(nil), u.NextSyncCommittee.Pubkeys...)
	c.NextSyncCommitteeBranch = append([]interop.Hash(nil), u.NextSyncCommitteeBranch...)
	c.FinalityBranch = append([]interop.Hash(nil), u.FinalityBranch...)
	c.SyncAggregate.SyncCommitteeBits = append([]byte(nil), u.SyncAggregate.SyncCommitteeBits...)
	return &c
}
