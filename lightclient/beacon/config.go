package beacon

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/ssz"
)

// FarFutureEpoch marks a fork that is not scheduled.
const FarFutureEpoch = math.MaxUint64

// Preset holds the consensus-specs preset values the light client uses.
type Preset struct {
	Name                         string
	SlotsPerEpoch                uint64
	EpochsPerSyncCommitteePeriod uint64
	SyncCommitteeSize            int
	// MinSyncCommitteeParticipants is MIN_SYNC_COMMITTEE_PARTICIPANTS.
	MinSyncCommitteeParticipants int
	// UpdateTimeout is UPDATE_TIMEOUT in slots: SLOTS_PER_EPOCH * EPOCHS_PER_SYNC_COMMITTEE_PERIOD.
	UpdateTimeout uint64
}

// The presets of consensus-specs (presets/{mainnet,minimal}/altair.yaml).
var (
	MainnetPreset = Preset{Name: "mainnet", SlotsPerEpoch: 32, EpochsPerSyncCommitteePeriod: 256, SyncCommitteeSize: 512, MinSyncCommitteeParticipants: 1, UpdateTimeout: 8192}
	MinimalPreset = Preset{Name: "minimal", SlotsPerEpoch: 8, EpochsPerSyncCommitteePeriod: 8, SyncCommitteeSize: 32, MinSyncCommitteeParticipants: 1, UpdateTimeout: 64}
)

// ForkVersion is one entry of a fork schedule.
type ForkVersion struct {
	Fork    ssz.Fork
	Version ssz.Version
	Epoch   uint64 // FarFutureEpoch when not scheduled
}

// Config is a beacon network: what the light client needs to compute signing domains and
// pick each slot's fork.
type Config struct {
	Name string
	// ExecutionChainID is the EIP-155 chain id of the execution layer, under which the
	// store publishes execution roots as a RootSource.
	ExecutionChainID      interop.ChainID
	GenesisValidatorsRoot interop.Hash
	GenesisForkVersion    ssz.Version
	// Forks lists Altair, Bellatrix, Capella, Deneb, Electra and Fulu, in that order.
	Forks  [6]ForkVersion
	Preset Preset
}

func schedule(versions [6]uint32, epochs [6]uint64) (out [6]ForkVersion) {
	for i := range out {
		v := versions[i]
		out[i] = ForkVersion{Fork: ssz.Altair + ssz.Fork(i), Version: ssz.Version{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}, Epoch: epochs[i]}
	}
	return out
}

func mustHash(s string) interop.Hash {
	h, err := interop.HashFromHex(s)
	if err != nil {
		panic(err)
	}
	return h
}

// The built-in networks (eth-clients/{mainnet,sepolia,holesky,hoodi} metadata/config.yaml).
var (
	Mainnet = Config{
		Name: "mainnet", ExecutionChainID: 1,
		GenesisValidatorsRoot: mustHash("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95"),
		GenesisForkVersion:    ssz.Version{0, 0, 0, 0},
		Forks: schedule([6]uint32{0x01000000, 0x02000000, 0x03000000, 0x04000000, 0x05000000, 0x06000000},
			[6]uint64{74240, 144896, 194048, 269568, 364032, 411392}),
		Preset: MainnetPreset,
	}
	Sepolia = Config{
		Name: "sepolia", ExecutionChainID: 11155111,
		GenesisValidatorsRoot: mustHash("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078"),
		GenesisForkVersion:    ssz.Version{0x90, 0x00, 0x00, 0x69},
		Forks: schedule([6]uint32{0x90000070, 0x90000071, 0x90000072, 0x90000073, 0x90000074, 0x90000075},
			[6]uint64{50, 100, 56832, 132608, 222464, 272640}),
		Preset: MainnetPreset,
	}
	Holesky = Config{
		Name: "holesky", ExecutionChainID: 17000,
		GenesisValidatorsRoot: mustHash("0x9143aa7c615a7f7115e2b6aac319c03529df8242ae705fba9df39b79c59fa8b1"),
		GenesisForkVersion:    ssz.Version{0x01, 0x01, 0x70, 0x00},
		Forks: schedule([6]uint32{0x02017000, 0x03017000, 0x04017000, 0x05017000, 0x06017000, 0x07017000},
			[6]uint64{0, 0, 256, 29696, 115968, 165120}),
		Preset: MainnetPreset,
	}
	Hoodi = Config{
		Name: "hoodi", ExecutionChainID: 560048,
		GenesisValidatorsRoot: mustHash("0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f"),
		GenesisForkVersion:    ssz.Version{0x10, 0x00, 0x09, 0x10},
		Forks: schedule([6]uint32{0x20000910, 0x30000910, 0x40000910, 0x50000910, 0x60000910, 0x70000910},
			[6]uint64{0, 0, 0, 0, 2048, 50688}),
		Preset: MainnetPreset,
	}
)

