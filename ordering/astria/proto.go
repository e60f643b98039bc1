package astria

import (
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
)

// Bounds of the decoders.
const (
	// MaxMessageSize is the largest encoded message the decoders accept (64 MiB, above
	// the sequencer's default gRPC limit and CometBFT's 21 MB maximum block size).
	MaxMessageSize = 64 << 20
	// MaxAuditPath is the most hashes an audit path may hold (a tree of 2^64 leaves).
	MaxAuditPath = 64
)

const (
	wireVarint = 0
	wire64     = 1
	wireBytes  = 2
	wire32     = 5
)

// field is one decoded protobuf field: its number, wire type, and its varint value or
// its bytes (aliasing the input).
type field struct {
	num  uint64
	wire uint64
	v    uint64
	b    []byte
}

// uvarint reads a minimal protobuf varint: at most 10 bytes, no trailing zero byte, no
// bits past 64.
func uvarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		if i == 9 && c > 1 {
			return 0, 0, fmt.Errorf("%w: varint overflows 64 bits", ErrDecode)
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			if i > 0 && c == 0 {
				return 0, 0, fmt.Errorf("%w: non-minimal varint of %d bytes", ErrDecode, i+1)
			}
			return v, i + 1, nil
		}
	}
	return 0, 0, fmt.Errorf("%w: truncated varint", ErrDecode)
}

// next reads the field at the start of b and returns the rest.
func next(b []byte) (field, []byte, error) {
	tag, n, err := uvarint(b)
	if err != nil {
		return field{}, nil, err
	}
	b = b[n:]
	f := field{num: tag >> 3, wire: tag & 7}
	if f.num == 0 || f.num > 1<<29-1 {
		return field{}, nil, fmt.Errorf("%w: field number %d", ErrDecode, f.num)
	}
	switch f.wire {
	case wireVarint:
		f.v, n, err = uvarint(b)
		if err != nil {
			return field{}, nil, err
		}
		return f, b[n:], nil
	case wire64:
		if len(b) < 8 {
			return field{}, nil, fmt.Errorf("%w: truncated fixed64 field %d", ErrDecode, f.num)
		}
		f.v = binary.LittleEndian.Uint64(b)
		return f, b[8:], nil
	case wire32:
		if len(b) < 4 {
			return field{}, nil, fmt.Errorf("%w: truncated fixed32 field %d", ErrDecode, f.num)
		}
		f.v = uint64(binary.LittleEndian.Uint32(b))
		return f, b[4:], nil
	case wireBytes:
		l, n, err := uvarint(b)
		if err != nil {
			return field{}, nil, err
		}
		b = b[n:]
		if l > uint64(len(b)) {
			return field{}, nil, fmt.Errorf("%w: field %d length %d, %d bytes left", ErrDecode, f.num, l, len(b))
		}
		f.b = b[:l:l]
		return f, b[l:], nil
	default:
		return field{}, nil, fmt.Errorf("%w: field %d has wire type %d", ErrDecode, f.num, f.wire)
	}
}

// message walks the fields of b. known maps each field number the message defines to its
// wire type and whether it repeats; a known field with another wire type, or a
// non-repeated one twice, is ErrDecode; unknown fields of a valid wire type are skipped
// (proto3). visit is called for each known field.
type spec struct {
	wire     uint64
	repeated bool
}

func message(what string, b []byte, known map[uint64]spec, visit func(f field) error) error {
	var seen uint64 // fields are numbered below 64 in every message here
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		b = rest
		s, ok := known[f.num]
		if !ok {
			continue
		}
		if f.wire != s.wire {
			return fmt.Errorf("%w: %s field %d has wire type %d, want %d", ErrDecode, what, f.num, f.wire, s.wire)
		}
		if !s.repeated {
			if seen&(1<<f.num) != 0 {
				return fmt.Errorf("%w: %s field %d repeated", ErrDecode, what, f.num)
			}
			seen |= 1 << f.num
		}
		if err := visit(f); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// count returns how many times field num occurs at the top level of b (b already walked
// once by message, or walked here; errors are left to message).
func count(b []byte, num uint64) int {
	n := 0
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return n
		}
		if f.num == num {
			n++
		}
		b = rest
	}
	return n
}

