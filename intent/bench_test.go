package intent_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/lightclient"
)

// BenchmarkOrderHash: the EIP-712 digest a user signs for a transfer order, with its
// order data parsed (hashStruct of order and order data, domain separator precomputed).
func BenchmarkOrderHash(b *testing.B) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	domain := eip712.Domain{Fields: eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract, Name: "Settler", VerifyingContract: o.OriginSettler}
	domain.ChainID = o.OriginChainID
	sep := domain.Separator()
	typed := intent.TypedOrder{Order: &o, Data: &d, Types: intent.TransferTypes}
	b.ReportAllocs()
	for b.Loop() {
		_ = eip712.Digest(sep, eip712.HashStruct(&typed))
	}
}

// BenchmarkResolvedOrderHash: hashStruct of a resolved order (arrays of structs).
func BenchmarkResolvedOrderHash(b *testing.B) {
	r := sampleResolved()
	b.ReportAllocs()
	for b.Loop() {
		_ = eip712.HashStruct(&r)
	}
}

func BenchmarkDecodeGasless(b *testing.B) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	enc := o.AppendABI(nil)
	b.SetBytes(int64(len(enc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := intent.DecodeGaslessCrossChainOrderABI(enc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeOpen(b *testing.B) {
	r := sampleResolved()
	log := intent.OpenLog(interop.Address{1}, &r)
	b.SetBytes(int64(len(log.Data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := intent.DecodeOpen(&log, intent.Uint256ChainID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeOpen(b *testing.B) {
	r := sampleResolved()
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		buf = r.AppendABI(buf[:0])
	}
}

// BenchmarkVerifyFill: the whole settlement check on a block of 64 receipts.
func BenchmarkVerifyFill(b *testing.B) {
	r := sampleResolved()
	d, err := intent.DecodeTransferOrderDataABI(r.FillInstructions[0].OriginData)
	if err != nil {
		b.Fatal(err)
	}
	terms := intent.FillTerms{Order: &r, Owed: &d, Finality: lightclient.Finalized}
	roots := new(lightclient.Memory)
	dest := intenttest.NewDestination(8453, roots)
	dest.Before = 63
	fill, err := intenttest.HonestFill(&terms, interop.Address{0x50}, 1050)
	if err != nil {
		b.Fatal(err)
	}
	p, err := dest.Include(intenttest.FillReceipt(&fill, 90000), lightclient.Finalized)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := intent.VerifyFill(&terms, &p, roots); err != nil {
			b.Fatal(err)
		}
	}
}