// ConfigFromSpec builds a Config from a chain's spec values, as /eth/v1/config/spec
// returns them (all strings) or as a consensus-specs config.yaml holds them: PRESET_BASE,
// GENESIS_FORK_VERSION, and <FORK>_FORK_VERSION / <FORK>_FORK_EPOCH for ALTAIR through
// FULU (a missing fork is unscheduled). Preset values present in spec (SLOTS_PER_EPOCH,
// EPOCHS_PER_SYNC_COMMITTEE_PERIOD, SYNC_COMMITTEE_SIZE, MIN_SYNC_COMMITTEE_PARTICIPANTS)
// override PRESET_BASE's. The genesis validators root is not part of the spec: pass it.
// It reads a fixed set of keys (other keys cost nothing): work O(their values' lengths).
func ConfigFromSpec(name string, spec map[string]string, genesisValidatorsRoot interop.Hash, executionChainID interop.ChainID) (Config, error) {
	c := Config{Name: name, ExecutionChainID: executionChainID, GenesisValidatorsRoot: genesisValidatorsRoot}
	switch strings.Trim(spec["PRESET_BASE"], `'"`) {
	case "mainnet", "":
		c.Preset = MainnetPreset
	case "minimal":
		c.Preset = MinimalPreset
	default:
		return Config{}, fmt.Errorf("%w: unknown PRESET_BASE %q", ErrConfig, spec["PRESET_BASE"])
	}
	for key, dst := range map[string]*uint64{
		"SLOTS_PER_EPOCH": &c.Preset.SlotsPerEpoch, "EPOCHS_PER_SYNC_COMMITTEE_PERIOD": &c.Preset.EpochsPerSyncCommitteePeriod,
	} {
		if s, ok := spec[key]; ok {
			v, err := strconv.ParseUint(s, 10, 64)
			if err != nil || v == 0 {
				return Config{}, fmt.Errorf("%w: %s = %q", ErrConfig, key, s)
			}
			*dst = v
		}
	}
	for key, dst := range map[string]*int{
		"SYNC_COMMITTEE_SIZE": &c.Preset.SyncCommitteeSize, "MIN_SYNC_COMMITTEE_PARTICIPANTS": &c.Preset.MinSyncCommitteeParticipants,
	} {
		if s, ok := spec[key]; ok {
			v, err := strconv.ParseUint(s, 10, 16)
			if err != nil || v == 0 {
				return Config{}, fmt.Errorf("%w: %s = %q", ErrConfig, key, s)
			}
			*dst = int(v)
		}
	}
	if c.Preset.SlotsPerEpoch > math.MaxUint64/c.Preset.EpochsPerSyncCommitteePeriod {
		return Config{}, fmt.Errorf("%w: period length overflows", ErrConfig)
	}
	c.Preset.UpdateTimeout = c.Preset.SlotsPerEpoch * c.Preset.EpochsPerSyncCommitteePeriod
	version := func(key string) (ssz.Version, error) {
		b, err := interop.DecodeHex(strings.Trim(spec[key], `'"`))
		if err != nil || len(b) != 4 {
			return ssz.Version{}, fmt.Errorf("%w: %s = %q", ErrConfig, key, spec[key])
		}
		return ssz.Version(b), nil
	}
	var err error
	if c.GenesisForkVersion, err = version("GENESIS_FORK_VERSION"); err != nil {
		return Config{}, err
	}
	prev := uint64(0)
	for i, name := range []string{"ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU"} {
		f := ForkVersion{Fork: ssz.Altair + ssz.Fork(i), Epoch: FarFutureEpoch}
		if _, ok := spec[name+"_FORK_VERSION"]; ok {
			if f.Version, err = version(name + "_FORK_VERSION"); err != nil {
				return Config{}, err
			}
			if s, ok := spec[name+"_FORK_EPOCH"]; ok {
				if f.Epoch, err = strconv.ParseUint(s, 10, 64); err != nil {
					return Config{}, fmt.Errorf("%w: %s_FORK_EPOCH = %q", ErrConfig, name, s)
				}
			}
		}
		if f.Epoch < prev {
			return Config{}, fmt.Errorf("%w: %s fork epoch %d before the previous fork's %d", ErrConfig, name, f.Epoch, prev)
		}
		prev = f.Epoch
		c.Forks[i] = f
	}
	if c.Forks[0].Epoch == FarFutureEpoch {
		return Config{}, fmt.Errorf("%w: Altair is not scheduled: no light client", ErrConfig)
	}
	return c, nil
}

