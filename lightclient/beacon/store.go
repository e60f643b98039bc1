package beacon

import (
	"fmt"
	"sync"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/proof/ssz"
)

// committee is a sync committee with its root, and its public keys once decoded.
type committee struct {
	value ssz.SyncCommittee
	root  interop.Hash

	once sync.Once
	keys []*bls.PublicKey
	err  error
}

func newCommittee(c *ssz.SyncCommittee) *committee {
	return &committee{value: *c, root: c.HashTreeRoot()}
}

// publicKeys decompresses and KeyValidates the committee's keys, once.
func (c *committee) publicKeys() ([]*bls.PublicKey, error) {
	c.once.Do(func() {
		keys := make([]*bls.PublicKey, len(c.value.Pubkeys))
		for i := range c.value.Pubkeys {
			pk, err := bls.PublicKeyFromBytes(c.value.Pubkeys[i][:])
			if err != nil {
				c.err = fmt.Errorf("%w: member %d: %w", ErrInvalidSyncCommittee, i, err)
				return
			}
			keys[i] = pk
		}
		c.keys = keys
	})
	return c.keys, c.err
}

// isZeroCommittee reports whether c is SyncCommittee(), the "unknown" committee.
func isZeroCommittee(c *ssz.SyncCommittee) bool {
	if c.AggregatePubkey != (ssz.BLSPubkey{}) {
		return false
	}
	for i := range c.Pubkeys {
		if c.Pubkeys[i] != (ssz.BLSPubkey{}) {
			return false
		}
	}
	return true
}

// state is LightClientStore. It is copied and replaced whole, so that a rejected update
// leaves the store as it was.
type state struct {
	finalized  ssz.LightClientHeader
	optimistic ssz.LightClientHeader
	current    *committee
	next       *committee // nil: not known
	best       *ssz.LightClientUpdate
	prevMax    int // previous_max_active_participants
	curMax     int // current_max_active_participants
}

// Store is LightClientStore with its network. It is safe for concurrent use.
type Store struct {
	cfg Config

	mu   sync.RWMutex
	st   state
	fork ssz.Fork // the store's container fork (upgrade_lc_store_to_*)
	// finalizedHistory keeps recent finalized headers for RootSource lookups by height.
	finalizedHistory []ssz.LightClientHeader
}

// historySize bounds the finalized headers kept for RootSource lookups.
const historySize = 1024

