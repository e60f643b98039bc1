package beacon

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/ssz"
)

// Root implements lightclient.RootSource for the store's network. chain must be the
// network's ExecutionChainID. For the execution kinds (StateRoot, ReceiptsRoot,
// TransactionsRoot, BlockHash) height is the execution block number, and only headers from
// Capella on carry them; for BeaconBlockRoot height is the beacon slot.
//
// A root from a header the store finalized (the current finalized header, or one of the
// recent ones it replaced) is Finalized. The optimistic header, signed by more than the
// safety threshold of the sync committee but not finalized, is Unsafe. Nothing here is Safe:
// the light client does not see justification.
func (s *Store) Root(chain interop.ChainID, height uint64, kind lightclient.RootKind) (lightclient.Root, error) {
	if chain != s.cfg.ExecutionChainID {
		return lightclient.Root{}, fmt.Errorf("%w: chain %d, this store follows %s (chain %d)", lightclient.ErrUnknownRoot, chain, s.cfg.Name, s.cfg.ExecutionChainID)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := len(s.finalizedHistory) - 1; i >= 0; i-- {
		if r, ok := s.rootOf(&s.finalizedHistory[i], height, kind); ok {
			r.Finality = lightclient.Finalized
			return r, nil
		}
	}
	if r, ok := s.rootOf(&s.st.optimistic, height, kind); ok {
		r.Finality = lightclient.Unsafe
		return r, nil
	}
	return lightclient.Root{}, fmt.Errorf("%w: %s at %d on %s", lightclient.ErrUnknownRoot, kind, height, s.cfg.Name)
}

func (s *Store) rootOf(h *ssz.LightClientHeader, height uint64, kind lightclient.RootKind) (lightclient.Root, bool) {
	r := lightclient.Root{Chain: s.cfg.ExecutionChainID, Height: height, Kind: kind}
	if kind == lightclient.BeaconBlockRoot {
		if h.Beacon.Slot != height {
			return r, false
		}
		r.Value = h.Beacon.HashTreeRoot()
		return r, true
	}
	if s.cfg.ForkAtSlot(h.Beacon.Slot) < ssz.Capella || h.Execution.BlockNumber != height {
		return r, false
	}
	switch kind {
	case lightclient.StateRoot:
		r.Value = h.Execution.StateRoot
	case lightclient.ReceiptsRoot:
		r.Value = h.Execution.ReceiptsRoot
	case lightclient.TransactionsRoot:
		r.Value = h.Execution.TransactionsRoot
	case lightclient.BlockHash:
		r.Value = h.Execution.BlockHash
	default:
		return r, false
	}
	return r, true
}

// Latest returns the execution block number of the newest header at the given finality
// (Finalized: the finalized header; Unsafe: the optimistic header), for callers that want
// "the latest proven state root". It fails before Capella.
func (s *Store) Latest(f lightclient.Finality) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	h := &s.st.optimistic
	if f >= lightclient.Safe {
		h = &s.st.finalized
	}
	if s.cfg.ForkAtSlot(h.Beacon.Slot) < ssz.Capella {
		return 0, fmt.Errorf("%w: header at slot %d has no execution payload", lightclient.ErrUnknownRoot, h.Beacon.Slot)
	}
	return h.Execution.BlockNumber, nil
}
