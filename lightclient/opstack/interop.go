package opstack

import (
	"encoding/binary"
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// Identifier names an initiating message (a log) of OP Stack interop
// (specs/interop/messaging.md "Message Identifier").
type Identifier struct {
	Origin      interop.Address
	BlockNumber uint64
	LogIndex    uint32
	Timestamp   uint64
	ChainID     uint256.Int
}

// LogPayload is a log's message payload: its topics concatenated, then its data (one
// allocation of exactly that size).
func LogPayload(topics []interop.Hash, data []byte) []byte {
	b := make([]byte, 0, 32*len(topics)+len(data))
	for i := range topics {
		b = append(b, topics[i][:]...)
	}
	return append(b, data...)
}

// PayloadHash is keccak256(LogPayload).
func PayloadHash(payload []byte) interop.Hash { return keccak.Sum256Parts(payload) }

// LogHash is keccak256(origin ‖ payloadHash) (op-supervisor PayloadHashToLogHash).
func LogHash(origin interop.Address, payloadHash interop.Hash) interop.Hash {
	return keccak.Sum256Parts(origin[:], payloadHash[:])
}

// Checksum is the access-list checksum of a message (specs/interop/predeploys.md,
// CrossL2Inbox "checksum"):
//
//	idPacked  = 12 zero bytes ‖ u64be(blockNumber) ‖ u64be(timestamp) ‖ u32be(logIndex)
//	idLogHash = keccak256(logHash ‖ idPacked)
//	bare      = keccak256(idLogHash ‖ u256be(chainId))
//	checksum  = 0x03 ‖ bare[1:]
func Checksum(id *Identifier, payloadHash interop.Hash) interop.Hash {
	lh := LogHash(id.Origin, payloadHash)
	var packed [32]byte
	binary.BigEndian.PutUint64(packed[12:], id.BlockNumber)
	binary.BigEndian.PutUint64(packed[20:], id.Timestamp)
	binary.BigEndian.PutUint32(packed[28:], id.LogIndex)
	idLog := keccak.Sum256Parts(lh[:], packed[:])
	chain := id.ChainID.Bytes32()
	c := keccak.Sum256Parts(idLog[:], chain[:])
	c[0] = entryChecksum
	return c
}

// Access-list entry types (the first byte of each 32-byte entry).
const (
	entryLookup           = 0x01
	entryChainIDExtension = 0x02
	entryChecksum         = 0x03
)

// Access is one executing message's access: where the initiating message is and its
// checksum. It occupies 2 entries, or 3 when the chain id needs more than 64 bits.
type Access struct {
	BlockNumber uint64
	Timestamp   uint64
	LogIndex    uint32
	ChainID     uint256.Int
	Checksum    interop.Hash
}

// AppendEntries appends the access's access-list entries to entries and returns the
// extended list: the lookup entry 0x01 ‖ 3 zero bytes ‖ u64be(chainId low 64 bits) ‖
// u64be(blockNumber) ‖ u64be(timestamp) ‖ u32be(logIndex); then, for a chain id above
// 64 bits, 0x02 ‖ 7 zero bytes ‖ chainId[0:24]; then the checksum. An access list is a
// list of 32-byte entries, not bytes, so this is AppendBinary's shape over entries; it
// never fails.
func (a *Access) AppendEntries(entries []interop.Hash) []interop.Hash {
	cid := a.ChainID.Bytes32()
	var lookup interop.Hash
	lookup[0] = entryLookup
	copy(lookup[4:12], cid[24:32])
	binary.BigEndian.PutUint64(lookup[12:], a.BlockNumber)
	binary.BigEndian.PutUint64(lookup[20:], a.Timestamp)
	binary.BigEndian.PutUint32(lookup[28:], a.LogIndex)
	entries = append(entries, lookup)
	if !a.ChainID.IsUint64() {
		var ext interop.Hash
		ext[0] = entryChainIDExtension
		copy(ext[8:], cid[:24])
		entries = append(entries, ext)
	}
	return append(entries, a.Checksum)
}

// DecodeAccess reads one access from the front of entries and returns the rest
// (op-supervisor ParseAccess): ErrExpectedEntry when entries end early,
// ErrUnexpectedEntryType for an entry of the wrong type, ErrMalformedEntry for non-zero
// padding. As op-supervisor, it accepts a chain-id extension entry whose chain-id bytes
// are all zero, which AppendEntries does not write (the only non-canonical form it
// accepts). It reads at most three entries and
// allocates nothing but an error.
func DecodeAccess(entries []interop.Hash) (Access, []interop.Hash, error) {
	var a Access
	if len(entries) == 0 {
		return a, nil, fmt.Errorf("%w: lookup", ErrExpectedEntry)
	}
	e := entries[0]
	if e[0] != entryLookup {
		return a, nil, fmt.Errorf("%w: 0x%02x, want lookup", ErrUnexpectedEntryType, e[0])
	}
	if e[1]|e[2]|e[3] != 0 {
		return a, nil, fmt.Errorf("%w: lookup padding %x", ErrMalformedEntry, e[1:4])
	}
	var cid [32]byte
	copy(cid[24:], e[4:12])
	a.BlockNumber = binary.BigEndian.Uint64(e[12:])
	a.Timestamp = binary.BigEndian.Uint64(e[20:])
	a.LogIndex = binary.BigEndian.Uint32(e[28:])
	entries = entries[1:]
	if len(entries) == 0 {
		return a, nil, fmt.Errorf("%w: after lookup", ErrExpectedEntry)
	}
	if entries[0][0] == entryChainIDExtension {
		x := entries[0]
		for _, b := range x[1:8] {
			if b != 0 {
				return a, nil, fmt.Errorf("%w: chain-id extension padding %x", ErrMalformedEntry, x[1:8])
			}
		}
		copy(cid[:24], x[8:])
		entries = entries[1:]
		if len(entries) == 0 {
			return a, nil, fmt.Errorf("%w: after chain-id extension", ErrExpectedEntry)
		}
	}
	if entries[0][0] != entryChecksum {
		return a, nil, fmt.Errorf("%w: 0x%02x, want checksum", ErrUnexpectedEntryType, entries[0][0])
	}
	a.ChainID.SetBytes32(cid[:])
	a.Checksum = entries[0]
	return a, entries[1:], nil
}

// DecodeAccessList reads every access of an access list; an empty list is empty. Work is
// one pass over the entries; memory is one Access (88 bytes) per two entries, allocated
// once: about 2 bytes per input byte.
func DecodeAccessList(entries []interop.Hash) ([]Access, error) {
	var out []Access
	if len(entries) > 0 {
		out = make([]Access, 0, len(entries)/2) // every access takes at least two entries
	}
	for len(entries) > 0 {
		a, rest, err := DecodeAccess(entries)
		if err != nil {
			return nil, fmt.Errorf("access %d: %w", len(out), err)
		}
		out = append(out, a)
		entries = rest
	}
	return out, nil
}
