package radius_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
)

func fuzzKey(tb testing.TB) *secp256k1.PrivateKey {
	k, err := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func seedBlock(tb testing.TB) radiustest.BlockWithCommitments {
	o := radiustest.NewOrderer(fuzzKey(tb), "rollup\n\"id\"", 42)
	var cs = radiustest.BlockWithCommitments{}
	for i := range 6 {
		cs.Commitments = append(cs.Commitments, o.Send([]byte{0x02, byte(i), 0xc0}))
	}
	cs.Txs = o.Block()
	return cs
}

// FuzzDecodeOrderCommitment: an accepted commitment re-encodes canonically, parses back to
// itself, and its signature recovers the same signer (or fails the same way) after the
// round trip.
func FuzzDecodeOrderCommitment(f *testing.F) {
	for _, c := range seedBlock(f).Commitments {
		f.Add(c.AppendJSON(nil))
		c.Form = radius.FormBatch
		f.Add(c.AppendJSON(nil))
		f.Add(append(append([]byte(`{"order_commitment":`), c.AppendJSON(nil)...), '}'))
	}
	f.Add([]byte(`"0x00"`))
	f.Add([]byte(`{"order_commitment_list":[],"signature":[1,2]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := radius.DecodeOrderCommitmentJSON(b)
		if err != nil {
			return
		}
		enc := c.AppendJSON(nil)
		c2, err := radius.DecodeOrderCommitmentJSON(enc)
		if err != nil {
			t.Fatalf("re-encoding %s refused: %v", enc, err)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip changed %+v to %+v", c, c2)
		}
		if enc2 := c2.AppendJSON(nil); !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding not canonical:\n%s\n%s", enc, enc2)
		}
		a1, err1 := c.Signer()
		a2, err2 := c2.Signer()
		if a1 != a2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("signer changed in the round trip")
		}
	})
}

// FuzzDecodeRawTransactionList: an accepted list re-encodes to a list that parses to the
// same transactions, every one non-empty and within MaxTxLen.
func FuzzDecodeRawTransactionList(f *testing.F) {
	f.Add(radius.AppendRawTransactionList(nil, seedBlock(f).Txs))
	f.Add([]byte(`{"raw_transaction_list":["0xAbCd"]}`))
	f.Add([]byte(`{"raw_transaction_list":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		txs, err := radius.DecodeRawTransactionListJSON(b)
		if err != nil {
			return
		}
		for i, tx := range txs {
			if len(tx) == 0 || len(tx) > radius.MaxTxLen {
				t.Fatalf("transaction %d of %d bytes accepted", i, len(tx))
			}
		}
		txs2, err := radius.DecodeRawTransactionListJSON(radius.AppendRawTransactionList(nil, txs))
		if err != nil || !reflect.DeepEqual(txs, txs2) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// FuzzBreachVerify: a breach built from a fuzzed block never panics, and verifies exactly
// when CheckBlock refuses the block (the signature being the orderer's).
func FuzzBreachVerify(f *testing.F) {
	b := seedBlock(f)
	f.Add(radius.AppendRawTransactionList(nil, b.Txs), uint8(3))
	f.Add(radius.AppendRawTransactionList(nil, radiustest.Swap(b.Txs, 0, 4)), uint8(5))
	key := fuzzKey(f)
	f.Fuzz(func(t *testing.T, list []byte, i uint8) {
		txs, err := radius.DecodeRawTransactionListJSON(list)
		if err != nil {
			return
		}
		c := b.Commitments[int(i)%len(b.Commitments)]
		br := radius.Breach{Commitment: c, Txs: txs}
		verr := br.Verify(key.Address())
		if (verr == nil) != (br.Reason() != nil) {
			t.Fatalf("Verify %v but Reason %v", verr, br.Reason())
		}
	})
}

func mustKey(tb testing.TB, b []byte) *secp256k1.PrivateKey {
	k, err := secp256k1.PrivateKeyFromBytes(b)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}
