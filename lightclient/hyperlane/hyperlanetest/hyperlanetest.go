// Package hyperlanetest generates Hyperlane messages, validator sets and signed ISM
// metadata for property tests of code that relays or verifies Hyperlane messages.
package hyperlanetest

import (
	"encoding/binary"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/proof/merkle"
)

// Message generates v3 messages with bodies up to maxBody bytes.
func Message(maxBody int) *rapid.Generator[hyperlane.Message] {
	return rapid.Custom(func(t *rapid.T) hyperlane.Message {
		var sender, recipient interop.Hash
		copy(sender[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "sender"))
		copy(recipient[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "recipient"))
		return hyperlane.Message{
			Version:     hyperlane.Version,
			Nonce:       rapid.Uint32().Draw(t, "nonce"),
			Origin:      rapid.Uint32().Draw(t, "origin"),
			Sender:      sender,
			Destination: rapid.Uint32().Draw(t, "destination"),
			Recipient:   recipient,
			Body:        rapid.SliceOfN(rapid.Byte(), 0, maxBody).Draw(t, "body"),
		}
	})
}

// Validators returns n deterministic validator keys, in the order of their set.
func Validators(n int) []*secp256k1.PrivateKey {
	out := make([]*secp256k1.PrivateKey, n)
	for i := range out {
		var b [32]byte
		binary.BigEndian.PutUint64(b[24:], 0xabc0+uint64(i))
		k, err := secp256k1.PrivateKeyFromBytes(b[:])
		if err != nil {
			panic(err)
		}
		out[i] = k
	}
	return out
}

// Addresses returns the keys' addresses, the ISM's validator list.
func Addresses(keys []*secp256k1.PrivateKey) []interop.Address {
	out := make([]interop.Address, len(keys))
	for i, k := range keys {
		out[i] = k.Address()
	}
	return out
}

// Sign returns k's signature of a checkpoint as validators publish it: over
// EIP-191(signing hash), with v 27 or 28.
func Sign(k *secp256k1.PrivateKey, cp *hyperlane.Checkpoint) [65]byte {
	s := k.Sign(cp.Digest())
	s[64] += 27
	return s
}

// MessageIDMetadata returns metadata for the message-id ISM signed by keys, in order.
func MessageIDMetadata(m *hyperlane.Message, hook, root interop.Hash, index uint32, keys []*secp256k1.PrivateKey) []byte {
	md := hyperlane.MessageIDMetadata{MerkleTreeHook: hook, Root: root, Index: index}
	cp := md.Checkpoint(m.Origin, m.ID())
	for _, k := range keys {
		md.Signatures = append(md.Signatures, Sign(k, &cp))
	}
	b, _ := md.AppendBinary(nil) // never fails
	return b
}

// MerkleRootMetadata inserts ids into a mailbox tree (message m at position index of
// ids), and returns merkle-root ISM metadata signed by keys over the checkpoint after
// the last id.
func MerkleRootMetadata(m *hyperlane.Message, hook interop.Hash, ids []interop.Hash, index int, keys []*secp256k1.PrivateKey) []byte {
	ids[index] = m.ID()
	tree := merkle.NewTree(merkle.Keccak256{})
	for _, id := range ids {
		if err := tree.Insert(id); err != nil {
			panic(err)
		}
	}
	proof, err := tree.Branch(uint64(index))
	if err != nil {
		panic(err)
	}
	last := uint32(len(ids) - 1)
	md := hyperlane.MerkleRootMetadata{MerkleTreeHook: hook, MessageIndex: uint32(index), SignedMessageID: ids[last], Proof: proof, SignedIndex: last}
	cp := hyperlane.Checkpoint{Origin: m.Origin, MerkleTreeHook: hook, Root: tree.Root(), Index: last, MessageID: ids[last]}
	for _, k := range keys {
		md.Signatures = append(md.Signatures, Sign(k, &cp))
	}
	b, _ := md.AppendBinary(nil) // never fails
	return b
}

// SignedCheckpoint generates checkpoints with message ids signed by k, as a validator
// writes them to its checkpoint storage.
func SignedCheckpoint(k *secp256k1.PrivateKey) *rapid.Generator[hyperlane.SignedCheckpoint] {
	return rapid.Custom(func(t *rapid.T) hyperlane.SignedCheckpoint {
		cp := hyperlane.Checkpoint{
			Origin: rapid.Uint32().Draw(t, "origin"), Index: rapid.Uint32().Draw(t, "index"),
			MerkleTreeHook: hash(t, "hook"), Root: hash(t, "root"), MessageID: hash(t, "id"),
		}
		return hyperlane.SignedCheckpoint{Checkpoint: cp, Signature: Sign(k, &cp)}
	})
}

// SignedAnnouncement generates announcements of storage locations (any UTF-8 string up to
// 200 bytes) signed by k for a random mailbox and domain.
func SignedAnnouncement(k *secp256k1.PrivateKey) *rapid.Generator[hyperlane.SignedAnnouncement] {
	return rapid.Custom(func(t *rapid.T) hyperlane.SignedAnnouncement {
		a := hyperlane.SignedAnnouncement{
			Validator: k.Address(), Mailbox: hash(t, "mailbox"), Domain: rapid.Uint32().Draw(t, "domain"),
			StorageLocation: rapid.StringN(0, 200, 200).Draw(t, "location"),
		}
		a.Signature = k.Sign(a.Digest())
		a.Signature[64] += 27
		return a
	})
}

func hash(t *rapid.T, name string) interop.Hash {
	return interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, name))
}
