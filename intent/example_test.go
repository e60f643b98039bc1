package intent_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/lightclient"
)

// A user signs a gasless transfer order; the origin settler's twin checks the signature,
// resolves the order and emits Open.
func Example() {
	key, _ := secp256k1.PrivateKeyFromBytes(append(make([]byte, 31), 7))
	d := sampleTransfer()
	o := sampleOrder(&d)
	o.User = key.Address()

	domain := eip712.Domain{Fields: eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract,
		Name: "OriginSettler", ChainID: o.OriginChainID, VerifyingContract: o.OriginSettler}
	r, data, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
	if err != nil {
		panic(err)
	}
	digest, _ := intent.SigningDigest(&o, data, intent.TransferTypes, &domain)
	sig := key.Sign(digest)
	fmt.Println("signature:", intent.VerifySignature(&o, data, intent.TransferTypes, &domain, sig))
	fmt.Println("open at 901:", intent.CheckOpen(&o, 10, 901))

	log := intent.OpenLog(o.OriginSettler, r)
	back, _ := intent.DecodeOpen(&log, intent.Uint256ChainID)
	fmt.Println("Open orderId matches:", back.OrderID == r.OrderID, "outputs:", len(back.MaxSpent))
	// Output:
	// signature: <nil>
	// open at 901: intent: order expired: opened at 901, openDeadline 900
	// Open orderId matches: true outputs: 1
}

// VerifyFill pays the solver only for a fill proven on the destination chain, at least
// as large as the Dutch auction owes at the fill's time.
func ExampleVerifyFill() {
	r := sampleResolved()
	d, _ := intent.DecodeTransferOrderDataABI(r.FillInstructions[0].OriginData)
	terms := intent.FillTerms{Order: &r, Owed: &d, Finality: lightclient.Finalized}

	roots := new(lightclient.Memory) // in production: a light client's finalized roots
	dest := intenttest.NewDestination(8453, roots)
	fill, _ := intenttest.HonestFill(&terms, interop.Address{0x50}, 1050)
	proof, _ := dest.Include(intenttest.FillReceipt(&fill, 90000), lightclient.Finalized)
	got, err := intent.VerifyFill(&terms, &proof, roots)
	fmt.Println(err, got.Outputs[0].Amount.Dec(), got.Solver == intent.AddressWord(interop.Address{0x50}))

	fill.Outputs[0].Amount.SubUint64(&fill.Outputs[0].Amount, 1)
	proof, _ = dest.Include(intenttest.FillReceipt(&fill, 90000), lightclient.Finalized)
	_, err = intent.VerifyFill(&terms, &proof, roots)
	fmt.Println(err)
	// Output:
	// <nil> 995000 true
	// intent: fill short of the promised outputs: output 0 amount 994999, owed 995000 at 1050
}