// Bootstrap is initialize_light_client_store: it checks that b is labelled with the fork
// the network runs at its header's epoch, its header with the same label and its branch of
// that fork's depth (5, or 6 from Electra) (ErrFork), that the committee has the preset's
// size, that b's header hashes to the trusted block root, that the header is valid for its
// slot, and that b's current sync committee is proven in the header's state; then it
// decodes the committee's keys. The store starts in b's fork.
//
// Work: the shape checks first, in O(1), so oversized input is refused before it is
// hashed; then one committee root (SYNC_COMMITTEE_SIZE keys), a branch of at most 6
// hashes, and SYNC_COMMITTEE_SIZE key decompressions; memory O(SYNC_COMMITTEE_SIZE).
func Bootstrap(cfg Config, trustedBlockRoot interop.Hash, b *ssz.LightClientBootstrap) (*Store, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("%w: no bootstrap", ErrInvalidBootstrap)
	}
	// The bootstrap's container is the one of the fork the network runs at its header's
	// epoch (p2p-interface.md: the context of a LightClientBootstrap is
	// compute_fork_version(compute_epoch_at_slot(bootstrap.header.beacon.slot))).
	if err := cfg.checkFork("bootstrap", b.Fork, b.Header.Beacon.Slot); err != nil {
		return nil, err
	}
	if b.Header.Fork != b.Fork {
		return nil, fmt.Errorf("%w: %s bootstrap holds a %s header", ErrFork, b.Fork, b.Header.Fork)
	}
	if got, want := len(b.CurrentSyncCommitteeBranch), b.Fork.SyncCommitteeBranchDepth(); got != want {
		return nil, fmt.Errorf("%w: %s current sync committee branch of %d nodes, want %d", ErrFork, b.Fork, got, want)
	}
	if len(b.CurrentSyncCommittee.Pubkeys) != cfg.Preset.SyncCommitteeSize {
		return nil, fmt.Errorf("%w: committee of %d, preset %s has %d", ErrInvalidBootstrap, len(b.CurrentSyncCommittee.Pubkeys), cfg.Preset.Name, cfg.Preset.SyncCommitteeSize)
	}
	if err := cfg.validHeader(&b.Header); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidBootstrap, err)
	}
	if root := b.Header.Beacon.HashTreeRoot(); root != trustedBlockRoot {
		return nil, fmt.Errorf("%w: header root %s, trusted %s", ErrInvalidBootstrap, root, trustedBlockRoot)
	}
	c := newCommittee(&b.CurrentSyncCommittee)
	gindex := b.Fork.CurrentSyncCommitteeGindex()
	if !ssz.IsValidNormalizedMerkleBranch(c.root, b.CurrentSyncCommitteeBranch, gindex, b.Header.Beacon.StateRoot) {
		return nil, fmt.Errorf("%w: current sync committee branch (gindex %d)", ErrInvalidBootstrap, gindex)
	}
	if _, err := c.publicKeys(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidBootstrap, err)
	}
	s := &Store{cfg: cfg, fork: b.Fork}
	s.st = state{finalized: s.storeHeader(&b.Header), optimistic: s.storeHeader(&b.Header), current: c}
	s.finalizedHistory = append(s.finalizedHistory, s.st.finalized)
	return s, nil
}

// Config returns the store's network.
func (s *Store) Config() Config { return s.cfg }

// Fork returns the store's container fork.
func (s *Store) Fork() ssz.Fork {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fork
}

// Upgrade raises the store's container fork (upgrade_lc_store_to_capella and later), as a
// light client does when its network reaches the fork. The headers it holds keep their
// values and take the new fork's label (upgrade_lc_header_to_*: the containers here hold
// every fork's fields), so they hash as the new fork's LightClientHeader. A fork below the
// store's or one without light-client types is ErrFork and changes nothing. (The store's
// fork may run ahead of the network's schedule, as the spec tests' *_store_with_legacy_data
// cases do: the data keep their own forks, checked against the schedule.)
func (s *Store) Upgrade(f ssz.Fork) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f < s.fork || f > ssz.Fulu {
		return fmt.Errorf("%w: cannot upgrade a %s store to %s", ErrFork, s.fork, f)
	}
	s.fork = f
	s.st.finalized = s.storeHeader(&s.st.finalized)
	s.st.optimistic = s.storeHeader(&s.st.optimistic)
	for i := range s.finalizedHistory {
		s.finalizedHistory[i] = s.storeHeader(&s.finalizedHistory[i])
	}
	return nil
}

// storeHeader is a copy of h as the store holds it: in the store's container fork
// (upgrade_lc_header_to_* for a header of an earlier fork). Validation guarantees h's fork
// is at most the store's.
func (s *Store) storeHeader(h *ssz.LightClientHeader) ssz.LightClientHeader {
	c := cloneHeader(*h)
	c.Fork = s.fork
	if s.fork.HasExecution() {
		c.Execution.Fork = s.fork
	}
	return c
}

// checkFork checks that a container labelled f and holding the header of slot is of the
// fork the network runs at slot's epoch: compute_fork_version(compute_epoch_at_slot(slot))
// is the context of every light-client object (p2p-interface.md), and the fork decides the
// container's layout and its branch depths. An undefined Fork value, Phase0, and slots
// before Altair (no light client) are refused.
func (c *Config) checkFork(what string, f ssz.Fork, slot uint64) error {
	want := c.ForkAtSlot(slot)
	if want < ssz.Altair || want > ssz.Fulu {
		return fmt.Errorf("%w: %s at slot %d: the network runs %s, which has no light client", ErrFork, what, slot, want)
	}
	if f != want {
		return fmt.Errorf("%w: %s labelled %s, the network runs %s at slot %d (epoch %d)", ErrFork, what, f, want, slot, c.Epoch(slot))
	}
	return nil
}

