package zk

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
)

// Outputs are the values a light-client proof attests, named after SP1-Helios's
// ProofOutputs. Fields a layout does not carry are zero.
type Outputs struct {
	PrevHeader interop.Hash // hash_tree_root of the beacon header the update starts from
	PrevSlot   uint64
	NewHeader  interop.Hash // hash_tree_root of the new finalized beacon header
	NewSlot    uint64
	// ExecutionStateRoot is the state root of the new header's execution payload.
	ExecutionStateRoot interop.Hash
	// SyncCommitteeHash is the hash of the sync committee of the new head's period.
	SyncCommitteeHash interop.Hash
	// NextSyncCommitteeHash is the next period's committee hash, or zero if unknown.
	NextSyncCommitteeHash interop.Hash
	// StartSyncCommitteeHash is the committee that signed the update (the previous
	// head's period); zero in layouts that do not carry it.
	StartSyncCommitteeHash interop.Hash
	// Slots are storage values proven at the new head's execution state root (the
	// HeliosStorage layout); nil in the others.
	Slots []StorageSlot
}

// StorageSlot is one proven storage value: the slot Key of Contract holds Value.
type StorageSlot struct {
	Key      interop.Hash
	Value    interop.Hash
	Contract interop.Address
}

// PublicValuesDecoder reads the public values a light-client program commits to. An
// implementation must be strict: the same Outputs from exactly one encoding.
type PublicValuesDecoder interface {
	DecodePublicValues(b []byte) (Outputs, error)
}

// abiWords splits b into 32-byte words, requiring exactly n.
func abiWords(b []byte, n int) ([][]byte, error) {
	if len(b) != 32*n {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrPublicValues, len(b), 32*n)
	}
	w := make([][]byte, n)
	for i := range w {
		w[i] = b[32*i : 32*i+32]
	}
	return w, nil
}

// abiUint64 reads an ABI uint256 word that must fit in 64 bits (a slot).
func abiUint64(w []byte) (uint64, error) {
	for _, c := range w[:24] {
		if c != 0 {
			return 0, fmt.Errorf("%w: uint256 %x exceeds 64 bits", ErrPublicValues, w)
		}
	}
	return binary.BigEndian.Uint64(w[24:]), nil
}

func slots(o *Outputs, prev, next []byte) error {
	var err error
	if o.PrevSlot, err = abiUint64(prev); err != nil {
		return err
	}
	o.NewSlot, err = abiUint64(next)
	return err
}

// HeliosV1 is abi.encode(ProofOutputs) of the first SP1-Helios releases (sp1-helios
// primitives/src/types.rs): seven static words, 224 bytes —
// executionStateRoot, newHeader, nextSyncCommitteeHash, newHead, prevHeader, prevHead,
// syncCommitteeHash.
type HeliosV1 struct{}

// DecodePublicValues implements PublicValuesDecoder. It reads exactly 224 bytes; memory
// O(1).
func (HeliosV1) DecodePublicValues(b []byte) (Outputs, error) {
	w, err := abiWords(b, 7)
	if err != nil {
		return Outputs{}, err
	}
	o := Outputs{
		ExecutionStateRoot:    interop.Hash(w[0]),
		NewHeader:             interop.Hash(w[1]),
		NextSyncCommitteeHash: interop.Hash(w[2]),
		PrevHeader:            interop.Hash(w[4]),
		SyncCommitteeHash:     interop.Hash(w[6]),
	}
	return o, slots(&o, w[5], w[3])
}

// AppendPublicValues appends the encoding DecodePublicValues reads to b.
func (HeliosV1) AppendPublicValues(b []byte, o Outputs) []byte {
	return appendWords(b, o.ExecutionStateRoot, o.NewHeader, o.NextSyncCommitteeHash, u256(o.NewSlot),
		o.PrevHeader, u256(o.PrevSlot), o.SyncCommitteeHash)
}

// HeliosV2 is the later static layout with the anchor committee (sp1-helios
// ProofOutputs with prevSyncCommitteeHash): eight words, 256 bytes — prevHeader,
// prevHead, prevSyncCommitteeHash, newHead, newHeader, executionStateRoot,
// syncCommitteeHash, nextSyncCommitteeHash.
type HeliosV2 struct{}

// DecodePublicValues implements PublicValuesDecoder. It reads exactly 256 bytes; memory
// O(1).
func (HeliosV2) DecodePublicValues(b []byte) (Outputs, error) {
	w, err := abiWords(b, 8)
	if err != nil {
		return Outputs{}, err
	}
	o := Outputs{
		PrevHeader:             interop.Hash(w[0]),
		StartSyncCommitteeHash: interop.Hash(w[2]),
		NewHeader:              interop.Hash(w[4]),
		ExecutionStateRoot:     interop.Hash(w[5]),
		SyncCommitteeHash:      interop.Hash(w[6]),
		NextSyncCommitteeHash:  interop.Hash(w[7]),
	}
	return o, slots(&o, w[1], w[3])
}

