package mpt_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/mpt"
)

// Conformance of the transaction, withdrawal and receipt tries against real blocks
// (vectors/mpt/blocks, README section 4). Every root is anchored in a header whose hash is
// recomputed from its fields, so a root that only agrees with itself cannot pass.

// skipIfNone skips (or, with INTEROP_VECTORS_REQUIRED=1, fails) a test with no inputs.
func skipIfNone(t *testing.T, n int, what string) {
	t.Helper()
	if n > 0 {
		return
	}
	if vectors.Required() {
		t.Fatalf("no %s in the mpt vectors (INTEROP_VECTORS_REQUIRED=1)", what)
	}
	t.Skipf("no %s in the mpt vectors", what)
}

// headerInfo is what a receipt list or proof needs from the block that commits to it.
type headerInfo struct {
	source       string
	txRoot       interop.Hash
	receiptsRoot interop.Hash
	txHashes     []interop.Hash // nil when the source lists none
}

// headerIndex maps each block hash, recomputed from the header itself, to its roots: from
// the JSON blocks and from every RLP chain.
func headerIndex(t *testing.T, src *blockSources, chains map[string][]chainBlock) map[interop.Hash]*headerInfo {
	t.Helper()
	idx := map[interop.Hash]*headerInfo{}
	for _, nb := range src.blocks {
		enc, err := nb.blk.encode()
		if err != nil {
			continue // TestConformanceTransactionsRoot reports it
		}
		txRoot, rcRoot, _, err := nb.blk.roots()
		if err != nil {
			continue
		}
		hashes, err := nb.blk.txHashes()
		if err != nil {
			continue
		}
		idx[mpt.Keccak256(enc)] = &headerInfo{nb.name, txRoot, rcRoot, hashes}
	}
	for name, blocks := range chains {
		for i, cb := range blocks {
			if len(cb.fields) <= hdrReceiptsRoot {
				continue
			}
			hi := &headerInfo{source: fmt.Sprintf("%s block %d", name, i)}
			copy(hi.txRoot[:], cb.fields[hdrTransactionsRoot])
			copy(hi.receiptsRoot[:], cb.fields[hdrReceiptsRoot])
			for _, tx := range cb.txs {
				hi.txHashes = append(hi.txHashes, mpt.Keccak256(tx))
			}
			idx[cb.hash] = hi
		}
	}
	return idx
}