// FinalizedHeader returns store.finalized_header.
func (s *Store) FinalizedHeader() ssz.LightClientHeader {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return cloneHeader(s.st.finalized)
}

// OptimisticHeader returns store.optimistic_header.
func (s *Store) OptimisticHeader() ssz.LightClientHeader {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return cloneHeader(s.st.optimistic)
}

// NextSyncCommitteeKnown is is_next_sync_committee_known.
func (s *Store) NextSyncCommitteeKnown() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.next != nil
}

// ExecutionRoot is get_lc_execution_root (deneb light-client sync-protocol.md): the root of
// h's execution payload header in the layout of the fork of h's slot (Capella or Deneb;
// Electra and Fulu keep Deneb's), and zero before Capella. It is what the spec tests check
// as "execution_root".
func (s *Store) ExecutionRoot(h *ssz.LightClientHeader) (interop.Hash, error) {
	if h == nil {
		return interop.Hash{}, fmt.Errorf("%w: no header", ErrInvalidHeader)
	}
	epochFork := s.cfg.ForkAtSlot(h.Beacon.Slot)
	if epochFork < ssz.Capella {
		return interop.Hash{}, nil
	}
	e := h.Execution
	e.Fork = min(epochFork, ssz.Deneb)
	return e.HashTreeRoot()
}

// ProcessUpdate is process_light_client_update: it validates u at currentSlot
// (validate_light_client_update) and applies it. The checks, in order, each with its
// sentinel (the BLS signature, the expensive one, last):
//
//	a) the update's fork label is the fork the network runs at the attested header's
//	   epoch (compute_fork_version; an undefined Fork value is refused), not later than
//	   the store's (Upgrade first), its headers carry the same label, and its shape is
//	   that fork's and the preset's: finality branch of 6 nodes (7 from Electra),
//	   next-sync-committee branch of 5 (6 from Electra), committee size and
//	   participation bits of the preset (ErrFork);
//	b) at least MIN_SYNC_COMMITTEE_PARTICIPANTS signers (ErrInsufficientParticipation);
//	c) the attested header is valid for its slot (ErrInvalidHeader);
//	d) current_slot >= signature_slot > attested slot >= finalized slot (ErrInvalidSlots);
//	e) signed in the store's period, or the next one when the next committee is known
//	   (ErrWrongPeriod);
//	f) it advances the finalized slot or supplies the next committee (ErrIrrelevantUpdate);
//	g) the finality branch proves the finalized header (or its absence is complete)
//	   (ErrInvalidFinalityProof);
//	h) the next-committee branch proves the committee, which must equal a known next
//	   committee of the same period (ErrInvalidSyncCommitteeProof);
//	i) the signing committee's keys are valid (ErrInvalidSyncCommittee) and the aggregate
//	   signature verifies over the attested header's signing root (ErrInvalidSignature).
//
// On any error the store is unchanged.
//
// Work: check a) is O(1) and refuses any oversized part before it is hashed; after it the
// work is fixed by the preset (two branches of at most 7 hashes, one committee root, two
// execution branches, one aggregate BLS verification over at most SYNC_COMMITTEE_SIZE
// keys); memory O(SYNC_COMMITTEE_SIZE) (about 40 KiB on mainnet).
func (s *Store) ProcessUpdate(u *ssz.LightClientUpdate, currentSlot uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if err := s.validate(&st, s.fork, u, currentSlot); err != nil {
		return err
	}
	if err := s.process(&st, u); err != nil {
		return err
	}
	s.commit(st)
	return nil
}

