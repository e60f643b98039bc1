package mpt

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// receiptJSON holds the members of a JSON-RPC receipt object that the consensus encoding
// needs. Every other member (blockHash, transactionHash, from, to, gasUsed,
// effectiveGasPrice, contractAddress, blobGasUsed, blobGasPrice, ...) is informational:
// it is not committed to by receiptsRoot, and it is ignored.
type receiptJSON struct {
	Type              *quantity        `json:"type"`
	Status            *quantity        `json:"status"`
	Root              *interop.Bytes   `json:"root"`
	CumulativeGasUsed *quantity        `json:"cumulativeGasUsed"`
	LogsBloom         *interop.Bytes   `json:"logsBloom"`
	Logs              *json.RawMessage `json:"logs"`
	TransactionIndex  *quantity        `json:"transactionIndex"`
}

type logJSON struct {
	Address *interop.Address `json:"address"`
	Topics  *json.RawMessage `json:"topics"`
	Data    *interop.Bytes   `json:"data"`
}

// DecodeReceiptJSON decodes one receipt object as eth_getTransactionReceipt returns it (and
// as each element of eth_getBlockReceipts is) from go-ethereum, Erigon, Reth, Nethermind
// and Besu, into its consensus form, whose EncodeRLP is the receipts-trie value.
//
// Strict on what the consensus encoding needs:
//   - "type": a quantity below 0x80; absent means legacy (0), as before Berlin;
//   - "status": "0x0" or "0x1"; or, before Byzantium, "root": the 32-byte post-state root
//     (a "root" of null or "0x" is no root; a client that sends both gets the root);
//   - "cumulativeGasUsed": a 64-bit quantity; "logsBloom": 256 bytes of data;
//   - "logs": an array, each log with "address" (20 bytes), "topics" (at most four
//     32-byte hashes) and "data" (even-length hex).
//
// Quantities are canonical ("0x0", or no leading zero digit). Every other member is
// informational (not committed to by receiptsRoot) and ignored, in the receipt and in
// its logs. Errors wrap ErrInvalidReceiptJSON.
//
// Bound: encoding/json's linear pass, then the logs one at a time, each refused before the
// next is read; memory O(len(b)), under 30 bytes per input byte.
func DecodeReceiptJSON(b []byte) (Receipt, error) {
	r, _, err := decodeReceiptJSON(b)
	return r, err
}

func decodeReceiptJSON(b []byte) (Receipt, *quantity, error) {
	var j receiptJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return Receipt{}, nil, fmt.Errorf("%w: %w", ErrInvalidReceiptJSON, err)
	}
	var r Receipt
	if j.Type != nil {
		if !j.Type.IsUint64() || j.Type.Uint64() >= 0x80 {
			return r, nil, fmt.Errorf("%w: type %s is not an EIP-2718 type", ErrInvalidReceiptJSON, j.Type.hex())
		}
		r.Type = uint8(j.Type.Uint64())
	}
	switch {
	case j.Root != nil && len(*j.Root) != 0:
		// Before Byzantium (EIP-658) the receipt commits to the post-transaction state root.
		if len(*j.Root) != 32 {
			return r, nil, fmt.Errorf("%w: root of %d bytes", ErrInvalidReceiptJSON, len(*j.Root))
		}
		var root interop.Hash
		copy(root[:], *j.Root)
		r.PostState = &root
	case j.Status == nil:
		return r, nil, fmt.Errorf("%w: missing field \"status\" (or \"root\")", ErrInvalidReceiptJSON)
	default:
		if !j.Status.IsUint64() || j.Status.Uint64() > 1 {
			return r, nil, fmt.Errorf("%w: status %s", ErrInvalidReceiptJSON, j.Status.hex())
		}
		r.Status = j.Status.Uint64()
	}
	switch {
	case j.CumulativeGasUsed == nil:
		return r, nil, fmt.Errorf("%w: missing field \"cumulativeGasUsed\"", ErrInvalidReceiptJSON)
	case !j.CumulativeGasUsed.IsUint64():
		return r, nil, fmt.Errorf("%w: cumulativeGasUsed %s exceeds 64 bits", ErrInvalidReceiptJSON, j.CumulativeGasUsed.hex())
	}
	r.CumulativeGasUsed = j.CumulativeGasUsed.Uint64()
	switch {
	case j.LogsBloom == nil:
		return r, nil, fmt.Errorf("%w: missing field \"logsBloom\"", ErrInvalidReceiptJSON)
	case len(*j.LogsBloom) != len(r.Bloom):
		return r, nil, fmt.Errorf("%w: logsBloom of %d bytes", ErrInvalidReceiptJSON, len(*j.LogsBloom))
	}
	copy(r.Bloom[:], *j.LogsBloom)
	if j.Logs == nil {
		return r, nil, fmt.Errorf("%w: missing field \"logs\"", ErrInvalidReceiptJSON)
	}
	err := jsontok.EachElement(*j.Logs, func(i int, raw json.RawMessage) error {
		l, err := decodeLogJSON(raw)
		if err != nil {
			return fmt.Errorf("log %d: %w", i, err)
		}
		r.Logs = append(r.Logs, l)
		return nil
	})
	if err != nil {
		return Receipt{}, nil, fmt.Errorf("%w: logs: %w", ErrInvalidReceiptJSON, err)
	}
	return r, j.TransactionIndex, nil
}

