package bench

// proof/mpt against go-ethereum v1.17.10 (trie, core/types, rlp) on the same bytes: real
// eth_getProof proofs, real block transactions and receipts, and random tries for the
// differential tests. Sub-benchmarks are named impl=geth / impl=interop so that
// `benchstat -col /impl` puts the two side by side.

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethdb/memorydb"
	gethrlp "github.com/ethereum/go-ethereum/rlp"
	"github.com/ethereum/go-ethereum/trie"
	"github.com/ethereum/go-ethereum/trie/trienode"
	"github.com/ethereum/go-ethereum/triedb/database"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/mpt"
)

// ---------------------------------------------------------------------------------------
// Inputs from /work/shared/vectors/mpt (INTEROP_VECTORS), found by walking the folder.

// proofCase is one trie lookup from an eth_getProof response: an account proof against the
// state root, or a storage proof against the account's storage root.
type proofCase struct {
	name  string
	root  common.Hash
	key   []byte // keccak256(address) or keccak256(pad32(slot))
	nodes [][]byte
	value []byte // go-ethereum's answer; nil for a proof of absence
}

type rpcGetProof struct {
	Address      common.Address  `json:"address"`
	AccountProof []hexutil.Bytes `json:"accountProof"`
	StorageHash  common.Hash     `json:"storageHash"`
	StorageProof []struct {
		Key   string          `json:"key"`
		Proof []hexutil.Bytes `json:"proof"`
	} `json:"storageProof"`
}

func readJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	if err := json.Unmarshal(vectors.Read(tb, path), v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}

func toNodes(in []hexutil.Bytes) [][]byte {
	out := make([][]byte, len(in))
	for i, n := range in {
		out[i] = n
	}
	return out
}

// slotKey turns an eth_getProof storage key (32-byte data or a quantity such as "0x0") into
// the slot left-padded to 32 bytes.
func slotKey(tb testing.TB, s string) common.Hash {
	tb.Helper()
	h := strings.TrimPrefix(s, "0x")
	if len(h)%2 == 1 {
		h = "0" + h
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) > 32 {
		tb.Fatalf("storage key %q: %v", s, err)
	}
	return common.BytesToHash(b)
}

// loadProofCases returns every account and storage proof of proofs/*.proof.json, each
// checked with go-ethereum's trie.VerifyProof.
func loadProofCases(tb testing.TB) []proofCase {
	tb.Helper()
	var cases []proofCase
	for _, path := range vectors.Files(tb, "mpt", "*.proof.json") {
		stem := strings.TrimSuffix(filepath.Base(path), ".proof.json")
		var p rpcGetProof
		readJSON(tb, path, &p)
		var sr struct {
			StateRoot common.Hash `json:"stateRoot"`
		}
		readJSON(tb, filepath.Join(filepath.Dir(path), stem+".stateroot.json"), &sr)
		cases = append(cases, proofCase{
			name:  stem + ".acct",
			root:  sr.StateRoot,
			key:   crypto.Keccak256(p.Address[:]),
			nodes: toNodes(p.AccountProof),
		})
		for i, s := range p.StorageProof {
			slot := slotKey(tb, s.Key)
			cases = append(cases, proofCase{
				name:  fmt.Sprintf("%s.slot%d", stem, i),
				root:  p.StorageHash,
				key:   crypto.Keccak256(slot[:]),
				nodes: toNodes(s.Proof),
			})
		}
	}
	for i := range cases {
		v, err := gethVerify(cases[i].root, cases[i].key, cases[i].nodes)
		if err != nil {
			tb.Fatalf("%s: go-ethereum rejects the vector: %v", cases[i].name, err)
		}
		cases[i].value = v
	}
	return cases
}

// gethProofDB is what a go-ethereum user does with an eth_getProof node list: key every
// node by its keccak256 in an ethdb.KeyValueReader for trie.VerifyProof.
func gethProofDB(nodes [][]byte) *memorydb.Database {
	db := memorydb.New()
	for _, n := range nodes {
		h := crypto.Keccak256Hash(n)
		db.Put(h[:], n)
	}
	return db
}

func gethVerify(root common.Hash, key []byte, nodes [][]byte) ([]byte, error) {
	return trie.VerifyProof(root, key, gethProofDB(nodes))
}