// ValidateUpdate is validate_light_client_update: every check of ProcessUpdate, without
// changing the store. A relayer can use it to check an update before passing it on.
func (s *Store) ValidateUpdate(u *ssz.LightClientUpdate, currentSlot uint64) error {
	s.mu.RLock()
	st, fork := s.st, s.fork
	s.mu.RUnlock()
	return s.validate(&st, fork, u, currentSlot)
}

// ProcessFinalityUpdate is process_light_client_finality_update: fu is checked as the
// update it stands for, with ProcessUpdate's checks and bounds (its fork label against its
// attested slot, its finality branch of that fork's depth).
func (s *Store) ProcessFinalityUpdate(fu *ssz.LightClientFinalityUpdate, currentSlot uint64) error {
	if fu == nil {
		return fmt.Errorf("%w: no finality update", ErrFork)
	}
	u := s.emptyUpdate(fu.Fork)
	u.AttestedHeader, u.FinalizedHeader, u.FinalityBranch = fu.AttestedHeader, fu.FinalizedHeader, fu.FinalityBranch
	u.SyncAggregate, u.SignatureSlot = fu.SyncAggregate, fu.SignatureSlot
	return s.ProcessUpdate(u, currentSlot)
}

// ProcessOptimisticUpdate is process_light_client_optimistic_update: ou is checked as the
// update it stands for, with ProcessUpdate's checks and bounds.
func (s *Store) ProcessOptimisticUpdate(ou *ssz.LightClientOptimisticUpdate, currentSlot uint64) error {
	if ou == nil {
		return fmt.Errorf("%w: no optimistic update", ErrFork)
	}
	u := s.emptyUpdate(ou.Fork)
	u.AttestedHeader, u.SyncAggregate, u.SignatureSlot = ou.AttestedHeader, ou.SyncAggregate, ou.SignatureSlot
	return s.ProcessUpdate(u, currentSlot)
}

// emptyUpdate is a LightClientUpdate of fork f with every optional part at its default.
func (s *Store) emptyUpdate(f ssz.Fork) *ssz.LightClientUpdate {
	return &ssz.LightClientUpdate{
		Fork:                    f,
		NextSyncCommittee:       ssz.SyncCommittee{Pubkeys: make([]ssz.BLSPubkey, s.cfg.Preset.SyncCommitteeSize)},
		NextSyncCommitteeBranch: make([]interop.Hash, f.SyncCommitteeBranchDepth()),
		FinalizedHeader:         ssz.LightClientHeader{Fork: f},
		FinalityBranch:          make([]interop.Hash, f.FinalityBranchDepth()),
	}
}

// ForceUpdate is process_light_client_store_force_update: when no finality has been seen
// for UPDATE_TIMEOUT slots, apply the best valid update, treating its attested header as
// finalized if need be, so the store can progress into later periods. It reports whether
// it applied one.
func (s *Store) ForceUpdate(currentSlot uint64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if currentSlot <= st.finalized.Beacon.Slot+s.cfg.Preset.UpdateTimeout || st.best == nil {
		return false, nil
	}
	u := cloneUpdate(st.best)
	if u.FinalizedHeader.Beacon.Slot <= st.finalized.Beacon.Slot {
		u.FinalizedHeader = cloneHeader(u.AttestedHeader)
	}
	if err := s.apply(&st, u); err != nil {
		return false, err
	}
	st.best = nil
	s.commit(st)
	return true, nil
}

func (s *Store) commit(st state) {
	if st.finalized.Beacon.Slot != s.st.finalized.Beacon.Slot {
		s.finalizedHistory = append(s.finalizedHistory, st.finalized)
		if len(s.finalizedHistory) > historySize {
			s.finalizedHistory = s.finalizedHistory[len(s.finalizedHistory)-historySize:]
		}
	}
	s.st = st
}

func isZeroBranch(b []interop.Hash) bool {
	for _, h := range b {
		if h != (interop.Hash{}) {
			return false
		}
	}
	return true
}

