package zk

import (
	"encoding/binary"
	"fmt"

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

// DecodePublicValues implements PublicValuesDecoder.
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

// EncodePublicValues is the inverse of DecodePublicValues.
func (HeliosV1) EncodePublicValues(o Outputs) []byte {
	return encodeWords(o.ExecutionStateRoot, o.NewHeader, o.NextSyncCommitteeHash, u256(o.NewSlot),
		o.PrevHeader, u256(o.PrevSlot), o.SyncCommitteeHash)
}

// HeliosV2 is the later static layout with the anchor committee (sp1-helios
// ProofOutputs with prevSyncCommitteeHash): eight words, 256 bytes — prevHeader,
// prevHead, prevSyncCommitteeHash, newHead, newHeader, executionStateRoot,
// syncCommitteeHash, nextSyncCommitteeHash.
type HeliosV2 struct{}

// DecodePublicValues implements PublicValuesDecoder.
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

// EncodePublicValues is the inverse of DecodePublicValues.
func (HeliosV2) EncodePublicValues(o Outputs) []byte {
	return encodeWords(o.PrevHeader, u256(o.PrevSlot), o.StartSyncCommitteeHash, u256(o.NewSlot),
		o.NewHeader, o.ExecutionStateRoot, o.SyncCommitteeHash, o.NextSyncCommitteeHash)
}

func u256(v uint64) interop.Hash {
	var h interop.Hash
	binary.BigEndian.PutUint64(h[24:], v)
	return h
}

func encodeWords(ws ...interop.Hash) []byte {
	out := make([]byte, 0, 32*len(ws))
	for _, w := range ws {
		out = append(out, w[:]...)
	}
	return out
}
