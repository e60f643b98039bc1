package hyperlane_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient/hyperlane"
	"github.com/interopkit/interop/lightclient/hyperlane/hyperlanetest"
)

var agentSentinels = []error{hyperlane.ErrAgentJSON, hyperlane.ErrSignature, hyperlane.ErrUnknownValidator}

func isAgentSentinel(err error) bool {
	for _, s := range agentSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// agentFiles returns testdata files matching pattern, by base name.
func agentFiles(t testing.TB, pattern string) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no %s in testdata (%v)", pattern, err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

// checkpointSigner reads the validator from a file name checkpoint_<validator>_<domain>_<index>.json.
func checkpointSigner(t testing.TB, name string) interop.Address {
	t.Helper()
	parts := strings.Split(strings.TrimSuffix(name, ".json"), "_")
	a, err := interop.AddressFromHex(parts[1])
	if err != nil || len(parts) != 4 {
		t.Fatalf("%s: name is not checkpoint_<validator>_<domain>_<index>.json: %v", name, err)
	}
	return a
}

func verifyAgentFile(t testing.TB, name string, b []byte) error {
	t.Helper()
	if strings.HasPrefix(name, "announcement") {
		a, err := hyperlane.DecodeSignedAnnouncement(b)
		if err != nil {
			return err
		}
		return a.Verify()
	}
	c, err := hyperlane.DecodeSignedCheckpoint(b)
	if err != nil {
		return err
	}
	return c.Verify(checkpointSigner(t, name))
}

// Real files written by validators: announcements recover to the validator they announce
// (so ValidatorAnnounce's digest is computed as the contract does), checkpoints to the
// validator that published them; their canonical re-encoding decodes to the same value.
func TestConformanceAgentJSON(t *testing.T) {
	files := agentFiles(t, "*.json")
	n := 0
	for name, b := range files {
		if !strings.HasPrefix(name, "announcement") && !strings.HasPrefix(name, "checkpoint") {
			continue
		}
		n++
		if err := verifyAgentFile(t, name, b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if strings.HasPrefix(name, "checkpoint") {
			c, _ := hyperlane.DecodeSignedCheckpoint(b)
			canon, _ := c.MarshalJSON()
			if again, err := hyperlane.DecodeSignedCheckpoint(canon); err != nil || again != c {
				t.Errorf("%s: canonical form: %v", name, err)
			}
			md, err := hyperlane.MessageIDMetadataFrom([]hyperlane.SignedCheckpoint{c})
			ism := must(hyperlane.NewMessageIDMultisig([]interop.Address{checkpointSigner(t, name)}, 1))
			if err != nil {
				t.Fatal(err)
			}
			// The checkpoint as the ISM sees it: its digest, signed by a one-validator set.
			if err := ism.VerifySignatures(c.Checkpoint.Digest(), md.Signatures); err != nil {
				t.Errorf("%s through the multisig: %v", name, err)
			}
		} else {
			a, _ := hyperlane.DecodeSignedAnnouncement(b)
			canon, _ := a.MarshalJSON()
			if again, err := hyperlane.DecodeSignedAnnouncement(canon); err != nil || again != a {
				t.Errorf("%s: canonical form: %v", name, err)
			}
		}
	}
	if n < 4 {
		t.Errorf("%d agent files, want at least 4", n)
	}
}

// Changing any one byte of a real file is refused with a named sentinel, or changes
// nothing the signature covers (whitespace, an ignored field's name or value).
func TestTamperAgentJSON(t *testing.T) {
	for name, b := range agentFiles(t, "*.json") {
		if !strings.HasPrefix(name, "announcement") && !strings.HasPrefix(name, "checkpoint") {
			continue
		}
		refused := 0
		for i := range b {
			for _, flip := range []byte{0x01, 0x20} {
				c := bytes.Clone(b)
				c[i] ^= flip
				err := verifyAgentFile(t, name, c)
				if err == nil {
					if !sameSigned(t, name, b, c) {
						t.Fatalf("%s: byte %d ^ %#x changed what is signed without an error", name, i, flip)
					}
					continue
				}
				if !isAgentSentinel(err) {
					t.Fatalf("%s: byte %d: unnamed error %v", name, i, err)
				}
				refused++
			}
		}
		if refused < len(b) {
			t.Errorf("%s: only %d of %d tampers refused", name, refused, 2*len(b))
		}
	}
}

func sameSigned(t testing.TB, name string, a, b []byte) bool {
	if strings.HasPrefix(name, "announcement") {
		x, _ := hyperlane.DecodeSignedAnnouncement(a)
		y, _ := hyperlane.DecodeSignedAnnouncement(b)
		return x == y
	}
	x, _ := hyperlane.DecodeSignedCheckpoint(a)
	y, _ := hyperlane.DecodeSignedCheckpoint(b)
	return x == y
}

// Malformed files, each refused with ErrAgentJSON.
func TestAgentJSONStrict(t *testing.T) {
	var cp []byte
	for name, b := range agentFiles(t, "checkpoint_*.json") {
		c, err := hyperlane.DecodeSignedCheckpoint(b)
		if err != nil {
			t.Fatal(name, err)
		}
		cp, _ = c.MarshalJSON()
		break
	}
	s := string(cp)
	sigStart := strings.Index(s, `"signature":`)
	serialStart := strings.Index(s, `,"serialized_signature":`)
	noSerial := s[:serialStart] + "}"
	bad := map[string]string{
		"not json":           `{`,
		"trailing":           s + ` 1`,
		"no value":           `{` + s[sigStart:],
		"no signature":       s[:sigStart-1] + "}",
		"value twice":        strings.Replace(s, `{"value":`, `{"checkpoint":{},"value":`, 1),
		"short root":         strings.Replace(s, `"root":"0x`, `"root":"0x0`, 1),
		"index as string":    strings.Replace(s, `"index":`, `"index":"`, 1),
		"index leading 0":    strings.Replace(s, `"index":`, `"index":0`, 1),
		"domain over u32":    strings.Replace(s, `"mailbox_domain":`, `"mailbox_domain":99999999999`, 1),
		"r too long":         strings.Replace(s, `"r":"0x`, `"r":"0x00`, 1),
		"r empty":            strings.Replace(s, s[strings.Index(s, `"r":"`):strings.Index(s, `","s"`)], `"r":"0x`, 1),
		"v over a byte":      strings.Replace(noSerial, `"v":`, `"v":25`, 1),
		"serialized differs": strings.Replace(s, `","v":`, `","v":1`, 1)[:0] + s[:serialStart] + `,"serialized_signature":"0x` + strings.Repeat("00", 65) + `"}`,
		"no message_id":      strings.Replace(s, `"message_id"`, `"message_idx"`, 1),
	}
	for name, in := range bad {
		if _, err := hyperlane.DecodeSignedCheckpoint([]byte(in)); !errors.Is(err, hyperlane.ErrAgentJSON) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The signature alone, as hex, or only as serialized_signature, is accepted.
	c, _ := hyperlane.DecodeSignedCheckpoint(cp)
	hexSig := `"signature":"` + interop.EncodeHex(c.Signature[:]) + `"}`
	onlySerial := s[:sigStart] + s[serialStart+1:]
	for name, in := range map[string]string{"hex signature": s[:sigStart] + hexSig, "only serialized": onlySerial} {
		if got, err := hyperlane.DecodeSignedCheckpoint([]byte(in)); err != nil || got != c {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := hyperlane.DecodeSignedCheckpoint(make([]byte, hyperlane.MaxAgentJSONSize+1)); !errors.Is(err, hyperlane.ErrAgentJSON) {
		t.Errorf("over MaxAgentJSONSize: %v", err)
	}
}

// Generated files round-trip; the signer verifies and no other address does; a changed
// storage location or root is refused.
func TestPropAgentJSON(t *testing.T) {
	keys := hyperlanetest.Validators(2)
	rapid.Check(t, func(t *rapid.T) {
		c := hyperlanetest.SignedCheckpoint(keys[0]).Draw(t, "checkpoint")
		b, _ := c.MarshalJSON()
		got, err := hyperlane.DecodeSignedCheckpoint(b)
		if err != nil || got != c {
			t.Fatalf("checkpoint round trip: %v", err)
		}
		if err := got.Verify(keys[0].Address()); err != nil {
			t.Fatal(err)
		}
		if err := got.Verify(keys[1].Address()); !errors.Is(err, hyperlane.ErrUnknownValidator) {
			t.Fatalf("other validator: %v", err)
		}
		got.Checkpoint.Root[0] ^= 1
		if err := got.Verify(keys[0].Address()); err == nil {
			t.Fatal("tampered root verified")
		}

		a := hyperlanetest.SignedAnnouncement(keys[1]).Draw(t, "announcement")
		b, _ = a.MarshalJSON()
		ga, err := hyperlane.DecodeSignedAnnouncement(b)
		if err != nil || ga != a || ga.Verify() != nil {
			t.Fatalf("announcement round trip: %v", err)
		}
		ga.StorageLocation += "/"
		if err := ga.Verify(); err == nil {
			t.Fatal("changed storage location verified")
		}
	})
}

// Checkpoints of a validator set assemble into metadata the message-id ISM accepts.
func TestMessageIDMetadataFrom(t *testing.T) {
	keys := hyperlanetest.Validators(3)
	m := hyperlanetest.Message(64).Example(2)
	cp := hyperlane.Checkpoint{Origin: m.Origin, MerkleTreeHook: interop.Hash{1}, Root: interop.Hash{2}, Index: 9, MessageID: m.ID()}
	var signed []hyperlane.SignedCheckpoint
	for _, k := range keys {
		signed = append(signed, hyperlane.SignedCheckpoint{Checkpoint: cp, Signature: hyperlanetest.Sign(k, &cp)})
	}
	md, err := hyperlane.MessageIDMetadataFrom(signed[:2])
	if err != nil {
		t.Fatal(err)
	}
	ism := must(hyperlane.NewMessageIDMultisig(hyperlanetest.Addresses(keys), 2))
	if err := ism.Verify(must(md.AppendBinary(nil)), must(m.AppendBinary(nil))); err != nil {
		t.Fatal(err)
	}
	signed[1].Checkpoint.Root[0] ^= 1
	if _, err := hyperlane.MessageIDMetadataFrom(signed); !errors.Is(err, hyperlane.ErrMetadata) {
		t.Fatalf("differing checkpoints: %v", err)
	}
	if _, err := hyperlane.MessageIDMetadataFrom(nil); !errors.Is(err, hyperlane.ErrMetadata) {
		t.Fatalf("none: %v", err)
	}
}

// TestBoundsAgentJSON: real files, files at MaxAgentJSONSize padded with an ignored wide
// or deep field or a long storage location, and one over the bound.
func TestBoundsAgentJSON(t *testing.T) {
	for name, b := range agentFiles(t, "*.json") {
		if !strings.HasPrefix(name, "announcement") && !strings.HasPrefix(name, "checkpoint") {
			continue
		}
		hostile.Bounded(t, name, len(b), func() { _ = verifyAgentFile(t, name, b) })
	}
	c := hyperlanetest.SignedCheckpoint(hyperlanetest.Validators(1)[0]).Example(1)
	canon, _ := c.MarshalJSON()
	pad := hyperlane.MaxAgentJSONSize - len(canon) - 64
	for name, extra := range map[string]string{
		"wide": `,"x":[` + strings.Repeat(`0,`, pad/2-8) + `0]`,
		"deep": `,"x":` + strings.Repeat(`[`, 5000) + strings.Repeat(`]`, 5000),
		"keys": `,"x":{` + strings.Repeat(`"":0,`, pad/5-8) + `"":0}`,
	} {
		in := []byte(string(canon[:len(canon)-1]) + extra + "}")
		u := hostile.Bounded(t, "DecodeSignedCheckpoint "+name, len(in), func() {
			if _, err := hyperlane.DecodeSignedCheckpoint(in); err != nil {
				t.Error(name, err)
			}
		})
		t.Logf("%s: %d bytes, %d allocated (%.1f per byte)", name, len(in), u.Bytes, float64(u.Bytes)/float64(len(in)))
	}
	a := hyperlanetest.SignedAnnouncement(hyperlanetest.Validators(1)[0]).Example(1)
	a.StorageLocation = strings.Repeat("s", hyperlane.MaxAgentJSONSize-600)
	long, _ := a.MarshalJSON()
	hostile.Bounded(t, "DecodeSignedAnnouncement long location", len(long), func() {
		if _, err := hyperlane.DecodeSignedAnnouncement(long); err != nil {
			t.Error(err)
		}
	})
	over := make([]byte, hyperlane.MaxAgentJSONSize+1)
	hostile.Bounded(t, "over the bound", len(over), func() {
		if _, err := hyperlane.DecodeSignedAnnouncement(over); err == nil {
			t.Error("decoded over MaxAgentJSONSize")
		}
	})
}

// TestConcurrentSignedCheckpoint: one decoded checkpoint verified by 16 goroutines at once.
func TestConcurrentSignedCheckpoint(t *testing.T) {
	k := hyperlanetest.Validators(1)[0]
	c := hyperlanetest.SignedCheckpoint(k).Example(3)
	a := hyperlanetest.SignedAnnouncement(k).Example(3)
	hostile.Concurrent(t, 3, func(int) {
		if c.Verify(k.Address()) != nil || a.Verify() != nil {
			t.Error("concurrent verify failed")
		}
	})
}

// FuzzDecodeSignedCheckpoint: no panic; errors are named; an accepted file's canonical
// form decodes to the same checkpoint and signature.
func FuzzDecodeSignedCheckpoint(f *testing.F) {
	for _, b := range agentFiles(f, "checkpoint_*.json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := hyperlane.DecodeSignedCheckpoint(b)
		if err != nil {
			if !errors.Is(err, hyperlane.ErrAgentJSON) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		canon, _ := c.MarshalJSON()
		if again, err := hyperlane.DecodeSignedCheckpoint(canon); err != nil || again != c {
			t.Fatalf("canonical form: %v", err)
		}
	})
}

// FuzzDecodeSignedAnnouncement: as FuzzDecodeSignedCheckpoint; and an accepted
// announcement either verifies or fails with a named sentinel.
func FuzzDecodeSignedAnnouncement(f *testing.F) {
	for _, b := range agentFiles(f, "announcement*.json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := hyperlane.DecodeSignedAnnouncement(b)
		if err != nil {
			if !errors.Is(err, hyperlane.ErrAgentJSON) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		canon, _ := a.MarshalJSON()
		if again, err := hyperlane.DecodeSignedAnnouncement(canon); err != nil || again != a {
			t.Fatalf("canonical form: %v", err)
		}
		if err := a.Verify(); err != nil && !isAgentSentinel(err) {
			t.Fatalf("unnamed verify error %v", err)
		}
	})
}

func BenchmarkSignedCheckpointVerify(b *testing.B) {
	name := "checkpoint_0x4fe927ab711793954b3a29969ecd4a60d6d265d0_54322345_2.json"
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b.Fatal(err)
	}
	v := checkpointSigner(b, name)
	b.ReportAllocs()
	for b.Loop() {
		c, err := hyperlane.DecodeSignedCheckpoint(raw)
		if err != nil || c.Verify(v) != nil {
			b.Fatal(err)
		}
	}
}

// encoding/json goes through the strict decoders.
func TestAgentUnmarshalJSON(t *testing.T) {
	for name, b := range agentFiles(t, "checkpoint_*.json") {
		var list []hyperlane.SignedCheckpoint
		if err := json.Unmarshal([]byte("["+string(b)+","+string(b)+"]"), &list); err != nil || len(list) != 2 {
			t.Fatalf("%s: %v", name, err)
		}
		if err := list[0].Verify(checkpointSigner(t, name)); err != nil {
			t.Fatal(name, err)
		}
		if err := json.Unmarshal([]byte(`{"value":{}}`), &list[0]); !errors.Is(err, hyperlane.ErrAgentJSON) {
			t.Fatalf("malformed: %v", err)
		}
	}
	for name, b := range agentFiles(t, "announcement*.json") {
		var a hyperlane.SignedAnnouncement
		if err := json.Unmarshal(b, &a); err != nil || a.Verify() != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}
