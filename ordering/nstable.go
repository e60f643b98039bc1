package ordering

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// NsEntry is one entry of an Espresso-style namespace table: namespace id and the end
// offset of its bytes in the block payload.
type NsEntry struct {
	ID  uint32
	End uint32
}

// NsTable is an Espresso-style namespace table (espresso-network ns_table.rs, format read
// from its rules): namespace i owns payload[End(i-1), End(i)), End(-1) = 0. Completeness of
// a rollup's range follows from the table being committed in the header.
type NsTable struct {
	Entries []NsEntry
	raw     []byte
}

// DecodeNsTable parses u32le count ‖ count × (u32le id ‖ u32le end) and enforces the
// table's rules: byte length 4+8k with count k, offsets strictly increasing from above
// zero, unique ids (not necessarily sorted), and a last offset equal to payloadLen (0 for
// an empty table). Any violation is ErrInvalidNsTable. Bound: O(len(b)) time and memory
// (a copy of b, the entries and a set of ids).
func DecodeNsTable(b []byte, payloadLen uint64) (NsTable, error) {
	if len(b) < 4 || (len(b)-4)%8 != 0 {
		return NsTable{}, fmt.Errorf("%w: %d bytes", ErrInvalidNsTable, len(b))
	}
	k := (len(b) - 4) / 8
	if n := binary.LittleEndian.Uint32(b); uint64(n) != uint64(k) {
		return NsTable{}, fmt.Errorf("%w: count %d, bytes hold %d entries", ErrInvalidNsTable, n, k)
	}
	t := NsTable{raw: append([]byte(nil), b...)}
	if k > 0 {
		t.Entries = make([]NsEntry, k)
	}
	seen := make(map[uint32]struct{}, k)
	prev := uint32(0)
	for i := range t.Entries {
		e := NsEntry{ID: binary.LittleEndian.Uint32(b[4+8*i:]), End: binary.LittleEndian.Uint32(b[8+8*i:])}
		if e.End <= prev {
			return NsTable{}, fmt.Errorf("%w: entry %d ends at %d after %d", ErrInvalidNsTable, i, e.End, prev)
		}
		if _, dup := seen[e.ID]; dup {
			return NsTable{}, fmt.Errorf("%w: namespace %d twice", ErrInvalidNsTable, e.ID)
		}
		seen[e.ID] = struct{}{}
		prev = e.End
		t.Entries[i] = e
	}
	if uint64(prev) != payloadLen {
		return NsTable{}, fmt.Errorf("%w: table ends at %d, payload is %d bytes", ErrInvalidNsTable, prev, payloadLen)
	}
	return t, nil
}

// Range returns the payload range of namespace id, or false if the table has none.
func (t *NsTable) Range(id uint32) (start, end uint32, ok bool) {
	prev := uint32(0)
	for _, e := range t.Entries {
		if e.ID == id {
			return prev, e.End, true
		}
		prev = e.End
	}
	return 0, 0, false
}

// NsTableCommitment is the table's commitment, keccak256("NSTABLE" ‖ 0xC0 0x7F ‖
// u64le(len) ‖ bytes): committable's RawCommitmentBuilder("NSTABLE").var_size_bytes, whose
// tag is followed by the two separator bytes before the length-prefixed field.
func NsTableCommitment(b []byte) interop.Hash {
	var l [8]byte
	binary.LittleEndian.PutUint64(l[:], uint64(len(b)))
	return keccak.Sum256Parts([]byte("NSTABLE"), []byte{0xC0, 0x7F}, l[:], b)
}

// Commitment returns NsTableCommitment of the parsed bytes.
func (t *NsTable) Commitment() interop.Hash { return NsTableCommitment(t.raw) }
