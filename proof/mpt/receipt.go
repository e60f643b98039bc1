package mpt

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
)

// Receipt is a transaction receipt as the receipts trie stores it (Yellow Paper 4.4.1,
// EIP-658 status, EIP-2718 typed envelopes).
type Receipt struct {
	// Type is the EIP-2718 transaction type: 0 for legacy, 1 (EIP-2930), 2 (EIP-1559),
	// 3 (EIP-4844), 4 (EIP-7702), or any other type byte below 0x80.
	Type uint8
	// Status is 1 for success and 0 for failure (EIP-658, Byzantium and later). It is
	// meaningless when PostState is set.
	Status uint64
	// PostState is the intermediate state root of pre-Byzantium receipts; nil afterwards.
	PostState *interop.Hash
	// CumulativeGasUsed is the block's gas used up to and including this transaction.
	CumulativeGasUsed uint64
	// Bloom is the 2048-bit logs bloom.
	Bloom [256]byte
	// Logs are the events emitted, in order.
	Logs []Log
}

// Log is one event: the emitting contract, up to four topics, and data.
type Log struct {
	Address interop.Address
	Topics  []interop.Hash
	Data    []byte
}

// Succeeded reports whether the receipt proves the transaction succeeded. Pre-Byzantium
// receipts carry no status and report false.
func (r *Receipt) Succeeded() bool { return r.PostState == nil && r.Status == 1 }

// maxLogTopics is the most topics a log can have (LOG0..LOG4).
const maxLogTopics = 4

// DecodeReceipt decodes an encoded receipt strictly: a legacy RLP list, or a type byte
// below 0x80 followed by the RLP list (EIP-2718). The list is [status or post-state,
// cumulativeGasUsed, logsBloom, logs]; status is the empty string (failure) or 0x01.
// Data and topics are copied out of b.
//
// Bound: two passes over b; memory O(len(b)), at most a Log (72 bytes) per 24-byte log,
// up to four topics each, and a copy of the data.
func DecodeReceipt(b []byte) (Receipt, error) {
	var r Receipt
	if len(b) == 0 {
		return r, fmt.Errorf("%w: empty", ErrInvalidReceipt)
	}
	if b[0] < 0x80 {
		// EIP-2718: a type byte in [0, 0x7f] then the payload; type 0 is never enveloped.
		if b[0] == 0 {
			return r, fmt.Errorf("%w: type 0 in an envelope", ErrInvalidReceipt)
		}
		r.Type, b = b[0], b[1:]
	} else if b[0] < 0xc0 {
		return r, fmt.Errorf("%w: a string, not a list or typed envelope", ErrInvalidReceipt)
	}
	content, rest, err := rlp.SplitList(b)
	if err != nil {
		return r, fmt.Errorf("%w: %w", ErrInvalidReceipt, err)
	}
	if len(rest) != 0 {
		return r, fmt.Errorf("%w: %d trailing bytes", ErrInvalidReceipt, len(rest))
	}
	status, content, err := rlp.SplitString(content)
	if err != nil {
		return r, fmt.Errorf("%w: status: %w", ErrInvalidReceipt, err)
	}
	switch {
	case len(status) == 32:
		var root interop.Hash
		copy(root[:], status)
		r.PostState = &root
	case len(status) == 0:
		r.Status = 0
	case len(status) == 1 && status[0] == 1:
		r.Status = 1
	default:
		return r, fmt.Errorf("%w: status %x", ErrInvalidReceipt, status)
	}
	if r.CumulativeGasUsed, content, err = rlp.SplitUint64(content); err != nil {
		return r, fmt.Errorf("%w: cumulative gas: %w", ErrInvalidReceipt, err)
	}
	bloom, content, err := rlp.SplitString(content)
	if err != nil || len(bloom) != len(r.Bloom) {
		return r, fmt.Errorf("%w: bloom of %d bytes (%v)", ErrInvalidReceipt, len(bloom), err)
	}
	copy(r.Bloom[:], bloom)
	logs, content, err := rlp.SplitList(content)
	if err != nil {
		return r, fmt.Errorf("%w: logs: %w", ErrInvalidReceipt, err)
	}
	if len(content) != 0 {
		return r, fmt.Errorf("%w: more than four fields", ErrInvalidReceipt)
	}
	n, err := rlp.CountValues(logs)
	if err != nil {
		return r, fmt.Errorf("%w: logs: %w", ErrInvalidReceipt, err)
	}
	r.Logs = make([]Log, n)
	for i := range r.Logs {
		var l []byte
		if l, logs, err = rlp.SplitList(logs); err != nil {
			return r, fmt.Errorf("%w: log %d: %w", ErrInvalidReceipt, i, err)
		}
		if r.Logs[i], err = decodeLog(l); err != nil {
			return r, fmt.Errorf("%w: log %d: %w", ErrInvalidReceipt, i, err)
		}
	}
	return r, nil
}

