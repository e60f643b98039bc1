package ssz

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// LightClientHeader is the container of altair light-client sync-protocol.md ({beacon})
// and, from Capella on, of capella light-client sync-protocol.md ({beacon, execution,
// execution_branch}). In Altair and Bellatrix, Execution and ExecutionBranch must be
// zero: they are not part of the encoding.
type LightClientHeader struct {
	Fork            Fork
	Beacon          BeaconBlockHeader
	Execution       ExecutionPayloadHeader
	ExecutionBranch [ExecutionBranchDepth]interop.Hash
}

func (h *LightClientHeader) check(f Fork) error {
	if err := f.check(); err != nil {
		return err
	}
	if !f.HasExecution() && (!h.Execution.isZero() || h.ExecutionBranch != [ExecutionBranchDepth]interop.Hash{}) {
		return fmt.Errorf("%w: %v light-client header with execution fields", ErrField, f)
	}
	return nil
}

func headerFixedSize(f Fork) int {
	if f.HasExecution() {
		return variable
	}
	return BeaconBlockHeaderSize
}

// SizeSSZ returns the SSZ size of h in its Fork.
func (h *LightClientHeader) SizeSSZ() int { return h.size(h.Fork) }

func (h *LightClientHeader) size(f Fork) int {
	if f.HasExecution() {
		return BeaconBlockHeaderSize + offsetSize + 32*ExecutionBranchDepth + h.Execution.size(f)
	}
	return BeaconBlockHeaderSize
}