// SlotsPerPeriod is the number of slots in a sync-committee period.
func (c *Config) SlotsPerPeriod() uint64 {
	return c.Preset.SlotsPerEpoch * c.Preset.EpochsPerSyncCommitteePeriod
}

// Epoch is compute_epoch_at_slot. On a config without SLOTS_PER_EPOCH (which Bootstrap
// refuses) it is 0 rather than a division by zero.
func (c *Config) Epoch(slot uint64) uint64 {
	if c.Preset.SlotsPerEpoch == 0 {
		return 0
	}
	return slot / c.Preset.SlotsPerEpoch
}

// Period is compute_sync_committee_period_at_slot (0 on a config without a period
// length, which Bootstrap refuses).
func (c *Config) Period(slot uint64) uint64 {
	if c.SlotsPerPeriod() == 0 {
		return 0
	}
	return slot / c.SlotsPerPeriod()
}

// ForkAtEpoch returns the latest fork scheduled at or before epoch (Phase0 before Altair).
func (c *Config) ForkAtEpoch(epoch uint64) ssz.Fork {
	f := ssz.Phase0
	for _, fv := range c.Forks {
		if fv.Epoch != FarFutureEpoch && epoch >= fv.Epoch {
			f = fv.Fork
		}
	}
	return f
}

// ForkAtSlot returns the fork of the epoch of slot.
func (c *Config) ForkAtSlot(slot uint64) ssz.Fork { return c.ForkAtEpoch(c.Epoch(slot)) }

// ForkVersionAt is compute_fork_version(epoch).
func (c *Config) ForkVersionAt(epoch uint64) ssz.Version {
	v := c.GenesisForkVersion
	for _, fv := range c.Forks {
		if fv.Epoch != FarFutureEpoch && epoch >= fv.Epoch {
			v = fv.Version
		}
	}
	return v
}

// ForkEpoch returns the activation epoch of fork (0 for Phase0, FarFutureEpoch if the
// network does not schedule it).
func (c *Config) ForkEpoch(f ssz.Fork) uint64 {
	if f <= ssz.Phase0 {
		return 0
	}
	for _, fv := range c.Forks {
		if fv.Fork == f {
			return fv.Epoch
		}
	}
	return FarFutureEpoch
}

// Version returns fork's version.
func (c *Config) Version(f ssz.Fork) ssz.Version {
	for _, fv := range c.Forks {
		if fv.Fork == f {
			return fv.Version
		}
	}
	return c.GenesisForkVersion
}

// SyncCommitteeDomain returns the signing domain of sync-committee messages signed at
// signatureSlot: the fork version is that of the epoch of signatureSlot-1 (the slot the
// committee attested), as validate_light_client_update computes it.
func (c *Config) SyncCommitteeDomain(signatureSlot uint64) ssz.Domain {
	forkVersionSlot := max(signatureSlot, 1) - 1
	version := c.ForkVersionAt(c.Epoch(forkVersionSlot))
	return ssz.ComputeDomain(ssz.DomainSyncCommittee, version, c.GenesisValidatorsRoot)
}

func (c *Config) sszPreset() ssz.Preset {
	return ssz.Preset{SyncCommitteeSize: c.Preset.SyncCommitteeSize}
}

func (c *Config) check() error {
	p := c.Preset
	if p.SlotsPerEpoch == 0 || p.EpochsPerSyncCommitteePeriod == 0 || p.SyncCommitteeSize < 1 ||
		p.SyncCommitteeSize > ssz.MaxSyncCommitteeSize || p.MinSyncCommitteeParticipants < 1 {
		return fmt.Errorf("%w: preset %+v", ErrConfig, p)
	}
	return nil
}
