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
	ism, err := hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(keys), 2)
	if err != nil {
		panic(err)
	}
	msg := hyperlane.Message{Version: hyperlane.Version, Nonce: 1, Origin: 10, Destination: 42161, Body: []byte("hello")}
	enc, _ := msg.AppendBinary(nil) // never fails
	hook := interop.Hash{0xab}

	metadata := hyperlanetest.MessageIDMetadata(&msg, hook, interop.Hash{0xcd}, 1, []*secp256k1.PrivateKey{keys[0], keys[2]})
	fmt.Println(ism.Verify(metadata, enc))

	unsorted := hyperlanetest.MessageIDMetadata(&msg, hook, interop.Hash{0xcd}, 1, []*secp256k1.PrivateKey{keys[2], keys[0]})
	fmt.Println(ism.Verify(unsorted, enc) != nil)
	// Output:
	// <nil>
	// true
}

// A validator's announcement.json, as the agent writes it: the signature must recover to
// the announced validator over ValidatorAnnounce.getAnnouncementDigest.
func ExampleDecodeSignedAnnouncement() {
	raw := []byte(`{"value":{"validator":"0xf43fbd072fd38e1121d4b3b0b8a35116bbb01ea9",
	 "mailbox_address":"0x000000000000000000000000cc737a94fecaec165abcf12ded095bb13f037685",
	 "mailbox_domain":5,"storage_location":"s3://hyperlane-testnet3-goerli-validator-0/us-east-1"},
	 "signature":{"r":"0x2c23ffdc7173019fe2255fddbfa027dc99d5812b7c6595303792efe145c7f2cb",
	  "s":"0x229da4a683f4785a766cd8fce668741b78acaa7eed95eea9d09b14883de51b83","v":27}}`)
	a, err := hyperlane.DecodeSignedAnnouncement(raw)
	fmt.Println(a.StorageLocation, err)
	fmt.Println(a.Verify())
	// Output:
	// s3://hyperlane-testnet3-goerli-validator-0/us-east-1 <nil>
	// <nil>
}

// A checkpoint file fetched from a validator's storage, checked against the validator the
// relayer expects there.
func ExampleSignedCheckpoint_Verify() {
	raw := []byte(`{"value":{"checkpoint":{
	  "merkle_tree_hook_address":"0x0000000000000000000000006543cef9bbe42d66b5b36ccaf9374de2b55f9cbc",
	  "mailbox_domain":54322345,"root":"0x5cd1ceeff6f033960677157f13b472fcfb1617638dbdfb0ab0cde36cd94bf050","index":2},
	 "message_id":"0x3eae2775d2a39169fd82693c9883351a72761c9cdf4cddedaf95bf62e454250e"},
	 "serialized_signature":"0x82079df9c6de4d2ab039216e3275cf803d245819150512e50dde105e2802f98976b8041d134256ef7df29fa8a8613a5c042af46c3468ab011410e19e6e1cb4931c"}`)
	c, err := hyperlane.DecodeSignedCheckpoint(raw)
	fmt.Println(c.Checkpoint.Origin, c.Checkpoint.Index, err)
	v, _ := interop.AddressFromHex("0x4fe927ab711793954b3a29969ecd4a60d6d265d0")
	fmt.Println(c.Verify(v))
	// Output:
	// 54322345 2 <nil>
	// <nil>
}
