package layerzero_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop/lightclient/layerzero"
)

// layoutFacts is a testdata/storage_layout_*.json file: facts read from the
// storageLayout of LayerZero's deployment artefacts of ReceiveUln302 (see SOURCES.md).
type layoutFacts struct {
	Network string `json:"network"`
	Address string `json:"address"`
	Storage []struct {
		Label  string `json:"label"`
		Slot   string `json:"slot"`
		Offset int    `json:"offset"`
		Type   string `json:"type"`
	} `json:"storage"`
	Verification []struct {
		Label  string `json:"label"`
		Slot   string `json:"slot"`
		Offset int    `json:"offset"`
		Type   string `json:"type"`
	} `json:"verification"`
}

// TestStorageLayoutReceiveUln302 checks HashLookupSlotReceiveUln302 and Verification's
// packing against the compiler's storage layout of deployed ReceiveUln302 contracts.
func TestStorageLayoutReceiveUln302(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "storage_layout_*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/storage_layout_*.json")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var l layoutFacts
			if err := json.Unmarshal(raw, &l); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range l.Storage {
				if s.Label != "hashLookup" {
					continue
				}
				found = true
				slot, err := strconv.ParseUint(s.Slot, 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				if slot != layerzero.HashLookupSlotReceiveUln302 || s.Offset != 0 {
					t.Fatalf("%s %s: hashLookup at slot %d offset %d, constant is %d", l.Network, l.Address, slot, s.Offset, layerzero.HashLookupSlotReceiveUln302)
				}
				const want = "mapping(bytes32 => mapping(bytes32 => mapping(address => struct Verification)))"
				if s.Type != want {
					t.Fatalf("hashLookup type %q, want %q", s.Type, want)
				}
			}
			if !found {
				t.Fatal("no hashLookup in layout")
			}
			// Verification{bool submitted; uint64 confirmations} packed in one word:
			// the layout's byte offsets must be where Verification.Word puts them.
			if len(l.Verification) != 2 {
				t.Fatalf("Verification has %d members", len(l.Verification))
			}
			v := layerzero.Verification{Submitted: true, Confirmations: 0x0102030405060708}
			w := v.Word()
			b := w.Bytes32() // big-endian: byte offset k from the low end is b[31-k]
			for _, m := range l.Verification {
				if m.Slot != "0" {
					t.Fatalf("member %s in slot %s", m.Label, m.Slot)
				}
				switch {
				case m.Label == "submitted" && m.Type == "bool":
					if b[31-m.Offset] != 1 {
						t.Fatalf("submitted at offset %d not set in word %x", m.Offset, b)
					}
				case m.Label == "confirmations" && m.Type == "uint64":
					var got uint256.Int
					got.SetBytes(b[32-m.Offset-8 : 32-m.Offset])
					if got.Uint64() != v.Confirmations {
						t.Fatalf("confirmations at offset %d read %#x from word %x", m.Offset, got.Uint64(), b)
					}
				default:
					t.Fatalf("unexpected member %s %s", m.Label, m.Type)
				}
			}
			back, err := layerzero.DecodeVerification(&w)
			if err != nil || back != v {
				t.Fatalf("DecodeVerification = %+v, %v", back, err)
			}
		})
	}
}
