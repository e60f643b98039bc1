package espressotest

// Generators for the VID part: transactions spread over a few namespaces, AVID-M parameters,
// and blocks laid out by espresso.BuildPayload with their namespace proofs.

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
	"pgregory.net/rapid"
)

// Transactions draws up to 12 transactions over at most four namespace ids (so that
// namespaces hold several transactions), each payload 0–300 bytes.
func Transactions(t *rapid.T) []espresso.Transaction {
	ids := rapid.SliceOfNDistinct(rapid.Uint32(), 1, 4, rapid.ID[uint32]).Draw(t, "namespaces")
	n := rapid.IntRange(0, 12).Draw(t, "txs")
	txs := make([]espresso.Transaction, n)
	for i := range txs {
		txs[i] = espresso.Transaction{
			Namespace: rapid.SampledFrom(ids).Draw(t, "ns"),
			Payload:   rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "payload"),
		}
	}
	return txs
}

// AvidMParam draws a valid AVID-M parameter with at most 16 weights.
func AvidMParam(t *rapid.T) espresso.AvidMParam {
	n := rapid.Uint64Range(1, 16).Draw(t, "total_weights")
	k := rapid.Uint64Range(1, n).Draw(t, "recovery_threshold")
	p, err := espresso.NewAvidMParam(k, n)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Block is a block payload, its namespace table, its AVID-M payload commitment and a
// namespace proof per namespace (keyed by namespace id), built from Transactions.
type Block struct {
	Transactions []espresso.Transaction
	Scheme       espresso.VIDScheme
	Param        espresso.AvidMParam
	Payload      []byte
	NsTable      []byte
	Commitment   interop.Hash
	Proofs       map[uint32]*espresso.AvidMNsProof
}

// NewBlock lays txs out and proves every namespace under param (AVID-M, NsProof V1).
func NewBlock(t *rapid.T, txs []espresso.Transaction, param espresso.AvidMParam) Block {
	return NewBlockScheme(t, espresso.VIDSchemeAvidM, txs, param)
}

// NewBlockScheme is NewBlock in the given VID scheme (GF(2^16) needs TotalWeights above
// RecoveryThreshold).
func NewBlockScheme(t *rapid.T, scheme espresso.VIDScheme, txs []espresso.Transaction, param espresso.AvidMParam) Block {
	payload, tbl, err := espresso.BuildPayload(txs)
	if err != nil {
		t.Fatal(err)
	}
	b := Block{Transactions: txs, Scheme: scheme, Param: param, Payload: payload, NsTable: tbl, Proofs: map[uint32]*espresso.AvidMNsProof{}}
	if len(txs) == 0 {
		c, _, err := espresso.ProveNamespaceScheme(scheme, param, payload, tbl, 0)
		if err != nil {
			t.Fatal(err)
		}
		b.Commitment = c
		return b
	}
	for _, tx := range txs {
		if _, ok := b.Proofs[tx.Namespace]; ok {
			continue
		}
		c, p, err := espresso.ProveNamespaceScheme(scheme, param, payload, tbl, tx.Namespace)
		if err != nil {
			t.Fatal(err)
		}
		b.Commitment, b.Proofs[tx.Namespace] = c, p
	}
	return b
}

// BlockGen draws a Block of Transactions under an AvidMParam, in either VID scheme.
func BlockGen(t *rapid.T) Block {
	txs, param := Transactions(t), AvidMParam(t)
	scheme := espresso.VIDSchemeAvidM
	if param.TotalWeights > param.RecoveryThreshold && rapid.Bool().Draw(t, "gf2") {
		scheme = espresso.VIDSchemeAvidmGf2
	}
	return NewBlockScheme(t, scheme, txs, param)
}

// OfNamespace returns the transactions of ns in block order.
func OfNamespace(txs []espresso.Transaction, ns uint32) []espresso.Transaction {
	var out []espresso.Transaction
	for _, tx := range txs {
		if tx.Namespace == ns {
			out = append(out, tx)
		}
	}
	return out
}
