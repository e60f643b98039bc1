package polymer

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

func readHex(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := interop.DecodeHex(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestConformance checks Polymer's Prove API v2 proofs against the values
// CrossL2ProverV2.t.sol asserts, found through expectations.json files.
func TestConformance(t *testing.T) {
	for _, path := range vectors.Files(t, "hub", "polymer/expectations.json") {
		dir := filepath.Dir(path)
		var x struct {
			Verifier struct {
				ClientType     string
				Sequencer      interop.Address
				ChainIDBytes32 interop.Hash `json:"chainIdBytes32"`
			}
			EVM struct {
				ProofFile       string `json:"proof_file"`
				EventFile       string `json:"event_file"`
				ChainID         uint32
				StateRoot       interop.Hash
				PeptideHeight   uint64
				SignatureBase64 string `json:"signature_base64"`
				BlockNumber     uint64
				ReceiptIndex    uint32
				LogIndex        uint32
			}
			Solana []struct {
				ProofFile      string `json:"proof_file"`
				EventFile      string `json:"event_file"`
				ChainID        uint32
				NumLogMessages int
			}
		}
		if err := json.Unmarshal(vectors.Read(t, path), &x); err != nil {
			t.Fatal(err)
		}
		v := Verifier{ClientType: x.Verifier.ClientType, Sequencer: x.Verifier.Sequencer, ChainID: x.Verifier.ChainIDBytes32}
		t.Run("evm", func(t *testing.T) {
			proof := readHex(t, filepath.Join(dir, x.EVM.ProofFile))
			e, err := v.ValidateEvent(proof)
			if err != nil {
				t.Fatal(err)
			}
			sig, _ := base64.StdEncoding.DecodeString(x.EVM.SignatureBase64)
			if e.AppHash != x.EVM.StateRoot || e.PeptideHeight != x.EVM.PeptideHeight || e.ChainID != x.EVM.ChainID ||
				e.BlockNumber != x.EVM.BlockNumber || e.ReceiptIndex != x.EVM.ReceiptIndex || e.LogIndex != x.EVM.LogIndex || string(sig) != string(proof[32:97]) {
				t.Fatalf("event %+v", e)
			}
			var ev struct {
				Address interop.Address
				Topics  []interop.Hash
				Data    interop.Bytes
			}
			if err := json.Unmarshal(vectors.Read(t, filepath.Join(dir, x.EVM.EventFile)), &ev); err != nil {
				t.Fatal(err)
			}
			if e.Emitter != ev.Address || len(e.Topics) != len(ev.Topics) || string(e.Data) != string(ev.Data) {
				t.Fatalf("event fields %+v", e)
			}
			for i := range ev.Topics {
				if e.Topics[i] != ev.Topics[i] {
					t.Fatalf("topic %d", i)
				}
			}
			bad := append([]byte(nil), proof...)
			bad[len(bad)-1] ^= 1
			if _, err := v.ValidateEvent(bad); !errors.Is(err, ErrInvalidProof) {
				t.Fatalf("tampered IAVL proof: %v", err)
			}
			w := v
			w.ClientType = "other"
			if _, err := w.ValidateEvent(proof); !errors.Is(err, ErrInvalidProof) {
				t.Fatalf("wrong key: %v", err)
			}
			w = v
			w.ChainID[31]++
			if _, err := w.ValidateEvent(proof); !errors.Is(err, ErrSignature) {
				t.Fatalf("wrong chain id: %v", err)
			}
		})
		for _, s := range x.Solana {
			t.Run("solana", func(t *testing.T) {
				proof := readHex(t, filepath.Join(dir, s.ProofFile))
				logs, err := v.ValidateSolanaLogs(proof)
				if err != nil {
					t.Fatal(err)
				}
				var ev struct{ ProgramID interop.Hash }
				if err := json.Unmarshal(vectors.Read(t, filepath.Join(dir, s.EventFile)), &ev); err != nil {
					t.Fatal(err)
				}
				if logs.ChainID != s.ChainID || len(logs.Messages) != s.NumLogMessages || logs.ProgramID != ev.ProgramID {
					t.Fatalf("logs %+v", logs)
				}
			})
		}
	}
}

// FuzzValidate: no panic on arbitrary proofs, and nothing verifies: no key recovers to the
// zero sequencer, and no IAVL path hashes to the zero root. (FuzzValidateEvent,
// FuzzValidateSolanaLogs and FuzzVerifyIAVL mutate honest proofs.)
func FuzzValidate(f *testing.F) {
	f.Add(make([]byte, 230))
	v := Verifier{ClientType: "proof_api"}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := v.ValidateEvent(b); err == nil {
			t.Fatal("event verified for the zero sequencer")
		}
		if _, err := v.ValidateSolanaLogs(b); err == nil {
			t.Fatal("Solana logs verified for the zero sequencer")
		}
		if VerifyIAVL(interop.Hash{}, []byte("k"), []byte("v"), b) == nil {
			t.Fatal("an IAVL path hashed to zero")
		}
	})
}
