package radius

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/interopkit/interop/internal/jsontok"
)

// MaxTxLen bounds one raw transaction, decoded (1 MiB; go-ethereum's pool takes at most
// 128 KiB).
const MaxTxLen = 1 << 20

// DecodeRawTransactionListJSON decodes the result of tx_orderer's get_raw_transaction_list,
// {"raw_transaction_list": ["0x…", …]}: a block's raw transactions in order, each the hex
// of its RLP (typed transactions with their type byte), as the leader built the block.
// Each string must be "0x" and an even, non-zero number of hex digits; either case is
// accepted, because tx_orderer keeps the string the user sent and hashes the decoded bytes.
// Unknown or repeated fields are ErrInvalidEncoding.
//
// Bound: at most MaxTxs strings and MaxTxLen bytes per transaction, each refused before
// it is decoded (ErrTooLarge); memory the decoded bytes plus encoding/json's copy of one
// string at a time.
func DecodeRawTransactionListJSON(b []byte) ([][]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var txs [][]byte
	seen := false
	err := jsontok.EachField(dec, ErrInvalidEncoding, func(key string) error {
		if key != "raw_transaction_list" || seen {
			return fmt.Errorf("%w: field %q unknown or repeated", ErrInvalidEncoding, key)
		}
		seen = true
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
		}
		if t != json.Delim('[') {
			return fmt.Errorf("%w: raw_transaction_list is %v, not an array", ErrInvalidEncoding, t)
		}
		txs = [][]byte{}
		for dec.More() {
			if len(txs) == MaxTxs {
				return fmt.Errorf("%w: more than %d transactions", ErrTooLarge, MaxTxs)
			}
			s, err := readString(dec, "raw transaction")
			if err != nil {
				return err
			}
			tx, err := decodeRawTx(s)
			if err != nil {
				return fmt.Errorf("transaction %d: %w", len(txs), err)
			}
			txs = append(txs, tx)
		}
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !seen {
		return nil, fmt.Errorf("%w: raw_transaction_list missing", ErrInvalidEncoding)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%w: data after the object", ErrInvalidEncoding)
	}
	return txs, nil
}

func decodeRawTx(s string) ([]byte, error) {
	if len(s) < 4 || s[0] != '0' || s[1] != 'x' || len(s)%2 != 0 {
		return nil, fmt.Errorf("%w: %.40q: want 0x and an even, non-zero number of hex digits", ErrInvalidEncoding, s)
	}
	if n := (len(s) - 2) / 2; n > MaxTxLen {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, n, MaxTxLen)
	}
	tx := make([]byte, (len(s)-2)/2)
	if _, err := hex.Decode(tx, []byte(s[2:])); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
	}
	return tx, nil
}

// AppendRawTransactionList appends the JSON of a get_raw_transaction_list result for txs,
// lowercase hex; DecodeRawTransactionListJSON accepts it.
func AppendRawTransactionList(b []byte, txs [][]byte) []byte {
	b = append(b, `{"raw_transaction_list":[`...)
	for i, tx := range txs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"', '0', 'x')
		b = hex.AppendEncode(b, tx)
		b = append(b, '"')
	}
	return append(b, "]}"...)
}
