package radius_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
)

func TestBoundsAllocPerInputByte(t *testing.T) {
	b := seedBlock(t)
	long := b.Commitments[len(b.Commitments)-1]
	for range 58 {
		long.Data.PreMerklePath = append(long.Data.PreMerklePath, long.Data.TransactionHash)
	}
	bigTxs := make([][]byte, 2000)
	for i := range bigTxs {
		bigTxs[i] = bytes.Repeat([]byte{byte(i)}, 1+i%300)
	}
	inputs := map[string][]byte{
		"commitment":            b.Commitments[5].AppendJSON(nil),
		"commitment, long path": long.AppendJSON(nil),
		"tx list":               radius.AppendRawTransactionList(nil, bigTxs),
		"tx list of 1-byte txs": radius.AppendRawTransactionList(nil, bytes.Split(bytes.Repeat([]byte{1}, 20000), nil)),
		"deep nesting":          []byte(strings.Repeat(`{"order_commitment":`, 5000)),
		"many empty strings":    []byte(`{"raw_transaction_list":[` + strings.Repeat(`"",`, 20000) + `""]}`),
	}
	for name, in := range inputs {
		hostile.Bounded(t, name+" / DecodeOrderCommitmentJSON", len(in), func() { _, _ = radius.DecodeOrderCommitmentJSON(in) })
		hostile.Bounded(t, name+" / DecodeRawTransactionListJSON", len(in), func() { _, _ = radius.DecodeRawTransactionListJSON(in) })
	}
	// Breach.Verify on a long block: 32 bytes per transaction before the position.
	txs, err := radius.DecodeRawTransactionListJSON(inputs["tx list"])
	if err != nil {
		t.Fatal(err)
	}
	br := radius.Breach{Commitment: long, Txs: txs}
	hostile.Bounded(t, "Breach.Verify", len(inputs["tx list"]), func() { _ = br.Verify(fuzzKey(t).Address()) })
	// The worst case per input byte: the last of many 1-byte transactions, every one
	// before it hashed.
	one := inputs["tx list of 1-byte txs"]
	small, err := radius.DecodeRawTransactionListJSON(one)
	if err != nil {
		t.Fatal(err)
	}
	o := radiustest.NewOrderer(fuzzKey(t), "r", 1)
	var last radius.SignedOrderCommitment
	for _, tx := range small {
		last = o.Send(tx)
	}
	kept := radius.Breach{Commitment: last, Txs: small}
	u := hostile.Bounded(t, "Breach.Verify, last of 20000", len(one), func() { _ = kept.Verify(fuzzKey(t).Address()) })
	t.Logf("Breach.Verify over %d one-byte transactions: %d bytes allocated for %d input bytes", len(small), u.Bytes, len(one))
}

func TestBoundsRefusedBeforeReading(t *testing.T) {
	big := make([]byte, radius.MaxCommitmentJSON+1)
	if _, err := radius.DecodeOrderCommitmentJSON(big); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("oversized commitment JSON: %v", err)
	}
	c := seedBlock(t).Commitments[0]
	c.Data.RollupID = strings.Repeat("r", radius.MaxRollupIDLen+1)
	if _, err := radius.DecodeOrderCommitmentJSON(c.AppendJSON(nil)); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("long rollup id: %v", err)
	}
	c.Data.RollupID = "r"
	for range radius.MaxPathLen + 1 {
		c.Data.PreMerklePath = append(c.Data.PreMerklePath, c.Data.TransactionHash)
	}
	if _, err := radius.DecodeOrderCommitmentJSON(c.AppendJSON(nil)); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("long path: %v", err)
	}
	many := `{"raw_transaction_list":[` + strings.Repeat(`"0x00",`, radius.MaxTxs) + `"0x00"]}`
	if _, err := radius.DecodeRawTransactionListJSON([]byte(many)); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("too many transactions: %v", err)
	}
	huge := `{"raw_transaction_list":["0x` + strings.Repeat("00", radius.MaxTxLen+1) + `"]}`
	if _, err := radius.DecodeRawTransactionListJSON([]byte(huge)); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("oversized transaction: %v", err)
	}
	if _, err := radius.BlockCommitment(make([]interop.Hash, radius.MaxTxs+1)); !errors.Is(err, radius.ErrTooLarge) {
		t.Errorf("too many leaves: %v", err)
	}
}
