package intent_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
)

// TestConcurrentOrderTypes: the shared TransferTypes, one order and its parsed order data
// hashed, signed-over and resolved by 16 goroutines at once.
func TestConcurrentOrderTypes(t *testing.T) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	key, err := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	o.User = key.Address()
	domain := eip712.Domain{Fields: eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract, Name: "Settler", VerifyingContract: o.OriginSettler}
	domain.ChainID.SetUint64(10)
	r, data, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
	if err != nil {
		t.Fatal(err)
	}
	digest, err := intent.SigningDigest(&o, data, intent.TransferTypes, &domain)
	if err != nil {
		t.Fatal(err)
	}
	sig := key.Sign(digest)
	witness := intent.Permit2Witness{Token: interop.Address{0xaa}, Order: intent.TypedOrder{Order: &o, Data: data, Types: intent.TransferTypes}}
	wantWitness := eip712.HashStruct(&witness)
	orderTypeHash := intent.TransferTypes.Order.TypeHash()
	hostile.Concurrent(t, 20, func(int) {
		got, gotData, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
		if err != nil || got.OrderID != r.OrderID {
			t.Errorf("resolve: %v", err)
			return
		}
		if dg, err := intent.SigningDigest(&o, gotData, intent.TransferTypes, &domain); err != nil || dg != digest {
			t.Errorf("digest: %v", err)
		}
		if err := intent.VerifySignature(&o, data, intent.TransferTypes, &domain, sig); err != nil {
			t.Error(err)
		}
		if eip712.HashStruct(&witness) != wantWitness {
			t.Error("witness hash differs")
		}
		if intent.TransferTypes.Order.TypeHash() != orderTypeHash {
			t.Error("type hash differs")
		}
	})
}

// TestConcurrentResolvedOrder: one resolved order encoded, hashed and decoded by 16
// goroutines at once, in both variants.
func TestConcurrentResolvedOrder(t *testing.T) {
	r := sampleResolved()
	enc := r.AppendABI(nil)
	wantHash := eip712.HashStruct(&r)
	log := intent.OpenLog(interop.Address{1}, &r)
	hostile.Concurrent(t, 20, func(g int) {
		if !bytes.Equal(r.AppendABI(nil), enc) {
			t.Error("encoding differs")
		}
		if eip712.HashStruct(&r) != wantHash {
			t.Error("hash differs")
		}
		got, err := intent.DecodeOpen(&log, r.Variant)
		if err != nil || got.OrderID != r.OrderID {
			t.Errorf("decode open: %v", err)
		}
		_ = r.FillInstructions[0].HashStruct(intent.Variant(g & 1))
	})
}

// TestConcurrentVerifyFill: one set of terms, one order data (Owed) and one root store
// used to verify one fill by 16 goroutines at once.
func TestConcurrentVerifyFill(t *testing.T) {
	r := sampleResolved()
	d, err := intent.DecodeTransferOrderDataABI(r.FillInstructions[0].OriginData)
	if err != nil {
		t.Fatal(err)
	}
	terms := intent.FillTerms{Order: &r, Owed: &d, Finality: lightclient.Finalized}
	roots := new(lightclient.Memory)
	dest := intenttest.NewDestination(8453, roots)
	fill, err := intenttest.HonestFill(&terms, interop.Address{0x50}, 1050)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dest.Include(intenttest.FillReceipt(&fill, 90000), lightclient.Finalized)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := d.Owed(0, 1050)
	hostile.Concurrent(t, 20, func(g int) {
		got, err := intent.VerifyFill(&terms, &p, roots)
		if err != nil || got.Solver != fill.Solver {
			t.Errorf("verify: %v", err)
		}
		if owed, err := d.Owed(0, 1050); err != nil || !owed.Eq(&want) {
			t.Errorf("owed %s, %v", owed.Dec(), err)
		}
		if err := d.Check(); err != nil {
			t.Error(err)
		}
	})
}
