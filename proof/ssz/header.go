package ssz

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
)

// BeaconBlockHeader is the phase0 container of that name.
type BeaconBlockHeader struct {
	Slot          uint64
	ProposerIndex uint64
	ParentRoot    interop.Hash
	StateRoot     interop.Hash
	BodyRoot      interop.Hash
}

// BeaconBlockHeaderSize is the SSZ size of a BeaconBlockHeader.
const BeaconBlockHeaderSize = 8 + 8 + 3*32

// SizeSSZ returns BeaconBlockHeaderSize.
func (h *BeaconBlockHeader) SizeSSZ() int { return BeaconBlockHeaderSize }

// MarshalSSZ returns the SSZ encoding of h.
func (h *BeaconBlockHeader) MarshalSSZ() ([]byte, error) {
	return h.MarshalSSZTo(make([]byte, 0, BeaconBlockHeaderSize))
}

// MarshalSSZTo appends the SSZ encoding of h to dst.
func (h *BeaconBlockHeader) MarshalSSZTo(dst []byte) ([]byte, error) {
	dst = appendUint64(dst, h.Slot)
	dst = appendUint64(dst, h.ProposerIndex)
	dst = append(dst, h.ParentRoot[:]...)
	dst = append(dst, h.StateRoot[:]...)
	return append(dst, h.BodyRoot[:]...), nil
}

// UnmarshalSSZ decodes exactly BeaconBlockHeaderSize bytes.
//
// Resource bound: the size is checked first; nothing is allocated.
func (h *BeaconBlockHeader) UnmarshalSSZ(data []byte) error {
	if len(data) != BeaconBlockHeaderSize {
		return fmt.Errorf("BeaconBlockHeader: %w: %d bytes, want %d", ErrSize, len(data), BeaconBlockHeaderSize)
	}
	h.Slot = binary.LittleEndian.Uint64(data[0:])
	h.ProposerIndex = binary.LittleEndian.Uint64(data[8:])
	copy(h.ParentRoot[:], data[16:48])
	copy(h.StateRoot[:], data[48:80])
	copy(h.BodyRoot[:], data[80:112])
	return nil
}

// HashTreeRoot returns hash_tree_root(h), the block root. Five fields pad to eight
// leaves; the three zero leaves fold into one zero-hash node, so it costs six hashes and
// no allocation.
func (h *BeaconBlockHeader) HashTreeRoot() interop.Hash {
	a := HashPair(Uint64Root(h.Slot), Uint64Root(h.ProposerIndex))
	b := HashPair(h.ParentRoot, h.StateRoot)
	c := HashPair(h.BodyRoot, interop.Hash{})
	return HashPair(HashPair(a, b), HashPair(c, zeroHashes[1]))
}

// A Version is a fork version (phase0 beacon-chain.md, Version = Bytes4).
type Version [4]byte

// A DomainType is the first four bytes of a signature domain.
type DomainType [4]byte

// A Domain is a signature domain (Bytes32).
type Domain [32]byte

// DomainSyncCommittee is DOMAIN_SYNC_COMMITTEE of altair beacon-chain.md.
var DomainSyncCommittee = DomainType{0x07, 0x00, 0x00, 0x00}

// ComputeForkDataRoot returns compute_fork_data_root: hash_tree_root(ForkData{version,
// genesisValidatorsRoot}).
func ComputeForkDataRoot(version Version, genesisValidatorsRoot interop.Hash) interop.Hash {
	var v interop.Hash
	copy(v[:], version[:])
	return HashPair(v, genesisValidatorsRoot)
}

// ComputeForkDigest returns compute_fork_digest as phase0 to Electra define it: the first
// four bytes of the fork data root. Fulu mixes the blob schedule into the digest, which
// this function does not know.
func ComputeForkDigest(version Version, genesisValidatorsRoot interop.Hash) [4]byte {
	r := ComputeForkDataRoot(version, genesisValidatorsRoot)
	return [4]byte(r[:4])
}

// ComputeDomain returns compute_domain(domainType, version, genesisValidatorsRoot).
func ComputeDomain(domainType DomainType, version Version, genesisValidatorsRoot interop.Hash) Domain {
	r := ComputeForkDataRoot(version, genesisValidatorsRoot)
	var d Domain
	copy(d[:4], domainType[:])
	copy(d[4:], r[:28])
	return d
}

// ComputeSigningRoot returns compute_signing_root for an object whose hash_tree_root is
// objectRoot: hash_tree_root(SigningData{objectRoot, domain}).
func ComputeSigningRoot(objectRoot interop.Hash, domain Domain) interop.Hash {
	return HashPair(objectRoot, interop.Hash(domain))
}