// TestConformanceTransactionsRoot rebuilds every transaction of every full-transaction block
// JSON (files and .io responses) from its fields, checks its hash, and checks the derived
// transactionsRoot and withdrawalsRoot against the header, whose own hash is recomputed.
func TestConformanceTransactionsRoot(t *testing.T) {
	src := loadBlockSources(t)
	fulltx := matching(vectors.Files(t, "mpt", "*"), "*.block-fulltx.json")
	skipIfNone(t, len(src.blocks), "block JSON")
	full := map[string]bool{}
	for _, p := range fulltx {
		full[filepath.Base(p)] = true
	}
	var headers, blocks, txs, wdRoots, wds int
	types := map[uint64]int{}
	for _, nb := range src.blocks {
		name, blk := nb.name, nb.blk
		// The header hash binds every root below to the chain.
		enc, err := blk.encode()
		if err != nil {
			t.Errorf("%s: header: %v", name, err)
			continue
		}
		var d hexDecoder
		if want := d.hash("hash", blk.Hash); d.err != nil || mpt.Keccak256(enc) != want {
			t.Errorf("%s: header hash %s, want %s (%v)", name, mpt.Keccak256(enc), blk.Hash, d.err)
			continue
		}
		headers++
		txRoot, _, wdRoot, err := blk.roots()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}

		list, ok, err := blk.fullTxs()
		switch {
		case err != nil:
			t.Errorf("%s: %v", name, err)
			continue
		case !ok && full[name]:
			t.Errorf("%s: transactions are hashes, not full objects", name)
			continue
		case !ok:
			continue // hashes only: the header hash is all there is to check
		}
		encs := make([][]byte, len(list))
		bad := false
		for i := range list {
			tx := &list[i]
			enc, typ, err := tx.encode()
			if err != nil {
				t.Errorf("%s: tx %d: %v", name, i, err)
				bad = true
				continue
			}
			if h := mpt.Keccak256(enc); h.String() != strings.ToLower(tx.Hash) {
				t.Errorf("%s: tx %d (type %d): hash %s, want %s", name, i, typ, h, tx.Hash)
				bad = true
			}
			if tx.TransactionIndex != "" {
				if pos := d.uint64("transactionIndex", tx.TransactionIndex); pos != uint64(i) {
					t.Errorf("%s: tx %d has transactionIndex %d", name, i, pos)
				}
			}
			encs[i] = enc
			types[typ]++
		}
		if d.err != nil {
			t.Errorf("%s: %v", name, d.err)
			continue
		}
		if bad {
			continue
		}
		txs += len(list)
		blocks++
		if got := mpt.DeriveRoot(encs); got != txRoot {
			t.Errorf("%s: transactionsRoot %s, want %s", name, got, txRoot)
		}
		if len(encs) >= 2 {
			// Order is part of the commitment: swapping two transactions must change the root.
			swapped := slices.Clone(encs)
			swapped[0], swapped[1] = swapped[1], swapped[0]
			if mpt.DeriveRoot(swapped) == txRoot {
				t.Errorf("%s: root unchanged with transactions 0 and 1 swapped", name)
			}
		}

		if blk.Withdrawals == nil {
			continue
		}
		if wdRoot == nil {
			t.Errorf("%s: withdrawals without withdrawalsRoot", name)
			continue
		}
		wencs := make([][]byte, len(*blk.Withdrawals))
		for i := range *blk.Withdrawals {
			if wencs[i], err = (*blk.Withdrawals)[i].encode(); err != nil {
				t.Errorf("%s: withdrawal %d: %v", name, i, err)
			}
		}
		if got := mpt.DeriveRoot(wencs); got != *wdRoot {
			t.Errorf("%s: withdrawalsRoot %s, want %s", name, got, *wdRoot)
		}
		wdRoots++
		wds += len(wencs)
	}
	for name := range full {
		found := false
		for _, nb := range src.blocks {
			found = found || nb.name == name
		}
		if !found {
			t.Errorf("%s: not loaded", name)
		}
	}
	t.Logf("%d header hashes, %d transactionsRoots over %d txs (by type %v), %d withdrawalsRoots over %d withdrawals",
		headers, blocks, txs, types, wdRoots, wds)
}

// TestConformanceReceiptsRoot rebuilds every receipt of every eth_getBlockReceipts result
// (files and .io responses), checks EncodeRLP against an independent encoding and
// DecodeReceipt against the JSON, and checks the derived root against the receiptsRoot of
// the block with the receipts' blockHash (found among the JSON blocks and RLP chains).
func TestConformanceReceiptsRoot(t *testing.T) {
	src := loadBlockSources(t)
	skipIfNone(t, len(src.receipts), "receipt lists")
	headers := headerIndex(t, src, loadChains(t))
	var lists, receipts, logs int
	for _, nr := range src.receipts {
		name := nr.name
		if len(nr.receipts) == 0 {
			t.Errorf("%s: no receipts", name)
			continue
		}
		var d hexDecoder
		blockHash := d.hash("blockHash", nr.receipts[0].BlockHash)
		hi := headers[blockHash]
		if d.err != nil || hi == nil {
			t.Errorf("%s: no header for block %s among the vectors (%v)", name, nr.receipts[0].BlockHash, d.err)
			continue
		}
		if hi.txHashes != nil && len(hi.txHashes) != len(nr.receipts) {
			t.Errorf("%s: %d receipts for %d transactions in %s", name, len(nr.receipts), len(hi.txHashes), hi.source)
		}
		encs := make([][]byte, len(nr.receipts))
		for i := range nr.receipts {
			rj := &nr.receipts[i]
			if h := d.hash("blockHash", rj.BlockHash); h != blockHash {
				t.Errorf("%s: receipt %d is of block %s", name, i, rj.BlockHash)
			}
			if pos := d.uint64("transactionIndex", rj.TransactionIndex); pos != uint64(i) {
				t.Errorf("%s: receipt %d has transactionIndex %d", name, i, pos)
			}
			if hi.txHashes != nil && i < len(hi.txHashes) && d.hash("transactionHash", rj.TransactionHash) != hi.txHashes[i] {
				t.Errorf("%s: receipt %d is of tx %s, block has %s", name, i, rj.TransactionHash, hi.txHashes[i])
			}
			if d.err != nil {
				t.Errorf("%s: receipt %d: %v", name, i, d.err)
				d.err = nil
			}
			r, err := rj.receipt()
			if err != nil {
				t.Errorf("%s: receipt %d: %v", name, i, err)
				continue
			}
			encs[i] = r.EncodeRLP(nil)
			if want, err := rj.encode(); err != nil || !bytes.Equal(encs[i], want) {
				t.Errorf("%s: receipt %d: EncodeRLP\n %x\nwant\n %x (%v)", name, i, encs[i], want, err)
			}
			// EncodeRLP appends: a prefix in dst must survive untouched.
			if pre := r.EncodeRLP([]byte{0xee}); pre[0] != 0xee || !bytes.Equal(pre[1:], encs[i]) {
				t.Errorf("%s: receipt %d: EncodeRLP does not append to dst", name, i)
			}
			back, err := mpt.DecodeReceipt(encs[i])
			if err != nil {
				t.Errorf("%s: receipt %d: DecodeReceipt: %v", name, i, err)
			} else if diff := receiptDiff(&back, &r); diff != "" {
				t.Errorf("%s: receipt %d: round trip differs in %s", name, i, diff)
			}
			if ok := r.Succeeded(); ok != (rj.Status == "0x1") {
				t.Errorf("%s: receipt %d: Succeeded() = %v with status %q", name, i, ok, rj.Status)
			}
			logs += len(r.Logs)
		}
		receipts += len(encs)
		lists++
		if got := mpt.DeriveRoot(encs); got != hi.receiptsRoot {
			t.Errorf("%s: receiptsRoot %s, want %s (%s)", name, got, hi.receiptsRoot, hi.source)
		}
		if len(encs) >= 1 && mpt.DeriveRoot(encs[:len(encs)-1]) == hi.receiptsRoot {
			t.Errorf("%s: root unchanged without the last receipt", name)
		}
	}
	t.Logf("%d receipt lists, %d receipts, %d logs", lists, receipts, logs)
}

