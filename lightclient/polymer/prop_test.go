package polymer_test

import (
	"bytes"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/lightclient/polymer"
	"github.com/interopkit/interop/lightclient/polymer/polymertest"
)

func sameEvent(a, b *polymer.Event) bool {
	if a.AppHash != b.AppHash || a.PeptideHeight != b.PeptideHeight || a.ChainID != b.ChainID ||
		a.BlockNumber != b.BlockNumber || a.ReceiptIndex != b.ReceiptIndex || a.LogIndex != b.LogIndex ||
		a.Emitter != b.Emitter || len(a.Topics) != len(b.Topics) || !bytes.Equal(a.Data, b.Data) {
		return false
	}
	for i := range a.Topics {
		if a.Topics[i] != b.Topics[i] {
			return false
		}
	}
	return true
}

// flatten is emitter ‖ topics ‖ data, the bytes the IAVL value commits to.
func flatten(e *polymer.Event) []byte {
	out := append([]byte(nil), e.Emitter[:]...)
	for _, h := range e.Topics {
		out = append(out, h[:]...)
	}
	return append(out, e.Data...)
}

// A generated proof verifies and yields its event.
func TestPropEventRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := polymertest.NewSetup().Draw(t, "setup")
		proof, want := polymertest.EventProof(t, s)
		got, err := s.Verifier.ValidateEvent(proof)
		if err != nil {
			t.Fatal(err)
		}
		if !sameEvent(&got, &want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

// Changing any byte of an event proof makes it fail — except the topic count at [125],
// which neither the signature nor the IAVL value covers (CrossL2ProverV2 reads it the same
// way): changed, the proof either becomes malformed or yields the same emitter, topic and
// data bytes split at another place. Bytes after the IAVL path are not read, so appending
// keeps the proof valid, and cutting any byte off makes it fail.
func TestPropEventTamper(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := polymertest.NewSetup().Draw(t, "setup")
		proof, want := polymertest.EventProof(t, s)
		bad := bytes.Clone(proof)
		i := rapid.IntRange(0, len(bad)-1).Draw(t, "at")
		bad[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
		got, err := s.Verifier.ValidateEvent(bad)
		if i == 125 {
			if err == nil && (!bytes.Equal(flatten(&got), flatten(&want)) || len(got.Topics) != int(bad[125])) {
				t.Fatalf("topic count %d: event %+v", bad[125], got)
			}
			return
		}
		if err == nil {
			t.Fatalf("byte %d of %d changed: accepted", i, len(bad))
		}
		if !errors.Is(err, polymer.ErrMalformed) && !errors.Is(err, polymer.ErrSignature) && !errors.Is(err, polymer.ErrInvalidProof) {
			t.Fatalf("unwrapped error %v", err)
		}
		if _, err := s.Verifier.ValidateEvent(proof[:rapid.IntRange(0, len(proof)-1).Draw(t, "cut")]); err == nil {
			t.Fatal("truncated proof accepted")
		}
		if _, err := s.Verifier.ValidateEvent(append(bytes.Clone(proof), 0xff)); err != nil {
			t.Fatalf("trailing byte: %v", err)
		}
	})
}

// The proof binds the verifier's parameters: another sequencer or Polymer chain id fails
// the signature, another client type the IAVL key.
func TestPropEventWrongVerifier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := polymertest.NewSetup().Draw(t, "setup")
		proof, _ := polymertest.EventProof(t, s)
		v := s.Verifier
		switch rapid.IntRange(0, 2).Draw(t, "what") {
		case 0:
			v.Sequencer[rapid.IntRange(0, 19).Draw(t, "at")] ^= 1
			if _, err := v.ValidateEvent(proof); !errors.Is(err, polymer.ErrSignature) {
				t.Fatalf("other sequencer: %v", err)
			}
		case 1:
			v.ChainID[rapid.IntRange(0, 31).Draw(t, "at")] ^= 1
			if _, err := v.ValidateEvent(proof); !errors.Is(err, polymer.ErrSignature) {
				t.Fatalf("other chain id: %v", err)
			}
		default:
			v.ClientType += "x"
			if _, err := v.ValidateEvent(proof); !errors.Is(err, polymer.ErrInvalidProof) {
				t.Fatalf("other client type: %v", err)
			}
		}
	})
}

// Solana proofs: round trip, and any changed byte fails (the log count and every message
// end are covered through the messages' concatenation and the IAVL path's offset).
func TestPropSolana(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := polymertest.NewSetup().Draw(t, "setup")
		proof, want := polymertest.SolanaProof(t, s)
		got, err := s.Verifier.ValidateSolanaLogs(proof)
		if err != nil {
			t.Fatal(err)
		}
		if got.AppHash != want.AppHash || got.PeptideHeight != want.PeptideHeight || got.ChainID != want.ChainID ||
			got.Slot != want.Slot || got.TxSignature != want.TxSignature || got.ProgramID != want.ProgramID || len(got.Messages) != len(want.Messages) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
		for i := range got.Messages {
			if !bytes.Equal(got.Messages[i], want.Messages[i]) {
				t.Fatalf("message %d", i)
			}
		}
		bad := bytes.Clone(proof)
		i := rapid.IntRange(0, len(bad)-1).Draw(t, "at")
		bad[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
		if _, err := s.Verifier.ValidateSolanaLogs(bad); err == nil {
			t.Fatalf("byte %d of %d changed: accepted", i, len(bad))
		}
	})
}
