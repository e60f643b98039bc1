package astria_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/brotli"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
	"github.com/interopkit/interop/proof/nmt"
)

// parseBlobCase is one of astria-sequencer-utils' parse_blob test cases: a real blob
// as posted to Celestia (input.txt, base64) and the tool's verbose JSON output.
type parseBlobCase struct {
	name       string
	compressed []byte
	want       struct {
		Metadata     []jsonMetadata   `json:"sequencer_metadata_list"`
		RollupData   []jsonRollupData `json:"rollup_data_list"`
		Entries      int              `json:"number_of_entries"`
		Compressed   float64          `json:"compressed_size_bytes"`
		Decompressed float64          `json:"decompressed_size_bytes"`
	}
}

type jsonRollupData struct {
	BlockHash []byte                       `json:"sequencer_block_hash"`
	RollupID  []byte                       `json:"rollup_id"`
	Items     []map[string]json.RawMessage `json:"transactions_and_deposits"`
	ItemCount int                          `json:"item_count"`
	Proof     jsonProof                    `json:"proof"`
}

// jsonEthTx is the part of ethers' Transaction the parse-blob output prints that the
// transaction's bytes determine (from is not recovered by the tool: it prints zero).
type jsonEthTx struct {
	Hash                 string  `json:"hash"`
	Nonce                string  `json:"nonce"`
	To                   *string `json:"to"`
	Value                string  `json:"value"`
	Gas                  string  `json:"gas"`
	GasPrice             *string `json:"gas_price"`
	Input                []byte  `json:"input"`
	V                    uint64  `json:"v"`
	R                    string  `json:"r"`
	S                    string  `json:"s"`
	Type                 *uint64 `json:"transaction_type"`
	MaxPriorityFeePerGas *string `json:"max_priority_fee_per_gas"`
	MaxFeePerGas         *string `json:"max_fee_per_gas"`
	ChainID              *string `json:"chain_id"`
	AccessList           []any   `json:"access_list"`
}