// decodeNodeList splits an RLP list of proof nodes into each node's encoding.
func decodeNodeList(b []byte) ([][]byte, error) {
	content, rest, err := rlp.SplitList(b)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%d bytes after the node list", len(rest))
	}
	var nodes [][]byte
	for len(content) > 0 {
		var raw []byte
		if _, raw, _, content, err = splitItem(content); err != nil {
			return nil, fmt.Errorf("node %d: %w", len(nodes), err)
		}
		nodes = append(nodes, raw)
	}
	return nodes, nil
}

func isSentinel(err error) bool {
	for _, s := range mptSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// checkReceiptProofMutations checks that a valid receipt proof stops verifying when any
// byte of any node flips, when the index, root or node set is wrong. It returns the number
// of mutations tried.
func checkReceiptProofMutations(t *testing.T, name string, root interop.Hash, index uint64, proof [][]byte) int {
	t.Helper()
	n := 0
	for i := range proof {
		for j := range proof[i] {
			bad := slices.Clone(proof)
			bad[i] = slices.Clone(proof[i])
			bad[i][j] ^= 0x01
			n++
			if _, err := mpt.VerifyReceipt(root, index, bad); !isSentinel(err) {
				t.Errorf("%s: node %d byte %d flipped: err %v", name, i, j, err)
			}
		}
	}
	for _, w := range []uint64{index + 1, index ^ 1, index - 1, index + 0x80, 1 << 40} {
		if w == index {
			continue
		}
		n++
		_, err := mpt.VerifyReceipt(root, w, proof)
		if err == nil || !(errors.Is(err, mpt.ErrNotFound) || errors.Is(err, mpt.ErrMissingNode)) {
			t.Errorf("%s: proof of %d verified for index %d: err %v", name, index, w, err)
		}
	}
	wrongRoot := root
	wrongRoot[0] ^= 0x80
	checks := []struct {
		what  string
		root  interop.Hash
		proof [][]byte
	}{
		{"wrong root", wrongRoot, proof},
		{"last node dropped", root, proof[:len(proof)-1]},
		{"no nodes", root, nil},
		{"empty-trie root", mpt.EmptyRoot, proof},
	}
	for _, c := range checks {
		n++
		if _, err := mpt.VerifyReceipt(c.root, index, c.proof); !isSentinel(err) {
			t.Errorf("%s: %s: err %v", name, c.what, err)
		}
	}
	return n
}

// TestConformanceReceiptProofs verifies receipt inclusion proofs: {receipt, receiptProof}
// files against the receiptsRoot of the block with the receipt's blockHash, and files of
// {txHash: {root, proof (RLP list of nodes), key (RLP index)}}. Every proof is also mutated.
func TestConformanceReceiptProofs(t *testing.T) {
	all := vectors.Files(t, "mpt", "*")
	withReceipt := matching(all, "*receipt-proof*.json")
	nodeLists := matching(all, "*receiptProofs*.json")
	skipIfNone(t, len(withReceipt)+len(nodeLists), "receipt proofs")
	var headers map[interop.Hash]*headerInfo
	if len(withReceipt) > 0 {
		headers = headerIndex(t, loadBlockSources(t), loadChains(t))
	}
	proofs, mutations := 0, 0
	for _, path := range withReceipt {
		name := filepath.Base(path)
		var f struct {
			Receipt      receiptJSON     `json:"receipt"`
			ReceiptProof []interop.Bytes `json:"receiptProof"`
		}
		if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var d hexDecoder
		hi := headers[d.hash("blockHash", f.Receipt.BlockHash)]
		index := d.uint64("transactionIndex", f.Receipt.TransactionIndex)
		if d.err != nil || hi == nil || len(f.ReceiptProof) == 0 {
			t.Errorf("%s: block %s not among the vectors, or no proof (%v)", name, f.Receipt.BlockHash, d.err)
			continue
		}
		want, err := f.Receipt.receipt()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		proof := make([][]byte, len(f.ReceiptProof))
		for i, n := range f.ReceiptProof {
			proof[i] = n
		}
		got, err := mpt.VerifyReceipt(hi.receiptsRoot, index, proof)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := receiptDiff(&got, &want); diff != "" {
			t.Errorf("%s: proven receipt differs from the JSON in %s", name, diff)
		}
		val, err := mpt.VerifyProof(hi.receiptsRoot, mpt.IndexKey(index), proof)
		if wantEnc, _ := f.Receipt.encode(); err != nil || !bytes.Equal(val, wantEnc) {
			t.Errorf("%s: proven value %x, want %x (%v)", name, val, wantEnc, err)
		}
		proofs++
		mutations += checkReceiptProofMutations(t, name, hi.receiptsRoot, index, proof)
	}
	for _, path := range nodeLists {
		name := filepath.Base(path)
		var f map[string]struct {
			Hash  string `json:"hash"`
			Root  string `json:"root"`
			Proof string `json:"proof"`
			Key   string `json:"key"`
		}
		if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f) == 0 {
			t.Errorf("%s: no proofs", name)
		}
		for tx, p := range f {
			name := name + "/" + tx
			var d hexDecoder
			root := d.hash("root", p.Root)
			rawProof := d.data("proof", p.Proof)
			key := d.data("key", p.Key)
			if d.err != nil {
				t.Errorf("%s: %v", name, d.err)
				continue
			}
			index, rest, err := rlp.SplitUint64(key)
			if err != nil || len(rest) != 0 {
				t.Errorf("%s: key %x is not RLP(index): %v", name, key, err)
				continue
			}
			if !bytes.Equal(mpt.IndexKey(index), key) {
				t.Errorf("%s: IndexKey(%d) = %x, want %x", name, index, mpt.IndexKey(index), key)
			}
			proof, err := decodeNodeList(rawProof)
			if err != nil || len(proof) == 0 {
				t.Errorf("%s: proof: %v", name, err)
				continue
			}
			got, err := mpt.VerifyReceipt(root, index, proof)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if len(got.Logs) == 0 || got.CumulativeGasUsed == 0 {
				t.Errorf("%s: proven receipt has %d logs, cumulative gas %d", name, len(got.Logs), got.CumulativeGasUsed)
			}
			val, err := mpt.VerifyProof(root, key, proof)
			if err != nil || !bytes.Equal(got.EncodeRLP(nil), val) {
				t.Errorf("%s: decoded receipt does not re-encode to the proven value (%v)", name, err)
			}
			proofs++
			mutations += checkReceiptProofMutations(t, name, root, index, proof)
		}
	}
	t.Logf("%d receipt proofs verified, %d mutations rejected", proofs, mutations)
}