func hash32(what string, b []byte) (interop.Hash, error) {
	var h interop.Hash
	if len(b) != 32 {
		return h, fmt.Errorf("%w: %s of %d bytes, want 32", ErrDecode, what, len(b))
	}
	copy(h[:], b)
	return h, nil
}

func checkSize(what string, b []byte) error {
	if len(b) > MaxMessageSize {
		return fmt.Errorf("%w: %s of %d bytes, limit %d", ErrTooLarge, what, len(b), MaxMessageSize)
	}
	return nil
}

// Proof is astria.primitive.v1.Proof, an audit path in astria-merkle's tree: the
// siblings of the leaf, bottom-up, concatenated (AuditPath, a multiple of 32 bytes), the
// leaf's index, and the tree's size in NODES (2n-1 for n leaves, as astria-merkle's
// Tree::len counts them). The tree is RFC 6962's.
type Proof struct {
	AuditPath []byte
	LeafIndex uint64
	TreeSize  uint64
}

// DecodeProof decodes an astria.primitive.v1.Proof. Bound: the audit path aliases b;
// nothing else is allocated. The proof's shape is checked by Verify, not here.
func DecodeProof(b []byte) (Proof, error) {
	var p Proof
	if err := checkSize("proof", b); err != nil {
		return p, err
	}
	err := message("proof", b, map[uint64]spec{1: {wireBytes, false}, 2: {wireVarint, false}, 3: {wireVarint, false}}, func(f field) error {
		switch f.num {
		case 1:
			p.AuditPath = f.b
		case 2:
			p.LeafIndex = f.v
		case 3:
			p.TreeSize = f.v
		}
		return nil
	})
	return p, err
}

// AppendBinary appends the canonical protobuf encoding of p.
func (p *Proof) AppendBinary(b []byte) ([]byte, error) {
	b = appendBytes(b, 1, p.AuditPath)
	b = appendVarint(b, 2, p.LeafIndex)
	return appendVarint(b, 3, p.TreeSize), nil
}

// Timestamp is google.protobuf.Timestamp.
type Timestamp struct {
	Seconds int64
	Nanos   int32
}

func decodeTimestamp(b []byte) (Timestamp, error) {
	var t Timestamp
	err := message("timestamp", b, map[uint64]spec{1: {wireVarint, false}, 2: {wireVarint, false}}, func(f field) error {
		switch f.num {
		case 1:
			t.Seconds = int64(f.v)
		case 2:
			n := int64(f.v)
			if n < 0 || n > 999_999_999 {
				return fmt.Errorf("%w: timestamp nanos %d", ErrDecode, n)
			}
			t.Nanos = int32(n)
		}
		return nil
	})
	return t, err
}

func (t Timestamp) appendBinary(b []byte) []byte {
	b = appendVarint(b, 1, uint64(t.Seconds))
	return appendVarint(b, 2, uint64(int64(t.Nanos)))
}

// Header is astria.sequencerblock.v1.SequencerBlockHeader.
type Header struct {
	ChainID                string
	Height                 uint64
	Time                   Timestamp
	DataHash               interop.Hash
	ProposerAddress        []byte // 20 bytes
	RollupTransactionsRoot interop.Hash
}

