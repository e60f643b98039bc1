package hyperlane_test

import (
	"bytes"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

var (
	keys  = hyperlanetest.Validators(5)
	addrs = hyperlanetest.Addresses(keys)
	hook  = interop.Hash{0xab}
)

func TestPropMessageRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := hyperlanetest.Message(300).Draw(t, "m")
		enc := must(m.AppendBinary(nil))
		back, err := hyperlane.DecodeMessage(enc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(must(back.AppendBinary(nil)), enc) || back.ID() != m.ID() {
			t.Fatal("round trip")
		}
	})
}

// Any threshold-sized subsequence of the validators, in order, verifies under both ISMs;
// any out-of-order or repeated signature among the first threshold is refused with
// ErrSignatureOrder.
func TestPropMultisigOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := hyperlanetest.Message(64).Draw(t, "m")
		th := rapid.IntRange(1, len(keys)).Draw(t, "threshold")
		idx := rapid.SliceOfNDistinct(rapid.IntRange(0, len(keys)-1), th, th, rapid.ID[int]).Draw(t, "signers")
		sorted := append([]int(nil), idx...)
		for i := range sorted {
			for j := i + 1; j < len(sorted); j++ {
				if sorted[j] < sorted[i] {
					sorted[i], sorted[j] = sorted[j], sorted[i]
				}
			}
		}
		pick := func(order []int) (out []*secp256k1.PrivateKey) {
			for _, i := range order {
				out = append(out, keys[i])
			}
			return out
		}
		idISM := must(hyperlane.NewMessageIDMultisig(addrs, th))
		rootISM := must(hyperlane.NewMerkleRootMultisig(addrs, th))
		enc := must(m.AppendBinary(nil))
		if err := idISM.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 9, pick(sorted)), enc); err != nil {
			t.Fatal(err)
		}
		n := rapid.IntRange(1, 6).Draw(t, "leaves")
		at := rapid.IntRange(0, n-1).Draw(t, "at")
		ids := make([]interop.Hash, n)
		for i := range ids {
			ids[i] = interop.Hash{byte(i), 7}
		}
		if err := rootISM.Verify(hyperlanetest.MerkleRootMetadata(&m, hook, ids, at, pick(sorted)), enc); err != nil {
			t.Fatal(err)
		}
		inOrder := true
		for i := 1; i < len(idx); i++ {
			inOrder = inOrder && idx[i] > idx[i-1]
		}
		err := idISM.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 9, pick(idx)), enc)
		if inOrder != (err == nil) || !inOrder && !errors.Is(err, hyperlane.ErrSignatureOrder) {
			t.Fatalf("order %v: %v", idx, err)
		}
		if th >= 2 {
			dup := append(pick(sorted[:th-1]), keys[sorted[th-2]])
			if err := idISM.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 9, dup), enc); !errors.Is(err, hyperlane.ErrSignatureOrder) {
				t.Fatalf("duplicate: %v", err)
			}
		}
	})
}

// A message attested for one origin never verifies for another, through the
// routing verifier: the domain hash binds the origin.
func TestPropRouteBinding(t *testing.T) {
	ism := must(hyperlane.NewMessageIDMultisig(addrs[:3], 2))
	router := lightclient.Route(map[interop.ChainID]lightclient.Verifier{1: ism.Verifier(), 2: ism.Verifier()})
	rapid.Check(t, func(t *rapid.T) {
		m := hyperlanetest.Message(32).Draw(t, "m")
		m.Origin = uint32(rapid.IntRange(1, 2).Draw(t, "origin"))
		a := &lightclient.Attestation{Metadata: hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{2}, 3, keys[:2])}
		if v := router.Verify(hyperlane.Claim(&m), a); !v.Accepted {
			t.Fatalf("own route: %s", v.String())
		}
		other := m
		other.Origin = 3 - m.Origin
		if v := router.Verify(hyperlane.Claim(&other), a); v.Accepted {
			t.Fatal("attestation replayed to another origin")
		}
	})
}

// Bad input: each case a wrapped sentinel.
func TestBadInput(t *testing.T) {
	m := hyperlane.Message{Version: 3, Origin: 1, Destination: 2, Body: []byte("hi")}
	enc := must(m.AppendBinary(nil))
	good := hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{}, 0, keys[:2])
	ism := must(hyperlane.NewMessageIDMultisig(addrs[:3], 2))
	if err := ism.Verify(good, enc); err != nil {
		t.Fatal(err)
	}
	highV := bytes.Clone(good)
	highV[68+64] = 1
	big := append(bytes.Clone(enc[:hyperlane.HeaderSize]), make([]byte, hyperlane.MaxBodySize+1)...)
	v2 := bytes.Clone(enc)
	v2[0] = 2
	merkleMD := hyperlanetest.MerkleRootMetadata(&m, hook, make([]interop.Hash, 3), 2, keys[:2])
	badIndex, _ := hyperlane.DecodeMerkleRootMetadata(merkleMD)
	badIndex.SignedIndex = 1
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"short message", ism.Verify(good, enc[:76]), hyperlane.ErrMessage},
		{"version 2", ism.Verify(good, v2), hyperlane.ErrMessage},
		{"oversized body", ism.Verify(good, big), hyperlane.ErrMessage},
		{"short metadata", ism.Verify(good[:67], enc), hyperlane.ErrMetadata},
		{"partial signature", ism.Verify(good[:len(good)-1], enc), hyperlane.ErrMetadata},
		{"v not 27/28", ism.Verify(highV, enc), hyperlane.ErrSignature},
		{"unsorted", ism.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{}, 0, []*secp256k1.PrivateKey{keys[1], keys[0]}), enc), hyperlane.ErrSignatureOrder},
		{"duplicate", ism.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{}, 0, []*secp256k1.PrivateKey{keys[0], keys[0]}), enc), hyperlane.ErrSignatureOrder},
		{"outsider", ism.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{}, 0, []*secp256k1.PrivateKey{keys[0], keys[4]}), enc), hyperlane.ErrUnknownValidator},
		{"too few", ism.Verify(hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{}, 0, keys[:1]), enc), hyperlane.ErrThreshold},
		{"wrong domain", ism.Verify(good, must((&hyperlane.Message{Version: 3, Origin: 9, Destination: 2, Body: []byte("hi")}).AppendBinary(nil))), hyperlane.ErrUnknownValidator},
		{"threshold zero", func() error { _, err := hyperlane.NewMessageIDMultisig(addrs, 0); return err }(), hyperlane.ErrConfig},
		{"message after checkpoint", (&hyperlane.MerkleRootMultisig{Multisig: ism.Multisig}).Verify(must(badIndex.AppendBinary(nil)), enc), hyperlane.ErrIndex},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
