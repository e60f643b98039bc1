package zk

import (
	"errors"
	"fmt"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
)

// ProofVerifier checks a proof that the program with verification-key hash programVKey
// committed publicValues. *groth16.SP1Verifier implements it.
type ProofVerifier interface {
	Verify(programVKey [32]byte, publicValues, proof []byte) error
}

// SlotsPerPeriod is the mainnet sync-committee period in slots
// (EPOCHS_PER_SYNC_COMMITTEE_PERIOD × SLOTS_PER_EPOCH = 256 × 32).
const SlotsPerPeriod = 8192

// Config pins what a client trusts.
type Config struct {
	// Chain is the chain id the verified roots are published under.
	Chain interop.ChainID
	// Verifier checks proofs; ProgramVKey is the light-client program's verification-key
	// hash, pinned: proofs of any other program are refused.
	Verifier    ProofVerifier
	ProgramVKey [32]byte
	// Decoder reads the program's public values.
	Decoder PublicValuesDecoder
	// SlotsPerPeriod is the sync-committee period; zero means SlotsPerPeriod.
	SlotsPerPeriod uint64
}

// Checkpoint is the trusted starting point: a finalized beacon header, its execution
// state root, and the hash of its period's sync committee.
type Checkpoint struct {
	Slot               uint64
	Header             interop.Hash
	ExecutionStateRoot interop.Hash
	SyncCommitteeHash  interop.Hash
}

// Client is an SP1-Helios-style light client. It is safe for concurrent use.
type Client struct {
	cfg        Config
	mu         sync.RWMutex
	head       uint64
	headers    map[uint64]interop.Hash
	committees map[uint64]interop.Hash // period → committee hash
	storage    map[storageKey]interop.Hash
	roots      lightclient.Memory
}

type storageKey struct {
	slot     uint64
	contract interop.Address
	key      interop.Hash
}

// New starts a client from a trusted checkpoint.
func New(cfg Config, cp Checkpoint) (*Client, error) {
	if cfg.Verifier == nil || cfg.Decoder == nil {
		return nil, fmt.Errorf("%w: verifier and decoder are required", ErrConfig)
	}
	if cfg.ProgramVKey == ([32]byte{}) {
		return nil, fmt.Errorf("%w: program verification key not pinned", ErrConfig)
	}
	if cp.Header == (interop.Hash{}) || cp.ExecutionStateRoot == (interop.Hash{}) || cp.SyncCommitteeHash == (interop.Hash{}) {
		return nil, fmt.Errorf("%w: checkpoint needs a header, a state root and a sync committee hash", ErrConfig)
	}
	if cfg.SlotsPerPeriod == 0 {
		cfg.SlotsPerPeriod = SlotsPerPeriod
	}
	c := &Client{
		cfg:        cfg,
		head:       cp.Slot,
		headers:    map[uint64]interop.Hash{cp.Slot: cp.Header},
		committees: map[uint64]interop.Hash{cp.Slot / cfg.SlotsPerPeriod: cp.SyncCommitteeHash},
		storage:    map[storageKey]interop.Hash{},
	}
	if err := c.publish(cp.Slot, cp.Header, cp.ExecutionStateRoot); err != nil {
		return nil, err
	}
	return c, nil
}

// Head returns the latest verified slot and its header.
func (c *Client) Head() (uint64, interop.Hash) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.head, c.headers[c.head]
}

// SyncCommittee returns the committee hash held for a period.
func (c *Client) SyncCommittee(period uint64) (interop.Hash, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	h, ok := c.committees[period]
	return h, ok
}

// StorageValue returns a storage value an update proved at a beacon slot (the
// HeliosStorage layout), as SP1Helios.getStorageSlot does.
func (c *Client) StorageValue(slot uint64, contract interop.Address, key interop.Hash) (interop.Hash, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.storage[storageKey{slot, contract, key}]
	return v, ok
}

// Root implements lightclient.RootSource: BeaconBlockRoot and StateRoot at a verified
// slot, both Finalized.
func (c *Client) Root(chain interop.ChainID, height uint64, kind lightclient.RootKind) (lightclient.Root, error) {
	return c.roots.Root(chain, height, kind)
}