// isSyncCommitteeUpdate and isFinalityUpdate: a branch of zeros means "absent".
func isSyncCommitteeUpdate(u *ssz.LightClientUpdate) bool {
	return !isZeroBranch(u.NextSyncCommitteeBranch)
}
func isFinalityUpdate(u *ssz.LightClientUpdate) bool { return !isZeroBranch(u.FinalityBranch) }

// safetyThreshold is get_safety_threshold.
func safetyThreshold(st *state) int { return max(st.prevMax, st.curMax) / 2 }

// validate is validate_light_client_update against st, a store of fork storeFork.
func (s *Store) validate(st *state, storeFork ssz.Fork, u *ssz.LightClientUpdate, currentSlot uint64) error {
	cfg := &s.cfg
	if st.current == nil {
		return fmt.Errorf("%w: a store not built by Bootstrap", ErrConfig)
	}
	if err := s.checkUpdateShape(u, storeFork); err != nil {
		return err
	}
	participants := u.SyncAggregate.Participants()
	if participants < cfg.Preset.MinSyncCommitteeParticipants {
		return fmt.Errorf("%w: %d signers, need %d", ErrInsufficientParticipation, participants, cfg.Preset.MinSyncCommitteeParticipants)
	}
	if err := cfg.validHeader(&u.AttestedHeader); err != nil {
		return fmt.Errorf("attested header: %w", err)
	}
	attested, finalized := u.AttestedHeader.Beacon.Slot, u.FinalizedHeader.Beacon.Slot
	if !(currentSlot >= u.SignatureSlot && u.SignatureSlot > attested && attested >= finalized) {
		return fmt.Errorf("%w: current %d, signature %d, attested %d, finalized %d", ErrInvalidSlots, currentSlot, u.SignatureSlot, attested, finalized)
	}
	storePeriod := cfg.Period(st.finalized.Beacon.Slot)
	sigPeriod := cfg.Period(u.SignatureSlot)
	if st.next != nil {
		if sigPeriod != storePeriod && sigPeriod != storePeriod+1 {
			return fmt.Errorf("%w: signed in period %d, store at %d", ErrWrongPeriod, sigPeriod, storePeriod)
		}
	} else if sigPeriod != storePeriod {
		return fmt.Errorf("%w: signed in period %d, store at %d with the next committee unknown", ErrWrongPeriod, sigPeriod, storePeriod)
	}
	attestedPeriod := cfg.Period(attested)
	hasNext := st.next == nil && isSyncCommitteeUpdate(u) && attestedPeriod == storePeriod
	if !(attested > st.finalized.Beacon.Slot || hasNext) {
		return fmt.Errorf("%w: attested slot %d, finalized %d", ErrIrrelevantUpdate, attested, st.finalized.Beacon.Slot)
	}

	attestedFork := u.Fork // checkUpdateShape: the fork of the attested slot
	if !isFinalityUpdate(u) {
		if !isZeroHeader(&u.FinalizedHeader) {
			return fmt.Errorf("%w: finalized header without a finality branch", ErrInvalidFinalityProof)
		}
	} else {
		var finalizedRoot interop.Hash
		if finalized == 0 {
			// The genesis checkpoint's root is represented as zero.
			if !isZeroHeader(&u.FinalizedHeader) {
				return fmt.Errorf("%w: genesis finalized header must be empty", ErrInvalidFinalityProof)
			}
		} else {
			if err := cfg.validHeader(&u.FinalizedHeader); err != nil {
				return fmt.Errorf("finalized header: %w", err)
			}
			finalizedRoot = u.FinalizedHeader.Beacon.HashTreeRoot()
		}
		gindex := attestedFork.FinalizedRootGindex()
		if !ssz.IsValidNormalizedMerkleBranch(finalizedRoot, u.FinalityBranch, gindex, u.AttestedHeader.Beacon.StateRoot) {
			return fmt.Errorf("%w: branch for gindex %d", ErrInvalidFinalityProof, gindex)
		}
	}

	if !isSyncCommitteeUpdate(u) {
		if !isZeroCommittee(&u.NextSyncCommittee) {
			return fmt.Errorf("%w: next sync committee without a branch", ErrInvalidSyncCommitteeProof)
		}
	} else {
		root := u.NextSyncCommittee.HashTreeRoot()
		if attestedPeriod == storePeriod && st.next != nil && root != st.next.root {
			return fmt.Errorf("%w: next committee %s differs from the known %s", ErrInvalidSyncCommitteeProof, root, st.next.root)
		}
		gindex := attestedFork.NextSyncCommitteeGindex()
		if !ssz.IsValidNormalizedMerkleBranch(root, u.NextSyncCommitteeBranch, gindex, u.AttestedHeader.Beacon.StateRoot) {
			return fmt.Errorf("%w: branch for gindex %d", ErrInvalidSyncCommitteeProof, gindex)
		}
	}

	signer := st.current
	if sigPeriod != storePeriod {
		signer = st.next
	}
	keys, err := signer.publicKeys()
	if err != nil {
		return err
	}
	sig, err := bls.SignatureFromBytes(u.SyncAggregate.SyncCommitteeSignature[:])
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	pks := make([]*bls.PublicKey, 0, participants)
	for i, pk := range keys {
		if u.SyncAggregate.Signed(i) {
			pks = append(pks, pk)
		}
	}
	domain := cfg.SyncCommitteeDomain(u.SignatureSlot)
	signingRoot := ssz.ComputeSigningRoot(u.AttestedHeader.Beacon.HashTreeRoot(), domain)
	if !bls.FastAggregateVerify(pks, signingRoot[:], sig) {
		return fmt.Errorf("%w: %d signers, signature slot %d", ErrInvalidSignature, len(pks), u.SignatureSlot)
	}
	return nil
}

