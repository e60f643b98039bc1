package merkle

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"

	"github.com/interopkit/interop"
)

// Snapshot is EIP-4881's DepositTreeSnapshot: the finalized part of the deposit tree in
// the form the Beacon API's /eth/v1/beacon/deposit_snapshot serves.
//
// Finalized holds the roots of the maximal full subtrees over the first DepositCount
// deposits, left to right (largest first): one per set bit of DepositCount. DepositRoot,
// DepositCount and ExecutionBlockHash are the Eth1Data the snapshot was taken at, and
// ExecutionBlockHeight the number of that execution block.
type Snapshot struct {
	Finalized            []interop.Hash
	DepositRoot          interop.Hash
	DepositCount         uint64
	ExecutionBlockHash   interop.Hash
	ExecutionBlockHeight uint64
}

// CalculateRoot recomputes the deposit root from Finalized and DepositCount
// (calculate_root). It fails with ErrInvalidSnapshot when the count is above MaxLeaves or
// Finalized does not hold one root per set bit of the count.
func (s *Snapshot) CalculateRoot() (interop.Hash, error) {
	n := s.DepositCount
	if n > MaxLeaves {
		return interop.Hash{}, fmt.Errorf("%w: deposit count %d exceeds %d", ErrInvalidSnapshot, n, uint64(MaxLeaves))
	}
	if want := bits.OnesCount64(n); len(s.Finalized) != want {
		return interop.Hash{}, fmt.Errorf("%w: %d finalized roots for deposit count %d, want %d", ErrInvalidSnapshot, len(s.Finalized), n, want)
	}
	// Finalized lists the subtrees highest level first; the frontier is indexed by level.
	var b Branch
	i := len(s.Finalized)
	for k := 0; k < TreeDepth; k++ {
		if n>>k&1 == 1 {
			i--
			b[k] = s.Finalized[i]
		}
	}
	return MixInLength(frontierRoot(SHA256{}, Zeros(SHA256{}), &b, n), n), nil
}

// Verify checks that the snapshot is consistent, as from_snapshot requires: the checks of
// CalculateRoot, then DepositRoot equal to the recomputed root, else ErrInvalidSnapshot.
func (s *Snapshot) Verify() error {
	root, err := s.CalculateRoot()
	if err != nil {
		return err
	}
	if root != s.DepositRoot {
		return fmt.Errorf("%w: deposit root %v, finalized roots give %v", ErrInvalidSnapshot, s.DepositRoot, root)
	}
	return nil
}

// snapshotFixedSize is the SSZ fixed part: the finalized list's offset, deposit_root,
// deposit_count, execution_block_hash, execution_block_height.
const snapshotFixedSize = 4 + 32 + 8 + 32 + 8

// MarshalSSZ returns the SSZ encoding of the snapshot (the Beacon API's
// application/octet-stream form). It fails with ErrInvalidSnapshot when Finalized holds
// more than TreeDepth roots, which the SSZ type List[Hash32, 32] cannot carry.
func (s *Snapshot) MarshalSSZ() ([]byte, error) {
	if len(s.Finalized) > TreeDepth {
		return nil, fmt.Errorf("%w: %d finalized roots, at most %d", ErrInvalidSnapshot, len(s.Finalized), TreeDepth)
	}
	out := make([]byte, snapshotFixedSize, snapshotFixedSize+32*len(s.Finalized))
	binary.LittleEndian.PutUint32(out[0:4], snapshotFixedSize)
	copy(out[4:36], s.DepositRoot[:])
	binary.LittleEndian.PutUint64(out[36:44], s.DepositCount)
	copy(out[44:76], s.ExecutionBlockHash[:])
	binary.LittleEndian.PutUint64(out[76:84], s.ExecutionBlockHeight)
	for i := range s.Finalized {
		out = append(out, s.Finalized[i][:]...)
	}
	return out, nil
}

// UnmarshalSSZ decodes the SSZ encoding. It rejects, with ErrInvalidSnapshot, input
// shorter than the fixed part, an offset other than the fixed size (the only canonical
// one), a list that is not whole 32-byte roots, and more than TreeDepth roots, all before
// allocating; memory is 32 bytes per root. It does not check consistency; call Verify.
func (s *Snapshot) UnmarshalSSZ(b []byte) error {
	if len(b) < snapshotFixedSize {
		return fmt.Errorf("%w: %d bytes, want at least %d", ErrInvalidSnapshot, len(b), snapshotFixedSize)
	}
	if off := binary.LittleEndian.Uint32(b[0:4]); off != snapshotFixedSize {
		return fmt.Errorf("%w: finalized offset %d, want %d", ErrInvalidSnapshot, off, snapshotFixedSize)
	}
	list := b[snapshotFixedSize:]
	if len(list)%32 != 0 || len(list)/32 > TreeDepth {
		return fmt.Errorf("%w: finalized list of %d bytes, want a multiple of 32 up to %d", ErrInvalidSnapshot, len(list), 32*TreeDepth)
	}
	var out Snapshot
	copy(out.DepositRoot[:], b[4:36])
	out.DepositCount = binary.LittleEndian.Uint64(b[36:44])
	copy(out.ExecutionBlockHash[:], b[44:76])
	out.ExecutionBlockHeight = binary.LittleEndian.Uint64(b[76:84])
	if len(list) > 0 {
		out.Finalized = make([]interop.Hash, len(list)/32)
		for i := range out.Finalized {
			copy(out.Finalized[i][:], list[32*i:])
		}
	}
	*s = out
	return nil
}

