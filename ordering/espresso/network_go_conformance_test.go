package espresso

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
)

// networkGoDir holds real artefacts from EspressoSystems/espresso-network-go (MIT): headers
// with the commitments its tests assert, and a decaf block's header, VID common data and
// namespace proof as the query service served them (testdata/SOURCES.md).
var networkGoDir = filepath.Join("testdata", "espresso-network-go")

// networkGoFiles walks networkGoDir and returns every JSON file by base name.
func networkGoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(networkGoDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		b, err := os.ReadFile(p)
		out[d.Name()] = b
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("no fixtures under %s: %v", networkGoDir, err)
	}
	return out
}

// TestConformanceNetworkGoHeaders: every header whose commitment espresso-network-go's
// tests assert commits to it here; any one-byte change is refused with a named sentinel or
// commits to another value.
func TestConformanceNetworkGoHeaders(t *testing.T) {
	files := networkGoFiles(t)
	var exp struct {
		Headers map[string]interop.Hash `json:"headers"`
	}
	if err := json.Unmarshal(files["expected.json"], &exp); err != nil || len(exp.Headers) == 0 {
		t.Fatalf("expected.json: %v", err)
	}
	named := []error{ErrJSON, ErrNumber, ErrVersion, ErrTaggedBase64, ErrChecksum, ErrTag, ErrUnsupported}
	for name, want := range exp.Headers {
		raw, ok := files[name]
		if !ok {
			t.Fatalf("expected.json names %s, which is not there", name)
		}
		orig, err := DecodeHeaderJSON(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := orig.Commit(); got != want {
			t.Fatalf("%s: commits to %x, espresso-network-go asserts %x", name, got, want)
		}
		for i := range raw {
			b := bytes.Clone(raw)
			b[i] = tamperByte(b[i])
			h, err := DecodeHeaderJSON(b)
			if err != nil {
				if !isOneOf(err, named) {
					t.Fatalf("%s byte %d: unnamed error %v", name, i, err)
				}
				continue
			}
			if h.Commit() != want {
				continue
			}
			// The builder's signature is outside the commitment (see the package doc): a
			// change there alone keeps it; any other change must not.
			h.BuilderSignature = orig.BuilderSignature
			hj, _ := h.MarshalJSON()
			oj, _ := orig.MarshalJSON()
			if !bytes.Equal(hj, oj) {
				t.Fatalf("%s byte %d (%q→%q): a changed header keeps the commitment", name, i, raw[i], b[i])
			}
		}
	}
}

// TestConformanceNetworkGoDecafNamespace: a real decaf block (height 3207986): the header
// commits to the block hash the VID common response names, its payload commitment is the
// response's payload hash, and the served namespace proof proves the namespace's
// transactions complete under the network's AVID-M parameter (1100 weights, threshold 367).
// One-byte changes of the proof response are refused with a named sentinel.
func TestConformanceNetworkGoDecafNamespace(t *testing.T) {
	files := networkGoFiles(t)
	var common struct {
		Height      uint64 `json:"height"`
		BlockHash   string `json:"block_hash"`
		PayloadHash string `json:"payload_hash"`
	}
	for name := range files {
		prefix, ok := strings.CutSuffix(name, "-vid_common.json")
		if !ok {
			continue
		}
		rawCommon := files[name]
		if err := json.Unmarshal(rawCommon, &common); err != nil {
			t.Fatal(err)
		}
		param, scheme, err := DecodeVidCommonJSON(rawCommon)
		if err != nil || scheme != VIDSchemeAvidM {
			t.Fatalf("%s: %v %v", name, scheme, err)
		}
		h, err := DecodeHeaderJSON(files[prefix+"-header.json"])
		if err != nil {
			t.Fatalf("%s header: %v", prefix, err)
		}
		hash, err := ParseCommitment(common.BlockHash, TagBlock)
		if err != nil {
			t.Fatal(err)
		}
		if h.Height != common.Height || h.Commit() != hash {
			t.Fatalf("%s: header %d commits to %s, the network names %s", prefix, h.Height, FormatCommitment(TagBlock, h.Commit()), common.BlockHash)
		}
		if got := (TaggedBase64{Tag: h.PayloadCommitment.Tag, Value: h.PayloadCommitment.Value[:]}).String(); got != common.PayloadHash {
			t.Fatalf("%s: payload commitment %s, the network names %s", prefix, got, common.PayloadHash)
		}
		rawProof := files[prefix+"-namespace_proof.json"]
		r, err := DecodeNamespaceProofResponse(rawProof)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := vidDecodeNsTable(h.NsTable)
		if err != nil {
			t.Fatal(err)
		}
		ns := tbl.Entries[r.Proof.NsIndex].ID
		txs, err := h.VerifyNamespace(r, param, ns)
		if err != nil || len(txs) == 0 {
			t.Fatalf("%s: namespace %d: %d transactions, %v", prefix, ns, len(txs), err)
		}
		// Another weight count encodes into another number of shares. (Another recovery
		// threshold above the payload's element count would not: the polynomial is the same.)
		if _, err := h.VerifyNamespace(r, AvidMParam{RecoveryThreshold: 367, TotalWeights: 1101}, ns); !errors.Is(err, ErrVIDCommitment) {
			t.Fatalf("%s: another AVID-M parameter: %v", prefix, err)
		}
		// Tamper: every byte around the proof's index and Merkle path, and a stride through
		// the payload and the served transactions (each change there costs a full AVID-M
		// encoding with 1100 weights).
		path := bytes.Index(rawProof, []byte(`"ns_proof"`))
		named := []error{ErrVIDEncoding, ErrVIDNamespace, ErrVIDCommitment, ErrVIDTransactions, ErrVIDUnsupported, ErrVIDMissingProof}
		for i := 0; i < len(rawProof); i++ {
			if (i > 120 && i < path-60 || i > path+120) && i%331 != 0 {
				continue
			}
			b := bytes.Clone(rawProof)
			b[i] = tamperByte(b[i])
			r2, err := DecodeNamespaceProofResponse(b)
			if err == nil {
				_, err = h.VerifyNamespace(r2, param, ns)
			}
			if err == nil {
				if !sameJSONValue(rawProof, b) {
					t.Fatalf("%s byte %d (%q→%q): a changed namespace proof verifies", prefix, i, rawProof[i], b[i])
				}
				continue
			}
			if !isOneOf(err, named) {
				t.Fatalf("%s byte %d: unnamed error %v", prefix, i, err)
			}
		}
	}
	if common.BlockHash == "" {
		t.Fatal("no *-vid_common.json fixture")
	}
}

// TestConformanceNetworkGoNamespaceProofData: espresso-network-go's namespace proof test
// data (an AVID-M V1 proof with its VID commitment, common data and namespace table) verifies,
// and the proven transactions hash to its tx_commit: the Nitro integration's digest
// (verification/rust hash_txns), SHA-256 of the namespace as u32 little-endian then every
// payload in order, so the test checks the whole list, in order.
func TestConformanceNetworkGoNamespaceProofData(t *testing.T) {
	raw := networkGoFiles(t)["namespace_proof_test_data.json"]
	var x struct {
		NsProof   json.RawMessage `json:"ns_proof"`
		VidCommit string          `json:"vid_commit"`
		VidCommon json.RawMessage `json:"vid_common"`
		Namespace uint32          `json:"namespace"`
		NsTable   []uint8         `json:"-"`
		NsTableN  []int           `json:"ns_table"`
		TxCommit  string          `json:"tx_commit"`
	}
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatal(err)
	}
	for _, v := range x.NsTableN {
		x.NsTable = append(x.NsTable, byte(v))
	}
	p, err := DecodeNsProofJSON(x.NsProof)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseAvidMCommit(x.VidCommit)
	if err != nil {
		t.Fatal(err)
	}
	param, _, err := DecodeVidCommonJSON(x.VidCommon)
	if err != nil {
		t.Fatal(err)
	}
	txs, err := VerifyNamespaceProof(c, x.NsTable, param, x.Namespace, p)
	if err != nil || len(txs) == 0 {
		t.Fatalf("%d transactions, %v", len(txs), err)
	}
	d := sha256.New()
	d.Write(binary.LittleEndian.AppendUint32(nil, x.Namespace))
	for _, tx := range txs {
		d.Write(tx.Payload)
	}
	if got := hex.EncodeToString(d.Sum(nil)); got != x.TxCommit {
		t.Fatalf("proven transactions hash to %s, the test data says %s", got, x.TxCommit)
	}
	c[0] ^= 1
	if _, err := VerifyNamespaceProof(c, x.NsTable, param, x.Namespace, p); !errors.Is(err, ErrVIDCommitment) {
		t.Fatalf("another commitment: %v", err)
	}
}

func isOneOf(err error, sentinels []error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// sameJSONValue reports whether a and b are the same JSON value (a change in whitespace, or
// in a member's case where the decoder ignores it, leaves the value as it was).
func sameJSONValue(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
