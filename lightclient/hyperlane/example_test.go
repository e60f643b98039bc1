package hyperlane_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

// A destination chain's MessageIdMultisigIsm checks a relayed message and its metadata.
func ExampleMessageIDMultisig_Verify() {
	keys := hyperlanetest.Validators(3)
	ism := hyperlane.MessageIDMultisig{Multisig: hyperlane.Multisig{Validators: hyperlanetest.Addresses(keys), Threshold: 2}}
	msg := hyperlane.Message{Version: hyperlane.Version, Nonce: 1, Origin: 10, Destination: 42161, Body: []byte("hello")}
	hook := interop.Hash{0xab}

	metadata := hyperlanetest.MessageIDMetadata(&msg, hook, interop.Hash{0xcd}, 1, []*secp256k1.PrivateKey{keys[0], keys[2]})
	fmt.Println(ism.Verify(metadata, msg.Encode()))

	unsorted := hyperlanetest.MessageIDMetadata(&msg, hook, interop.Hash{0xcd}, 1, []*secp256k1.PrivateKey{keys[2], keys[0]})
	fmt.Println(ism.Verify(unsorted, msg.Encode()) != nil)
	// Output:
	// <nil>
	// true
}
