package polymer_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient/polymer"
	"github.com/interopkit/interop/lightclient/polymer/polymertest"
)

func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

// fixture is one honest setup with an event proof and a Solana proof, drawn from the
// generators with fixed seeds.
type fixture struct {
	s        polymertest.Setup
	event    []byte
	wantE    polymer.Event
	solana   []byte
	wantLogs polymer.SolanaLogs
}

func newFixture(seed int) fixture {
	return rapid.Custom(func(t *rapid.T) fixture {
		var f fixture
		f.s = polymertest.NewSetup().Draw(t, "setup")
		f.event, f.wantE = polymertest.EventProof(t, f.s)
		f.solana, f.wantLogs = polymertest.SolanaProof(t, f.s)
		return f
	}).Example(seed)
}

func sha256Sum(b []byte) interop.Hash { return sha256.Sum256(b) }

// maxIAVL is an IAVL path at the format's limits, with its root: a 253-byte leaf prefix
// and 255 steps of 253 bytes of prefix and suffix each (u8 counts and offsets allow no more).
func maxIAVL(key, value []byte) (interop.Hash, []byte) {
	leaf := bytes.Repeat([]byte{0xaa}, 253)
	p := append([]byte{255, 2 + 253}, leaf...)
	vh := sha256Sum(value)
	h := sha256Sum(append(append(append(bytes.Clone(leaf), key...), 0x20), vh[:]...))
	pre, suf := bytes.Repeat([]byte{0xbb}, 126), bytes.Repeat([]byte{0xcc}, 127)
	for range 255 {
		p = append(p, byte(2+len(pre)), byte(2+len(pre)+len(suf)))
		p = append(append(p, pre...), suf...)
		h = sha256Sum(append(append(bytes.Clone(pre), h[:]...), suf...))
	}
	return h, p
}

// Proofs at the format's limits (255 topics, 255 log messages, 255 IAVL steps of maximal
// size), proofs with 1 MiB of trailing bytes, and malformed proofs: each costs at most a
// few bytes per input byte, and at most 256 hashes of at most 287 bytes.
func TestBoundsAllocPerInputByte(t *testing.T) {
	f := newFixture(1)
	logged(t, "ValidateEvent honest", len(f.event), func() {
		if _, err := f.s.Verifier.ValidateEvent(f.event); err != nil {
			t.Error(err)
		}
	})
	logged(t, "ValidateSolanaLogs honest", len(f.solana), func() {
		if _, err := f.s.Verifier.ValidateSolanaLogs(f.solana); err != nil {
			t.Error(err)
		}
	})
	trail := append(bytes.Clone(f.event), make([]byte, 1<<20)...)
	logged(t, "ValidateEvent with 1 MiB trailing", len(trail), func() {
		if _, err := f.s.Verifier.ValidateEvent(trail); err != nil {
			t.Error(err) // bytes after the IAVL path are ignored, as on chain
		}
	})

	// 255 topics, end at the 16-bit limit.
	ev := make([]byte, 128, 1<<16+64)
	ev[125] = 255
	end := 128 + 20 + 32*255 + 8000
	binary.BigEndian.PutUint16(ev[126:], uint16(end))
	ev = append(ev, make([]byte, end-128)...)
	ev = append(ev, 255, 2)
	logged(t, "ValidateEvent 255 topics, bad signature", len(ev), func() {
		if _, err := f.s.Verifier.ValidateEvent(ev); !errors.Is(err, polymer.ErrSignature) {
			t.Error(err)
		}
	})
	// 255 log messages of two bytes each, then a 1 MiB tail.
	sol := bytes.Clone(f.solana[:214])
	sol[117] = 255
	for range 255 {
		sol = binary.BigEndian.AppendUint16(sol, uint16(len(sol)+4))
		sol = append(sol, 'h', 'i')
	}
	sol = append(sol, make([]byte, 1<<20)...)
	logged(t, "ValidateSolanaLogs 255 messages + 1 MiB", len(sol), func() {
		if _, err := f.s.Verifier.ValidateSolanaLogs(sol); err == nil {
			t.Error("forged proof accepted")
		}
	})
	key := f.s.Verifier.EventKey(1, 2, 3, 4)
	root, path := maxIAVL(key, []byte("v"))
	logged(t, "VerifyIAVL 255 maximal steps", len(path), func() {
		if err := polymer.VerifyIAVL(root, key, []byte("v"), path); err != nil {
			t.Error(err)
		}
	})
	bad := bytes.Clone(path)
	bad[len(bad)-1] ^= 1
	logged(t, "VerifyIAVL 255 steps, last byte changed", len(bad), func() {
		if err := polymer.VerifyIAVL(root, key, []byte("v"), bad); !errors.Is(err, polymer.ErrInvalidProof) {
			t.Error(err)
		}
	})
	huge := append([]byte{255, 2}, make([]byte, 1<<20)...)
	logged(t, "VerifyIAVL 1 MiB of malformed steps", len(huge), func() {
		if err := polymer.VerifyIAVL(root, key, []byte("v"), huge); !errors.Is(err, polymer.ErrMalformed) {
			t.Error(err)
		}
	})
	bigKey := make([]byte, 1<<20)
	logged(t, "VerifyIAVL 1 MiB key", len(bigKey)+len(path), func() { _ = polymer.VerifyIAVL(root, bigKey, nil, path) })
}

// TestConcurrentVerifier: one verifier validating the same event and Solana proofs, and a
// forged one, on 16 goroutines.
func TestConcurrentVerifier(t *testing.T) {
	f := newFixture(2)
	forged := bytes.Clone(f.event)
	forged[len(forged)-1] ^= 0x80
	hostile.Concurrent(t, 10, func(g int) {
		e, err := f.s.Verifier.ValidateEvent(f.event)
		if err != nil || e.AppHash != f.wantE.AppHash || e.LogIndex != f.wantE.LogIndex || !bytes.Equal(e.Data, f.wantE.Data) {
			t.Errorf("goroutine %d: event %v", g, err)
		}
		l, err := f.s.Verifier.ValidateSolanaLogs(f.solana)
		if err != nil || len(l.Messages) != len(f.wantLogs.Messages) || l.ProgramID != f.wantLogs.ProgramID {
			t.Errorf("goroutine %d: solana %v", g, err)
		}
		if _, err := f.s.Verifier.ValidateEvent(forged); err == nil && !bytes.Equal(forged[:len(forged)-1], f.event[:len(f.event)-1]) {
			t.Errorf("goroutine %d: forged accepted", g)
		}
	})
}
