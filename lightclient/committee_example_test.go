package lightclient_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// A LayerZero-style stack behind Hyperlane-style routing: messages from chain 10 need
// the required committee and one of two optional verifiers.
func ExampleRoute() {
	committee := lightclienttest.Members(1, 3)
	dvns := lightclienttest.Members(2, 2)
	required, err := lightclient.Threshold(2, lightclienttest.Signers(committee)...)
	if err != nil {
		panic(err)
	}
	optional := make([]lightclient.Verifier, len(dvns))
	for i, d := range dvns {
		if optional[i], err = lightclient.Threshold(1, d.Signer); err != nil {
			panic(err)
		}
	}
	stack := lightclient.Route(map[interop.ChainID]lightclient.Verifier{
		10: lightclient.RequiredOptional([]lightclient.Verifier{required}, optional, 1),
	})
	claim := lightclient.Claim{Origin: 10, Destination: 42161, Digest: interop.Hash{0x11}}
	att := lightclienttest.Attest(claim, committee[0], committee[1], dvns[0])
	v := stack.Verify(claim, att)
	fmt.Println(v.Accepted, v.Satisfies(claim))

	// The same signatures presented for another origin.
	other := claim
	other.Origin = 8453
	v = stack.Verify(other, att)
	fmt.Println(v.Err())
	// Output:
	// true true
	// lightclient: no route for origin: origin 8453 (routes: [10])
}
