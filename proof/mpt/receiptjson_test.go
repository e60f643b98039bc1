package mpt_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/mpt"
	"github.com/interopkit/interop/proof/mpt/mpttest"
	"pgregory.net/rapid"
)

// testdataResults returns every JSON-RPC result in the package's testdata/*.io files
// (execution-apis exchanges), by file name and position.
func testdataResults(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.io"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata/*.io files (%v)", err)
	}
	out := map[string]json.RawMessage{}
	for _, p := range paths {
		for i, res := range ioResultsFile(t, p) {
			out[fmt.Sprintf("%s#%d", filepath.Base(p), i)] = res
		}
	}
	return out
}

// ioResultsFile is ioResults for a file outside the shared vectors.
func ioResultsFile(t *testing.T, path string) []json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []json.RawMessage
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "<<") {
			continue
		}
		var resp struct {
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal([]byte(line[2:]), &resp); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(resp.Result) > 0 && string(resp.Result) != "null" {
			out = append(out, resp.Result)
		}
	}
	return out
}

// receiptLists splits results into receipt lists (eth_getBlockReceipts), single receipts
// (eth_getTransactionReceipt) and block headers whose hash is recomputed from their fields.
func receiptLists(t *testing.T, results map[string]json.RawMessage) (lists, singles map[string]json.RawMessage, headers map[interop.Hash]interop.Hash) {
	t.Helper()
	lists, singles, headers = map[string]json.RawMessage{}, map[string]json.RawMessage{}, map[interop.Hash]interop.Hash{}
	for name, res := range results {
		switch res[0] {
		case '[':
			lists[name] = res
		case '{':
			var probe struct {
				ReceiptsRoot      string `json:"receiptsRoot"`
				CumulativeGasUsed string `json:"cumulativeGasUsed"`
			}
			if err := json.Unmarshal(res, &probe); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			switch {
			case probe.CumulativeGasUsed != "":
				singles[name] = res
			case probe.ReceiptsRoot != "":
				var b blockJSON
				if err := json.Unmarshal(res, &b); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				enc, err := b.encode()
				var d hexDecoder
				if h := d.hash("hash", b.Hash); err != nil || d.err != nil || mpt.Keccak256(enc) != h {
					t.Fatalf("%s: header hash does not recompute (%v, %v)", name, err, d.err)
				}
				_, rc, _, err := b.roots()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				headers[mpt.Keccak256(enc)] = rc
			}
		}
	}
	return lists, singles, headers
}

// blockHashOf reads the blockHash member of the first receipt of a list.
func blockHashOf(t *testing.T, list []byte) interop.Hash {
	t.Helper()
	var rs []struct {
		BlockHash interop.Hash `json:"blockHash"`
	}
	if err := json.Unmarshal(list, &rs); err != nil || len(rs) == 0 {
		t.Fatalf("receipt list without blockHash: %v", err)
	}
	return rs[0].BlockHash
}

// TestConformanceBlockReceiptsJSON decodes the real eth_getBlockReceipts responses in
// testdata (execution-apis, answered by go-ethereum on the hive test chain) and checks
// that they derive the receiptsRoot of the header with their blockHash, whose own hash is
// recomputed from its fields; then that the single receipts of typed transactions (a blob
// transaction with blobGasUsed and blobGasPrice, a set-code transaction) decode strictly.
func TestConformanceBlockReceiptsJSON(t *testing.T) {
	lists, singles, headers := receiptLists(t, testdataResults(t))
	if len(lists) == 0 || len(headers) == 0 || len(singles) == 0 {
		t.Fatalf("testdata: %d receipt lists, %d headers, %d single receipts", len(lists), len(headers), len(singles))
	}
	for name, list := range lists {
		root, ok := headers[blockHashOf(t, list)]
		if !ok {
			t.Errorf("%s: no header for its block in testdata", name)
			continue
		}
		rs, err := mpt.DecodeBlockReceiptsJSON(list)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := mpt.VerifyReceiptsRoot(root, rs); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		checkAgainstTestDecoder(t, name, list, rs)
		var logs int
		for _, r := range rs {
			logs += len(r.Logs)
		}
		t.Logf("%s: %d receipts, %d logs, root %s", name, len(rs), logs, root)
	}
	for name, one := range singles {
		r, err := mpt.DecodeReceiptJSON(one)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var rj receiptJSON
		if err := json.Unmarshal(one, &rj); err != nil {
			t.Fatal(err)
		}
		want, err := rj.receipt()
		if err != nil {
			t.Fatal(err)
		}
		if diff := receiptDiff(&r, &want); diff != "" {
			t.Errorf("%s: differs from the test decoder in %s", name, diff)
		}
		if wantEnc, _ := rj.encode(); !bytes.Equal(r.EncodeRLP(nil), wantEnc) {
			t.Errorf("%s: EncodeRLP differs from the independent encoding", name)
		}
		t.Logf("%s: type %d, status %d, %d logs", name, r.Type, r.Status, len(r.Logs))
	}
}