// checkUpdateShape is check a) of ProcessUpdate: the update's fork label and shape. It
// runs first and costs no hashing, so a mislabelled update costs nothing else.
func (s *Store) checkUpdateShape(u *ssz.LightClientUpdate, storeFork ssz.Fork) error {
	if u == nil {
		return fmt.Errorf("%w: no update", ErrFork)
	}
	cfg := &s.cfg
	f := u.Fork
	if err := cfg.checkFork("update", f, u.AttestedHeader.Beacon.Slot); err != nil {
		return err
	}
	if f > storeFork {
		return fmt.Errorf("%w: %s update, %s store: upgrade the store first", ErrFork, f, storeFork)
	}
	if u.AttestedHeader.Fork != f || u.FinalizedHeader.Fork != f {
		return fmt.Errorf("%w: %s update holds %s attested and %s finalized headers", ErrFork, f, u.AttestedHeader.Fork, u.FinalizedHeader.Fork)
	}
	if got, want := len(u.FinalityBranch), f.FinalityBranchDepth(); got != want {
		return fmt.Errorf("%w: %s finality branch of %d nodes, want %d", ErrFork, f, got, want)
	}
	if got, want := len(u.NextSyncCommitteeBranch), f.SyncCommitteeBranchDepth(); got != want {
		return fmt.Errorf("%w: %s next sync committee branch of %d nodes, want %d", ErrFork, f, got, want)
	}
	n := cfg.Preset.SyncCommitteeSize
	if len(u.SyncAggregate.SyncCommitteeBits) != (n+7)/8 || len(u.NextSyncCommittee.Pubkeys) != n {
		return fmt.Errorf("%w: update sized for another preset than %s (%d bits bytes, %d keys)", ErrFork, cfg.Preset.Name,
			len(u.SyncAggregate.SyncCommitteeBits), len(u.NextSyncCommittee.Pubkeys))
	}
	return nil
}

