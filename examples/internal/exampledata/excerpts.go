package exampledata

import (
	"encoding/json"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
)

// Block is a block's number, hash and the roots the excerpts are checked against.
type Block struct {
	Network      string       `json:"network"`
	Number       uint64       `json:"number"`
	Hash         interop.Hash `json:"hash"`
	StateRoot    interop.Hash `json:"stateRoot"`
	ReceiptsRoot interop.Hash `json:"receiptsRoot"`
}

// Account is an eth_getProof response at a block.
type Account struct {
	Label    string             `json:"label"`
	Block    uint64             `json:"block"`
	GetProof mpt.GetProofResult `json:"getProof"`
}

// Receipt is a receipt proof at a block.
type Receipt struct {
	Label  string          `json:"label"`
	Block  uint64          `json:"block"`
	Index  uint64          `json:"index"`
	TxHash interop.Hash    `json:"transactionHash"`
	Proof  []interop.Bytes `json:"proof"`
}

// Data is the content of MainnetExcerpts.
type Data struct {
	Blocks   []Block   `json:"blocks"`
	Accounts []Account `json:"accounts"`
	Receipts []Receipt `json:"receipts"`
}

// Excerpts decodes MainnetExcerpts.
func Excerpts() (*Data, error) {
	var d Data
	if err := json.Unmarshal(MainnetExcerpts, &d); err != nil {
		return nil, err
	}
	return &d, nil
}