// DecodeHeader decodes a SequencerBlockHeader as the sequencer serves it (every field
// but the height required, as astria-core's try_from_raw: a chain id of 1 to
// tendermint.MaxChainIDLen bytes, hashes of 32 bytes, a 20-byte proposer).
// Bound: the chain id is copied (at most the input); the proposer aliases b.
func DecodeHeader(b []byte) (Header, error) {
	var h Header
	if err := checkSize("header", b); err != nil {
		return h, err
	}
	var have [7]bool
	err := message("header", b, map[uint64]spec{
		1: {wireBytes, false}, 2: {wireVarint, false}, 3: {wireBytes, false},
		4: {wireBytes, false}, 5: {wireBytes, false}, 6: {wireBytes, false},
	}, func(f field) (err error) {
		have[f.num] = true
		switch f.num {
		case 1:
			if len(f.b) == 0 || len(f.b) > tendermint.MaxChainIDLen {
				return fmt.Errorf("%w: chain id of %d bytes, want 1 to %d", ErrDecode, len(f.b), tendermint.MaxChainIDLen)
			}
			h.ChainID = string(f.b)
		case 2:
			h.Height = f.v
		case 3:
			h.Time, err = decodeTimestamp(f.b)
		case 4:
			h.DataHash, err = hash32("data_hash", f.b)
		case 5:
			if len(f.b) != 20 {
				return fmt.Errorf("%w: proposer address of %d bytes, want 20", ErrDecode, len(f.b))
			}
			h.ProposerAddress = f.b
		case 6:
			h.RollupTransactionsRoot, err = hash32("rollup_transactions_root", f.b)
		}
		return err
	})
	if err != nil {
		return h, err
	}
	for _, n := range []int{1, 3, 4, 5, 6} {
		if !have[n] {
			return h, fmt.Errorf("%w: header field %d not set", ErrDecode, n)
		}
	}
	return h, nil
}

// AppendBinary appends the canonical protobuf encoding of h.
func (h *Header) AppendBinary(b []byte) ([]byte, error) {
	b = appendBytes(b, 1, []byte(h.ChainID))
	b = appendVarint(b, 2, h.Height)
	b = appendMessage(b, 3, h.Time.appendBinary(nil), true)
	b = appendBytes(b, 4, h.DataHash[:])
	b = appendBytes(b, 5, h.ProposerAddress)
	return appendBytes(b, 6, h.RollupTransactionsRoot[:]), nil
}

// RollupTransactions is astria.sequencerblock.v1.RollupTransactions: one rollup's
// transactions (encoded RollupData items) and their proof under rollup_transactions_root.
type RollupTransactions struct {
	RollupID     interop.Hash
	Transactions [][]byte
	Proof        Proof
}

// DecodeRollupTransactions decodes a RollupTransactions (rollup id and proof required).
// Bound: the transactions are counted before their slice is allocated (24 bytes per
// transaction, each at least 2 input bytes) and alias b.
func DecodeRollupTransactions(b []byte) (RollupTransactions, error) {
	var r RollupTransactions
	if err := checkSize("rollup transactions", b); err != nil {
		return r, err
	}
	var haveID, haveProof bool
	txs := make([][]byte, 0, count(b, 2))
	err := message("rollup transactions", b, map[uint64]spec{1: {wireBytes, false}, 2: {wireBytes, true}, 3: {wireBytes, false}}, func(f field) (err error) {
		switch f.num {
		case 1:
			haveID = true
			r.RollupID, err = decodeRollupID(f.b)
		case 2:
			txs = append(txs, f.b)
		case 3:
			haveProof = true
			r.Proof, err = DecodeProof(f.b)
		}
		return err
	})
	if err != nil {
		return r, err
	}
	if !haveID || !haveProof {
		return r, fmt.Errorf("%w: rollup transactions without rollup id or proof", ErrDecode)
	}
	r.Transactions = txs
	return r, nil
}

// AppendBinary appends the canonical protobuf encoding of r.
func (r *RollupTransactions) AppendBinary(b []byte) ([]byte, error) {
	b = appendMessage(b, 1, appendBytes(nil, 1, r.RollupID[:]), true)
	for _, tx := range r.Transactions {
		b = appendMessage(b, 2, tx, true)
	}
	p, _ := r.Proof.AppendBinary(nil)
	return appendMessage(b, 3, p, true), nil
}

func decodeRollupID(b []byte) (interop.Hash, error) {
	var id interop.Hash
	var have bool
	err := message("rollup id", b, map[uint64]spec{1: {wireBytes, false}}, func(f field) (err error) {
		have = true
		id, err = hash32("rollup id", f.b)
		return err
	})
	if err == nil && !have {
		err = fmt.Errorf("%w: rollup id without inner bytes", ErrDecode)
	}
	return id, err
}

