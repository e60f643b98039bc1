package astria_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/astria"
)

type jsonProof struct {
	AuditPath []byte `json:"audit_path"`
	LeafIndex uint64 `json:"leaf_index"`
	TreeSize  uint64 `json:"tree_size"`
}

type jsonMetadata struct {
	BlockHash []byte `json:"sequencer_block_hash"`
	Header    struct {
		ChainID                string    `json:"chain_id"`
		Height                 uint64    `json:"height"`
		Time                   time.Time `json:"time"`
		RollupTransactionsRoot []byte    `json:"rollup_transactions_root"`
		DataHash               []byte    `json:"data_hash"`
		ProposerAddress        []byte    `json:"proposer_address"`
	} `json:"sequencer_block_header"`
	RollupIDs               [][]byte  `json:"rollup_ids"`
	RollupTransactionsProof jsonProof `json:"rollup_transactions_proof"`
	RollupIDsProof          jsonProof `json:"rollup_ids_proof"`
}

// realBlocks turns every sequencer metadata entry of testdata/*.json back into its
// SubmittedMetadata protobuf encoding (the blob entry, decompressed).
func realBlocks(t testing.TB) map[string][]byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	out := map[string][]byte{}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			List []jsonMetadata `json:"sequencer_metadata_list"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, m := range doc.List {
			var f astria.FilteredSequencerBlock
			copy(f.BlockHash[:], m.BlockHash)
			f.Header.ChainID, f.Header.Height = m.Header.ChainID, m.Header.Height
			f.Header.Time = astria.Timestamp{Seconds: m.Header.Time.Unix(), Nanos: int32(m.Header.Time.Nanosecond())}
			copy(f.Header.DataHash[:], m.Header.DataHash)
			copy(f.Header.RollupTransactionsRoot[:], m.Header.RollupTransactionsRoot)
			f.Header.ProposerAddress = m.Header.ProposerAddress
			for _, id := range m.RollupIDs {
				f.AllRollupIDs = append(f.AllRollupIDs, interop.Hash(id))
			}
			f.RollupTransactionsProof = astria.Proof(m.RollupTransactionsProof)
			f.RollupIDsProof = astria.Proof(m.RollupIDsProof)
			enc := astria.AppendSubmittedMetadata(nil, &f)
			out[filepath.Base(name)+"@"+f.Header.ChainID+"/"+itoa(f.Header.Height)] = enc
		}
	}
	if len(out) == 0 && os.Getenv("INTEROP_VECTORS_REQUIRED") != "" {
		t.Fatal("no real sequencer metadata in testdata")
	}
	return out
}

func itoa(u uint64) string { return string(appendUint(nil, u)) }

func appendUint(b []byte, u uint64) []byte {
	if u >= 10 {
		b = appendUint(b, u/10)
	}
	return append(b, byte('0'+u%10))
}

// TestRealDusk5Blocks: astria-dusk-5 headers and proofs, as Astria posted them to
// Celestia, decode strictly and their two roots verify into data_hash; a rollup they do
// not list is proven absent; a one-byte change of any byte of the hashes, proofs or
// header is refused with a named sentinel.
func TestRealDusk5Blocks(t *testing.T) {
	blocks := realBlocks(t)
	for name, enc := range blocks {
		f, err := astria.DecodeSubmittedMetadata(enc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Header.ChainID != "astria-dusk-5" || f.Header.RollupTransactionsRoot != sha256Empty {
			t.Fatalf("%s: header %+v", name, f.Header)
		}
		if err := f.VerifyStructure(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if re := astria.AppendSubmittedMetadata(nil, &f); string(re) != string(enc) {
			t.Fatalf("%s: re-encoding differs", name)
		}
		if _, ok, err := f.Rollup(interop.Hash{1}); err != nil || ok {
			t.Fatalf("%s: absent rollup: %v %v", name, err, ok)
		}
		checked := 0
		for i := range enc {
			for _, x := range []byte{1, 0x80} {
				b := append([]byte(nil), enc...)
				b[i] ^= x
				g, err := astria.DecodeSubmittedMetadata(b)
				if err == nil {
					err = g.VerifyStructure()
				}
				if err == nil {
					// Only fields the structure does not bind may change unnoticed:
					// the block hash, chain id, height, time and proposer (bound by
					// MatchSignedHeader) and the proofs' tree sizes.
					if g.Header.DataHash == f.Header.DataHash && g.Header.RollupTransactionsRoot == f.Header.RollupTransactionsRoot &&
						string(g.RollupTransactionsProof.AuditPath) == string(f.RollupTransactionsProof.AuditPath) &&
						string(g.RollupIDsProof.AuditPath) == string(f.RollupIDsProof.AuditPath) && len(g.AllRollupIDs) == len(f.AllRollupIDs) {
						continue
					}
					t.Fatalf("%s: byte %d ^%#x accepted", name, i, x)
				}
				if !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrRollupTransactionsRoot) && !errors.Is(err, astria.ErrRollupIDsRoot) {
					t.Fatalf("%s: byte %d: error without a sentinel: %v", name, i, err)
				}
				checked++
			}
		}
		if checked < 100 {
			t.Fatalf("%s: only %d tampers refused", name, checked)
		}
	}
}

var sha256Empty = interop.Hash{0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55}

func realBlocksF(f *testing.F) map[string][]byte { return realBlocks(f) }