// largestTxBlock returns the encoded transactions of the *.block-fulltx.json with the most
// transactions, checked against its transactionsRoot with go-ethereum.
func largestTxBlock(tb testing.TB) (string, [][]byte) {
	tb.Helper()
	type block struct {
		TransactionsRoot common.Hash       `json:"transactionsRoot"`
		Transactions     []json.RawMessage `json:"transactions"`
	}
	var best block
	var bestName string
	for _, path := range vectors.Files(tb, "mpt", "*.block-fulltx.json") {
		var b block
		readJSON(tb, path, &b)
		if len(b.Transactions) > len(best.Transactions) {
			best, bestName = b, filepath.Base(path)
		}
	}
	items := make([][]byte, len(best.Transactions))
	for i, raw := range best.Transactions {
		var tx types.Transaction
		if err := tx.UnmarshalJSON(raw); err != nil {
			tb.Fatalf("%s tx %d: %v", bestName, i, err)
		}
		enc, err := tx.MarshalBinary()
		if err != nil {
			tb.Fatalf("%s tx %d: %v", bestName, i, err)
		}
		items[i] = enc
	}
	if got := types.DeriveSha(rawList(items), trie.NewStackTrie(nil)); got != best.TransactionsRoot {
		tb.Fatalf("%s: transactions root %x, header says %x", bestName, got, best.TransactionsRoot)
	}
	return bestName, items
}

// largestReceiptSet returns the encoded receipts of the largest *.receipts.json, checked
// against the receiptsRoot of the block file with the same stem when there is one.
func largestReceiptSet(tb testing.TB) (string, [][]byte) {
	tb.Helper()
	var best []*types.Receipt
	var bestPath string
	for _, path := range vectors.Files(tb, "mpt", "*.receipts.json") {
		var rs []*types.Receipt
		readJSON(tb, path, &rs)
		if len(rs) > len(best) {
			best, bestPath = rs, path
		}
	}
	items := make([][]byte, len(best))
	for i, r := range best {
		enc, err := r.MarshalBinary()
		if err != nil {
			tb.Fatalf("%s receipt %d: %v", bestPath, i, err)
		}
		items[i] = enc
	}
	blockPath := strings.TrimSuffix(bestPath, ".receipts.json") + ".block.json"
	if _, err := os.Stat(blockPath); err == nil {
		var hdr struct {
			ReceiptsRoot common.Hash `json:"receiptsRoot"`
		}
		readJSON(tb, blockPath, &hdr)
		if got := types.DeriveSha(rawList(items), trie.NewStackTrie(nil)); got != hdr.ReceiptsRoot {
			tb.Fatalf("%s: receipts root %x, header says %x", bestPath, got, hdr.ReceiptsRoot)
		}
	}
	return filepath.Base(bestPath), items
}

// rawList is a types.DerivableList over items that are already encoded, so both sides hash
// the same bytes and neither pays for encoding.
type rawList [][]byte

func (l rawList) Len() int                           { return len(l) }
func (l rawList) EncodeIndex(i int, w *bytes.Buffer) { w.Write(l[i]) }

// cycle repeats items up to n entries.
func cycle(items [][]byte, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = items[i%len(items)]
	}
	return out
}

// ---------------------------------------------------------------------------------------
// Benchmarks.

// measure runs body b.N times with allocations reported, and also reports the process CPU
// time per op (user+system over all threads, so go-ethereum's garbage collection counts
// against it). On a shared machine sec/op includes time spent descheduled; cpu-ns/op does
// not, and is the column to compare when the machine is loaded.
func measure(b *testing.B, body func()) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		body()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time the process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

var (
	sinkBytes []byte
	sinkHash  interop.Hash
	sinkInt   int
)

