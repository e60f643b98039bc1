package radius_test

import (
	"testing"

	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
)

func benchCommitment(b *testing.B) radius.SignedOrderCommitment {
	o := radiustest.NewOrderer(fuzzKey(b), "rollup-a", 1)
	var c radius.SignedOrderCommitment
	for i := range 1000 {
		c = o.Send([]byte{0x02, byte(i), byte(i >> 8)})
	}
	return c // position 999: 8 roots in its path
}

// BenchmarkVerifyOrderCommitment: one signed commitment, decoded, against the orderer's
// address; the floor is one secp256k1 recovery (BenchmarkRecoverFloor).
func BenchmarkVerifyOrderCommitment(b *testing.B) {
	c := benchCommitment(b)
	addr := fuzzKey(b).Address()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Verify(addr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAndVerifyOrderCommitment(b *testing.B) {
	js := benchCommitment(b).AppendJSON(nil)
	addr := fuzzKey(b).Address()
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := radius.DecodeOrderCommitmentJSON(js)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Verify(addr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecoverFloor(b *testing.B) {
	c := benchCommitment(b)
	d := c.Data.Digest()
	sig := c.Signature
	sig[64] -= 27
	b.ReportAllocs()
	for b.Loop() {
		if _, err := secp256k1.RecoverAddressStrict(d, sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckBlock: a 1000-transaction block against the commitment to its last one.
func BenchmarkCheckBlock(b *testing.B) {
	o := radiustest.NewOrderer(fuzzKey(b), "rollup-a", 1)
	var c radius.SignedOrderCommitment
	for i := range 1000 {
		c = o.Send(make([]byte, 120+i%50))
	}
	txs := o.Block()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Data.CheckBlock(txs); err != nil {
			b.Fatal(err)
		}
	}
}
