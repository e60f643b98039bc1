package espresso

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Transaction is an Espresso transaction as the query service serves it: the namespace
// (rollup) id and the transaction's bytes.
type Transaction struct {
	Namespace uint32
	Payload   []byte
}

// A namespace payload is u32le count ‖ count × u32le end offset ‖ transaction bytes, each
// end relative to the end of the table (espresso-network namespace_payload/types.rs).
const (
	nsNumTxsBytes   = 4
	nsTxOffsetBytes = 4
)

// SplitNsPayload splits a namespace payload into its transactions exactly as Espresso's
// nodes do (NsPayload::export_all_txs), which accept any byte string: the count is read
// little-endian from the first four bytes (zero-padded if fewer), the table holds
// min(count, (len-4)/4) entries, and transaction i spans [end(i-1), end(i)) shifted by the
// table length the count declares, each end clamped to the payload and each start to its
// end. An honest payload (BuildNsPayload) yields its transactions back; a malformed one
// yields what every Espresso node would, so the list is determined by the committed bytes.
// The transactions' payloads alias b. Bound: one slice of at most len(b)/4 transactions.
func SplitNsPayload(ns uint32, b []byte) []Transaction {
	var cnt [nsNumTxsBytes]byte
	copy(cnt[:], b)
	declared := uint64(binary.LittleEndian.Uint32(cnt[:]))
	n := declared
	if room := uint64(max(len(b)-nsNumTxsBytes, 0) / nsTxOffsetBytes); room < n {
		n = room
	}
	if n == 0 {
		return nil
	}
	// TxPayloadRange::new: the shift is the declared table length, saturating.
	shift := declared*nsTxOffsetBytes + nsNumTxsBytes
	txs := make([]Transaction, n)
	size := uint64(len(b))
	prev := uint64(0)
	for i := range txs {
		cur := uint64(binary.LittleEndian.Uint32(b[nsNumTxsBytes+i*nsTxOffsetBytes:]))
		end := min(cur+shift, size)
		start := min(prev+shift, end)
		txs[i] = Transaction{Namespace: ns, Payload: b[start:end:end]}
		prev = cur
	}
	return txs
}

// BuildNsPayload encodes transaction payloads as one namespace payload (NsPayloadBuilder):
// their count, their end offsets, their bytes. It fails with ErrVIDEncoding if an offset
// would not fit in 32 bits.
func BuildNsPayload(txs [][]byte) ([]byte, error) {
	total := uint64(0)
	for _, tx := range txs {
		total += uint64(len(tx))
	}
	if uint64(len(txs)) > math.MaxUint32 || total > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d transactions of %d bytes do not fit a namespace payload", ErrVIDEncoding, len(txs), total)
	}
	out := make([]byte, 0, nsNumTxsBytes+nsTxOffsetBytes*len(txs)+int(total))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(txs)))
	end := uint32(0)
	for _, tx := range txs {
		end += uint32(len(tx))
		out = binary.LittleEndian.AppendUint32(out, end)
	}
	for _, tx := range txs {
		out = append(out, tx...)
	}
	return out, nil
}

// BuildPayload lays transactions out as an Espresso block payload: one namespace payload per
// namespace, namespaces in order of first appearance, transactions in their given order
// within each; it returns the payload and its namespace table (u32le count ‖ (u32le id ‖
// u32le end)…), as ordering.DecodeNsTable reads it. A namespace with no transaction has no
// entry. Errors are ErrVIDEncoding (sizes beyond 32 bits).
func BuildPayload(txs []Transaction) (payload, nsTable []byte, err error) {
	var order []uint32
	groups := map[uint32][][]byte{}
	for _, tx := range txs {
		if _, ok := groups[tx.Namespace]; !ok {
			order = append(order, tx.Namespace)
		}
		groups[tx.Namespace] = append(groups[tx.Namespace], tx.Payload)
	}
	nsTable = binary.LittleEndian.AppendUint32(nil, uint32(len(order)))
	for _, ns := range order {
		p, err := BuildNsPayload(groups[ns])
		if err != nil {
			return nil, nil, err
		}
		if uint64(len(payload))+uint64(len(p)) > math.MaxUint32 {
			return nil, nil, fmt.Errorf("%w: block payload beyond 4 GiB", ErrVIDEncoding)
		}
		payload = append(payload, p...)
		nsTable = binary.LittleEndian.AppendUint32(nsTable, ns)
		nsTable = binary.LittleEndian.AppendUint32(nsTable, uint32(len(payload)))
	}
	return payload, nsTable, nil
}
