package mpt_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/mpt"
)

// This file turns JSON-RPC objects (blocks, transactions, withdrawals, receipts) into their
// consensus encodings, independently of the package under test, so that the roots the
// package derives can be checked against real headers. The encodings follow the Yellow Paper
// (legacy transactions, headers), EIP-2718 (typed envelopes), EIP-2930, EIP-1559, EIP-4844,
// EIP-7702, EIP-4895 (withdrawals), EIP-658 and the Byzantium receipt layout.

// hexDecoder converts JSON-RPC hex text, keeping the first error so that a whole object can
// be converted before one check.
type hexDecoder struct{ err error }

func (d *hexDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// quantity decodes a JSON-RPC Quantity to its minimal big-endian bytes (zero is empty), the
// form RLP gives integers.
func (d *hexDecoder) quantity(field, s string) []byte {
	if len(s) < 3 || (s[:2] != "0x" && s[:2] != "0X") {
		d.fail("%s: not a quantity: %q", field, s)
		return nil
	}
	h := s[2:]
	if len(h)%2 == 1 {
		h = "0" + h
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		d.fail("%s: %v", field, err)
		return nil
	}
	return bytes.TrimLeft(b, "\x00")
}

func (d *hexDecoder) uint64(field, s string) uint64 {
	b := d.quantity(field, s)
	if len(b) > 8 {
		d.fail("%s: %s exceeds 64 bits", field, s)
		return 0
	}
	var x uint64
	for _, c := range b {
		x = x<<8 | uint64(c)
	}
	return x
}

// data decodes a JSON-RPC Data string byte for byte.
func (d *hexDecoder) data(field, s string) []byte {
	b, err := interop.DecodeHex(s)
	if err != nil {
		d.fail("%s: %v", field, err)
	}
	return b
}

func (d *hexDecoder) fixed(field, s string, n int) []byte {
	b := d.data(field, s)
	if len(b) != n && d.err == nil {
		d.fail("%s: %d bytes, want %d", field, len(b), n)
	}
	return b
}

func (d *hexDecoder) hash(field, s string) (h interop.Hash) {
	copy(h[:], d.fixed(field, s, 32))
	return h
}

// rlpString and rlpList build RLP from already-encoded items.
func rlpString(b []byte) []byte { return rlp.AppendString(nil, b) }

func rlpList(items ...[]byte) []byte {
	n := 0
	for _, it := range items {
		n += len(it)
	}
	out := rlp.AppendListHeader(make([]byte, 0, n+9), n)
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// headerJSON holds the header fields of an eth_getBlockByNumber result. Optional fields are
// nil before the fork that introduced them.
type headerJSON struct {
	ParentHash       string `json:"parentHash"`
	Sha3Uncles       string `json:"sha3Uncles"`
	Miner            string `json:"miner"`
	StateRoot        string `json:"stateRoot"`
	TransactionsRoot string `json:"transactionsRoot"`
	ReceiptsRoot     string `json:"receiptsRoot"`
	LogsBloom        string `json:"logsBloom"`
	Difficulty       string `json:"difficulty"`
	Number           string `json:"number"`
	GasLimit         string `json:"gasLimit"`
	GasUsed          string `json:"gasUsed"`
	Timestamp        string `json:"timestamp"`
	ExtraData        string `json:"extraData"`
	MixHash          string `json:"mixHash"`
	Nonce            string `json:"nonce"`

	BaseFeePerGas         *string `json:"baseFeePerGas"`         // London, EIP-1559
	WithdrawalsRoot       *string `json:"withdrawalsRoot"`       // Shanghai, EIP-4895
	BlobGasUsed           *string `json:"blobGasUsed"`           // Cancun, EIP-4844
	ExcessBlobGas         *string `json:"excessBlobGas"`         // Cancun, EIP-4844
	ParentBeaconBlockRoot *string `json:"parentBeaconBlockRoot"` // Cancun, EIP-4788
	RequestsHash          *string `json:"requestsHash"`          // Prague, EIP-7685

	Hash string `json:"hash"`
}

// encode returns RLP(header). The fields after nonce are optional, each introduced by a
// fork, and a header carries a prefix of them: a later one without an earlier one is an
// error.
func (h *headerJSON) encode() ([]byte, error) {
	var d hexDecoder
	fields := [][]byte{
		rlpString(d.fixed("parentHash", h.ParentHash, 32)),
		rlpString(d.fixed("sha3Uncles", h.Sha3Uncles, 32)),
		rlpString(d.fixed("miner", h.Miner, 20)),
		rlpString(d.fixed("stateRoot", h.StateRoot, 32)),
		rlpString(d.fixed("transactionsRoot", h.TransactionsRoot, 32)),
		rlpString(d.fixed("receiptsRoot", h.ReceiptsRoot, 32)),
		rlpString(d.fixed("logsBloom", h.LogsBloom, 256)),
		rlpString(d.quantity("difficulty", h.Difficulty)),
		rlpString(d.quantity("number", h.Number)),
		rlpString(d.quantity("gasLimit", h.GasLimit)),
		rlpString(d.quantity("gasUsed", h.GasUsed)),
		rlpString(d.quantity("timestamp", h.Timestamp)),
		rlpString(d.data("extraData", h.ExtraData)),
		rlpString(d.fixed("mixHash", h.MixHash, 32)),
		rlpString(d.fixed("nonce", h.Nonce, 8)), // the PoW nonce is 8 bytes, not an integer
	}
	optional := []struct {
		name  string
		value *string
		size  int // 0: quantity
	}{
		{"baseFeePerGas", h.BaseFeePerGas, 0},
		{"withdrawalsRoot", h.WithdrawalsRoot, 32},
		{"blobGasUsed", h.BlobGasUsed, 0},
		{"excessBlobGas", h.ExcessBlobGas, 0},
		{"parentBeaconBlockRoot", h.ParentBeaconBlockRoot, 32},
		{"requestsHash", h.RequestsHash, 32},
	}
	missing := ""
	for _, o := range optional {
		switch {
		case o.value == nil:
			if missing == "" {
				missing = o.name
			}
		case missing != "":
			return nil, fmt.Errorf("header has %s without %s", o.name, missing)
		case o.size == 0:
			fields = append(fields, rlpString(d.quantity(o.name, *o.value)))
		default:
			fields = append(fields, rlpString(d.fixed(o.name, *o.value, o.size)))
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return rlpList(fields...), nil
}

// roots returns the header's transactions, receipts and (if present) withdrawals roots.
func (h *headerJSON) roots() (tx, rc interop.Hash, wd *interop.Hash, err error) {
	var d hexDecoder
	tx = d.hash("transactionsRoot", h.TransactionsRoot)
	rc = d.hash("receiptsRoot", h.ReceiptsRoot)
	if h.WithdrawalsRoot != nil {
		w := d.hash("withdrawalsRoot", *h.WithdrawalsRoot)
		wd = &w
	}
	return tx, rc, wd, d.err
}

// blockJSON is an eth_getBlockByNumber/ByHash result: header fields, then transactions as
// hashes or full objects, and withdrawals after Shanghai.
type blockJSON struct {
	headerJSON
	Transactions []json.RawMessage `json:"transactions"`
	Withdrawals  *[]withdrawalJSON `json:"withdrawals"`
}

// fullTxs returns the full transaction objects, or ok false when the block lists hashes.
func (b *blockJSON) fullTxs() (txs []txJSON, ok bool, err error) {
	txs = make([]txJSON, len(b.Transactions))
	for i, raw := range b.Transactions {
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '"' {
			return nil, false, nil
		}
		if err := json.Unmarshal(raw, &txs[i]); err != nil {
			return nil, false, fmt.Errorf("tx %d: %w", i, err)
		}
	}
	return txs, true, nil
}

// txHashes returns the hashes the block lists, from hash strings or full objects.
func (b *blockJSON) txHashes() ([]interop.Hash, error) {
	out := make([]interop.Hash, len(b.Transactions))
	for i, raw := range b.Transactions {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			var tx struct {
				Hash string `json:"hash"`
			}
			if err := json.Unmarshal(raw, &tx); err != nil {
				return nil, fmt.Errorf("tx %d: %w", i, err)
			}
			s = tx.Hash
		}
		var d hexDecoder
		out[i] = d.hash("hash", s)
		if d.err != nil {
			return nil, fmt.Errorf("tx %d: %w", i, d.err)
		}
	}
	return out, nil
}

type withdrawalJSON struct {
	Index          string `json:"index"`
	ValidatorIndex string `json:"validatorIndex"`
	Address        string `json:"address"`
	Amount         string `json:"amount"`
}

// encode returns RLP([index, validatorIndex, address, amount]) (EIP-4895).
func (w *withdrawalJSON) encode() ([]byte, error) {
	var d hexDecoder
	enc := rlpList(
		rlpString(d.quantity("index", w.Index)),
		rlpString(d.quantity("validatorIndex", w.ValidatorIndex)),
		rlpString(d.fixed("address", w.Address, 20)),
		rlpString(d.quantity("amount", w.Amount)),
	)
	return enc, d.err
}

type accessTupleJSON struct {
	Address     string   `json:"address"`
	StorageKeys []string `json:"storageKeys"`
}

type authorizationJSON struct {
	ChainID string `json:"chainId"`
	Address string `json:"address"`
	Nonce   string `json:"nonce"`
	YParity string `json:"yParity"`
	R       string `json:"r"`
	S       string `json:"s"`
}

// txJSON is a full transaction object of eth_getBlockByNumber(n, true).
type txJSON struct {
	Type                 string              `json:"type"`
	ChainID              string              `json:"chainId"`
	Nonce                string              `json:"nonce"`
	Gas                  string              `json:"gas"`
	GasPrice             string              `json:"gasPrice"`
	MaxFeePerGas         string              `json:"maxFeePerGas"`
	MaxPriorityFeePerGas string              `json:"maxPriorityFeePerGas"`
	MaxFeePerBlobGas     string              `json:"maxFeePerBlobGas"`
	BlobVersionedHashes  []string            `json:"blobVersionedHashes"`
	AuthorizationList    []authorizationJSON `json:"authorizationList"`
	AccessList           []accessTupleJSON   `json:"accessList"`
	To                   *string             `json:"to"`
	Value                string              `json:"value"`
	Input                string              `json:"input"`
	V                    string              `json:"v"`
	R                    string              `json:"r"`
	S                    string              `json:"s"`
	YParity              string              `json:"yParity"`
	Hash                 string              `json:"hash"`
	TransactionIndex     string              `json:"transactionIndex"`
}

// encode returns the transaction's EIP-2718 consensus encoding: the legacy RLP list, or the
// type byte followed by RLP(payload). It also returns the type.
func (tx *txJSON) encode() ([]byte, uint64, error) {
	var d hexDecoder
	typ := uint64(0)
	if tx.Type != "" {
		typ = d.uint64("type", tx.Type)
	}
	q := func(field, s string) []byte { return rlpString(d.quantity(field, s)) }
	to := rlpString(nil) // contract creation
	if tx.To != nil {
		to = rlpString(d.fixed("to", *tx.To, 20))
	} else if typ == 3 || typ == 4 {
		// EIP-4844 and EIP-7702 transactions cannot create contracts.
		d.fail("type %d transaction without to", typ)
	}
	input := rlpString(d.data("input", tx.Input))
	// Typed transactions sign with a y parity; nodes also echo it as v, and both must agree.
	parity := func() []byte {
		switch {
		case tx.YParity == "":
			return q("v", tx.V)
		case tx.V != "" && !bytes.Equal(d.quantity("v", tx.V), d.quantity("yParity", tx.YParity)):
			d.fail("v %s differs from yParity %s", tx.V, tx.YParity)
		}
		return q("yParity", tx.YParity)
	}
	accessList := func() []byte {
		tuples := make([][]byte, len(tx.AccessList))
		for i, at := range tx.AccessList {
			keys := make([][]byte, len(at.StorageKeys))
			for j, k := range at.StorageKeys {
				keys[j] = rlpString(d.fixed("storageKey", k, 32))
			}
			tuples[i] = rlpList(rlpString(d.fixed("accessList.address", at.Address, 20)), rlpList(keys...))
		}
		return rlpList(tuples...)
	}
	var enc []byte
	switch typ {
	case 0:
		enc = rlpList(q("nonce", tx.Nonce), q("gasPrice", tx.GasPrice), q("gas", tx.Gas), to,
			q("value", tx.Value), input, q("v", tx.V), q("r", tx.R), q("s", tx.S))
	case 1: // EIP-2930
		enc = append([]byte{1}, rlpList(q("chainId", tx.ChainID), q("nonce", tx.Nonce),
			q("gasPrice", tx.GasPrice), q("gas", tx.Gas), to, q("value", tx.Value), input,
			accessList(), parity(), q("r", tx.R), q("s", tx.S))...)
	case 2: // EIP-1559
		enc = append([]byte{2}, rlpList(q("chainId", tx.ChainID), q("nonce", tx.Nonce),
			q("maxPriorityFeePerGas", tx.MaxPriorityFeePerGas), q("maxFeePerGas", tx.MaxFeePerGas),
			q("gas", tx.Gas), to, q("value", tx.Value), input, accessList(), parity(),
			q("r", tx.R), q("s", tx.S))...)
	case 3: // EIP-4844, the network-less form the block commits to
		hashes := make([][]byte, len(tx.BlobVersionedHashes))
		for i, h := range tx.BlobVersionedHashes {
			hashes[i] = rlpString(d.fixed("blobVersionedHash", h, 32))
		}
		enc = append([]byte{3}, rlpList(q("chainId", tx.ChainID), q("nonce", tx.Nonce),
			q("maxPriorityFeePerGas", tx.MaxPriorityFeePerGas), q("maxFeePerGas", tx.MaxFeePerGas),
			q("gas", tx.Gas), to, q("value", tx.Value), input, accessList(),
			q("maxFeePerBlobGas", tx.MaxFeePerBlobGas), rlpList(hashes...), parity(),
			q("r", tx.R), q("s", tx.S))...)
	case 4: // EIP-7702
		auths := make([][]byte, len(tx.AuthorizationList))
		for i, a := range tx.AuthorizationList {
			auths[i] = rlpList(q("auth.chainId", a.ChainID), rlpString(d.fixed("auth.address", a.Address, 20)),
				q("auth.nonce", a.Nonce), q("auth.yParity", a.YParity), q("auth.r", a.R), q("auth.s", a.S))
		}
		enc = append([]byte{4}, rlpList(q("chainId", tx.ChainID), q("nonce", tx.Nonce),
			q("maxPriorityFeePerGas", tx.MaxPriorityFeePerGas), q("maxFeePerGas", tx.MaxFeePerGas),
			q("gas", tx.Gas), to, q("value", tx.Value), input, accessList(), rlpList(auths...),
			parity(), q("r", tx.R), q("s", tx.S))...)
	default:
		return nil, typ, fmt.Errorf("transaction type %#x not known to this test", typ)
	}
	return enc, typ, d.err
}

type logJSON struct {
	Address string   `json:"address"`
	Topics  []string `json:"topics"`
	Data    string   `json:"data"`
}

// receiptJSON is an eth_getTransactionReceipt result (or an element of eth_getBlockReceipts).
type receiptJSON struct {
	Type              string    `json:"type"`
	Status            string    `json:"status"`
	Root              string    `json:"root"` // pre-Byzantium post-state root
	CumulativeGasUsed string    `json:"cumulativeGasUsed"`
	LogsBloom         string    `json:"logsBloom"`
	Logs              []logJSON `json:"logs"`
	TransactionIndex  string    `json:"transactionIndex"`
	TransactionHash   string    `json:"transactionHash"`
	BlockHash         string    `json:"blockHash"`
}

// receipt converts the consensus fields to an mpt.Receipt.
func (rj *receiptJSON) receipt() (mpt.Receipt, error) {
	var d hexDecoder
	var r mpt.Receipt
	if rj.Type != "" {
		t := d.uint64("type", rj.Type)
		if t >= 0x80 {
			d.fail("type %#x", t)
		}
		r.Type = uint8(t)
	}
	switch {
	case rj.Root != "" && rj.Status == "":
		root := d.hash("root", rj.Root)
		r.PostState = &root
	case rj.Status != "":
		r.Status = d.uint64("status", rj.Status)
		if r.Status > 1 {
			d.fail("status %d", r.Status)
		}
	default:
		d.fail("receipt with neither status nor root")
	}
	r.CumulativeGasUsed = d.uint64("cumulativeGasUsed", rj.CumulativeGasUsed)
	copy(r.Bloom[:], d.fixed("logsBloom", rj.LogsBloom, 256))
	if rj.Logs == nil {
		d.fail("receipt without logs field")
	}
	r.Logs = make([]mpt.Log, len(rj.Logs))
	for i, l := range rj.Logs {
		copy(r.Logs[i].Address[:], d.fixed("log.address", l.Address, 20))
		for _, t := range l.Topics {
			r.Logs[i].Topics = append(r.Logs[i].Topics, d.hash("log.topic", t))
		}
		r.Logs[i].Data = d.data("log.data", l.Data)
	}
	return r, d.err
}

// encode is this file's own receipt encoding, to compare byte for byte with EncodeRLP.
func (rj *receiptJSON) encode() ([]byte, error) {
	var d hexDecoder
	var status []byte
	if rj.Status == "" {
		status = d.fixed("root", rj.Root, 32)
	} else {
		status = d.quantity("status", rj.Status)
	}
	logs := make([][]byte, len(rj.Logs))
	for i, l := range rj.Logs {
		topics := make([][]byte, len(l.Topics))
		for j, t := range l.Topics {
			topics[j] = rlpString(d.fixed("topic", t, 32))
		}
		logs[i] = rlpList(rlpString(d.fixed("address", l.Address, 20)), rlpList(topics...), rlpString(d.data("data", l.Data)))
	}
	enc := rlpList(rlpString(status), rlpString(d.quantity("cumulativeGasUsed", rj.CumulativeGasUsed)),
		rlpString(d.fixed("logsBloom", rj.LogsBloom, 256)), rlpList(logs...))
	if rj.Type != "" {
		if t := d.uint64("type", rj.Type); t != 0 {
			enc = append([]byte{byte(t)}, enc...)
		}
	}
	return enc, d.err
}

// receiptDiff names the first field in which a and b differ, or returns "".
func receiptDiff(a, b *mpt.Receipt) string {
	switch {
	case a.Type != b.Type:
		return fmt.Sprintf("type %d vs %d", a.Type, b.Type)
	case (a.PostState == nil) != (b.PostState == nil):
		return "post-state presence"
	case a.PostState != nil && *a.PostState != *b.PostState:
		return fmt.Sprintf("post-state %s vs %s", a.PostState, b.PostState)
	case a.PostState == nil && a.Status != b.Status:
		return fmt.Sprintf("status %d vs %d", a.Status, b.Status)
	case a.CumulativeGasUsed != b.CumulativeGasUsed:
		return fmt.Sprintf("cumulative gas %d vs %d", a.CumulativeGasUsed, b.CumulativeGasUsed)
	case a.Bloom != b.Bloom:
		return "bloom"
	case len(a.Logs) != len(b.Logs):
		return fmt.Sprintf("%d vs %d logs", len(a.Logs), len(b.Logs))
	}
	for i := range a.Logs {
		x, y := &a.Logs[i], &b.Logs[i]
		switch {
		case x.Address != y.Address:
			return fmt.Sprintf("log %d address %s vs %s", i, x.Address, y.Address)
		case len(x.Topics) != len(y.Topics):
			return fmt.Sprintf("log %d: %d vs %d topics", i, len(x.Topics), len(y.Topics))
		case !bytes.Equal(x.Data, y.Data):
			return fmt.Sprintf("log %d data %x vs %x", i, x.Data, y.Data)
		}
		for j := range x.Topics {
			if x.Topics[j] != y.Topics[j] {
				return fmt.Sprintf("log %d topic %d %s vs %s", i, j, x.Topics[j], y.Topics[j])
			}
		}
	}
	return ""
}

// ioResults returns the "result" of every "<<" response line of an execution-apis .io file
// (lines "// comment", ">> request", "<< response").
func ioResults(t *testing.T, path string) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(vectors.Read(t, path)))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "<<") {
			continue
		}
		var resp struct {
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal([]byte(line[2:]), &resp); err != nil {
			t.Fatalf("%s: response: %v", filepath.Base(path), err)
		}
		if len(resp.Result) > 0 {
			out = append(out, resp.Result)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return out
}

// namedBlock is a block JSON object with where it came from.
type namedBlock struct {
	name string
	blk  *blockJSON
}

// namedReceipts is an eth_getBlockReceipts result with where it came from.
type namedReceipts struct {
	name     string
	receipts []receiptJSON
}

// blockSources holds every block and receipts list in the JSON vectors of the area:
// *.block*.json files, *.receipts.json arrays, and the responses inside *.io files.
type blockSources struct {
	blocks   []namedBlock
	receipts []namedReceipts
}

// matching filters paths to those whose base name matches pattern.
func matching(paths []string, pattern string) []string {
	var out []string
	for _, p := range paths {
		if ok, _ := filepath.Match(pattern, filepath.Base(p)); ok {
			out = append(out, p)
		}
	}
	return out
}

func loadBlockSources(t *testing.T) *blockSources {
	t.Helper()
	all := vectors.Files(t, "mpt", "*")
	var s blockSources
	for _, path := range matching(all, "*.block*.json") {
		var b blockJSON
		if err := json.Unmarshal(vectors.Read(t, path), &b); err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		s.blocks = append(s.blocks, namedBlock{filepath.Base(path), &b})
	}
	for _, path := range matching(all, "*.receipts.json") {
		var rs []receiptJSON
		if err := json.Unmarshal(vectors.Read(t, path), &rs); err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		s.receipts = append(s.receipts, namedReceipts{filepath.Base(path), rs})
	}
	for _, path := range matching(all, "*.io") {
		for i, res := range ioResults(t, path) {
			name := fmt.Sprintf("%s#%d", filepath.Base(path), i)
			switch res[0] {
			case '{':
				var b blockJSON
				if json.Unmarshal(res, &b) == nil && b.TransactionsRoot != "" && b.Hash != "" {
					s.blocks = append(s.blocks, namedBlock{name, &b})
				}
			case '[':
				var rs []receiptJSON
				if json.Unmarshal(res, &rs) == nil && len(rs) > 0 && rs[0].CumulativeGasUsed != "" {
					s.receipts = append(s.receipts, namedReceipts{name, rs})
				}
			}
		}
	}
	return &s
}

// chainBlock is one block of an RLP chain file.
type chainBlock struct {
	header      []byte   // RLP(header)
	fields      [][]byte // header field payloads, in order
	hash        interop.Hash
	txs         [][]byte // EIP-2718 encodings
	txTypes     []byte
	withdrawals [][]byte // RLP of each withdrawal; nil without a withdrawals list
	hasWds      bool
}

// splitItem splits off the first RLP item of b and returns it whole (header included).
func splitItem(b []byte) (k rlp.Kind, raw, content, rest []byte, err error) {
	k, content, rest, err = rlp.Split(b)
	if err != nil {
		return 0, nil, nil, b, err
	}
	return k, b[:len(b)-len(rest)], content, rest, nil
}

// parseChain splits concatenated RLP blocks, RLP([header, [tx...], [uncle...], [withdrawal...]?]).
// In a block body a legacy transaction is its RLP list and a typed transaction is an RLP
// string holding type || payload (EIP-2718).
func parseChain(b []byte) ([]chainBlock, error) {
	var out []chainBlock
	for n := 0; len(b) > 0; n++ {
		content, rest, err := rlp.SplitList(b)
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", n, err)
		}
		b = rest
		var cb chainBlock
		k, raw, hcontent, content, err := splitItem(content)
		if err != nil || k != rlp.List {
			return nil, fmt.Errorf("block %d header: %v (kind %v)", n, err, k)
		}
		cb.header, cb.hash = raw, mpt.Keccak256(raw)
		for len(hcontent) > 0 {
			var f []byte
			if f, hcontent, err = rlp.SplitString(hcontent); err != nil {
				return nil, fmt.Errorf("block %d header field %d: %w", n, len(cb.fields), err)
			}
			cb.fields = append(cb.fields, f)
		}
		txs, content, err := rlp.SplitList(content)
		if err != nil {
			return nil, fmt.Errorf("block %d txs: %w", n, err)
		}
		for len(txs) > 0 {
			var k rlp.Kind
			var raw, payload []byte
			if k, raw, payload, txs, err = splitItem(txs); err != nil {
				return nil, fmt.Errorf("block %d tx %d: %w", n, len(cb.txs), err)
			}
			if k == rlp.List {
				cb.txs, cb.txTypes = append(cb.txs, raw), append(cb.txTypes, 0)
				continue
			}
			if len(payload) < 2 || payload[0] >= 0x80 {
				return nil, fmt.Errorf("block %d tx %d: not a typed envelope: %x", n, len(cb.txs), payload)
			}
			if _, after, err := rlp.SplitList(payload[1:]); err != nil || len(after) != 0 {
				return nil, fmt.Errorf("block %d tx %d: typed payload is not one list: %v", n, len(cb.txs), err)
			}
			cb.txs, cb.txTypes = append(cb.txs, payload), append(cb.txTypes, payload[0])
		}
		if _, content, err = rlp.SplitList(content); err != nil {
			return nil, fmt.Errorf("block %d uncles: %w", n, err)
		}
		if len(content) > 0 {
			wds, after, err := rlp.SplitList(content)
			if err != nil {
				return nil, fmt.Errorf("block %d withdrawals: %w", n, err)
			}
			cb.hasWds = true
			cb.withdrawals = [][]byte{}
			for len(wds) > 0 {
				var raw []byte
				if _, raw, _, wds, err = splitItem(wds); err != nil {
					return nil, fmt.Errorf("block %d withdrawal %d: %w", n, len(cb.withdrawals), err)
				}
				cb.withdrawals = append(cb.withdrawals, raw)
			}
			if len(after) != 0 {
				return nil, fmt.Errorf("block %d: %d bytes after the withdrawals", n, len(after))
			}
		}
		out = append(out, cb)
	}
	return out, nil
}

// Header field positions (Yellow Paper 4.3, then EIP-1559 and EIP-4895 appended).
const (
	hdrParentHash       = 0
	hdrTransactionsRoot = 4
	hdrReceiptsRoot     = 5
	hdrWithdrawalsRoot  = 16
)

func loadChains(t *testing.T) map[string][]chainBlock {
	t.Helper()
	out := map[string][]chainBlock{}
	for _, path := range matching(vectors.Files(t, "mpt", "*"), "*.chain.rlp") {
		blocks, err := parseChain(vectors.Read(t, path))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		out[filepath.Base(path)] = blocks
	}
	return out
}

// mptSentinels are the errors a failed verification may wrap.
var mptSentinels = []error{mpt.ErrInvalidProof, mpt.ErrMissingNode, mpt.ErrInvalidNode, mpt.ErrInvalidReceipt, mpt.ErrNotFound}