// BenchmarkVerifyProof verifies every real account and storage proof. impl=geth builds the
// hash-keyed proof database inside the loop, as a caller holding an eth_getProof node list
// must; impl=geth-prebuilt builds it outside the loop and times trie.VerifyProof alone.
// proof=all verifies every case once per op.
func BenchmarkVerifyProof(b *testing.B) {
	cases := loadProofCases(b)
	for _, c := range cases {
		v, err := mpt.VerifyProof(interop.Hash(c.root), c.key, c.nodes)
		if err != nil || !bytes.Equal(v, c.value) {
			b.Fatalf("%s: interop (%x, %v), go-ethereum %x", c.name, v, err, c.value)
		}
	}
	groups := [][]proofCase{cases}
	names := []string{"all"}
	for i := range cases {
		groups = append(groups, cases[i:i+1])
		names = append(names, cases[i].name)
	}
	for gi, group := range groups {
		dbs := make([]*memorydb.Database, len(group))
		for i, c := range group {
			dbs[i] = gethProofDB(c.nodes)
		}
		b.Run("proof="+names[gi], func(b *testing.B) {
			b.Run("impl=geth", func(b *testing.B) {
				measure(b, func() {
					for _, c := range group {
						v, err := gethVerify(c.root, c.key, c.nodes)
						if err != nil {
							b.Fatal(err)
						}
						sinkBytes = v
					}
				})
			})
			b.Run("impl=geth-prebuilt", func(b *testing.B) {
				measure(b, func() {
					for i, c := range group {
						v, err := trie.VerifyProof(c.root, c.key, dbs[i])
						if err != nil {
							b.Fatal(err)
						}
						sinkBytes = v
					}
				})
			})
			b.Run("impl=interop", func(b *testing.B) {
				measure(b, func() {
					for _, c := range group {
						v, err := mpt.VerifyProof(interop.Hash(c.root), c.key, c.nodes)
						if err != nil {
							b.Fatal(err)
						}
						sinkBytes = v
					}
				})
			})
		})
	}
}