// MarshalSSZ returns the SSZ encoding of h in its Fork.
func (h *LightClientHeader) MarshalSSZ() ([]byte, error) {
	return h.marshal(h.Fork, make([]byte, 0, h.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of h in its Fork to dst.
func (h *LightClientHeader) MarshalSSZTo(dst []byte) ([]byte, error) { return h.marshal(h.Fork, dst) }

func (h *LightClientHeader) marshal(f Fork, dst []byte) ([]byte, error) {
	if err := h.check(f); err != nil {
		return dst, err
	}
	dst, _ = h.Beacon.MarshalSSZTo(dst)
	if !f.HasExecution() {
		return dst, nil
	}
	dst = appendOffset(dst, BeaconBlockHeaderSize+offsetSize+32*ExecutionBranchDepth)
	dst = appendHashes(dst, h.ExecutionBranch[:])
	return h.Execution.marshal(f, dst)
}

// UnmarshalSSZ decodes a LightClientHeader of fork f and sets h.Fork (and
// h.Execution.Fork) to f.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (h *LightClientHeader) UnmarshalSSZ(f Fork, data []byte) error { return h.unmarshal(f, data) }

func (h *LightClientHeader) unmarshal(f Fork, data []byte) error {
	if err := f.check(); err != nil {
		return err
	}
	*h = LightClientHeader{Fork: f}
	if !f.HasExecution() {
		return h.Beacon.UnmarshalSSZ(data)
	}
	var p [3][]byte
	if err := split("LightClientHeader", data, []int{BeaconBlockHeaderSize, variable, 32 * ExecutionBranchDepth}, p[:]); err != nil {
		return err
	}
	if err := h.Beacon.UnmarshalSSZ(p[0]); err != nil {
		return err
	}
	if err := h.Execution.unmarshal(f, p[1]); err != nil {
		return fmt.Errorf("LightClientHeader.execution: %w", err)
	}
	for i := range h.ExecutionBranch {
		copy(h.ExecutionBranch[i][:], p[2][32*i:])
	}
	return nil
}

// HashTreeRoot returns hash_tree_root(h) in its Fork. In Altair and Bellatrix it is the
// beacon block root: a one-field container's root is its field's root.
func (h *LightClientHeader) HashTreeRoot() (interop.Hash, error) { return h.root(h.Fork) }

func (h *LightClientHeader) root(f Fork) (interop.Hash, error) {
	if err := h.check(f); err != nil {
		return interop.Hash{}, err
	}
	beacon := h.Beacon.HashTreeRoot()
	if !f.HasExecution() {
		return beacon, nil
	}
	exec, err := h.Execution.root(f)
	if err != nil {
		return interop.Hash{}, err
	}
	return containerRoot(beacon, exec, branchRoot(h.ExecutionBranch[:])), nil
}

// ExecutionRoot returns get_lc_execution_root(h) (deneb light-client sync-protocol.md)
// for a header whose slot falls in fork epochFork: the root of h.Execution in the layout
// of that fork (Deneb from Deneb on, Capella in Capella), and zero before Capella. The
// light client computes epochFork from the header's slot and its chain's fork schedule.
func (h *LightClientHeader) ExecutionRoot(epochFork Fork) (interop.Hash, error) {
	if !epochFork.HasExecution() {
		return interop.Hash{}, nil
	}
	if epochFork > h.Fork && h.Fork.HasExecution() {
		// A container cannot hold a header of a later fork than its own.
		epochFork = h.Fork
	}
	return h.Execution.root(epochFork)
}

// LightClientBootstrap is the container of altair light-client sync-protocol.md, with the
// branch of CurrentSyncCommitteeGindex (5 nodes), or of CurrentSyncCommitteeGindexElectra
// (6 nodes) from Electra on.
type LightClientBootstrap struct {
	Fork                       Fork
	Header                     LightClientHeader
	CurrentSyncCommittee       SyncCommittee
	CurrentSyncCommitteeBranch []interop.Hash
}

func (b *LightClientBootstrap) check() error {
	if err := b.Fork.check(); err != nil {
		return err
	}
	return checkBranch("current_sync_committee_branch", b.CurrentSyncCommitteeBranch, b.Fork.SyncCommitteeBranchDepth())
}

// SizeSSZ returns the SSZ size of b.
func (b *LightClientBootstrap) SizeSSZ() int {
	return b.Header.size(b.Fork) + b.CurrentSyncCommittee.SizeSSZ() + 32*len(b.CurrentSyncCommitteeBranch) + varOverhead(b.Fork)
}

// varOverhead is the offset bytes a container spends on one variable-size header.
func varOverhead(f Fork) int {
	if f.HasExecution() {
		return offsetSize
	}
	return 0
}

// MarshalSSZ returns the SSZ encoding of b.
func (b *LightClientBootstrap) MarshalSSZ() ([]byte, error) {
	return b.MarshalSSZTo(make([]byte, 0, b.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of b to dst.
func (b *LightClientBootstrap) MarshalSSZTo(dst []byte) ([]byte, error) {
	if err := b.check(); err != nil {
		return dst, err
	}
	rest := b.CurrentSyncCommittee.SizeSSZ() + 32*len(b.CurrentSyncCommitteeBranch)
	return marshalHeadersFirst(b.Fork, dst, []*LightClientHeader{&b.Header}, rest, func(dst []byte) ([]byte, error) {
		dst, err := b.CurrentSyncCommittee.MarshalSSZTo(dst)
		if err != nil {
			return dst, err
		}
		return appendHashes(dst, b.CurrentSyncCommitteeBranch), nil
	})
}

// marshalHeadersFirst appends a container that opens with the light-client headers hs
// and continues with fixed-size fields of rest bytes, which body appends. Before Capella
// a header is fixed-size and stands in place; from Capella on it is variable-size, so the
// fixed part holds its offset and the header follows the fixed part (ssz/simple-serialize.md
// serialization of containers).
func marshalHeadersFirst(f Fork, dst []byte, hs []*LightClientHeader, rest int, body func([]byte) ([]byte, error)) ([]byte, error) {
	var err error
	if f.HasExecution() {
		off := len(hs)*offsetSize + rest
		for _, h := range hs {
			dst = appendOffset(dst, off)
			off += h.size(f)
		}
	} else {
		for _, h := range hs {
			if dst, err = h.marshal(f, dst); err != nil {
				return dst, err
			}
		}
	}
	if dst, err = body(dst); err != nil {
		return dst, err
	}
	if f.HasExecution() {
		for _, h := range hs {
			if dst, err = h.marshal(f, dst); err != nil {
				return dst, err
			}
		}
	}
	return dst, nil
}

// checkForkPreset checks the fork and preset an UnmarshalSSZ is asked to decode with.
func checkForkPreset(f Fork, p Preset) error {
	if err := f.check(); err != nil {
		return err
	}
	return p.check()
}

// headerRoots returns the roots of a container's attested and finalized headers.
func headerRoots(f Fork, attested, finalized *LightClientHeader) (interop.Hash, interop.Hash, error) {
	a, err := attested.root(f)
	if err != nil {
		return interop.Hash{}, interop.Hash{}, err
	}
	fin, err := finalized.root(f)
	if err != nil {
		return interop.Hash{}, interop.Hash{}, err
	}
	return a, fin, nil
}

// UnmarshalSSZ decodes a LightClientBootstrap of fork f and preset p, and sets the Fork
// fields of b and its parts to f.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (b *LightClientBootstrap) UnmarshalSSZ(f Fork, p Preset, data []byte) error {
	if err := checkForkPreset(f, p); err != nil {
		return err
	}
	var parts [3][]byte
	depth := f.SyncCommitteeBranchDepth()
	if err := split("LightClientBootstrap", data, []int{headerFixedSize(f), syncCommitteeSize(p), 32 * depth}, parts[:]); err != nil {
		return err
	}
	*b = LightClientBootstrap{Fork: f}
	if err := b.Header.unmarshal(f, parts[0]); err != nil {
		return fmt.Errorf("LightClientBootstrap.header: %w", err)
	}
	if err := b.CurrentSyncCommittee.UnmarshalSSZ(p, parts[1]); err != nil {
		return err
	}
	var err error
	b.CurrentSyncCommitteeBranch, err = decodeBranch("current_sync_committee_branch", parts[2], depth)
	return err
}

// HashTreeRoot returns hash_tree_root(b).
func (b *LightClientBootstrap) HashTreeRoot() (interop.Hash, error) {
	if err := b.check(); err != nil {
		return interop.Hash{}, err
	}
	header, err := b.Header.root(b.Fork)
	if err != nil {
		return interop.Hash{}, err
	}
	return containerRoot(header, b.CurrentSyncCommittee.HashTreeRoot(), branchRoot(b.CurrentSyncCommitteeBranch)), nil
}

// LightClientUpdate is the container of altair light-client sync-protocol.md. Branch
// lengths follow the fork: 5 and 6 nodes, or 6 and 7 from Electra on.
type LightClientUpdate struct {
	Fork                    Fork
	AttestedHeader          LightClientHeader
	NextSyncCommittee       SyncCommittee
	NextSyncCommitteeBranch []interop.Hash
	FinalizedHeader         LightClientHeader
	FinalityBranch          []interop.Hash
	SyncAggregate           SyncAggregate
	SignatureSlot           uint64
}

func (u *LightClientUpdate) check() error {
	if err := u.Fork.check(); err != nil {
		return err
	}
	if err := checkBranch("next_sync_committee_branch", u.NextSyncCommitteeBranch, u.Fork.SyncCommitteeBranchDepth()); err != nil {
		return err
	}
	if err := checkBranch("finality_branch", u.FinalityBranch, u.Fork.FinalityBranchDepth()); err != nil {
		return err
	}
	if want := bitvectorLen(len(u.NextSyncCommittee.Pubkeys)); len(u.SyncAggregate.SyncCommitteeBits) != want {
		return fmt.Errorf("%w: %d bytes of sync committee bits for %d pubkeys", ErrField, len(u.SyncAggregate.SyncCommitteeBits), len(u.NextSyncCommittee.Pubkeys))
	}
	return nil
}

// SizeSSZ returns the SSZ size of u.
func (u *LightClientUpdate) SizeSSZ() int {
	return u.AttestedHeader.size(u.Fork) + u.NextSyncCommittee.SizeSSZ() + 32*len(u.NextSyncCommitteeBranch) +
		u.FinalizedHeader.size(u.Fork) + 32*len(u.FinalityBranch) + u.SyncAggregate.SizeSSZ() + 8 + 2*varOverhead(u.Fork)
}

// MarshalSSZ returns the SSZ encoding of u.
func (u *LightClientUpdate) MarshalSSZ() ([]byte, error) {
	return u.MarshalSSZTo(make([]byte, 0, u.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of u to dst.
func (u *LightClientUpdate) MarshalSSZTo(dst []byte) ([]byte, error) {
	if err := u.check(); err != nil {
		return dst, err
	}
	f := u.Fork
	var err error
	if f.HasExecution() {
		fixed := 2*offsetSize + u.NextSyncCommittee.SizeSSZ() + 32*len(u.NextSyncCommitteeBranch) +
			32*len(u.FinalityBranch) + u.SyncAggregate.SizeSSZ() + 8
		dst = appendOffset(dst, fixed)
		if dst, err = u.NextSyncCommittee.MarshalSSZTo(dst); err != nil {
			return dst, err
		}
		dst = appendHashes(dst, u.NextSyncCommitteeBranch)
		dst = appendOffset(dst, fixed+u.AttestedHeader.size(f))
		dst = appendHashes(dst, u.FinalityBranch)
		if dst, err = u.SyncAggregate.marshalWithSlot(dst, u.SignatureSlot); err != nil {
			return dst, err
		}
		if dst, err = u.AttestedHeader.marshal(f, dst); err != nil {
			return dst, err
		}
		return u.FinalizedHeader.marshal(f, dst)
	}
	if dst, err = u.AttestedHeader.marshal(f, dst); err != nil {
		return dst, err
	}
	if dst, err = u.NextSyncCommittee.MarshalSSZTo(dst); err != nil {
		return dst, err
	}
	dst = appendHashes(dst, u.NextSyncCommitteeBranch)
	if dst, err = u.FinalizedHeader.marshal(f, dst); err != nil {
		return dst, err
	}
	dst = appendHashes(dst, u.FinalityBranch)
	return u.SyncAggregate.marshalWithSlot(dst, u.SignatureSlot)
}

// UnmarshalSSZ decodes a LightClientUpdate of fork f and preset p, and sets the Fork
// fields of u and its parts to f.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (u *LightClientUpdate) UnmarshalSSZ(f Fork, p Preset, data []byte) error {
	if err := checkForkPreset(f, p); err != nil {
		return err
	}
	hs := headerFixedSize(f)
	scDepth, finDepth := f.SyncCommitteeBranchDepth(), f.FinalityBranchDepth()
	var parts [7][]byte
	sizes := []int{hs, syncCommitteeSize(p), 32 * scDepth, hs, 32 * finDepth, syncAggregateSize(p), 8}
	if err := split("LightClientUpdate", data, sizes, parts[:]); err != nil {
		return err
	}
	*u = LightClientUpdate{Fork: f}
	if err := u.AttestedHeader.unmarshal(f, parts[0]); err != nil {
		return fmt.Errorf("LightClientUpdate.attested_header: %w", err)
	}
	if err := u.NextSyncCommittee.UnmarshalSSZ(p, parts[1]); err != nil {
		return err
	}
	var err error
	if u.NextSyncCommitteeBranch, err = decodeBranch("next_sync_committee_branch", parts[2], scDepth); err != nil {
		return err
	}
	if err := u.FinalizedHeader.unmarshal(f, parts[3]); err != nil {
		return fmt.Errorf("LightClientUpdate.finalized_header: %w", err)
	}
	if u.FinalityBranch, err = decodeBranch("finality_branch", parts[4], finDepth); err != nil {
		return err
	}
	if err := u.SyncAggregate.UnmarshalSSZ(p, parts[5]); err != nil {
		return err
	}
	u.SignatureSlot = binary.LittleEndian.Uint64(parts[6])
	return nil
}

// HashTreeRoot returns hash_tree_root(u).
func (u *LightClientUpdate) HashTreeRoot() (interop.Hash, error) {
	if err := u.check(); err != nil {
		return interop.Hash{}, err
	}
	attested, finalized, err := headerRoots(u.Fork, &u.AttestedHeader, &u.FinalizedHeader)
	if err != nil {
		return interop.Hash{}, err
	}
	return containerRoot(attested, u.NextSyncCommittee.HashTreeRoot(), branchRoot(u.NextSyncCommitteeBranch),
		finalized, branchRoot(u.FinalityBranch), u.SyncAggregate.HashTreeRoot(), Uint64Root(u.SignatureSlot)), nil
}

// LightClientFinalityUpdate is the container of altair light-client sync-protocol.md.
type LightClientFinalityUpdate struct {
	Fork            Fork
	AttestedHeader  LightClientHeader
	FinalizedHeader LightClientHeader
	FinalityBranch  []interop.Hash
	SyncAggregate   SyncAggregate
	SignatureSlot   uint64
}

func (u *LightClientFinalityUpdate) check() error {
	if err := u.Fork.check(); err != nil {
		return err
	}
	return checkBranch("finality_branch", u.FinalityBranch, u.Fork.FinalityBranchDepth())
}

// SizeSSZ returns the SSZ size of u.
func (u *LightClientFinalityUpdate) SizeSSZ() int {
	return u.AttestedHeader.size(u.Fork) + u.FinalizedHeader.size(u.Fork) + 32*len(u.FinalityBranch) +
		u.SyncAggregate.SizeSSZ() + 8 + 2*varOverhead(u.Fork)
}

// MarshalSSZ returns the SSZ encoding of u.
func (u *LightClientFinalityUpdate) MarshalSSZ() ([]byte, error) {
	return u.MarshalSSZTo(make([]byte, 0, u.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of u to dst.
func (u *LightClientFinalityUpdate) MarshalSSZTo(dst []byte) ([]byte, error) {
	if err := u.check(); err != nil {
		return dst, err
	}
	rest := 32*len(u.FinalityBranch) + u.SyncAggregate.SizeSSZ() + 8
	hs := []*LightClientHeader{&u.AttestedHeader, &u.FinalizedHeader}
	return marshalHeadersFirst(u.Fork, dst, hs, rest, func(dst []byte) ([]byte, error) {
		dst = appendHashes(dst, u.FinalityBranch)
		return u.SyncAggregate.marshalWithSlot(dst, u.SignatureSlot)
	})
}

// UnmarshalSSZ decodes a LightClientFinalityUpdate of fork f and preset p, and sets the
// Fork fields of u and its parts to f.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (u *LightClientFinalityUpdate) UnmarshalSSZ(f Fork, p Preset, data []byte) error {
	if err := checkForkPreset(f, p); err != nil {
		return err
	}
	hs := headerFixedSize(f)
	finDepth := f.FinalityBranchDepth()
	var parts [5][]byte
	if err := split("LightClientFinalityUpdate", data, []int{hs, hs, 32 * finDepth, syncAggregateSize(p), 8}, parts[:]); err != nil {
		return err
	}
	*u = LightClientFinalityUpdate{Fork: f}
	if err := u.AttestedHeader.unmarshal(f, parts[0]); err != nil {
		return fmt.Errorf("LightClientFinalityUpdate.attested_header: %w", err)
	}
	if err := u.FinalizedHeader.unmarshal(f, parts[1]); err != nil {
		return fmt.Errorf("LightClientFinalityUpdate.finalized_header: %w", err)
	}
	var err error
	if u.FinalityBranch, err = decodeBranch("finality_branch", parts[2], finDepth); err != nil {
		return err
	}
	if err := u.SyncAggregate.UnmarshalSSZ(p, parts[3]); err != nil {
		return err
	}
	u.SignatureSlot = binary.LittleEndian.Uint64(parts[4])
	return nil
}

// HashTreeRoot returns hash_tree_root(u).
func (u *LightClientFinalityUpdate) HashTreeRoot() (interop.Hash, error) {
	if err := u.check(); err != nil {
		return interop.Hash{}, err
	}
	attested, finalized, err := headerRoots(u.Fork, &u.AttestedHeader, &u.FinalizedHeader)
	if err != nil {
		return interop.Hash{}, err
	}
	return containerRoot(attested, finalized, branchRoot(u.FinalityBranch), u.SyncAggregate.HashTreeRoot(), Uint64Root(u.SignatureSlot)), nil
}

// LightClientOptimisticUpdate is the container of altair light-client sync-protocol.md.
type LightClientOptimisticUpdate struct {
	Fork           Fork
	AttestedHeader LightClientHeader
	SyncAggregate  SyncAggregate
	SignatureSlot  uint64
}

// SizeSSZ returns the SSZ size of u.
func (u *LightClientOptimisticUpdate) SizeSSZ() int {
	return u.AttestedHeader.size(u.Fork) + u.SyncAggregate.SizeSSZ() + 8 + varOverhead(u.Fork)
}

// MarshalSSZ returns the SSZ encoding of u.
func (u *LightClientOptimisticUpdate) MarshalSSZ() ([]byte, error) {
	return u.MarshalSSZTo(make([]byte, 0, u.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of u to dst.
func (u *LightClientOptimisticUpdate) MarshalSSZTo(dst []byte) ([]byte, error) {
	f := u.Fork
	if err := f.check(); err != nil {
		return dst, err
	}
	rest := u.SyncAggregate.SizeSSZ() + 8
	return marshalHeadersFirst(f, dst, []*LightClientHeader{&u.AttestedHeader}, rest, func(dst []byte) ([]byte, error) {
		return u.SyncAggregate.marshalWithSlot(dst, u.SignatureSlot)
	})
}

// marshalWithSlot appends a's encoding and the signature slot that follows it in every
// light-client update.
func (a *SyncAggregate) marshalWithSlot(dst []byte, slot uint64) ([]byte, error) {
	dst, err := a.MarshalSSZTo(dst)
	if err != nil {
		return dst, err
	}
	return appendUint64(dst, slot), nil
}

// UnmarshalSSZ decodes a LightClientOptimisticUpdate of fork f and preset p, and sets the
// Fork fields of u and its parts to f.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (u *LightClientOptimisticUpdate) UnmarshalSSZ(f Fork, p Preset, data []byte) error {
	if err := checkForkPreset(f, p); err != nil {
		return err
	}
	var parts [3][]byte
	if err := split("LightClientOptimisticUpdate", data, []int{headerFixedSize(f), syncAggregateSize(p), 8}, parts[:]); err != nil {
		return err
	}
	*u = LightClientOptimisticUpdate{Fork: f}
	if err := u.AttestedHeader.unmarshal(f, parts[0]); err != nil {
		return fmt.Errorf("LightClientOptimisticUpdate.attested_header: %w", err)
	}
	if err := u.SyncAggregate.UnmarshalSSZ(p, parts[1]); err != nil {
		return err
	}
	u.SignatureSlot = binary.LittleEndian.Uint64(parts[2])
	return nil
}

// HashTreeRoot returns hash_tree_root(u).
func (u *LightClientOptimisticUpdate) HashTreeRoot() (interop.Hash, error) {
	if err := u.Fork.check(); err != nil {
		return interop.Hash{}, err
	}
	attested, err := u.AttestedHeader.root(u.Fork)
	if err != nil {
		return interop.Hash{}, err
	}
	return containerRoot(attested, u.SyncAggregate.HashTreeRoot(), Uint64Root(u.SignatureSlot)), nil
}