// AppendPublicValues appends the encoding DecodePublicValues reads to b.
func (HeliosV2) AppendPublicValues(b []byte, o Outputs) []byte {
	return appendWords(b, o.PrevHeader, u256(o.PrevSlot), o.StartSyncCommitteeHash, u256(o.NewSlot),
		o.NewHeader, o.ExecutionStateRoot, o.SyncCommitteeHash, o.NextSyncCommitteeHash)
}

func u256(v uint64) interop.Hash {
	var h interop.Hash
	binary.BigEndian.PutUint64(h[24:], v)
	return h
}

func appendWords(b []byte, ws ...interop.Hash) []byte {
	b = slices.Grow(b, 32*len(ws))
	for _, w := range ws {
		b = append(b, w[:]...)
	}
	return b
}

// MaxStorageSlots bounds the storage slots HeliosStorage accepts in one update.
const MaxStorageSlots = 1 << 12

// HeliosStorage is abi.encode(ProofOutputs) of the current SP1Helios contract
// (contracts/src/SP1Helios.sol), a struct with a dynamic member:
//
//	0x20 (offset of the tuple)
//	executionStateRoot, newHeader, nextSyncCommitteeHash, newHead, prevHeader, prevHead,
//	syncCommitteeHash, startSyncCommitteeHash, 0x120 (offset of slots in the tuple)
//	n, n × (key, value, contractAddress)
//
// The encoding is read strictly: the offsets must be the canonical ones, addresses
// left-padded with zeros, and nothing may follow the last slot.
type HeliosStorage struct{}

// DecodePublicValues implements PublicValuesDecoder. It reads 352 + 96n bytes for n ≤
// MaxStorageSlots slots, checking n against both before allocating the n slots: time and
// memory O(len(b)).
func (HeliosStorage) DecodePublicValues(b []byte) (Outputs, error) {
	const head = 32 + 9*32 + 32 // tuple offset, 9 head words, slot count
	if len(b) < head {
		return Outputs{}, fmt.Errorf("%w: %d bytes, want at least %d", ErrPublicValues, len(b), head)
	}
	if off, err := abiUint64(b[0:32]); err != nil || off != 32 {
		return Outputs{}, fmt.Errorf("%w: tuple offset %x, want 0x20", ErrPublicValues, b[0:32])
	}
	w, _ := abiWords(b[32:32+9*32], 9)
	if off, err := abiUint64(w[8]); err != nil || off != 9*32 {
		return Outputs{}, fmt.Errorf("%w: slots offset %x, want 0x120", ErrPublicValues, w[8])
	}
	n, err := abiUint64(b[head-32 : head])
	if err != nil || n > MaxStorageSlots || uint64(len(b)-head) != 96*n {
		return Outputs{}, fmt.Errorf("%w: %x slots in %d bytes", ErrPublicValues, b[head-32:head], len(b)-head)
	}
	o := Outputs{
		ExecutionStateRoot:     interop.Hash(w[0]),
		NewHeader:              interop.Hash(w[1]),
		NextSyncCommitteeHash:  interop.Hash(w[2]),
		PrevHeader:             interop.Hash(w[4]),
		SyncCommitteeHash:      interop.Hash(w[6]),
		StartSyncCommitteeHash: interop.Hash(w[7]),
	}
	if err := slots(&o, w[5], w[3]); err != nil {
		return Outputs{}, err
	}
	if n > 0 {
		o.Slots = make([]StorageSlot, n)
	}
	for i := range o.Slots {
		s := b[head+96*i : head+96*i+96]
		for _, c := range s[64:76] {
			if c != 0 {
				return Outputs{}, fmt.Errorf("%w: slot %d address word %x", ErrPublicValues, i, s[64:96])
			}
		}
		o.Slots[i] = StorageSlot{Key: interop.Hash(s[0:32]), Value: interop.Hash(s[32:64]), Contract: interop.Address(s[76:96])}
	}
	return o, nil
}

// AppendPublicValues appends the encoding DecodePublicValues reads to b.
func (HeliosStorage) AppendPublicValues(b []byte, o Outputs) []byte {
	b = slices.Grow(b, 32*(11+3*len(o.Slots)))
	b = appendWords(b, u256(32), o.ExecutionStateRoot, o.NewHeader, o.NextSyncCommitteeHash, u256(o.NewSlot),
		o.PrevHeader, u256(o.PrevSlot), o.SyncCommitteeHash, o.StartSyncCommitteeHash, u256(9*32), u256(uint64(len(o.Slots))))
	for _, s := range o.Slots {
		var a interop.Hash
		copy(a[12:], s.Contract[:])
		b = appendWords(b, s.Key, s.Value, a)
	}
	return b
}
