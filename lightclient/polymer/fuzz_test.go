package polymer_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/interopkit/interop/lightclient/polymer"
)

// iavlEnd returns where the IAVL path that starts at off in proof ends (the bytes after it
// are ignored by VerifyIAVL), for a well-formed honest proof.
func iavlEnd(proof []byte, off int) int {
	n := int(proof[off])
	end := off + int(proof[off+1])
	for range n {
		end += int(proof[end+1])
	}
	return end
}

// mutate returns a copy of p with one byte flipped (when xor is non-zero) and tail appended.
func mutate(p []byte, pos uint16, xor byte, tail []byte) ([]byte, int) {
	b := append(bytes.Clone(p), tail...)
	i := int(pos) % len(b)
	b[i] ^= xor
	return b, i
}

// FuzzValidateEvent: an honest event proof with one byte changed and bytes appended. What
// ValidateEvent accepts must be the honest event — the same identifiers, app hash, height
// and emitter, and the same topics ‖ data, since the topic count (byte 125) is not
// authenticated — and the change must be to byte 125 or after the IAVL path (ignored, as
// on chain). An accepted proof validates again, to the same event, from a copy.
func FuzzValidateEvent(f *testing.F) {
	fx := newFixture(3)
	pathEnd := iavlEnd(fx.event, int(binary.BigEndian.Uint16(fx.event[126:])))
	f.Add(uint16(0), byte(0), []byte{})
	f.Add(uint16(125), byte(1), []byte{})
	f.Add(uint16(40), byte(0x80), []byte{1, 2})
	f.Add(uint16(pathEnd-1), byte(4), []byte{})
	f.Fuzz(func(t *testing.T, pos uint16, xor byte, tail []byte) {
		b, i := mutate(fx.event, pos, xor, tail)
		e, err := fx.s.Verifier.ValidateEvent(b)
		if err != nil {
			return
		}
		if xor != 0 && i != 125 && i < pathEnd {
			t.Fatalf("accepted a change at byte %d of the authenticated %d", i, pathEnd)
		}
		w := &fx.wantE
		if e.AppHash != w.AppHash || e.PeptideHeight != w.PeptideHeight || e.ChainID != w.ChainID ||
			e.BlockNumber != w.BlockNumber || e.ReceiptIndex != w.ReceiptIndex || e.LogIndex != w.LogIndex ||
			!bytes.Equal(flatten(&e), flatten(w)) {
			t.Fatalf("accepted event %+v, honest %+v", e, *w)
		}
		again, err := fx.s.Verifier.ValidateEvent(bytes.Clone(b))
		if err != nil || !sameEvent(&again, &e) {
			t.Fatalf("accepted proof fails from a copy: %v", err)
		}
	})
}

// FuzzValidateSolanaLogs: as FuzzValidateEvent for Solana proofs. The message count (byte
// 117) and the boundaries between messages are not authenticated (the value commits to
// programID ‖ the messages concatenated, as in CrossL2ProverV2.validateSolLogs), so an
// accepted proof must carry the honest identifiers and the same concatenation.
func FuzzValidateSolanaLogs(f *testing.F) {
	fx := newFixture(4)
	off := 214
	for range int(fx.solana[117]) {
		off = int(binary.BigEndian.Uint16(fx.solana[off:]))
	}
	pathEnd := iavlEnd(fx.solana, off)
	f.Add(uint16(pathEnd), byte(7), []byte{})
	f.Add(uint16(0), byte(0), []byte{})
	f.Add(uint16(117), byte(1), []byte{})
	f.Add(uint16(200), byte(0x80), []byte{9})
	f.Fuzz(func(t *testing.T, pos uint16, xor byte, tail []byte) {
		b, i := mutate(fx.solana, pos, xor, tail)
		l, err := fx.s.Verifier.ValidateSolanaLogs(b)
		if err != nil {
			return
		}
		w := &fx.wantLogs
		if l.AppHash != w.AppHash || l.PeptideHeight != w.PeptideHeight || l.ChainID != w.ChainID || l.Slot != w.Slot ||
			l.TxSignature != w.TxSignature || l.ProgramID != w.ProgramID || !bytes.Equal(bytes.Join(l.Messages, nil), bytes.Join(w.Messages, nil)) {
			t.Fatalf("accepted logs %+v, honest %+v", l, *w)
		}
		if xor != 0 && i < 214 && i != 117 {
			t.Fatalf("accepted a change at byte %d of the signed header", i)
		}
		if xor != 0 && i >= off && i < pathEnd {
			t.Fatalf("accepted a change at byte %d of the IAVL path [%d, %d)", i, off, pathEnd)
		}
		again, err := fx.s.Verifier.ValidateSolanaLogs(bytes.Clone(b))
		if err != nil || len(again.Messages) != len(l.Messages) {
			t.Fatalf("accepted proof fails from a copy: %v", err)
		}
	})
}

// FuzzVerifyIAVL: arbitrary proofs of a fixed key and value against the root of a maximal
// honest path with one byte changed: accepted ⇒ the change is after the path, and the
// path alone (the proof truncated at its end) verifies too.
func FuzzVerifyIAVL(f *testing.F) {
	key, value := []byte("chain/1/storedLogs/proof_api/2/3/4"), []byte("value")
	root, path := maxIAVL(key, value)
	f.Add(uint16(0), byte(0), []byte{})
	f.Add(uint16(1), byte(1), []byte{})
	f.Add(uint16(300), byte(2), []byte{0, 0})
	f.Fuzz(func(t *testing.T, pos uint16, xor byte, tail []byte) {
		b, i := mutate(path, pos, xor, tail)
		err := polymer.VerifyIAVL(root, key, value, b)
		if err != nil {
			return
		}
		if xor != 0 && i < len(path) {
			t.Fatalf("accepted a change at byte %d of a %d-byte path", i, len(path))
		}
		if end := iavlEnd(b, 0); polymer.VerifyIAVL(root, key, value, b[:end]) != nil {
			t.Fatal("the path without its tail does not verify")
		}
	})
}