// TestConformanceChainRLP splits every RLP chain file into blocks and checks, per block, the
// transactions and withdrawals roots against the header, the parent-hash links, and
// transaction proofs made with Trie. Blocks also present as JSON must encode the same
// transactions byte for byte.
func TestConformanceChainRLP(t *testing.T) {
	files := vectors.Files(t, "mpt", "*.chain.rlp")
	chains := loadChains(t)
	if len(chains) != len(files) {
		t.Fatalf("%d chain files, %d parsed", len(files), len(chains))
	}
	jsonTxs := map[interop.Hash][][]byte{} // block hash → encodings rebuilt from JSON
	for _, nb := range loadBlockSources(t).blocks {
		list, ok, err := nb.blk.fullTxs()
		if !ok || err != nil {
			continue
		}
		var d hexDecoder
		h := d.hash("hash", nb.blk.Hash)
		encs := make([][]byte, len(list))
		for i := range list {
			if encs[i], _, err = list[i].encode(); err != nil {
				break
			}
		}
		if d.err == nil && err == nil {
			jsonTxs[h] = encs
		}
	}
	var blocks, txs, wdBlocks, wds, proofs, crossChecked int
	types := map[byte]int{}
	for name, chain := range chains {
		if len(chain) == 0 {
			t.Errorf("%s: no blocks", name)
		}
		for i, cb := range chain {
			where := fmt.Sprintf("%s block %d", name, i)
			if len(cb.fields) < 15 || len(cb.fields[hdrTransactionsRoot]) != 32 {
				t.Errorf("%s: header of %d fields", where, len(cb.fields))
				continue
			}
			if i > 0 && !bytes.Equal(cb.fields[hdrParentHash], chain[i-1].hash[:]) {
				t.Errorf("%s: parentHash %x, previous block is %s", where, cb.fields[hdrParentHash], chain[i-1].hash)
			}
			var txRoot interop.Hash
			copy(txRoot[:], cb.fields[hdrTransactionsRoot])
			if got := mpt.DeriveRoot(cb.txs); got != txRoot {
				t.Errorf("%s: transactionsRoot %s, want %s", where, got, txRoot)
			}
			blocks++
			txs += len(cb.txs)
			for _, ty := range cb.txTypes {
				types[ty]++
			}
			if encs, ok := jsonTxs[cb.hash]; ok {
				crossChecked++
				if len(encs) != len(cb.txs) {
					t.Errorf("%s: %d txs, JSON has %d", where, len(cb.txs), len(encs))
				}
				for j := range min(len(encs), len(cb.txs)) {
					if !bytes.Equal(encs[j], cb.txs[j]) {
						t.Errorf("%s: tx %d differs from its JSON encoding", where, j)
					}
				}
			}

			switch {
			case cb.hasWds && len(cb.fields) <= hdrWithdrawalsRoot:
				t.Errorf("%s: withdrawals in a header of %d fields", where, len(cb.fields))
			case cb.hasWds:
				var wdRoot interop.Hash
				copy(wdRoot[:], cb.fields[hdrWithdrawalsRoot])
				if got := mpt.DeriveRoot(cb.withdrawals); got != wdRoot {
					t.Errorf("%s: withdrawalsRoot %s, want %s", where, got, wdRoot)
				}
				wdBlocks++
				wds += len(cb.withdrawals)
			case len(cb.fields) > hdrWithdrawalsRoot:
				t.Errorf("%s: header commits to withdrawals, body has no list", where)
			}

			// Proofs made by Trie over the same pairs verify with VerifyTransaction.
			var tr mpt.Trie
			for j, tx := range cb.txs {
				tr.Update(mpt.IndexKey(uint64(j)), tx)
			}
			if tr.Root() != txRoot {
				t.Errorf("%s: Trie root %s, want %s", where, tr.Root(), txRoot)
				continue
			}
			n := uint64(len(cb.txs))
			for _, j := range slices.Compact([]uint64{0, n / 2, n - 1}) {
				if j >= n {
					continue
				}
				got, err := mpt.VerifyTransaction(txRoot, j, tr.Prove(mpt.IndexKey(j)))
				if err != nil || !bytes.Equal(got, cb.txs[j]) {
					t.Errorf("%s: VerifyTransaction(%d) = %x, %v", where, j, got, err)
				}
				proofs++
			}
			if _, err := mpt.VerifyTransaction(txRoot, n, tr.Prove(mpt.IndexKey(n))); !errors.Is(err, mpt.ErrNotFound) {
				t.Errorf("%s: absent tx %d: err %v, want ErrNotFound", where, n, err)
			}
		}
	}
	t.Logf("%d blocks, %d txs (by type %v), %d blocks with %d withdrawals, %d tx proofs, %d blocks cross-checked with JSON",
		blocks, txs, types, wdBlocks, wds, proofs, crossChecked)
}
