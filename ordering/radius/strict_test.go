package radius_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/interopkit/interop/ordering/radius"
)

func TestParseOrderCommitmentStrict(t *testing.T) {
	c := seedBlock(t).Commitments[3]
	good := string(c.AppendJSON(nil))
	h := strings.TrimPrefix(strings.Split(strings.Split(good, `"transaction_hash":"`)[1], `"`)[0], "0x")
	cases := []struct {
		name, in string
		want     error
	}{
		{"transaction_hash variant is unsigned", `"0x` + h + `"`, radius.ErrUnsigned},
		{"wrapped transaction_hash variant", `{"order_commitment":"0x` + h + `"}`, radius.ErrUnsigned},
		{"bundle", `{"order_commitment_list":[],"signature":[]}`, radius.ErrBundle},
		{"unknown field", strings.Replace(good, `"block_height"`, `"epoch":1,"block_height"`, 1), radius.ErrInvalidEncoding},
		{"repeated field", strings.Replace(good, `"block_height":42`, `"block_height":42,"block_height":42`, 1), radius.ErrInvalidEncoding},
		{"missing field", strings.Replace(good, `"block_height":42,`, ``, 1), radius.ErrInvalidEncoding},
		{"leading zero", strings.Replace(good, `"block_height":42`, `"block_height":042`, 1), radius.ErrInvalidEncoding},
		{"exponent", strings.Replace(good, `"block_height":42`, `"block_height":4.2e1`, 1), radius.ErrInvalidEncoding},
		{"negative", strings.Replace(good, `"block_height":42`, `"block_height":-42`, 1), radius.ErrInvalidEncoding},
		{"u64 overflow", strings.Replace(good, `"block_height":42`, `"block_height":18446744073709551616`, 1), radius.ErrInvalidEncoding},
		{"number as string", strings.Replace(good, `"block_height":42`, `"block_height":"42"`, 1), radius.ErrInvalidEncoding},
		{"uppercase hex", strings.Replace(good, h, strings.ToUpper(h), 1), radius.ErrInvalidEncoding},
		{"hash without 0x", strings.Replace(good, "0x"+h, h+"00", 1), radius.ErrInvalidEncoding},
		{"short hash", strings.Replace(good, "0x"+h, "0x"+h[2:], 1), radius.ErrInvalidEncoding},
		{"signature as byte array", good[:strings.Index(good, `"signature"`)] + `"signature":[1,2,3]}`, radius.ErrInvalidEncoding},
		{"data after", good + " {}", radius.ErrInvalidEncoding},
		{"empty", "", radius.ErrInvalidEncoding},
		{"invalid UTF-8", strings.Replace(good, `"rollup\n`, "\"rollup\xff", 1), radius.ErrInvalidEncoding},
		{"wrapper mixed with data", `{"order_commitment":` + good + `,"data":{}}`, radius.ErrInvalidEncoding},
		{"doubly wrapped", `{"order_commitment":{"order_commitment":` + good + `}}`, radius.ErrInvalidEncoding},
	}
	for _, tc := range cases {
		if _, err := radius.DecodeOrderCommitmentJSON([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	c.Form = radius.FormBatch
	batch := string(c.AppendJSON(nil))
	sig := batch[strings.Index(batch, `"signature":[`)+13 : len(batch)-2]
	for _, tc := range []struct {
		name, in string
		want     error
	}{
		{"batch form without transaction_hash", strings.Replace(batch, `"transaction_hash":"0x`+h+`",`, ``, 1), radius.ErrInvalidEncoding},
		{"batch_number with a hex signature", strings.Replace(good, `"block_height"`, `"batch_number"`, 1), radius.ErrInvalidEncoding},
		{"block_height with a byte-array signature", strings.Replace(batch, `"batch_number"`, `"block_height"`, 1), radius.ErrInvalidEncoding},
		{"both height keys", strings.Replace(batch, `"batch_number":42`, `"batch_number":42,"block_height":42`, 1), radius.ErrInvalidEncoding},
		{"64 signature bytes", strings.Replace(batch, sig, sig[strings.Index(sig, ",")+1:], 1), radius.ErrInvalidEncoding},
		{"66 signature bytes", strings.Replace(batch, sig, sig+",1", 1), radius.ErrInvalidEncoding},
		{"signature byte 256", strings.Replace(batch, sig, "256"+sig[strings.Index(sig, ","):], 1), radius.ErrInvalidEncoding},
		{"signature byte as string", strings.Replace(batch, sig, `"1"`+sig[strings.Index(sig, ","):], 1), radius.ErrInvalidEncoding},
	} {
		if _, err := radius.DecodeOrderCommitmentJSON([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if got, err := radius.DecodeOrderCommitmentJSON([]byte(batch)); err != nil || got.Form != radius.FormBatch || got.Verify(fuzzKey(t).Address()) != nil {
		t.Errorf("batch form: %v", err)
	}
	if _, err := radius.DecodeOrderCommitmentJSON([]byte(" \n" + `{"order_commitment":` + good + "}\n")); err != nil {
		t.Errorf("get_order_commitment result with whitespace: %v", err)
	}
}

func TestSignatureForms(t *testing.T) {
	key := fuzzKey(t)
	c := seedBlock(t).Commitments[2]
	if c.Signature[64] != 27 && c.Signature[64] != 28 {
		t.Fatalf("v = %d", c.Signature[64])
	}
	// v as a bare recovery id (0/1) is not what radius-sdk emits or accepts.
	bare := c
	bare.Signature[64] -= 27
	if err := bare.Verify(key.Address()); !errors.Is(err, radius.ErrInvalidSignature) {
		t.Errorf("v in {0,1}: %v", err)
	}
	// The high-s twin of a valid signature recovers the same key; k256 refuses it.
	n, _ := new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
	s := new(big.Int).SetBytes(c.Signature[32:64])
	s.Sub(n, s)
	high := c
	s.FillBytes(high.Signature[32:64])
	high.Signature[64] ^= 1 // 27 <-> 28
	if err := high.Verify(key.Address()); !errors.Is(err, radius.ErrInvalidSignature) {
		t.Errorf("high s: %v", err)
	}
	if err := c.Verify(key.Address()); err != nil {
		t.Fatal(err)
	}
}

func TestParseRawTransactionListStrict(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"no 0x", `{"raw_transaction_list":["abcd"]}`, radius.ErrInvalidEncoding},
		{"odd digits", `{"raw_transaction_list":["0xabc"]}`, radius.ErrInvalidEncoding},
		{"empty transaction", `{"raw_transaction_list":["0x"]}`, radius.ErrInvalidEncoding},
		{"not hex", `{"raw_transaction_list":["0xzz"]}`, radius.ErrInvalidEncoding},
		{"tagged form of get_block", `{"raw_transaction_list":[{"type":"eth","data":"0x00"}]}`, radius.ErrInvalidEncoding},
		{"unknown field", `{"raw_transaction_list":[],"x":1}`, radius.ErrInvalidEncoding},
		{"repeated", `{"raw_transaction_list":[],"raw_transaction_list":[]}`, radius.ErrInvalidEncoding},
		{"missing", `{}`, radius.ErrInvalidEncoding},
		{"null", `{"raw_transaction_list":null}`, radius.ErrInvalidEncoding},
	}
	for _, tc := range cases {
		if _, err := radius.DecodeRawTransactionListJSON([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	txs, err := radius.DecodeRawTransactionListJSON([]byte(`{"raw_transaction_list":["0xAbCd","0x02"]}`))
	if err != nil || len(txs) != 2 || txs[0][0] != 0xab || txs[0][1] != 0xcd {
		t.Errorf("mixed case: %x, %v", txs, err)
	}
}
