package hyperlane_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

// Messages at MaxBodySize and over it, metadata with 2^14 signatures (valid, duplicated,
// garbage), and validator sets of 2^17 members: allocation stays a small multiple of the
// input, and no more than Threshold signatures are ever recovered.
func TestBoundsAllocPerInputByte(t *testing.T) {
	m := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: make([]byte, hyperlane.MaxBodySize)}
	enc := must(m.AppendBinary(nil))
	logged(t, "DecodeMessage at MaxBodySize", len(enc), func() {
		if _, err := hyperlane.DecodeMessage(enc); err != nil {
			t.Error(err)
		}
	})
	over := append(enc, 0)
	logged(t, "DecodeMessage over MaxBodySize", len(over), func() {
		if _, err := hyperlane.DecodeMessage(over); !errors.Is(err, hyperlane.ErrMessage) {
			t.Error(err)
		}
	})

	small := hyperlane.Message{Version: 3, Nonce: 1, Origin: 2, Destination: 3, Body: []byte{1}}
	msg := must(small.AppendBinary(nil))
	const n = 1 << 14
	one := hyperlanetest.MessageIDMetadata(&small, hook, interop.Hash{1}, 4, keys[:1])
	dup := append(bytes.Clone(one), bytes.Repeat(one[68:], n-1)...)
	garbage := append(bytes.Clone(one[:68]), bytes.Repeat([]byte{0x1b}, 65*n)...)
	valid := hyperlanetest.MessageIDMetadata(&small, hook, interop.Hash{1}, 4, keys)
	flood := append(bytes.Clone(valid), bytes.Repeat(one[68:], n)...)
	ism := must(hyperlane.NewMessageIDMultisig(addrs, 5))
	logged(t, "DecodeMessageIDMetadata 2^14 signatures", len(dup), func() {
		if md, err := hyperlane.DecodeMessageIDMetadata(dup); err != nil || len(md.Signatures) != n {
			t.Error(err)
		}
	})
	logged(t, "MessageIDMultisig 2^14 copies of one signature", len(dup)+len(msg), func() {
		if err := ism.Verify(dup, msg); !errors.Is(err, hyperlane.ErrSignatureOrder) {
			t.Errorf("duplicates: %v, want ErrSignatureOrder", err)
		}
	})
	logged(t, "MessageIDMultisig 2^14 garbage signatures", len(garbage)+len(msg), func() {
		if err := ism.Verify(garbage, msg); !errors.Is(err, hyperlane.ErrSignature) && !errors.Is(err, hyperlane.ErrUnknownValidator) {
			t.Errorf("garbage: %v, want ErrSignature or ErrUnknownValidator", err)
		}
	})
	logged(t, "MessageIDMultisig valid + 2^14 extra signatures", len(flood)+len(msg), func() {
		if err := ism.Verify(flood, msg); err != nil {
			t.Errorf("threshold met before the flood: %v", err)
		}
	})
	partial := append(bytes.Clone(dup), 1, 2, 3)
	logged(t, "DecodeMessageIDMetadata trailing partial signature", len(partial), func() {
		if _, err := hyperlane.DecodeMessageIDMetadata(partial); !errors.Is(err, hyperlane.ErrMetadata) {
			t.Error(err)
		}
	})

	ids := make([]interop.Hash, 4)
	root := hyperlanetest.MerkleRootMetadata(&small, hook, ids, 1, keys)
	rootFlood := append(bytes.Clone(root), bytes.Repeat(one[68:], n)...)
	rootISM := must(hyperlane.NewMerkleRootMultisig(addrs, 5))
	logged(t, "DecodeMerkleRootMetadata 2^14 signatures", len(rootFlood), func() {
		if _, err := hyperlane.DecodeMerkleRootMetadata(rootFlood); err != nil {
			t.Error(err)
		}
	})
	logged(t, "MerkleRootMultisig valid + 2^14 extra signatures", len(rootFlood)+len(msg), func() {
		if err := rootISM.Verify(rootFlood, msg); err != nil {
			t.Error(err)
		}
	})

	big := must(hyperlane.NewMessageIDMultisig(bigSet(1<<17), 1))
	logged(t, "MessageIDMultisig 2^17 validators", 20<<17+len(one)+len(msg), func() {
		if err := big.Verify(one, msg); err != nil {
			t.Error(err)
		}
	})
	v := ism.Verifier()
	claim := hyperlane.Claim(&small)
	logged(t, "Verifier 2^14 copies of one signature", len(dup), func() {
		if v.Verify(claim, &lightclient.Attestation{Metadata: dup}).Accepted {
			t.Error("accepted")
		}
	})
	d := (&hyperlane.Checkpoint{Origin: 2}).Digest()
	logged(t, "Recover garbage", 65, func() { _, _ = hyperlane.Recover(d, [65]byte{64: 27}) })
}

// TestConcurrentMessageIDMultisig: one ISM (and its lightclient adapter) verifying the same
// valid and invalid metadata on 16 goroutines.
func TestConcurrentMessageIDMultisig(t *testing.T) {
	m := hyperlane.Message{Version: 3, Nonce: 9, Origin: 2, Destination: 3, Body: []byte("hi")}
	msg := must(m.AppendBinary(nil))
	good := hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 4, keys[1:4])
	bad := hyperlanetest.MessageIDMetadata(&m, hook, interop.Hash{1}, 4, []*secp256k1.PrivateKey{keys[3], keys[1], keys[2]})
	ism := must(hyperlane.NewMessageIDMultisig(addrs, 3))
	v := ism.Verifier()
	hostile.Concurrent(t, 4, func(g int) {
		if err := ism.Verify(good, msg); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := ism.Verify(bad, msg); !errors.Is(err, hyperlane.ErrSignatureOrder) {
			t.Errorf("goroutine %d: out of order: %v", g, err)
		}
		if !v.Verify(hyperlane.Claim(&m), &lightclient.Attestation{Metadata: good}).Accepted {
			t.Errorf("goroutine %d: adapter refused", g)
		}
	})
}

// TestConcurrentMerkleRootMultisig: as TestConcurrentMessageIDMultisig for the merkle-root ISM.
func TestConcurrentMerkleRootMultisig(t *testing.T) {
	m := hyperlane.Message{Version: 3, Nonce: 9, Origin: 2, Destination: 3, Body: []byte("hi")}
	msg := must(m.AppendBinary(nil))
	good := hyperlanetest.MerkleRootMetadata(&m, hook, make([]interop.Hash, 5), 2, keys[:2])
	ism := must(hyperlane.NewMerkleRootMultisig(addrs, 2))
	other := m
	other.Nonce++
	hostile.Concurrent(t, 4, func(g int) {
		if err := ism.Verify(good, msg); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := ism.Verify(good, must(other.AppendBinary(nil))); err == nil {
			t.Errorf("goroutine %d: another message verified", g)
		}
	})
}