// BenchmarkVerifyProofsCores: the real eth_getProof vectors on 1 and 2 cores (GOMAXPROCS
// pinned, interop.Workers set to match). set=proofs verifies every account and storage
// proof of every response as one mpt.VerifyProofs batch (65 KB of nodes, under the 128
// KiB from which the work is split, so both core counts run it serially); set=proofs-x8
// is the same proofs eight times over (520 KB), which is split, and set=proofs-x32 32 times
// (2 MB, about 2.5 ms of walking); set=getproof verifies
// each response with GetProofResult.Verify (one to three proofs each: serial).
// `benchstat -col /cores` gives the scaling.
func BenchmarkVerifyProofsCores(b *testing.B) {
	cases := loadProofCases(b)
	qs := make([]mpt.Query, len(cases))
	for i, c := range cases {
		qs[i] = mpt.Query{Root: interop.Hash(c.root), Key: c.key, Proof: c.nodes}
	}
	values, err := mpt.VerifyProofs(qs)
	if err != nil {
		b.Fatal(err)
	}
	for i := range values {
		if !bytes.Equal(values[i], cases[i].value) {
			b.Fatalf("%s: interop %x, go-ethereum %x", cases[i].name, values[i], cases[i].value)
		}
	}
	type response struct {
		root interop.Hash
		res  mpt.GetProofResult
	}
	var responses []response
	for _, path := range vectors.Files(b, "mpt", "*.proof.json") {
		var r response
		readJSON(b, path, &r.res)
		var sr struct {
			StateRoot interop.Hash `json:"stateRoot"`
		}
		readJSON(b, strings.TrimSuffix(path, ".proof.json")+".stateroot.json", &sr)
		r.root = sr.StateRoot
		if err := r.res.Verify(r.root); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		responses = append(responses, r)
	}
	b.Logf("%d proofs in %d responses", len(qs), len(responses))
	var qs8, qs32 []mpt.Query
	for range 8 {
		qs8 = append(qs8, qs...)
	}
	for range 4 {
		qs32 = append(qs32, qs8...)
	}
	for _, cores := range []int{1, 2} {
		opt := interop.Workers(cores)
		for _, set := range []struct {
			name string
			qs   []mpt.Query
		}{{"proofs-x32", qs32}, {"proofs-x8", qs8}} {
			b.Run(fmt.Sprintf("set=%s/cores=%d", set.name, cores), func(b *testing.B) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
				measure(b, func() {
					if _, err := mpt.VerifyProofs(set.qs, opt); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
		b.Run(fmt.Sprintf("set=proofs/cores=%d", cores), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
			measure(b, func() {
				if _, err := mpt.VerifyProofs(qs, opt); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("set=getproof/cores=%d", cores), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
			measure(b, func() {
				for i := range responses {
					if err := responses[i].res.Verify(responses[i].root, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkDeriveRoot computes transactionsRoot / receiptsRoot over pre-encoded items:
// the largest real block's transactions (whole, and its first 500) and the largest real
// receipt set (whole, and cycled to 500 items).
func BenchmarkDeriveRoot(b *testing.B) {
	txName, txs := largestTxBlock(b)
	rcName, rcs := largestReceiptSet(b)
	b.Logf("transactions from %s (%d), receipts from %s (%d)", txName, len(txs), rcName, len(rcs))
	sets := []struct {
		name  string
		items [][]byte
	}{
		{"receipts500", cycle(rcs, 500)},
		{fmt.Sprintf("receipts%d", len(rcs)), rcs},
		{"txs500", txs[:min(500, len(txs))]},
		{fmt.Sprintf("txs%d", len(txs)), txs},
	}
	for _, s := range sets {
		want := types.DeriveSha(rawList(s.items), trie.NewStackTrie(nil))
		if got := mpt.DeriveRoot(s.items); got != interop.Hash(want) {
			b.Fatalf("%s: interop root %x, go-ethereum %x", s.name, got, want)
		}
		b.Run("items="+s.name, func(b *testing.B) {
			b.Run("impl=geth", func(b *testing.B) {
				measure(b, func() {
					sinkHash = interop.Hash(types.DeriveSha(rawList(s.items), trie.NewStackTrie(nil)))
				})
			})
			b.Run("impl=interop", func(b *testing.B) {
				measure(b, func() {
					sinkHash = mpt.DeriveRoot(s.items)
				})
			})
		})
	}
}

// BenchmarkDecodeReceipt decodes every receipt of the largest real receipt set per op into
// the library's typed value: types.Receipt.UnmarshalBinary against mpt.DecodeReceipt.
func BenchmarkDecodeReceipt(b *testing.B) {
	name, rcs := largestReceiptSet(b)
	for i, enc := range rcs {
		var g types.Receipt
		if err := g.UnmarshalBinary(enc); err != nil {
			b.Fatalf("receipt %d: go-ethereum: %v", i, err)
		}
		r, err := mpt.DecodeReceipt(enc)
		if err != nil {
			b.Fatalf("receipt %d: interop: %v", i, err)
		}
		if err := sameReceipt(&g, &r); err != nil {
			b.Fatalf("receipt %d: %v", i, err)
		}
	}
	b.Logf("%d receipts from %s", len(rcs), name)
	b.Run(fmt.Sprintf("set=receipts%d", len(rcs)), func(b *testing.B) {
		b.Run("impl=geth", func(b *testing.B) {
			measure(b, func() {
				for _, enc := range rcs {
					var g types.Receipt
					if err := g.UnmarshalBinary(enc); err != nil {
						b.Fatal(err)
					}
					sinkInt += len(g.Logs)
				}
			})
		})
		b.Run("impl=interop", func(b *testing.B) {
			measure(b, func() {
				for _, enc := range rcs {
					r, err := mpt.DecodeReceipt(enc)
					if err != nil {
						b.Fatal(err)
					}
					sinkInt += len(r.Logs)
				}
			})
		})
	})
}

func sameReceipt(g *types.Receipt, r *mpt.Receipt) error {
	switch {
	case g.Type != r.Type:
		return fmt.Errorf("type %d vs %d", g.Type, r.Type)
	case g.Status != r.Status:
		return fmt.Errorf("status %d vs %d", g.Status, r.Status)
	case g.CumulativeGasUsed != r.CumulativeGasUsed:
		return fmt.Errorf("cumulative gas %d vs %d", g.CumulativeGasUsed, r.CumulativeGasUsed)
	case g.Bloom != types.Bloom(r.Bloom):
		return fmt.Errorf("bloom differs")
	case len(g.Logs) != len(r.Logs):
		return fmt.Errorf("%d vs %d logs", len(g.Logs), len(r.Logs))
	case (r.PostState == nil) != (len(g.PostState) == 0) || r.PostState != nil && !bytes.Equal(g.PostState, r.PostState[:]):
		return fmt.Errorf("post-state %x vs %v", g.PostState, r.PostState)
	}
	for i, l := range g.Logs {
		m := r.Logs[i]
		if l.Address != common.Address(m.Address) || !bytes.Equal(l.Data, m.Data) || len(l.Topics) != len(m.Topics) {
			return fmt.Errorf("log %d differs", i)
		}
		for j := range l.Topics {
			if l.Topics[j] != common.Hash(m.Topics[j]) {
				return fmt.Errorf("log %d topic %d differs", i, j)
			}
		}
	}
	return nil
}

// BenchmarkReceiptRLPWalk walks every RLP item of every receipt without building values:
// go-ethereum's rlp.Split against internal/rlp.Split, the floor under both decoders.
func BenchmarkReceiptRLPWalk(b *testing.B) {
	_, rcs := largestReceiptSet(b)
	g, o := 0, 0
	for _, enc := range rcs {
		g += gethWalk(b, envelope(enc))
		o += ourWalk(b, envelope(enc))
	}
	if g != o {
		b.Fatalf("item counts differ: go-ethereum %d, interop %d", g, o)
	}
	b.Run(fmt.Sprintf("set=receipts%d", len(rcs)), func(b *testing.B) {
		b.Run("impl=geth", func(b *testing.B) {
			measure(b, func() {
				for _, enc := range rcs {
					sinkInt += gethWalk(b, envelope(enc))
				}
			})
		})
		b.Run("impl=interop", func(b *testing.B) {
			measure(b, func() {
				for _, enc := range rcs {
					sinkInt += ourWalk(b, envelope(enc))
				}
			})
		})
	})
}

// envelope strips an EIP-2718 type byte.
func envelope(enc []byte) []byte {
	if len(enc) > 0 && enc[0] < 0x80 {
		return enc[1:]
	}
	return enc
}

func gethWalk(tb testing.TB, b []byte) int {
	n := 0
	for len(b) > 0 {
		k, content, rest, err := gethrlp.Split(b)
		if err != nil {
			tb.Fatal(err)
		}
		n++
		if k == gethrlp.List {
			n += gethWalk(tb, content)
		}
		b = rest
	}
	return n
}

func ourWalk(tb testing.TB, b []byte) int {
	n := 0
	for len(b) > 0 {
		k, content, rest, err := rlp.Split(b)
		if err != nil {
			tb.Fatal(err)
		}
		n++
		if k == rlp.List {
			n += ourWalk(tb, content)
		}
		b = rest
	}
	return n
}

// BenchmarkKeccak256 hashes a 532-byte input, the size of a full branch node: the cost that
// dominates proof verification and root derivation on both sides.
func BenchmarkKeccak256(b *testing.B) {
	in := bytes.Repeat([]byte{0xa0}, 532)
	b.Run("size=532", func(b *testing.B) {
		b.Run("impl=geth", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			measure(b, func() {
				sinkHash = interop.Hash(crypto.Keccak256Hash(in))
			})
		})
		b.Run("impl=interop", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			measure(b, func() {
				sinkHash = mpt.Keccak256(in)
			})
		})
	})
}

// ---------------------------------------------------------------------------------------
// Differential tests.

// outcome classes of one lookup on both sides.
const (
	agreeValue   = "both return the same value"
	agreeAbsent  = "both prove absence"
	agreeError   = "both reject"
	oursStricter = "interop rejects, go-ethereum accepts"
	oursLooser   = "interop accepts, go-ethereum rejects"
	valueDiffers = "both accept with different values"
)

// differ records outcome classes and keeps a few examples of every disagreement.
type differ struct {
	counts   map[string]int
	examples map[string][]string
	looser   map[string]int // go-ethereum's reason, digits elided, when only it rejects
}

func newDiffer() *differ {
	return &differ{counts: map[string]int{}, examples: map[string][]string{}, looser: map[string]int{}}
}

// elideDigits turns an error message into a reason class.
func elideDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
}

// compare runs both verifiers on the same (root, key, nodes) and classifies the outcome.
func (d *differ) compare(root common.Hash, key []byte, nodes [][]byte) string {
	gv, gerr := gethVerify(root, key, nodes)
	ov, oerr := mpt.VerifyProof(interop.Hash(root), key, nodes)
	var class string
	switch {
	case gerr != nil && oerr != nil:
		class = agreeError
	case gerr == nil && oerr != nil:
		class = oursStricter
	case gerr != nil && oerr == nil:
		class = oursLooser
	case !bytes.Equal(gv, ov):
		class = valueDiffers
	case len(ov) == 0:
		class = agreeAbsent
	default:
		class = agreeValue
	}
	d.counts[class]++
	if class == oursLooser {
		d.looser[elideDigits(gerr.Error())]++
	}
	if class == oursStricter || class == oursLooser || class == valueDiffers {
		if len(d.examples[class]) < 4 {
			var sb strings.Builder
			fmt.Fprintf(&sb, "root %x key %x\n      geth: %x, %v\n   interop: %x, %v", root, key, gv, gerr, ov, oerr)
			for i, n := range nodes {
				fmt.Fprintf(&sb, "\n    node %d: %x", i, n)
			}
			d.examples[class] = append(d.examples[class], sb.String())
		}
	}
	return class
}

// report logs the counts, and fails on a value both sides accept but disagree about, and on
// anything interop accepts that go-ethereum rejects: a verifier must never be the looser one.
func (d *differ) report(t *testing.T) {
	t.Helper()
	for _, c := range []string{agreeValue, agreeAbsent, agreeError, oursStricter, oursLooser, valueDiffers} {
		t.Logf("%-40s %d", c, d.counts[c])
	}
	for _, ex := range d.examples[oursStricter] {
		t.Logf("%s (expected: interop's parser is strict)\n  %s", oursStricter, ex)
	}
	for reason, n := range d.looser {
		t.Logf("%s %d times; go-ethereum: %s", oursLooser, n, reason)
	}
	for _, c := range []string{oursLooser, valueDiffers} {
		for _, ex := range d.examples[c] {
			t.Errorf("%s:\n  %s", c, ex)
		}
	}
}

// mutateAnchored changes one byte of one proof node (replace, insert or delete), then
// re-links the proof: every ancestor's hash reference is replaced by the new child's hash and
// the root becomes keccak256 of the new first node. Hash checks therefore pass and the
// mutation reaches the node parsers of both sides. ok is false when a reference cannot be
// found (the node was not linked by hash from its predecessor).
func mutateAnchored(r *rand.Rand, nodes [][]byte) (root common.Hash, out [][]byte, ok bool) {
	out = make([][]byte, len(nodes))
	copy(out, nodes)
	i := r.IntN(len(nodes))
	out[i] = mutateBytes(r, nodes[i])
	for k := i; k > 0; k-- {
		oldH, newH := crypto.Keccak256Hash(nodes[k]), crypto.Keccak256Hash(out[k])
		at := bytes.Index(out[k-1], oldH[:])
		if at < 0 {
			return common.Hash{}, nil, false
		}
		parent := bytes.Clone(out[k-1])
		copy(parent[at:], newH[:])
		out[k-1] = parent
	}
	return crypto.Keccak256Hash(out[0]), out, true
}

// mutateBytes returns a copy of b with one byte replaced, inserted or deleted, biased towards
// RLP headers (the first bytes) and leaf values (the last bytes), where the parsers decide.
func mutateBytes(r *rand.Rand, b []byte) []byte {
	var at int
	switch r.IntN(3) {
	case 0:
		at = r.IntN(min(len(b), 4))
	case 1:
		at = len(b) - 1 - r.IntN(min(len(b), 40))
	default:
		at = r.IntN(len(b))
	}
	switch r.IntN(4) {
	case 0:
		out := make([]byte, 0, len(b)+1)
		out = append(append(append(out, b[:at]...), byte(r.Uint32())), b[at:]...)
		return out
	case 1:
		if len(b) > 1 {
			return append(append([]byte(nil), b[:at]...), b[at+1:]...)
		}
	}
	out := bytes.Clone(b)
	out[at] ^= byte(1 + r.IntN(255))
	return out
}

func diffSeed(t *testing.T) uint64 {
	seed := uint64(20261124)
	if s := os.Getenv("MPT_DIFF_SEED"); s != "" {
		if _, err := fmt.Sscan(s, &seed); err != nil {
			t.Fatalf("MPT_DIFF_SEED: %v", err)
		}
	}
	t.Logf("seed %d (set MPT_DIFF_SEED to change)", seed)
	return seed
}

// randTrieKey draws keys of 0 to 40 bytes (a quarter exactly 32) over a small alphabet, so
// that keys share prefixes, some keys are prefixes of others (values in branch slots), and
// paths run both odd and even.
func randTrieKey(r *rand.Rand) []byte {
	n := r.IntN(12)
	switch r.IntN(8) {
	case 0, 1:
		n = 32
	case 2:
		n = r.IntN(41)
	}
	alphabet := []byte{0x00, 0x01, 0x10, 0x11, 0x1f, 0xab, 0xf0, 0xff}
	k := make([]byte, n)
	for i := range k {
		if r.IntN(4) == 0 {
			k[i] = byte(r.Uint32())
		} else {
			k[i] = alphabet[r.IntN(len(alphabet))]
		}
	}
	return k
}

// randTrieValue draws mostly short values (1-5 bytes, giving embedded nodes) and some long
// ones (up to 100 bytes, giving hashed leaves and long RLP strings).
func randTrieValue(r *rand.Rand) []byte {
	n := 1 + r.IntN(5)
	if r.IntN(3) == 0 {
		n = 1 + r.IntN(100)
	}
	v := make([]byte, n)
	for i := range v {
		v[i] = byte(r.Uint32())
	}
	return v
}

// memoryOnly is a trie.Trie backing store that holds nothing: the differential tries live in
// memory and are never committed. (go-ethereum's triedb would pull fastcache and more into
// this module for no gain.)
type memoryOnly struct{}

func (memoryOnly) NodeReader(common.Hash) (database.NodeReader, error) { return memoryOnly{}, nil }

func (memoryOnly) Node(_ common.Hash, path []byte, hash common.Hash) ([]byte, error) {
	return nil, fmt.Errorf("memory-only trie: node %x at path %x was never stored", hash, path)
}

func gethProve(t *testing.T, tr *trie.Trie, key []byte) [][]byte {
	t.Helper()
	var list trienode.ProofList
	if err := tr.Prove(key, &list); err != nil {
		t.Fatalf("go-ethereum Prove: %v", err)
	}
	out := make([][]byte, len(list))
	for i, n := range list {
		out[i] = n
	}
	return out
}

// TestDifferentialTrie builds random tries with go-ethereum's trie.Trie and mpt.Trie
// (inserts, overwrites, deletes) and checks: equal roots; byte-identical proofs for present
// and absent keys; each side's proofs verify on the other side with the expected value;
// re-linked single-byte mutations of those proofs are judged alike (see differ.report), and
// plain mutations (hash links broken) are rejected by both.
func TestDifferentialTrie(t *testing.T) {
	r := rand.New(rand.NewPCG(diffSeed(t), 1))
	d, broken := newDiffer(), newDiffer()
	const trials = 250
	for trial := range trials {
		gt := trie.NewEmpty(memoryOnly{})
		var ot mpt.Trie
		want := map[string][]byte{}
		var used [][]byte
		ops := 1 + r.IntN(60)
		for range ops {
			var k []byte
			if len(used) > 0 && r.IntN(4) == 0 {
				k = used[r.IntN(len(used))] // a key seen before: overwrite or delete it
			} else {
				k = randTrieKey(r)
				used = append(used, k)
			}
			if r.IntN(5) == 0 {
				if err := gt.Delete(k); err != nil {
					t.Fatal(err)
				}
				ot.Delete(k)
				delete(want, string(k))
				continue
			}
			v := randTrieValue(r)
			if err := gt.Update(k, v); err != nil {
				t.Fatal(err)
			}
			ot.Update(k, v)
			want[string(k)] = v
		}
		root := gt.Hash()
		if got := ot.Root(); got != interop.Hash(root) {
			t.Fatalf("trial %d: roots differ: go-ethereum %x, interop %x (%d keys)", trial, root, got, len(want))
		}
		if len(want) == 0 {
			// The empty trie: go-ethereum's VerifyProof needs the root node and so rejects an
			// empty proof; interop proves absence from EmptyRoot alone.
			if root != types.EmptyRootHash {
				t.Fatalf("trial %d: empty trie root %x", trial, root)
			}
			if v, err := mpt.VerifyProof(mpt.EmptyRoot, randTrieKey(r), nil); v != nil || err != nil {
				t.Fatalf("empty trie: interop (%x, %v), want proof of absence", v, err)
			}
			continue
		}
		keys := make([][]byte, 0, len(want)+5)
		for k := range want {
			keys = append(keys, []byte(k))
		}
		slices.SortFunc(keys, bytes.Compare) // map order is random; the seed must reproduce
		for range 5 {
			keys = append(keys, randTrieKey(r))
		}
		for _, k := range keys {
			wantV := want[string(k)]
			gp := gethProve(t, gt, k)
			op := ot.Prove(k)
			if len(gp) != len(op) {
				t.Fatalf("trial %d key %x: proof lengths %d (go-ethereum) vs %d", trial, k, len(gp), len(op))
			}
			for i := range gp {
				if !bytes.Equal(gp[i], op[i]) {
					t.Fatalf("trial %d key %x: proof node %d differs:\n geth %x\n ours %x", trial, k, i, gp[i], op[i])
				}
			}
			if v, err := mpt.VerifyProof(interop.Hash(root), k, gp); err != nil || !bytes.Equal(v, wantV) {
				t.Fatalf("trial %d key %x: interop on go-ethereum's proof: (%x, %v), want %x", trial, k, v, err, wantV)
			}
			if v, err := gethVerify(root, k, op); err != nil || !bytes.Equal(v, wantV) {
				t.Fatalf("trial %d key %x: go-ethereum on interop's proof: (%x, %v), want %x", trial, k, v, err, wantV)
			}
			for range 4 {
				if mroot, mp, ok := mutateAnchored(r, gp); ok {
					d.compare(mroot, k, mp)
				}
			}
			mp := append([][]byte(nil), gp...)
			i := r.IntN(len(mp))
			mp[i] = mutateBytes(r, mp[i])
			broken.compare(root, k, mp)
		}
	}
	t.Logf("re-linked mutations of random-trie proofs:")
	d.report(t)
	t.Logf("mutations with broken hash links:")
	broken.report(t)
	if n := len(broken.counts) - broken.counts[agreeError]; broken.counts[agreeError] == 0 || n > 0 {
		t.Errorf("broken-link mutations: want every one rejected by both, got %v", broken.counts)
	}
}

// TestDifferentialRealProofs verifies every real eth_getProof proof on both sides, then
// compares the two verifiers on re-linked single-byte mutations of those proofs.
func TestDifferentialRealProofs(t *testing.T) {
	cases := loadProofCases(t)
	r := rand.New(rand.NewPCG(diffSeed(t), 2))
	d := newDiffer()
	for _, c := range cases {
		if cl := d.compare(c.root, c.key, c.nodes); cl != agreeValue && cl != agreeAbsent {
			t.Errorf("%s: %s", c.name, cl)
		}
		for range 400 {
			if root, mp, ok := mutateAnchored(r, c.nodes); ok {
				d.compare(root, c.key, mp)
			}
		}
	}
	t.Logf("%d real proofs and their re-linked mutations:", len(cases))
	d.report(t)
}

// TestDifferentialDeriveRoot compares mpt.DeriveRoot with types.DeriveSha over a StackTrie
// on random item lists: lengths around the RLP index boundaries (0x7f, 0x80, 0x100), short
// items (embedded leaves), long ones, and the occasional empty item, which both skip.
func TestDifferentialDeriveRoot(t *testing.T) {
	r := rand.New(rand.NewPCG(diffSeed(t), 3))
	sizes := []int{0, 1, 2, 16, 17, 127, 128, 129, 255, 256, 257, 1000}
	for trial := range 300 {
		n := r.IntN(140)
		if trial < len(sizes) {
			n = sizes[trial]
		}
		items := make([][]byte, n)
		for i := range items {
			l := 1 + r.IntN(4)
			switch r.IntN(20) {
			case 0:
				l = 0
			case 1, 2, 3, 4, 5, 6:
				l = 1 + r.IntN(300)
			}
			items[i] = make([]byte, l)
			for j := range items[i] {
				items[i][j] = byte(r.Uint32())
			}
		}
		want := types.DeriveSha(rawList(items), trie.NewStackTrie(nil))
		if got := mpt.DeriveRoot(items); got != interop.Hash(want) {
			t.Fatalf("trial %d (%d items): interop %x, go-ethereum %x", trial, n, got, want)
		}
	}
}