func decodeLogJSON(raw []byte) (Log, error) {
	var j logJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return Log{}, err
	}
	switch {
	case j.Address == nil:
		return Log{}, errors.New("missing field \"address\"")
	case j.Topics == nil:
		return Log{}, errors.New("missing field \"topics\"")
	case j.Data == nil:
		return Log{}, errors.New("missing field \"data\"")
	}
	l := Log{Address: *j.Address, Data: []byte(*j.Data)}
	if l.Data == nil {
		l.Data = []byte{}
	}
	err := jsontok.EachElement(*j.Topics, func(i int, raw json.RawMessage) error {
		if i >= maxLogTopics {
			return fmt.Errorf("more than %d topics", maxLogTopics)
		}
		var t interop.Hash
		if err := t.UnmarshalJSON(raw); err != nil {
			return fmt.Errorf("topic %d: %w", i, err)
		}
		l.Topics = append(l.Topics, t)
		return nil
	})
	return l, err
}

// DecodeBlockReceiptsJSON decodes the result of eth_getBlockReceipts: a JSON array of
// receipt objects in block order, each decoded as DecodeReceiptJSON does. A receipt that
// states its "transactionIndex" must state its position in the array, so that a reordered
// list is refused here rather than as a root mismatch. Errors wrap ErrInvalidReceiptJSON
// and name the receipt.
//
// The result feeds DeriveReceiptsRoot (or, encoded with EncodeRLP, DeriveRoot), whose
// value must equal the block's receiptsRoot; VerifyReceiptsRoot checks that.
//
// Bound: the receipts are decoded one at a time, each refused before the next is read; a
// receipt is at least 300 bytes of JSON (its bloom alone is 514), so memory stays O(len(b)),
// under 30 bytes per input byte.
func DecodeBlockReceiptsJSON(b []byte) ([]Receipt, error) {
	var out []Receipt
	err := jsontok.EachElement(b, func(i int, raw json.RawMessage) error {
		r, pos, err := decodeReceiptJSON(raw)
		if err != nil {
			return fmt.Errorf("receipt %d: %w", i, err)
		}
		if pos != nil && (!pos.IsUint64() || pos.Uint64() != uint64(i)) {
			return fmt.Errorf("receipt %d: %w: transactionIndex %s", i, ErrInvalidReceiptJSON, pos.hex())
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		if !errors.Is(err, ErrInvalidReceiptJSON) {
			err = fmt.Errorf("%w: %w", ErrInvalidReceiptJSON, err)
		}
		return nil, err
	}
	if out == nil {
		out = []Receipt{}
	}
	return out, nil
}

// DeriveReceiptsRoot returns the receipts-trie root of rs in order: DeriveRoot of their
// EncodeRLP encodings. Bound: as DeriveRoot, plus the encodings.
func DeriveReceiptsRoot(rs []Receipt) interop.Hash {
	items := make([][]byte, len(rs))
	for i := range rs {
		items[i] = rs[i].EncodeRLP(nil)
	}
	return DeriveRoot(items)
}

// VerifyReceiptsRoot checks that rs, in order, are exactly the receipts a block with the
// given receiptsRoot commits to (ErrReceiptsRoot otherwise). Only then is anything decoded
// from an RPC response trustworthy. Bound: as DeriveReceiptsRoot.
func VerifyReceiptsRoot(receiptsRoot interop.Hash, rs []Receipt) error {
	if got := DeriveReceiptsRoot(rs); got != receiptsRoot {
		return fmt.Errorf("%w: %d receipts derive %s, want %s", ErrReceiptsRoot, len(rs), got, receiptsRoot)
	}
	return nil
}