// checkAgainstTestDecoder compares each decoded receipt with the test file's own decoder.
func checkAgainstTestDecoder(t *testing.T, name string, list []byte, rs []mpt.Receipt) {
	t.Helper()
	var rjs []receiptJSON
	if err := json.Unmarshal(list, &rjs); err != nil || len(rjs) != len(rs) {
		t.Fatalf("%s: test decoder: %d receipts, %v", name, len(rjs), err)
	}
	for i := range rjs {
		want, err := rjs[i].receipt()
		if err != nil {
			t.Fatalf("%s: receipt %d: test decoder: %v", name, i, err)
		}
		if diff := receiptDiff(&rs[i], &want); diff != "" {
			t.Errorf("%s: receipt %d differs from the test decoder in %s", name, i, diff)
		}
	}
}

// TestConformanceBlockReceiptsJSONVectors decodes every eth_getBlockReceipts result of the
// shared mpt vectors (mainnet block 21925176 from a16z/helios, 202 receipts; the hive
// chain's pre-Byzantium block 1) and checks each against the receiptsRoot of its block,
// found among the vectors' JSON headers and RLP chains by recomputed block hash.
func TestConformanceBlockReceiptsJSONVectors(t *testing.T) {
	all := vectors.Files(t, "mpt", "*")
	lists := map[string]json.RawMessage{}
	for _, p := range matching(all, "*.receipts.json") {
		lists[filepath.Base(p)] = vectors.Read(t, p)
	}
	for _, p := range matching(all, "*.io") {
		for i, res := range ioResults(t, p) {
			if res[0] == '[' && bytes.Contains(res, []byte("cumulativeGasUsed")) {
				lists[fmt.Sprintf("%s#%d", filepath.Base(p), i)] = res
			}
		}
	}
	skipIfNone(t, len(lists), "receipt lists")
	headers := headerIndex(t, loadBlockSources(t), loadChains(t))
	var receipts, preByzantium int
	for name, list := range lists {
		hi := headers[blockHashOf(t, list)]
		if hi == nil {
			t.Errorf("%s: no header for its block among the vectors", name)
			continue
		}
		rs, err := mpt.DecodeBlockReceiptsJSON(list)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := mpt.VerifyReceiptsRoot(hi.receiptsRoot, rs); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		checkAgainstTestDecoder(t, name, list, rs)
		receipts += len(rs)
		for _, r := range rs {
			if r.PostState != nil {
				preByzantium++
			}
		}
	}
	if preByzantium == 0 {
		t.Errorf("no pre-Byzantium receipt (root instead of status) among the vectors")
	}
	t.Logf("%d lists, %d receipts (%d pre-Byzantium) derive their block's receiptsRoot", len(lists), receipts, preByzantium)
}

