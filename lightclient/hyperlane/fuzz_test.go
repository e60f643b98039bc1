package hyperlane_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
	"github.com/interopkit/interop/proof/merkle"
)

// FuzzDecodeMessage: no panic; what decodes re-encodes to the same bytes.
func FuzzDecodeMessage(f *testing.F) {
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1, 2}}
	f.Add(must(m.AppendBinary(nil)))
	f.Add([]byte{3})
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, err := hyperlane.DecodeMessage(b)
		if err != nil {
			return
		}
		if !bytes.Equal(must(msg.AppendBinary(nil)), b) {
			t.Fatal("re-encoding differs")
		}
	})
}

// FuzzVerify: both ISMs on arbitrary metadata and messages never panic, and never accept
// metadata whose signatures were not made by the validators for that message.
func FuzzVerify(f *testing.F) {
	keys := hyperlanetest.Validators(3)
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1, 2}}
	f.Add(hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 4, keys[:2]), must(m.AppendBinary(nil)))
	f.Add(hyperlanetest.MerkleRootMetadata(&m, interop.Hash{1}, make([]interop.Hash, 2), 1, keys[:2]), must(m.AppendBinary(nil)))
	idISM := must(hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(keys), 2))
	rootISM := hyperlane.MerkleRootMultisig(*idISM)
	f.Add(hyperlanetest.MessageIDMetadata(&m, interop.Hash{1}, interop.Hash{2}, 4, []*secp256k1.PrivateKey{keys[1], keys[1]}), must(m.AppendBinary(nil)))
	f.Fuzz(func(t *testing.T, md, msg []byte) {
		idErr := idISM.Verify(md, msg)
		rootErr := rootISM.Verify(md, msg)
		p, err := hyperlane.DecodeMessageIDMetadata(md)
		if err == nil && !bytes.Equal(must(p.AppendBinary(nil)), md) {
			t.Fatal("message-id metadata round trip")
		}
		if idErr == nil {
			// Accepted ⇒ the first Threshold signatures recover, independently of the ISM, to
			// distinct validators in set order, and the re-encoded metadata and message
			// verify again.
			decoded, _ := hyperlane.DecodeMessage(msg)
			cp := p.Checkpoint(decoded.Origin, decoded.ID())
			checkSigners(t, cp.Digest(), p.Signatures, idISM.Validators(), idISM.Threshold())
			if err := idISM.Verify(must(p.AppendBinary(nil)), must(decoded.AppendBinary(nil))); err != nil {
				t.Fatalf("accepted metadata fails after re-encoding: %v", err)
			}
		}
		q, err := hyperlane.DecodeMerkleRootMetadata(md)
		if err == nil && !bytes.Equal(must(q.AppendBinary(nil)), md) {
			t.Fatal("merkle-root metadata round trip")
		}
		if rootErr == nil {
			decoded, _ := hyperlane.DecodeMessage(msg)
			root := q.Proof.Root(decoded.ID(), q.MessageIndex, merkle.Keccak256{})
			cp := hyperlane.Checkpoint{Origin: decoded.Origin, MerkleTreeHook: q.MerkleTreeHook, Root: root, Index: q.SignedIndex, MessageID: q.SignedMessageID}
			checkSigners(t, cp.Digest(), q.Signatures, rootISM.Validators(), rootISM.Threshold())
			if q.MessageIndex > q.SignedIndex {
				t.Fatal("accepted a message after the signed index")
			}
			if err := rootISM.Verify(must(q.AppendBinary(nil)), must(decoded.AppendBinary(nil))); err != nil {
				t.Fatalf("accepted metadata fails after re-encoding: %v", err)
			}
		}
	})
}

// checkSigners fails t unless the first threshold signatures recover (EIP-2 rules, v 27 or
// 28) to validators at strictly increasing positions of the set.
func checkSigners(t *testing.T, digest interop.Hash, sigs [][65]byte, validators []interop.Address, threshold int) {
	t.Helper()
	last := -1
	for i := range threshold {
		if sigs[i][64] != 27 && sigs[i][64] != 28 {
			t.Fatalf("accepted v = %d", sigs[i][64])
		}
		a, err := secp256k1.RecoverAddressStrict(digest, sigs[i])
		if err != nil {
			t.Fatalf("accepted signature %d that does not recover: %v", i, err)
		}
		pos := slices.Index(validators, a)
		if pos <= last {
			t.Fatalf("accepted signature %d by %s at position %d after %d", i, a, pos, last)
		}
		last = pos
	}
}