// SequencerBlock is astria.sequencerblock.v1.SequencerBlock, a whole block. The
// extended commit info (oracle prices) and upgrade change hashes are kept as bytes,
// not verified.
type SequencerBlock struct {
	BlockHash               interop.Hash
	Header                  Header
	RollupTransactions      []RollupTransactions
	RollupTransactionsProof Proof
	RollupIDsProof          Proof
	UpgradeChangeHashes     [][]byte
	ExtendedCommitInfo      []byte // the encoded ExtendedCommitInfoWithProof, nil if absent
}

// FilteredSequencerBlock is astria.sequencerblock.v1.FilteredSequencerBlock: a block cut
// down to some rollups, with every rollup id of the block.
type FilteredSequencerBlock struct {
	BlockHash               interop.Hash
	Header                  Header
	RollupTransactions      []RollupTransactions
	RollupTransactionsProof Proof
	AllRollupIDs            []interop.Hash
	RollupIDsProof          Proof
	UpgradeChangeHashes     [][]byte
	ExtendedCommitInfo      []byte
}

// DecodeSequencerBlock decodes a SequencerBlock (header, block hash of 32 bytes and both
// proofs required). It checks the encoding only; VerifyStructure checks the proofs.
// Bound: input at most MaxMessageSize (ErrTooLarge); repeated fields are counted before
// their slices are allocated; transactions, paths and hashes alias b. Allocation is at
// most about 60 bytes per input byte (a 2-byte empty RollupTransactions costs one 56-byte
// entry).
func DecodeSequencerBlock(b []byte) (SequencerBlock, error) {
	var s SequencerBlock
	if err := checkSize("sequencer block", b); err != nil {
		return s, err
	}
	var have [8]bool
	rts := make([]RollupTransactions, 0, count(b, 2))
	var ups [][]byte
	if n := count(b, 6); n > 0 {
		ups = make([][]byte, 0, n)
	}
	err := message("sequencer block", b, map[uint64]spec{
		1: {wireBytes, false}, 2: {wireBytes, true}, 3: {wireBytes, false}, 4: {wireBytes, false},
		5: {wireBytes, false}, 6: {wireBytes, true}, 7: {wireBytes, false},
	}, func(f field) (err error) {
		have[f.num] = true
		switch f.num {
		case 1:
			s.Header, err = DecodeHeader(f.b)
		case 2:
			var r RollupTransactions
			r, err = DecodeRollupTransactions(f.b)
			rts = append(rts, r)
		case 3:
			s.RollupTransactionsProof, err = DecodeProof(f.b)
		case 4:
			s.RollupIDsProof, err = DecodeProof(f.b)
		case 5:
			s.BlockHash, err = hash32("block hash", f.b)
		case 6:
			ups = append(ups, f.b)
		case 7:
			s.ExtendedCommitInfo = f.b
		}
		return err
	})
	if err != nil {
		return s, err
	}
	for _, n := range []int{1, 3, 4, 5} {
		if !have[n] {
			return s, fmt.Errorf("%w: sequencer block field %d not set", ErrDecode, n)
		}
	}
	s.RollupTransactions, s.UpgradeChangeHashes = rts, ups
	return s, nil
}

// AppendBinary appends the canonical protobuf encoding of s.
func (s *SequencerBlock) AppendBinary(b []byte) ([]byte, error) {
	h, _ := s.Header.AppendBinary(nil)
	b = appendMessage(b, 1, h, true)
	for i := range s.RollupTransactions {
		r, _ := s.RollupTransactions[i].AppendBinary(nil)
		b = appendMessage(b, 2, r, true)
	}
	p, _ := s.RollupTransactionsProof.AppendBinary(nil)
	b = appendMessage(b, 3, p, true)
	p, _ = s.RollupIDsProof.AppendBinary(nil)
	b = appendMessage(b, 4, p, true)
	b = appendBytes(b, 5, s.BlockHash[:])
	for _, u := range s.UpgradeChangeHashes {
		b = appendMessage(b, 6, u, true)
	}
	return appendMessage(b, 7, s.ExtendedCommitInfo, s.ExtendedCommitInfo != nil), nil
}