func decodeLog(b []byte) (Log, error) {
	var l Log
	addr, b, err := rlp.SplitString(b)
	if err != nil {
		return l, err
	}
	if len(addr) != 20 {
		return l, fmt.Errorf("address of %d bytes", len(addr))
	}
	copy(l.Address[:], addr)
	topics, b, err := rlp.SplitList(b)
	if err != nil {
		return l, fmt.Errorf("topics: %w", err)
	}
	n, err := rlp.CountValues(topics)
	if err != nil {
		return l, fmt.Errorf("topics: %w", err)
	}
	if n > maxLogTopics {
		return l, fmt.Errorf("%d topics (max %d)", n, maxLogTopics)
	}
	if n > 0 {
		l.Topics = make([]interop.Hash, n)
	}
	for i := range l.Topics {
		var t []byte
		if t, topics, err = rlp.SplitString(topics); err != nil {
			return l, fmt.Errorf("topic %d: %w", i, err)
		}
		if len(t) != 32 {
			return l, fmt.Errorf("topic %d of %d bytes", i, len(t))
		}
		copy(l.Topics[i][:], t)
	}
	data, b, err := rlp.SplitString(b)
	if err != nil {
		return l, fmt.Errorf("data: %w", err)
	}
	if len(b) != 0 {
		return l, fmt.Errorf("more than three fields")
	}
	l.Data = append([]byte{}, data...)
	return l, nil
}

// EncodeRLP appends the receipt's consensus encoding (the receipts-trie value) to dst.
func (r *Receipt) EncodeRLP(dst []byte) []byte {
	var logs []byte
	for _, l := range r.Logs {
		tsize := len(l.Topics) * 33
		body := 21 + rlp.ListSize(tsize) + rlp.StringSize(l.Data)
		logs = rlp.AppendListHeader(logs, body)
		logs = rlp.AppendString(logs, l.Address[:])
		logs = rlp.AppendListHeader(logs, tsize)
		for _, t := range l.Topics {
			logs = rlp.AppendString(logs, t[:])
		}
		logs = rlp.AppendString(logs, l.Data)
	}
	var status []byte
	switch {
	case r.PostState != nil:
		status = r.PostState[:]
	case r.Status == 1:
		status = []byte{1}
	}
	size := rlp.StringSize(status) + rlp.Uint64Size(r.CumulativeGasUsed) + 3 + len(r.Bloom) + rlp.ListSize(len(logs))
	if r.Type != 0 {
		dst = append(dst, r.Type)
	}
	dst = rlp.AppendListHeader(dst, size)
	dst = rlp.AppendString(dst, status)
	dst = rlp.AppendUint64(dst, r.CumulativeGasUsed)
	dst = rlp.AppendString(dst, r.Bloom[:])
	dst = rlp.AppendListHeader(dst, len(logs))
	return append(dst, logs...)
}

// VerifyReceipt proves the receipt at position index of a block whose receiptsRoot is root,
// and decodes it. A proof that the index is absent returns ErrNotFound.
func VerifyReceipt(receiptsRoot interop.Hash, index uint64, proof [][]byte) (Receipt, error) {
	var key [9]byte
	val, err := VerifyProof(receiptsRoot, rlp.AppendUint64(key[:0], index), proof)
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt %d: %w", index, err)
	}
	if val == nil {
		return Receipt{}, fmt.Errorf("%w: receipt %d", ErrNotFound, index)
	}
	r, err := DecodeReceipt(val)
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt %d: %w", index, err)
	}
	return r, nil
}

// VerifyTransaction proves the transaction at position index of a block whose
// transactionsRoot is root and returns its EIP-2718 encoding (aliasing the proof's memory).
// A proof that the index is absent returns ErrNotFound.
func VerifyTransaction(transactionsRoot interop.Hash, index uint64, proof [][]byte) ([]byte, error) {
	var key [9]byte
	val, err := VerifyProof(transactionsRoot, rlp.AppendUint64(key[:0], index), proof)
	if err != nil {
		return nil, fmt.Errorf("transaction %d: %w", index, err)
	}
	if val == nil {
		return nil, fmt.Errorf("%w: transaction %d", ErrNotFound, index)
	}
	return val, nil
}
