package ssz

import (
	"fmt"
	"strings"
)

// A Fork selects the layout of the light-client containers. The containers of every fork
// are one set of Go types whose Fork field says which layout they hold, rather than one
// type per fork: the forks differ in a few fields and branch lengths, and a light client
// that crosses a fork boundary keeps handling the same values. Decoders set Fork;
// encoders and HashTreeRoot read it. A container's Fork governs the layout of everything
// inside it.
type Fork uint8

// The forks with light-client types. Phase0 (the zero value) has none and is rejected.
const (
	Phase0 Fork = iota
	Altair
	Bellatrix
	Capella
	Deneb
	Electra
	Fulu
)

var forkNames = [...]string{"phase0", "altair", "bellatrix", "capella", "deneb", "electra", "fulu"}

// String returns the lower-case name the Beacon API uses as "version".
func (f Fork) String() string {
	if int(f) < len(forkNames) {
		return forkNames[f]
	}
	return fmt.Sprintf("fork(%d)", uint8(f))
}

// ParseFork returns the fork of a Beacon-API "version" name (case-insensitive).
func ParseFork(name string) (Fork, error) {
	for i, n := range forkNames {
		if strings.EqualFold(n, name) {
			return Fork(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrFork, name)
}

// check returns an error unless f has light-client types.
func (f Fork) check() error {
	if f < Altair || f > Fulu {
		return fmt.Errorf("%w: %v", ErrFork, f)
	}
	return nil
}

// HasExecution reports whether a LightClientHeader of this fork carries an execution
// payload header and branch (capella light-client sync-protocol.md).
func (f Fork) HasExecution() bool { return f >= Capella }

// Generalized indices of the light-client proofs, with their spec names. The Electra
// BeaconState has more than 32 fields, so its tree is one level deeper.
const (
	FinalizedRootGindex               GeneralizedIndex = 105 // altair: get_generalized_index(BeaconState, 'finalized_checkpoint', 'root')
	CurrentSyncCommitteeGindex        GeneralizedIndex = 54  // altair: get_generalized_index(BeaconState, 'current_sync_committee')
	NextSyncCommitteeGindex           GeneralizedIndex = 55  // altair: get_generalized_index(BeaconState, 'next_sync_committee')
	FinalizedRootGindexElectra        GeneralizedIndex = 169 // electra
	CurrentSyncCommitteeGindexElectra GeneralizedIndex = 86  // electra
	NextSyncCommitteeGindexElectra    GeneralizedIndex = 87  // electra
	ExecutionPayloadGindex            GeneralizedIndex = 25  // capella: get_generalized_index(BeaconBlockBody, 'execution_payload')
)

// FinalizedRootGindex returns finalized_root_gindex_at_slot for a slot in this fork.
func (f Fork) FinalizedRootGindex() GeneralizedIndex {
	if f >= Electra {
		return FinalizedRootGindexElectra
	}
	return FinalizedRootGindex
}

// CurrentSyncCommitteeGindex returns current_sync_committee_gindex_at_slot for this fork.
func (f Fork) CurrentSyncCommitteeGindex() GeneralizedIndex {
	if f >= Electra {
		return CurrentSyncCommitteeGindexElectra
	}
	return CurrentSyncCommitteeGindex
}

// NextSyncCommitteeGindex returns next_sync_committee_gindex_at_slot for this fork.
func (f Fork) NextSyncCommitteeGindex() GeneralizedIndex {
	if f >= Electra {
		return NextSyncCommitteeGindexElectra
	}
	return NextSyncCommitteeGindex
}

// FinalityBranchDepth is the length of a finality branch in this fork (6, or 7 from
// Electra on).
func (f Fork) FinalityBranchDepth() int { return f.FinalizedRootGindex().Depth() }

// SyncCommitteeBranchDepth is the length of a current or next sync-committee branch in
// this fork (5, or 6 from Electra on).
func (f Fork) SyncCommitteeBranchDepth() int { return f.CurrentSyncCommitteeGindex().Depth() }

// ExecutionBranchDepth is floorlog2(EXECUTION_PAYLOAD_GINDEX), the length of
// LightClientHeader.ExecutionBranch.
const ExecutionBranchDepth = 4

// A Preset holds the preset values that change the size of light-client containers.
type Preset struct {
	// SyncCommitteeSize is SYNC_COMMITTEE_SIZE: the length of SyncCommittee.Pubkeys and
	// the number of bits of SyncAggregate.SyncCommitteeBits.
	SyncCommitteeSize int
}

// The presets of consensus-specs.
var (
	Mainnet = Preset{SyncCommitteeSize: 512}
	Minimal = Preset{SyncCommitteeSize: 32}
)

// MaxSyncCommitteeSize bounds Preset.SyncCommitteeSize, so that a decoder never sizes an
// allocation from an unchecked preset.
const MaxSyncCommitteeSize = 1 << 16

func (p Preset) check() error {
	if p.SyncCommitteeSize < 1 || p.SyncCommitteeSize > MaxSyncCommitteeSize {
		return fmt.Errorf("%w: sync committee size %d", ErrPreset, p.SyncCommitteeSize)
	}
	return nil
}