// DecodeFilteredSequencerBlock decodes a FilteredSequencerBlock, as the sequencer's
// GetFilteredSequencerBlock serves it (header, block hash and both proofs required). It
// checks the encoding only; VerifyStructure checks the proofs. Bound: as
// DecodeSequencerBlock; each rollup id costs 32 bytes for at least 4 input bytes.
func DecodeFilteredSequencerBlock(b []byte) (FilteredSequencerBlock, error) {
	var s FilteredSequencerBlock
	if err := checkSize("filtered sequencer block", b); err != nil {
		return s, err
	}
	var have [9]bool
	rts := make([]RollupTransactions, 0, count(b, 3))
	ids := make([]interop.Hash, 0, count(b, 5))
	var ups [][]byte
	if n := count(b, 7); n > 0 {
		ups = make([][]byte, 0, n)
	}
	err := message("filtered sequencer block", b, map[uint64]spec{
		1: {wireBytes, false}, 2: {wireBytes, false}, 3: {wireBytes, true}, 4: {wireBytes, false},
		5: {wireBytes, true}, 6: {wireBytes, false}, 7: {wireBytes, true}, 8: {wireBytes, false},
	}, func(f field) (err error) {
		have[f.num] = true
		switch f.num {
		case 1:
			s.BlockHash, err = hash32("block hash", f.b)
		case 2:
			s.Header, err = DecodeHeader(f.b)
		case 3:
			var r RollupTransactions
			r, err = DecodeRollupTransactions(f.b)
			rts = append(rts, r)
		case 4:
			s.RollupTransactionsProof, err = DecodeProof(f.b)
		case 5:
			var id interop.Hash
			id, err = decodeRollupID(f.b)
			ids = append(ids, id)
		case 6:
			s.RollupIDsProof, err = DecodeProof(f.b)
		case 7:
			ups = append(ups, f.b)
		case 8:
			s.ExtendedCommitInfo = f.b
		}
		return err
	})
	if err != nil {
		return s, err
	}
	for _, n := range []int{1, 2, 4, 6} {
		if !have[n] {
			return s, fmt.Errorf("%w: filtered sequencer block field %d not set", ErrDecode, n)
		}
	}
	s.RollupTransactions, s.AllRollupIDs, s.UpgradeChangeHashes = rts, ids, ups
	return s, nil
}

// AppendBinary appends the canonical protobuf encoding of s.
func (s *FilteredSequencerBlock) AppendBinary(b []byte) ([]byte, error) {
	b = appendBytes(b, 1, s.BlockHash[:])
	h, _ := s.Header.AppendBinary(nil)
	b = appendMessage(b, 2, h, true)
	for i := range s.RollupTransactions {
		r, _ := s.RollupTransactions[i].AppendBinary(nil)
		b = appendMessage(b, 3, r, true)
	}
	p, _ := s.RollupTransactionsProof.AppendBinary(nil)
	b = appendMessage(b, 4, p, true)
	for _, id := range s.AllRollupIDs {
		b = appendMessage(b, 5, appendBytes(nil, 1, id[:]), true)
	}
	p, _ = s.RollupIDsProof.AppendBinary(nil)
	b = appendMessage(b, 6, p, true)
	for _, u := range s.UpgradeChangeHashes {
		b = appendMessage(b, 7, u, true)
	}
	return appendMessage(b, 8, s.ExtendedCommitInfo, s.ExtendedCommitInfo != nil), nil
}

func appendTag(b []byte, num, wire uint64) []byte { return binary.AppendUvarint(b, num<<3|wire) }

// appendVarint omits a zero, as proto3 does.
func appendVarint(b []byte, num, v uint64) []byte {
	if v == 0 {
		return b
	}
	return binary.AppendUvarint(appendTag(b, num, wireVarint), v)
}

// appendBytes omits an empty value, as proto3 does for scalar bytes.
func appendBytes(b []byte, num uint64, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	return appendMessage(b, num, v, true)
}

// appendMessage writes a length-delimited field when present (messages and repeated
// elements are written even when empty).
func appendMessage(b []byte, num uint64, v []byte, present bool) []byte {
	if !present {
		return b
	}
	b = binary.AppendUvarint(appendTag(b, num, wireBytes), uint64(len(v)))
	return append(b, v...)
}