// TestReceiptsJSONTamper flips one byte at every third position of each testdata receipt
// list (every position with INTEROP_LONG=1):
// the result is refused with ErrInvalidReceiptJSON or ErrReceiptsRoot, unless the byte
// lies in an informational member, in which case the receipts decode exactly as before.
func TestReceiptsJSONTamper(t *testing.T) {
	lists, _, headers := receiptLists(t, testdataResults(t))
	for name, list := range lists {
		root := headers[blockHashOf(t, list)]
		orig, err := mpt.DecodeBlockReceiptsJSON(list)
		if err != nil {
			t.Fatal(err)
		}
		origRoot := mpt.DeriveReceiptsRoot(orig)
		var refused, informational int
		step := 3
		if !testing.Short() && os.Getenv("INTEROP_LONG") != "" {
			step = 1
		}
		for i := 0; i < len(list); i += step {
			bad := bytes.Clone(list)
			bad[i] ^= 0x01
			rs, err := mpt.DecodeBlockReceiptsJSON(bad)
			if err == nil {
				err = mpt.VerifyReceiptsRoot(root, rs)
			}
			switch {
			case errors.Is(err, mpt.ErrInvalidReceiptJSON) || errors.Is(err, mpt.ErrReceiptsRoot):
				refused++
			case err != nil:
				t.Fatalf("%s: byte %d: error %v wraps no sentinel", name, i, err)
			case mpt.DeriveReceiptsRoot(rs) != origRoot:
				t.Fatalf("%s: byte %d: accepted with other contents", name, i)
			default:
				informational++
			}
		}
		if refused < len(list)/step/3 {
			t.Errorf("%s: only %d of %d one-byte tampers refused", name, refused, len(list)/step)
		}
		t.Logf("%s: %d tampers refused with a sentinel, %d in informational members", name, refused, informational)
	}
}

// TestDecodeReceiptJSONCases holds hand-made edge cases, each row named for what it guards.
func TestDecodeReceiptJSONCases(t *testing.T) {
	bloom := `"0x` + strings.Repeat("00", 256) + `"`
	log := `{"address":"0x` + strings.Repeat("11", 20) + `","topics":[],"data":"0x"}`
	rec := func(members ...string) string { return "{" + strings.Join(members, ",") + "}" }
	base := []string{`"cumulativeGasUsed":"0x5208"`, `"logsBloom":` + bloom, `"logs":[` + log + `]`}
	with := func(extra ...string) string { return rec(append(append([]string{}, base...), extra...)...) }
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"status success", with(`"type":"0x2"`, `"status":"0x1"`), true},
		{"type absent is legacy", with(`"status":"0x0"`), true},
		{"pre-Byzantium root", with(`"type":"0x0"`, `"root":"0x`+strings.Repeat("ab", 32)+`"`), true},
		{"root and status (Nethermind)", with(`"root":"0x`+strings.Repeat("ab", 32)+`"`, `"status":"0x1"`), true},
		{"root 0x beside status", with(`"root":"0x"`, `"status":"0x1"`), true},
		{"root null beside status", with(`"root":null`, `"status":"0x1"`), true},
		{"informational members ignored", with(`"status":"0x1"`, `"blobGasUsed":"0x20000"`, `"blobGasPrice":"0x1"`, `"contractAddress":null`, `"effectiveGasPrice":"0x1"`, `"l1Fee":"0x0"`), true},
		{"neither status nor root", with(`"type":"0x2"`), false},
		{"status 2", with(`"status":"0x2"`), false},
		{"status leading zero", with(`"status":"0x01"`), false},
		{"status as number", with(`"status":1`), false},
		{"type 0x80", with(`"type":"0x80"`, `"status":"0x1"`), false},
		{"short root", with(`"root":"0x` + strings.Repeat("ab", 31) + `"`), false},
		{"cumulativeGasUsed over 64 bits", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x10000000000000000"`, `"logsBloom":`+bloom, `"logs":[]`), false},
		{"cumulativeGasUsed missing", rec(`"status":"0x1"`, `"logsBloom":`+bloom, `"logs":[]`), false},
		{"bloom short", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":"0x00"`, `"logs":[]`), false},
		{"logs missing", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom), false},
		{"logs null", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom, `"logs":null`), false},
		{"five topics", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom, `"logs":[{"address":"0x`+strings.Repeat("11", 20)+`","topics":[`+strings.TrimSuffix(strings.Repeat(`"0x`+strings.Repeat("22", 32)+`",`, 5), ",")+`],"data":"0x"}]`), false},
		{"log without data", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom, `"logs":[{"address":"0x`+strings.Repeat("11", 20)+`","topics":[]}]`), false},
		{"odd log data", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom, `"logs":[{"address":"0x`+strings.Repeat("11", 20)+`","topics":[],"data":"0x1"}]`), false},
		{"null topic", rec(`"status":"0x1"`, `"cumulativeGasUsed":"0x1"`, `"logsBloom":`+bloom, `"logs":[{"address":"0x`+strings.Repeat("11", 20)+`","topics":[null],"data":"0x"}]`), false},
		{"not an object", `[]`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := mpt.DecodeReceiptJSON([]byte(c.in))
			if c.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.ok && !errors.Is(err, mpt.ErrInvalidReceiptJSON) {
				t.Fatalf("err %v, want ErrInvalidReceiptJSON", err)
			}
		})
	}
	good := with(`"status":"0x1"`)
	for _, c := range []struct{ name, in string }{
		{"transactionIndex out of place", `[` + strings.TrimSuffix(good, "}") + `,"transactionIndex":"0x1"}]`},
		{"trailing data", `[` + good + `] x`},
		{"not an array", good},
		{"null", `null`},
		{"unterminated", `[` + good},
	} {
		if _, err := mpt.DecodeBlockReceiptsJSON([]byte(c.in)); !errors.Is(err, mpt.ErrInvalidReceiptJSON) {
			t.Errorf("%s: err %v, want ErrInvalidReceiptJSON", c.name, err)
		}
	}
	if rs, err := mpt.DecodeBlockReceiptsJSON([]byte(` [ ] `)); err != nil || len(rs) != 0 {
		t.Errorf("empty list: %v, %v", rs, err)
	} else if mpt.DeriveReceiptsRoot(rs) != mpt.EmptyRoot {
		t.Errorf("empty list does not derive the empty root")
	}
}