// Update applies a proof and its public values. The checks, in order:
//
//	a) the public values decode (Decoder), else ErrPublicValues;
//	b) prevHeader is the header the client holds at prevHead, else ErrUnknownPrev;
//	c) newHead is past prevHead and past the client's head, else ErrNotMonotonic;
//	d) the committee that signed (when the layout names it) is the one held for
//	   prevHead's period, the new period's committee and the next one do not contradict
//	   held ones, else ErrSyncCommittee;
//	e) the proof verifies for the pinned program and these exact public values, else
//	   ErrProof. It is the expensive check, so it comes after the cheap ones: a stale or
//	   unrelated update costs no pairing.
//
// Only then are the new header, its state root, the committees and any storage values
// recorded. On error nothing changes.
//
// Work: the decoder's (linear in len(publicValues), at most MaxStorageSlots slots), O(1)
// look-ups, then one ProofVerifier call; memory O(len(publicValues)).
func (c *Client) Update(proof, publicValues []byte) (Outputs, error) {
	if c.cfg.Decoder == nil || c.cfg.Verifier == nil {
		return Outputs{}, fmt.Errorf("%w: a client not built by New", ErrConfig)
	}
	o, err := c.cfg.Decoder.DecodePublicValues(publicValues)
	if err != nil {
		if !errors.Is(err, ErrPublicValues) {
			err = fmt.Errorf("%w: %w", ErrPublicValues, err)
		}
		return Outputs{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.headers[o.PrevSlot]; !ok || h != o.PrevHeader {
		return o, fmt.Errorf("%w: header %s at slot %d", ErrUnknownPrev, o.PrevHeader, o.PrevSlot)
	}
	if o.NewSlot <= o.PrevSlot || o.NewSlot <= c.head {
		return o, fmt.Errorf("%w: new head %d, previous %d, client head %d", ErrNotMonotonic, o.NewSlot, o.PrevSlot, c.head)
	}
	spp := c.cfg.SlotsPerPeriod
	if o.StartSyncCommitteeHash != (interop.Hash{}) {
		if h := c.committees[o.PrevSlot/spp]; h != o.StartSyncCommitteeHash {
			return o, fmt.Errorf("%w: signed by %s, period %d has %s", ErrSyncCommittee, o.StartSyncCommitteeHash, o.PrevSlot/spp, h)
		}
	}
	period := o.NewSlot / spp
	if h, ok := c.committees[period]; ok && o.SyncCommitteeHash != (interop.Hash{}) && h != o.SyncCommitteeHash {
		return o, fmt.Errorf("%w: period %d has %s, update says %s", ErrSyncCommittee, period, h, o.SyncCommitteeHash)
	}
	if h, ok := c.committees[period+1]; ok && o.NextSyncCommitteeHash != (interop.Hash{}) && h != o.NextSyncCommitteeHash {
		return o, fmt.Errorf("%w: period %d has %s, update says %s", ErrSyncCommittee, period+1, h, o.NextSyncCommitteeHash)
	}
	if err := c.cfg.Verifier.Verify(c.cfg.ProgramVKey, publicValues, proof); err != nil {
		return o, fmt.Errorf("%w: %w", ErrProof, err)
	}
	// New head past every held one: nothing is recorded at NewSlot yet, so publish cannot
	// conflict; it is checked anyway, as Memory refuses a second value.
	if err := c.publish(o.NewSlot, o.NewHeader, o.ExecutionStateRoot); err != nil {
		return o, err
	}
	c.head = o.NewSlot
	c.headers[o.NewSlot] = o.NewHeader
	if o.SyncCommitteeHash != (interop.Hash{}) {
		c.committees[period] = o.SyncCommitteeHash
	}
	if o.NextSyncCommitteeHash != (interop.Hash{}) {
		c.committees[period+1] = o.NextSyncCommitteeHash
	}
	for _, s := range o.Slots {
		c.storage[storageKey{o.NewSlot, s.Contract, s.Key}] = s.Value
	}
	return o, nil
}

func (c *Client) publish(slot uint64, header, stateRoot interop.Hash) error {
	for _, r := range []lightclient.Root{
		{Chain: c.cfg.Chain, Height: slot, Kind: lightclient.BeaconBlockRoot, Value: header, Finality: lightclient.Finalized},
		{Chain: c.cfg.Chain, Height: slot, Kind: lightclient.StateRoot, Value: stateRoot, Finality: lightclient.Finalized},
	} {
		if err := c.roots.Add(r); err != nil {
			return fmt.Errorf("%w: %w", ErrConflict, err)
		}
	}
	return nil
}