// snapshotJSON is the Beacon API form; integers are decimal strings there.
type snapshotJSON struct {
	Finalized            []interop.Hash `json:"finalized"`
	DepositRoot          interop.Hash   `json:"deposit_root"`
	DepositCount         string         `json:"deposit_count"`
	ExecutionBlockHash   interop.Hash   `json:"execution_block_hash"`
	ExecutionBlockHeight string         `json:"execution_block_height"`
}

// MarshalJSON writes the Beacon API form, integers as decimal strings.
func (s Snapshot) MarshalJSON() ([]byte, error) {
	fin := s.Finalized
	if fin == nil {
		fin = []interop.Hash{}
	}
	return json.Marshal(snapshotJSON{
		Finalized:            fin,
		DepositRoot:          s.DepositRoot,
		DepositCount:         strconv.FormatUint(s.DepositCount, 10),
		ExecutionBlockHash:   s.ExecutionBlockHash,
		ExecutionBlockHeight: strconv.FormatUint(s.ExecutionBlockHeight, 10),
	})
}

// UnmarshalJSON reads the Beacon API form (without its "data" envelope). Integers may be
// decimal strings, as the Beacon API writes them, or JSON numbers, as EIP-4881's test
// cases do; either way they must be canonical (no sign, no leading zero) and fit a uint64.
// All five fields are required; unknown fields are ignored. More than TreeDepth finalized
// roots, or anything malformed, is ErrInvalidSnapshot: the roots are counted as they are
// decoded, so a long list costs no more than its first TreeDepth+1 roots; the rest of the
// input is decoded by encoding/json in linear time. It does not check consistency; call
// Verify.
func (s *Snapshot) UnmarshalJSON(b []byte) error {
	var raw struct {
		Finalized            *hashList       `json:"finalized"`
		DepositRoot          *interop.Hash   `json:"deposit_root"`
		DepositCount         json.RawMessage `json:"deposit_count"`
		ExecutionBlockHash   *interop.Hash   `json:"execution_block_hash"`
		ExecutionBlockHeight json.RawMessage `json:"execution_block_height"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
	}
	switch {
	case raw.Finalized == nil:
		return fmt.Errorf("%w: missing finalized", ErrInvalidSnapshot)
	case raw.DepositRoot == nil:
		return fmt.Errorf("%w: missing deposit_root", ErrInvalidSnapshot)
	case raw.ExecutionBlockHash == nil:
		return fmt.Errorf("%w: missing execution_block_hash", ErrInvalidSnapshot)
	}
	count, err := parseUint(raw.DepositCount, "deposit_count")
	if err != nil {
		return err
	}
	height, err := parseUint(raw.ExecutionBlockHeight, "execution_block_height")
	if err != nil {
		return err
	}
	*s = Snapshot{
		Finalized:            raw.Finalized.hashes,
		DepositRoot:          *raw.DepositRoot,
		DepositCount:         count,
		ExecutionBlockHash:   *raw.ExecutionBlockHash,
		ExecutionBlockHeight: height,
	}
	return nil
}

// hashList decodes a JSON array of at most TreeDepth hashes, counting before it stores.
type hashList struct{ hashes []interop.Hash }

func (l *hashList) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return fmt.Errorf("%w: finalized is null", ErrInvalidSnapshot)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%w: finalized is not an array", ErrInvalidSnapshot)
	}
	var buf [TreeDepth]interop.Hash
	n := 0
	for dec.More() {
		if n == TreeDepth {
			return fmt.Errorf("%w: more than %d finalized roots", ErrInvalidSnapshot, TreeDepth)
		}
		if err := dec.Decode(&buf[n]); err != nil {
			return fmt.Errorf("%w: finalized[%d]: %w", ErrInvalidSnapshot, n, err)
		}
		n++
	}
	l.hashes = append([]interop.Hash{}, buf[:n]...)
	return nil
}

// parseUint reads a canonical decimal uint64 given as a JSON string or number.
func parseUint(raw json.RawMessage, field string) (uint64, error) {
	if len(raw) == 0 {
		return 0, fmt.Errorf("%w: missing %s", ErrInvalidSnapshot, field)
	}
	d, err := interop.DecimalJSON(raw, true)
	if err == nil {
		var v uint64
		if v, err = interop.ParseUint64(d); err == nil {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%w: %s: %w", ErrInvalidSnapshot, field, err)
}