// TestPropReceiptsJSONRoundTrip: receipts rendered as a node renders them decode to the
// same consensus receipts, in order, and derive the same root.
func TestPropReceiptsJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(mpttest.Receipt(), 0, 6).Draw(t, "receipts")
		got, err := mpt.DecodeBlockReceiptsJSON(mpttest.BlockReceiptsJSON(rs))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(rs) {
			t.Fatalf("%d receipts, want %d", len(got), len(rs))
		}
		for i := range rs {
			if !bytes.Equal(got[i].EncodeRLP(nil), rs[i].EncodeRLP(nil)) {
				t.Fatalf("receipt %d re-encodes differently", i)
			}
		}
		if mpt.DeriveReceiptsRoot(got) != mpt.DeriveReceiptsRoot(rs) {
			t.Fatal("roots differ")
		}
		if len(rs) >= 2 {
			swapped := mpttest.BlockReceiptsJSON([]mpt.Receipt{rs[1], rs[0]})
			if _, err := mpt.DecodeBlockReceiptsJSON(bytes.Replace(swapped, []byte(`"transactionIndex":"0x0"`), []byte(`"transactionIndex":"0x7"`), 1)); !errors.Is(err, mpt.ErrInvalidReceiptJSON) {
				t.Fatalf("misplaced transactionIndex accepted: %v", err)
			}
		}
	})
}

// TestBoundsReceiptsJSON holds the decoders to the project's allocation bound on real and
// hostile inputs: many empty logs, many tiny receipts, deep nesting in ignored members.
func TestBoundsReceiptsJSON(t *testing.T) {
	lists, singles, _ := receiptLists(t, testdataResults(t))
	bloom := `"0x` + strings.Repeat("00", 256) + `"`
	manyLogs := `{"status":"0x1","cumulativeGasUsed":"0x1","logsBloom":` + bloom + `,"logs":[` +
		strings.Repeat(`{"address":"0x`+strings.Repeat("11", 20)+`","topics":[],"data":"0x"},`, 20000) + `{}]}`
	inputs := map[string][]byte{
		"many logs, last invalid": []byte(manyLogs),
		"many empty objects":      []byte("[" + strings.Repeat("{},", 50000) + "{}]"),
		"deep ignored member":     []byte(`{"x":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`),
		"many topics":             []byte(`{"status":"0x1","cumulativeGasUsed":"0x1","logsBloom":` + bloom + `,"logs":[{"address":"0x` + strings.Repeat("11", 20) + `","data":"0x","topics":[` + strings.Repeat(`"0x`+strings.Repeat("22", 32)+`",`, 3000) + `null]}]}`),
	}
	for name, in := range lists {
		inputs[name] = in
	}
	for name, in := range singles {
		inputs[name] = in
	}
	for name, in := range inputs {
		var u hostile.Usage
		if in[0] == '[' {
			u = hostile.Bounded(t, "DecodeBlockReceiptsJSON "+name, len(in), func() { _, _ = mpt.DecodeBlockReceiptsJSON(in) })
		} else {
			u = hostile.Bounded(t, "DecodeReceiptJSON "+name, len(in), func() { _, _ = mpt.DecodeReceiptJSON(in) })
		}
		t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, len(in), u.Bytes, float64(u.Bytes)/float64(len(in)))
	}
}