// process is the state change of process_light_client_update after validation.
func (s *Store) process(st *state, u *ssz.LightClientUpdate) error {
	cfg := &s.cfg
	participants := u.SyncAggregate.Participants()
	if st.best == nil || cfg.IsBetterUpdate(u, st.best) {
		st.best = cloneUpdate(u)
	}
	st.curMax = max(st.curMax, participants)
	if participants > safetyThreshold(st) && u.AttestedHeader.Beacon.Slot > st.optimistic.Beacon.Slot {
		st.optimistic = s.storeHeader(&u.AttestedHeader)
	}
	finalizedNext := st.next == nil && isSyncCommitteeUpdate(u) && isFinalityUpdate(u) &&
		cfg.Period(u.FinalizedHeader.Beacon.Slot) == cfg.Period(u.AttestedHeader.Beacon.Slot)
	if participants*3 >= cfg.Preset.SyncCommitteeSize*2 &&
		(u.FinalizedHeader.Beacon.Slot > st.finalized.Beacon.Slot || finalizedNext) {
		// Normal update through the 2/3 supermajority.
		if err := s.apply(st, u); err != nil {
			return err
		}
		st.best = nil
	}
	return nil
}

// apply is apply_light_client_update.
func (s *Store) apply(st *state, u *ssz.LightClientUpdate) error {
	cfg := &s.cfg
	storePeriod := cfg.Period(st.finalized.Beacon.Slot)
	finalizedPeriod := cfg.Period(u.FinalizedHeader.Beacon.Slot)
	var next *committee
	if !isZeroCommittee(&u.NextSyncCommittee) {
		next = newCommittee(&u.NextSyncCommittee)
	}
	if st.next == nil {
		if finalizedPeriod != storePeriod {
			return fmt.Errorf("%w: finalized period %d, store period %d, next committee unknown", ErrWrongPeriod, finalizedPeriod, storePeriod)
		}
		st.next = next
	} else if finalizedPeriod == storePeriod+1 {
		st.current, st.next = st.next, next
		st.prevMax, st.curMax = st.curMax, 0
	}
	if u.FinalizedHeader.Beacon.Slot > st.finalized.Beacon.Slot {
		st.finalized = s.storeHeader(&u.FinalizedHeader)
		if st.finalized.Beacon.Slot > st.optimistic.Beacon.Slot {
			st.optimistic = st.finalized
		}
	}
	return nil
}

// IsBetterUpdate is is_better_update: whether update n ranks above o on this network (more
// participation, a relevant sync committee, finality, sync-committee finality, then older
// data and earlier signature slots). Any update ranks above nil.
func (cfg *Config) IsBetterUpdate(n, o *ssz.LightClientUpdate) bool {
	if n == nil || o == nil {
		return n != nil // any update ranks above none
	}
	maxActive := cfg.Preset.SyncCommitteeSize
	nn, on := n.SyncAggregate.Participants(), o.SyncAggregate.Participants()
	nSuper, oSuper := nn*3 >= maxActive*2, on*3 >= maxActive*2
	if nSuper != oSuper {
		return nSuper
	}
	if !nSuper && nn != on {
		return nn > on
	}
	relevant := func(u *ssz.LightClientUpdate) bool {
		return isSyncCommitteeUpdate(u) && cfg.Period(u.AttestedHeader.Beacon.Slot) == cfg.Period(u.SignatureSlot)
	}
	if nr, or := relevant(n), relevant(o); nr != or {
		return nr
	}
	nf, of := isFinalityUpdate(n), isFinalityUpdate(o)
	if nf != of {
		return nf
	}
	if nf {
		scFinal := func(u *ssz.LightClientUpdate) bool {
			return cfg.Period(u.FinalizedHeader.Beacon.Slot) == cfg.Period(u.AttestedHeader.Beacon.Slot)
		}
		if ns, os := scFinal(n), scFinal(o); ns != os {
			return ns
		}
	}
	if nn != on {
		return nn > on
	}
	if n.AttestedHeader.Beacon.Slot != o.AttestedHeader.Beacon.Slot {
		return n.AttestedHeader.Beacon.Slot < o.AttestedHeader.Beacon.Slot
	}
	return n.SignatureSlot < o.SignatureSlot
}