// parseBlobCases walks testdata/parse_blob/*/ for input.txt with its
// expected_verbose_output.json.
func parseBlobCases(t testing.TB) []parseBlobCase {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "parse_blob", "*", "input.txt"))
	var out []parseBlobCase
	for _, in := range dirs {
		dir := filepath.Dir(in)
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		c := parseBlobCase{name: filepath.Base(dir)}
		if c.compressed, err = base64.StdEncoding.DecodeString(string(bytes.TrimSpace(raw))); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		js, err := os.ReadFile(filepath.Join(dir, "expected_verbose_output.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(js, &c.want); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 && os.Getenv("INTEROP_VECTORS_REQUIRED") != "" {
		t.Fatal("no parse_blob cases in testdata/parse_blob")
	}
	return out
}

// parseBlob decodes a decompressed blob as astria-sequencer-utils parse-blob does: a
// metadata list, a rollup data list, a single metadata entry (the relayer's early
// unbatched blobs), a single rollup data entry; the first that decodes.
func parseBlob(b []byte) ([]astria.FilteredSequencerBlock, []astria.SubmittedRollupData, error) {
	if m, err := astria.DecodeMetadataList(b); err == nil {
		return m, nil, nil
	}
	if d, err := astria.DecodeRollupDataList(b); err == nil {
		return nil, d, nil
	}
	if m, err := astria.DecodeSubmittedMetadata(b); err == nil {
		return []astria.FilteredSequencerBlock{m}, nil, nil
	}
	d, err := astria.DecodeSubmittedRollupData(b)
	if err != nil {
		return nil, nil, err
	}
	return nil, []astria.SubmittedRollupData{d}, nil
}

// checkMetadata compares a decoded metadata entry with the tool's output.
func checkMetadata(got *astria.FilteredSequencerBlock, want *jsonMetadata) error {
	h := &got.Header
	ok := bytes.Equal(got.BlockHash[:], want.BlockHash) && h.ChainID == want.Header.ChainID && h.Height == want.Header.Height &&
		h.Time.Seconds == want.Header.Time.Unix() && int64(h.Time.Nanos) == int64(want.Header.Time.Nanosecond()) &&
		bytes.Equal(h.RollupTransactionsRoot[:], want.Header.RollupTransactionsRoot) && bytes.Equal(h.DataHash[:], want.Header.DataHash) &&
		bytes.Equal(h.ProposerAddress, want.Header.ProposerAddress) && len(got.AllRollupIDs) == len(want.RollupIDs) &&
		sameProof(got.RollupTransactionsProof, want.RollupTransactionsProof) && sameProof(got.RollupIDsProof, want.RollupIDsProof)
	for i := 0; ok && i < len(want.RollupIDs); i++ {
		ok = bytes.Equal(got.AllRollupIDs[i][:], want.RollupIDs[i])
	}
	if !ok {
		return errors.New("metadata differs from parse-blob's output")
	}
	return got.VerifyStructure()
}

func sameProof(p astria.Proof, want jsonProof) bool {
	return bytes.Equal(p.AuditPath, want.AuditPath) && p.LeafIndex == want.LeafIndex && p.TreeSize == want.TreeSize
}

// checkRollupData compares a decoded rollup data entry with the tool's output,
// transaction by transaction: an Ethereum transaction's hash (keccak256 of its bytes)
// and every field its RLP carries, or the raw bytes the tool prints for an unknown one.
func checkRollupData(got *astria.SubmittedRollupData, want *jsonRollupData) error {
	if !bytes.Equal(got.SequencerBlockHash[:], want.BlockHash) || !bytes.Equal(got.RollupID[:], want.RollupID) ||
		len(got.Transactions) != want.ItemCount || len(want.Items) != want.ItemCount ||
		!sameProof(got.Proof, want.Proof) {
		return errors.New("rollup data differs from parse-blob's output")
	}
	for i, tx := range got.Transactions {
		item := want.Items[i]
		if raw, ok := item["not_tx_or_deposit"]; ok {
			var b []byte
			if err := json.Unmarshal(raw, &b); err != nil || !bytes.Equal(b, tx) {
				return errors.New("raw item bytes differ")
			}
			continue
		}
		if _, ok := item["empty_rollup_data"]; ok {
			if len(tx) != 0 {
				return errors.New("empty rollup data is not empty")
			}
			continue
		}
		_, unknown := item["unknown_rollup_transaction_type"]
		_, ethTx := item["rollup_transaction"]
		if !unknown && !ethTx {
			continue // deposits and oracle data: counted, their fields not compared here
		}
		inner, err := sequencedData(tx)
		if err != nil {
			return err
		}
		if unknown {
			var b []byte
			if err := json.Unmarshal(item["unknown_rollup_transaction_type"], &b); err != nil || !bytes.Equal(b, inner) {
				return errors.New("unknown transaction bytes differ")
			}
			continue
		}
		var e jsonEthTx
		if err := json.Unmarshal(item["rollup_transaction"], &e); err != nil {
			return err
		}
		if err := checkEthTx(inner, &e); err != nil {
			return err
		}
	}
	return nil
}

// sequencedData returns the bytes of an astria.sequencerblock.v1.RollupData holding
// sequenced_data (field 1).
func sequencedData(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x0a {
		return nil, errors.New("not sequenced data")
	}
	n, k := uint64(0), 0
	for shift := 0; ; shift += 7 {
		k++
		n |= uint64(b[k]&0x7f) << shift
		if b[k] < 0x80 {
			break
		}
	}
	if uint64(len(b)-k-1) != n {
		return nil, errors.New("sequenced data length")
	}
	return b[k+1:], nil
}

// checkEthTx checks an Ethereum transaction's bytes against the tool's print of it:
// its hash (keccak256 of the bytes) and the fields of its RLP: legacy
// [nonce, gas_price, gas, to, value, data, v, r, s], EIP-2930 0x01 ‖ [chain_id, nonce,
// gas_price, gas, to, value, data, access_list, y_parity, r, s], EIP-1559 0x02 ‖
// [chain_id, nonce, max_priority_fee, max_fee, gas, to, value, data, access_list,
// y_parity, r, s] (access lists compared by their length).
func checkEthTx(b []byte, e *jsonEthTx) error {
	if h := keccak.Sum256(b); "0x"+hexString(h[:]) != e.Hash {
		return errors.New("transaction hash " + hexString(h[:]) + ", want " + e.Hash)
	}
	if len(b) == 0 {
		return errors.New("empty transaction")
	}
	typ, body := uint64(0), b
	if b[0] < 0xc0 {
		typ, body = uint64(b[0]), b[1:]
	}
	wantType := uint64(0) // ethers prints no type for a legacy transaction
	if e.Type != nil {
		wantType = *e.Type
	}
	if wantType != typ {
		return errors.New("transaction type " + strconv.FormatUint(typ, 10))
	}
	list, rest, err := rlp.SplitList(body)
	if err != nil || len(rest) != 0 {
		return errors.New("transaction RLP")
	}
	var items [][]byte
	for len(list) > 0 {
		_, c, r, err := rlp.Split(list)
		if err != nil {
			return err
		}
		items = append(items, c)
		list = r
	}
	dec := func(b []byte) string { return new(big.Int).SetBytes(b).String() }
	str := func(p *string) string {
		if p == nil {
			return "<none>"
		}
		return *p
	}
	to := func(b []byte) string {
		if len(b) == 0 {
			return "<none>"
		}
		return "0x" + hexString(b)
	}
	// Field positions per type: nonce, gas, to, value, data, v, r, s; then the fee
	// fields and chain id where the type has them.
	var at [8]int
	var checks []struct{ got, want string }
	switch {
	case typ == 0 && len(items) == 9:
		at = [8]int{0, 2, 3, 4, 5, 6, 7, 8}
		checks = append(checks, struct{ got, want string }{dec(items[1]), str(e.GasPrice)})
	case typ == 1 && len(items) == 11:
		at = [8]int{1, 3, 4, 5, 6, 8, 9, 10}
		checks = append(checks, struct{ got, want string }{dec(items[2]), str(e.GasPrice)}, struct{ got, want string }{dec(items[0]), str(e.ChainID)})
	case typ == 2 && len(items) == 12:
		at = [8]int{1, 4, 5, 6, 7, 9, 10, 11}
		checks = append(checks, struct{ got, want string }{dec(items[2]), str(e.MaxPriorityFeePerGas)},
			struct{ got, want string }{dec(items[3]), str(e.MaxFeePerGas)}, struct{ got, want string }{dec(items[0]), str(e.ChainID)})
	default:
		return errors.New("transaction of type " + strconv.FormatUint(typ, 10) + " with " + strconv.Itoa(len(items)) + " fields")
	}
	checks = append(checks, []struct{ got, want string }{
		{dec(items[at[0]]), e.Nonce}, {dec(items[at[1]]), e.Gas}, {to(items[at[2]]), str(e.To)},
		{dec(items[at[3]]), e.Value}, {string(items[at[4]]), string(e.Input)}, {dec(items[at[5]]), strconv.FormatUint(e.V, 10)},
		{dec(items[at[6]]), e.R}, {dec(items[at[7]]), e.S},
	}...)
	for i, c := range checks {
		if c.got != c.want {
			return errors.New("transaction field " + strconv.Itoa(i) + ": " + c.got + ", want " + c.want)
		}
	}
	if typ > 0 {
		n, err := rlp.CountValues(items[at[4]+1])
		if err != nil || n != len(e.AccessList) {
			return errors.New("access list length")
		}
	}
	return nil
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// TestRealParseBlob: every real blob of astria-sequencer-utils' parse_blob tests
// decompresses to its printed size and decodes to exactly the values the tool prints:
// each metadata entry's block hash, header, rollup ids and both proofs (which verify
// into data_hash, and prove any other rollup absent), each rollup data entry's block
// hash, rollup id, proof and transactions (hashes and fields of the Ethereum ones).
func TestRealParseBlob(t *testing.T) {
	for _, c := range parseBlobCases(t) {
		if float64(len(c.compressed)) != c.want.Compressed {
			t.Fatalf("%s: %d compressed bytes, tool printed %v", c.name, len(c.compressed), c.want.Compressed)
		}
		raw, err := astria.DecompressBlob(c.compressed)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if float64(len(raw)) != c.want.Decompressed {
			t.Fatalf("%s: %d decompressed bytes, tool printed %v", c.name, len(raw), c.want.Decompressed)
		}
		meta, data, err := parseBlob(raw)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(meta) != len(c.want.Metadata) || len(data) != len(c.want.RollupData) || len(meta)+len(data) != c.want.Entries {
			t.Fatalf("%s: %d metadata and %d rollup data entries, tool printed %d and %d", c.name, len(meta), len(data), len(c.want.Metadata), len(c.want.RollupData))
		}
		for i := range meta {
			if err := checkMetadata(&meta[i], &c.want.Metadata[i]); err != nil {
				t.Fatalf("%s: metadata %d: %v", c.name, i, err)
			}
			if _, ok, err := meta[i].Rollup(interop.Hash{0x42}); ok || err != nil {
				t.Fatalf("%s: absent rollup: %v %v", c.name, ok, err)
			}
		}
		for i := range data {
			if err := checkRollupData(&data[i], &c.want.RollupData[i]); err != nil {
				t.Fatalf("%s: rollup data %d: %v", c.name, i, err)
			}
		}
		t.Logf("%s: %d → %d bytes, %d metadata entries, %d rollup data entries reproduced", c.name, len(c.compressed), len(raw), len(meta), len(data))
	}
}

// TestRealParseBlobTamper: a one-byte change of a real blob is refused: the share
// proof built over the real blob no longer holds (ErrDataRoot); and decoded alone,
// the changed blob either fails with a named sentinel, no longer gives the values the
// tool printed, or (a bit the Brotli stream does not use) decompresses to the same
// bytes, which only the share proof can tell.
func TestRealParseBlobTamper(t *testing.T) {
	for _, c := range parseBlobCases(t) {
		ns := astria.Namespace{1}
		sq, err := astriatest.NewSquare([]astriatest.Blob{{Namespace: ns, Data: c.compressed}})
		if err != nil {
			t.Fatal(err)
		}
		sp, err := sq.Prove(0)
		if err != nil {
			t.Fatal(err)
		}
		if got, _, err := astria.VerifyBlob(sq.DataRoot, ns, &sp); err != nil || !bytes.Equal(got, c.compressed) {
			t.Fatalf("%s: %v", c.name, err)
		}
		orig, err := astria.DecompressBlob(c.compressed)
		if err != nil {
			t.Fatal(err)
		}
		sentinels, changed, identical := 0, 0, 0
		for i := range c.compressed {
			b := bytes.Clone(c.compressed)
			b[i] ^= 0x01
			shares, _ := astria.BlobShares(ns, b, nil)
			p := sp
			p.Data = shares
			if _, _, err := astria.VerifyBlob(sq.DataRoot, ns, &p); !errors.Is(err, astria.ErrDataRoot) || !errors.Is(err, nmt.ErrInvalidProof) {
				t.Fatalf("%s: byte %d: share proof %v", c.name, i, err)
			}
			raw, err := astria.DecompressBlob(b)
			if err == nil && bytes.Equal(raw, orig) {
				identical++ // a bit Brotli's decoding ignores: only the share proof sees it
				continue
			}
			var meta []astria.FilteredSequencerBlock
			var data []astria.SubmittedRollupData
			if err == nil {
				meta, data, err = parseBlob(raw)
			}
			if err != nil {
				for _, s := range []error{astria.ErrDecompress, astria.ErrDecode, astria.ErrTooLarge} {
					if errors.Is(err, s) {
						sentinels++
						break
					}
				}
				continue
			}
			same := len(meta) == len(c.want.Metadata) && len(data) == len(c.want.RollupData)
			for j := 0; same && j < len(meta); j++ {
				same = checkMetadata(&meta[j], &c.want.Metadata[j]) == nil
			}
			for j := 0; same && j < len(data); j++ {
				same = checkRollupData(&data[j], &c.want.RollupData[j]) == nil
			}
			if same {
				t.Fatalf("%s: byte %d changed and every value is the same", c.name, i)
			}
			changed++
		}
		if sentinels+changed+identical != len(c.compressed) {
			t.Fatalf("%s: %d refused with a sentinel, %d changed values, %d identical output, of %d", c.name, sentinels, changed, identical, len(c.compressed))
		}
		t.Logf("%s: %d one-byte changes: %d refused by the decoders, %d change a printed value, %d decompress identically; all refused by the share proof", c.name, len(c.compressed), sentinels, changed, identical)
	}
}

// TestRealFirmMetadata: a real batched metadata blob, posted in the astria-dusk-5
// sequencer namespace of a generated Celestia square (the data root is generated:
// no share proof of these blobs is published), verifies as the firm commitment of
// each block it holds; every rollup is proven absent (the blocks have none).
func TestRealFirmMetadata(t *testing.T) {
	v, err := astria.NewFirmVerifier("astria-dusk-5")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range parseBlobCases(t) {
		raw, err := astria.DecompressBlob(c.compressed)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := astria.DecodeMetadataList(raw); err != nil || len(c.want.Metadata) == 0 {
			continue // rollup data, or the early unbatched form the conductor no longer reads
		}
		sq, err := astriatest.NewSquare([]astriatest.Blob{{Namespace: v.Namespace(), Data: c.compressed}})
		if err != nil {
			t.Fatal(err)
		}
		sp, _ := sq.Prove(0)
		for _, m := range c.want.Metadata {
			blk, err := v.Verify(sq.DataRoot, interop.Hash(m.BlockHash), &sp, nil)
			if err != nil {
				t.Fatalf("%s: block %d: %v", c.name, m.Header.Height, err)
			}
			if err := blk.AllServed(); err != nil || blk.Header.Height != m.Header.Height {
				t.Fatal(err)
			}
			if _, ok, err := blk.Rollup(interop.Hash{0x42}); ok || err != nil {
				t.Fatalf("absent rollup: %v %v", ok, err)
			}
			n++
		}
		other := interop.Hash{0x42}
		if _, err := v.Verify(sq.DataRoot, other, &sp, nil); !errors.Is(err, astria.ErrNotPosted) {
			t.Fatalf("block not in the blob: %v", err)
		}
		w, _ := astria.NewFirmVerifier("astria-dusk-4")
		if _, err := w.Verify(sq.DataRoot, interop.Hash(c.want.Metadata[0].BlockHash), &sp, nil); !errors.Is(err, astria.ErrNamespace) {
			t.Fatalf("other chain's namespace: %v", err)
		}
	}
	if n == 0 && os.Getenv("INTEROP_VECTORS_REQUIRED") != "" {
		t.Fatal("no real metadata list blob")
	}
}

// TestDecompressBlobErrors: a blob that is not one whole Brotli stream is
// ErrDecompress, with internal/brotli's reason beside it; the stored-block streams
// astriatest.Compress writes decode back.
func TestDecompressBlobErrors(t *testing.T) {
	data := bytes.Repeat([]byte("astria"), 20000)
	enc := astriatest.Compress(data)
	if got, err := astria.DecompressBlob(enc); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("stored stream: %v", err)
	}
	for name, c := range map[string]struct {
		b    []byte
		also error
	}{
		"trailing":  {append(bytes.Clone(enc), 0), brotli.ErrTrailing},
		"truncated": {enc[:len(enc)-10], brotli.ErrTruncated},
		"empty":     {nil, brotli.ErrTruncated},
	} {
		if _, err := astria.DecompressBlob(c.b); !errors.Is(err, astria.ErrDecompress) || !errors.Is(err, c.also) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
