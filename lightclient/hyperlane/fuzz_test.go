package hyperlane_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

// FuzzDecodeMessage: no panic; what decodes re-encodes to the same bytes.
func FuzzDecodeMessage(f *testing.F) {
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1, 2}}
	f.Add(m.Encode())
	f.Add([]byte{3})
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, err := hyperlane.DecodeMessage(b)
		if err != nil {
			return
		}
		if !bytes.Equal(msg.Encode(), b) {
			t.Fatal("re-encoding differs")
		}
	})
}

// FuzzVerify: both ISMs on arbitrary metadata and messages never panic, and never accept
// metadata whose signatures were not made by the validators for that message.
func FuzzVerify(f *testing.F) {
	keys := hyperlanetest.Validators(3)
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1, 2}}
	f.Add(hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 4, keys[:2]), m.Encode())
	f.Add(hyperlanetest.MerkleRootMetadata(&m, interop.Hash{1}, make([]interop.Hash, 2), 1, keys[:2]), m.Encode())
	idISM := hyperlane.MessageIDMultisig{Multisig: hyperlane.Multisig{Validators: hyperlanetest.Addresses(keys), Threshold: 2}}
	rootISM := hyperlane.MerkleRootMultisig(idISM)
	f.Fuzz(func(t *testing.T, md, msg []byte) {
		_ = idISM.Verify(md, msg)
		_ = rootISM.Verify(md, msg)
		if p, err := hyperlane.ParseMessageIDMetadata(md); err == nil && !bytes.Equal(p.Encode(), md) {
			t.Fatal("message-id metadata round trip")
		}
		if p, err := hyperlane.ParseMerkleRootMetadata(md); err == nil && !bytes.Equal(p.Encode(), md) {
			t.Fatal("merkle-root metadata round trip")
		}
	})
}