// validHeader is is_valid_light_client_header (Capella and Deneb versions): before Capella
// the execution part must be empty; from Capella on, the execution payload header in the
// layout of the header's epoch must be proven under the beacon body root; before Deneb the
// blob gas fields must be zero.
func (c *Config) validHeader(h *ssz.LightClientHeader) error {
	epochFork := c.ForkAtSlot(h.Beacon.Slot)
	if epochFork < ssz.Capella {
		if !isZeroExecution(&h.Execution) || !isZeroBranch(h.ExecutionBranch[:]) {
			return fmt.Errorf("%w: execution payload before Capella (slot %d)", ErrInvalidHeader, h.Beacon.Slot)
		}
		return nil
	}
	if epochFork < ssz.Deneb && (h.Execution.BlobGasUsed != 0 || h.Execution.ExcessBlobGas != 0) {
		return fmt.Errorf("%w: blob gas fields before Deneb (slot %d)", ErrInvalidHeader, h.Beacon.Slot)
	}
	e := h.Execution
	e.Fork = min(epochFork, ssz.Deneb) // get_lc_execution_root: the Capella or Deneb layout
	leaf, err := e.HashTreeRoot()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidHeader, err)
	}
	if !ssz.IsValidNormalizedMerkleBranch(leaf, h.ExecutionBranch[:], ssz.ExecutionPayloadGindex, h.Beacon.BodyRoot) {
		return fmt.Errorf("%w: execution branch does not verify against body root %s (slot %d)", ErrInvalidHeader, h.Beacon.BodyRoot, h.Beacon.Slot)
	}
	return nil
}

func isZeroExecution(e *ssz.ExecutionPayloadHeader) bool {
	z := *e
	z.Fork = 0
	extra := z.ExtraData
	z.ExtraData = nil
	return len(extra) == 0 && z.BaseFeePerGas.IsZero() && z.ParentHash.IsZero() && z.FeeRecipient.IsZero() &&
		z.StateRoot.IsZero() && z.ReceiptsRoot.IsZero() && z.LogsBloom == [ssz.BytesPerLogsBloom]byte{} &&
		z.PrevRandao.IsZero() && z.BlockNumber == 0 && z.GasLimit == 0 && z.GasUsed == 0 && z.Timestamp == 0 &&
		z.BlockHash.IsZero() && z.TransactionsRoot.IsZero() && z.WithdrawalsRoot.IsZero() &&
		z.BlobGasUsed == 0 && z.ExcessBlobGas == 0
}

// isZeroHeader reports whether h is LightClientHeader(), whatever its container fork.
func isZeroHeader(h *ssz.LightClientHeader) bool {
	return h.Beacon == (ssz.BeaconBlockHeader{}) && isZeroExecution(&h.Execution) && isZeroBranch(h.ExecutionBranch[:])
}

func cloneHeader(h ssz.LightClientHeader) ssz.LightClientHeader {
	h.Execution.ExtraData = append([]byte(nil), h.Execution.ExtraData...)
	return h
}

func cloneUpdate(u *ssz.LightClientUpdate) *ssz.LightClientUpdate {
	c := *u
	c.AttestedHeader = cloneHeader(u.AttestedHeader)
	c.FinalizedHeader = cloneHeader(u.FinalizedHeader)
	c.NextSyncCommittee.Pubkeys = append([]ssz.BLSPubkey(nil), u.NextSyncCommittee.Pubkeys...)
	c.NextSyncCommitteeBranch = append([]interop.Hash(nil), u.NextSyncCommitteeBranch...)
	c.FinalityBranch = append([]interop.Hash(nil), u.FinalityBranch...)
	c.SyncAggregate.SyncCommitteeBits = append([]byte(nil), u.SyncAggregate.SyncCommitteeBits...)
	return &c
}