// TestConcurrentDecodeBlockReceiptsJSON decodes one shared input from many goroutines.
func TestConcurrentDecodeBlockReceiptsJSON(t *testing.T) {
	lists, _, headers := receiptLists(t, testdataResults(t))
	for _, list := range lists {
		root := headers[blockHashOf(t, list)]
		hostile.Concurrent(t, 4, func(int) {
			rs, err := mpt.DecodeBlockReceiptsJSON(list)
			if err == nil {
				err = mpt.VerifyReceiptsRoot(root, rs)
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
}

// FuzzDecodeBlockReceiptsJSON: an accepted list re-encodes canonically (each receipt's
// EncodeRLP decodes back to it) and renders back to JSON that decodes to the same receipts.
func FuzzDecodeBlockReceiptsJSON(f *testing.F) {
	f.Add([]byte(`[]`))
	f.Add(mpttest.BlockReceiptsJSON([]mpt.Receipt{{Type: 2, Status: 1, Logs: []mpt.Log{{Topics: []interop.Hash{{1}}, Data: []byte{2}}}}}))
	// The real single receipts, as one-element lists: small seeds keep the instrumented
	// JSON scanner fast enough to explore (the 9 KB block list ran at 9 execs/s).
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.io"))
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		i := bytes.Index(b, []byte(`"result":{`))
		if i < 0 {
			continue
		}
		obj := bytes.TrimSuffix(bytes.TrimSpace(b[i+len(`"result":`):]), []byte("}"))
		f.Add(append(append([]byte{'['}, obj...), ']'))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rs, err := mpt.DecodeBlockReceiptsJSON(in)
		if err != nil {
			if !errors.Is(err, mpt.ErrInvalidReceiptJSON) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		for i := range rs {
			enc := rs[i].EncodeRLP(nil)
			back, err := mpt.DecodeReceipt(enc)
			if err != nil {
				t.Fatalf("receipt %d: EncodeRLP does not decode: %v", i, err)
			}
			if !bytes.Equal(back.EncodeRLP(nil), enc) {
				t.Fatalf("receipt %d: encoding not canonical", i)
			}
		}
		again, err := mpt.DecodeBlockReceiptsJSON(mpttest.BlockReceiptsJSON(rs))
		if err != nil || mpt.DeriveReceiptsRoot(again) != mpt.DeriveReceiptsRoot(rs) {
			t.Fatalf("re-rendered JSON: %v", err)
		}
	})
}

// A node's eth_getBlockReceipts answer, checked against the receiptsRoot of a header the
// caller trusts (from a light client): only then are the logs evidence.
func ExampleDecodeBlockReceiptsJSON() {
	response := []byte(`[{"type":"0x2","status":"0x1","cumulativeGasUsed":"0x5208",
		"logsBloom":"0x` + strings.Repeat("00", 256) + `","logs":[],
		"transactionIndex":"0x0","gasUsed":"0x5208","effectiveGasPrice":"0x3b9aca00"}]`)
	rs, err := mpt.DecodeBlockReceiptsJSON(response)
	if err != nil {
		fmt.Println(err)
		return
	}
	trusted := mpt.DeriveRoot([][]byte{(&mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: 21000}).EncodeRLP(nil)})
	fmt.Println(len(rs), rs[0].Succeeded(), mpt.VerifyReceiptsRoot(trusted, rs))
	fmt.Println(mpt.VerifyReceiptsRoot(interop.Hash{1}, rs) != nil)
	// Output:
	// 1 true <nil>
	// true
}

func BenchmarkDecodeBlockReceiptsJSON(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*receipts*.io"))
	if len(paths) == 0 {
		b.Skip("no testdata receipts")
	}
	raw, _ := os.ReadFile(paths[0])
	in := raw[bytes.Index(raw, []byte(`"result":`))+len(`"result":`) : bytes.LastIndexByte(raw, '}')]
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		rs, err := mpt.DecodeBlockReceiptsJSON(in)
		if err != nil || len(rs) == 0 {
			b.Fatal(err)
		}
	}
}
