package espresso_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"github.com/interopkit/interop/proof/mpt"
)

// finalitySentinels are the named errors a tampered finality artefact must be refused with.
var finalitySentinels = []error{
	espresso.ErrNotFinal, espresso.ErrWrongRoot, espresso.ErrBlockProofShape, espresso.ErrBlockProofLeaf,
	espresso.ErrBlockTreeCommitment, espresso.ErrBlockProofJSON, espresso.ErrStorageProof, espresso.ErrLightClientStorage,
}

func isFinalitySentinel(err error) bool {
	for _, s := range finalitySentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func finalityFiles(t *testing.T, pattern string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join("testdata", "finality"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ok, _ := filepath.Match(pattern, d.Name()); ok && !d.IsDir() {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no %s under testdata/finality", pattern)
	}
	return out
}

// yamlToJSON turns the parsed snapshot into JSON (maps, lists, strings).
func yamlToJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshotInputs are the inputs of jellyfish-compat's merkle_tree/tests/serialization_snapshot.rs
// (trees of u64 elements, whose serialization is 8 bytes little-endian): the snapshot files
// hold only the outputs. Keyed by snapshot file name.
var snapshotInputs = map[string]struct {
	height uint64
	leaves []uint64
}{
	"serialization_snapshot__block_tree_commitment.snap": {8, []uint64{
		0x1234567890abcdef, 0xfedcba0987654321, 0x1111222233334444, 0x5555666677778888, 0x9999aaaabbbbcccc, 0xddddeeeeffff0000}},
	"serialization_snapshot__empty_tree_commitment.snap":          {8, nil},
	"serialization_snapshot__single_element_tree_commitment.snap": {4, []uint64{42}},
	"serialization_snapshot__full_tree_commitment.snap":           {3, []uint64{0, 10, 20, 30, 40, 50, 60, 70}},
}

func u64Leaves(vs []uint64) [][]byte {
	var out [][]byte
	for _, v := range vs {
		out = append(out, binary.LittleEndian.AppendUint64(nil, v))
	}
	return out
}

// TestConformanceBlockTreeSnapshots checks jellyfish-compat's snapshots of the block tree type
// (LightWeightSHA3MerkleTree, arity 3): every commitment parses and re-encodes to the same
// string, the trees of the upstream inputs reproduce it, and every membership proof decodes,
// holds the element upstream looked up, and verifies against one of the commitments.
func TestConformanceBlockTreeSnapshots(t *testing.T) {
	var comms []espresso.BlockTreeCommitment
	type proofCase struct {
		name string
		pos  uint64
		elem uint64
		raw  []byte
	}
	var proofs []proofCase
	for _, path := range finalityFiles(t, "*.snap") {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := parseInstaYAML(string(text))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch v := v.(type) {
		case string:
			c, err := espresso.ParseBlockTreeCommitment(v)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if c.String() != v {
				t.Errorf("%s: re-encodes as %s", path, c)
			}
			if in, ok := snapshotInputs[filepath.Base(path)]; ok {
				tr := espressotest.BlockTree{Height: in.height, Leaves: u64Leaves(in.leaves)}
				if got := tr.Commitment(); got != c {
					t.Errorf("%s: the upstream inputs give %s, snapshot has %s", path, got, c)
				}
			}
			comms = append(comms, c)
		case []any:
			// Either one (pos, elem, proof) triple or a list of them.
			items := v
			if len(v) > 0 {
				if _, nested := v[0].([]any); !nested {
					items = []any{v}
				}
			}
			for _, it := range items {
				triple, ok := it.([]any)
				if !ok || len(triple) != 3 {
					t.Fatalf("%s: item is not (pos, elem, proof)", path)
				}
				pos, err1 := strconv.ParseUint(triple[0].(string), 10, 64)
				elem, err2 := strconv.ParseUint(triple[1].(string), 10, 64)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: pos or elem: %v %v", path, err1, err2)
				}
				proofs = append(proofs, proofCase{path, pos, elem, yamlToJSON(t, triple[2])})
			}
		default:
			t.Fatalf("%s: unexpected snapshot shape %T", path, v)
		}
	}
	if len(proofs) == 0 {
		t.Fatal("no proof snapshots")
	}
	for _, pc := range proofs {
		var p espresso.BlockProof
		if err := json.Unmarshal(pc.raw, &p); err != nil {
			t.Fatalf("%s: %v", pc.name, err)
		}
		elem := binary.LittleEndian.AppendUint64(nil, pc.elem)
		if p.Pos != pc.pos || !bytes.Equal(p.Elem, elem) {
			t.Fatalf("%s: proof of (%d, %x), upstream looked up (%d, %d)", pc.name, p.Pos, p.Elem, pc.pos, pc.elem)
		}
		root, err := p.Root()
		if err != nil {
			t.Fatalf("%s: %v", pc.name, err)
		}
		i := slices.IndexFunc(comms, func(c espresso.BlockTreeCommitment) bool { return c.Digest == root })
		if i < 0 {
			t.Fatalf("%s: root %s matches no snapshot commitment", pc.name, root)
		}
		if err := espresso.VerifyBlockProof(comms[i], pc.pos, elem, &p); err != nil {
			t.Fatalf("%s: %v", pc.name, err)
		}
		// The canonical re-encoding decodes to the same proof.
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q espresso.BlockProof
		if err := json.Unmarshal(again, &q); err != nil || !proofsEqual(&p, &q) {
			t.Fatalf("%s: re-encoding does not round-trip: %v", pc.name, err)
		}
		// A one-byte tamper of every base64 character of the proof is refused by name.
		tamperEachField(t, pc.name, pc.raw, func(b []byte) error {
			var p espresso.BlockProof
			if err := json.Unmarshal(b, &p); err != nil {
				return err
			}
			return espresso.VerifyBlockProof(comms[i], pc.pos, elem, &p)
		})
	}
}

func proofsEqual(a, b *espresso.BlockProof) bool {
	return a.Pos == b.Pos && bytes.Equal(a.Elem, b.Elem) && a.LeafValue == b.LeafValue && slices.Equal(a.Levels, b.Levels)
}

// tamperEachField changes, one at a time, every base64 character after a "~" inside JSON
// strings of raw, and requires check to refuse each result with a finality sentinel.
func tamperEachField(t *testing.T, name string, raw []byte, check func([]byte) error) {
	t.Helper()
	tamperEachFieldExcept(t, name, raw, -1, -1, check)
}

// tamperEachFieldExcept is tamperEachField leaving raw[from:to] alone (a part the check does
// not read).
func tamperEachFieldExcept(t *testing.T, name string, raw []byte, from, to int, check func([]byte) error) {
	t.Helper()
	if err := check(raw); err != nil {
		t.Fatalf("%s: untampered: %v", name, err)
	}
	n := 0
	inValue := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '~':
			inValue = true
			continue
		case c == '"':
			inValue = false
			continue
		case !inValue || from <= i && i < to:
			continue
		}
		b := bytes.Clone(raw)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		n++
		if err := check(b); err == nil || !isFinalitySentinel(err) {
			t.Fatalf("%s: byte %d changed %q→%q: %v", name, i, raw[i], b[i], err)
		}
	}
	if n == 0 {
		t.Fatalf("%s: nothing to tamper", name)
	}
}

// goMerkleData is espresso-network-go's verification/merkle_proof_test_data.json: a block tree
// proof served by a dev node, the header it proves, the tree commitment of the later header at
// the light client's finalized height, and the light client's blockCommRoot for that height as
// espresso-network-go read it from the contract (little-endian bytes).
type goMerkleData struct {
	Proof             json.RawMessage `json:"proof"`
	Header            json.RawMessage `json:"header"`
	BlockMerkleRoot   string          `json:"block_merkle_root"`
	HotShotCommitment []byte          `json:"hotshot_commitment"`
}

func headerHeight(t *testing.T, raw json.RawMessage) uint64 {
	t.Helper()
	var h struct {
		Height *uint64 `json:"height"`
		Fields *struct {
			Height uint64 `json:"height"`
		} `json:"fields"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	switch {
	case h.Fields != nil:
		return h.Fields.Height
	case h.Height != nil:
		return *h.Height
	}
	t.Fatal("header without height")
	return 0
}

func reversed(b []byte) (out [32]byte) {
	for i := range b {
		out[31-i] = b[i]
	}
	return out
}

// checkGoMerkle is the whole check of one espresso-network-go artefact: the proof for the
// header's height verifies under the later header's tree commitment, that commitment hashes to
// the contract's blockCommRoot, and so the block is final under the state
// {BlockHeight: leaves, BlockCommRoot}.
func checkGoMerkle(t *testing.T, raw []byte) (espresso.FinalizedState, uint64, interop.Hash, *espresso.BlockProof, error) {
	var d goMerkleData
	if err := json.Unmarshal(raw, &d); err != nil {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, errors.Join(espresso.ErrBlockProofJSON, err)
	}
	height := headerHeight(t, d.Header)
	c, err := espresso.ParseBlockTreeCommitment(d.BlockMerkleRoot)
	if err != nil {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, err
	}
	var p espresso.BlockProof
	if err := json.Unmarshal(d.Proof, &p); err != nil {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, err
	}
	if len(p.Elem) != 32 {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, espresso.ErrBlockProofLeaf
	}
	comm := interop.Hash(p.Elem)
	if err := espresso.VerifyBlockProof(c, height, comm[:], &p); err != nil {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, err
	}
	if len(d.HotShotCommitment) != 32 {
		return espresso.FinalizedState{}, 0, interop.Hash{}, nil, espresso.ErrLightClientStorage
	}
	st := espresso.FinalizedState{BlockHeight: c.NumLeaves, BlockCommRoot: reversed(d.HotShotCommitment)}
	return st, height, comm, &p, espresso.VerifyBlockFinal(st, height, comm, &p)
}

// TestConformanceEspressoNetworkGo checks espresso-network-go's real dev-node artefact end to
// end (upstream asserts that verify_merkle_proof_helper accepts it and refuses it once the
// light client value is changed), then refuses a one-byte tamper of every base64 character of
// its proof and commitment and of every byte of the light client value.
func TestConformanceEspressoNetworkGo(t *testing.T) {
	for _, path := range finalityFiles(t, "merkle_proof_test_data*.json") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, height, _, p, err := checkGoMerkle(t, raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if p.Height() != espresso.BlockTreeHeight || height >= st.BlockHeight {
			t.Fatalf("%s: height %d, tree height %d, finalized %d", path, height, p.Height(), st.BlockHeight)
		}
		// The leaf is the header's BLOCK commitment as the commitments part computes it, and the
		// header at height h commits to the tree of heights 0..h-1.
		var hd goMerkleData
		if err := json.Unmarshal(raw, &hd); err != nil {
			t.Fatal(err)
		}
		header, err := espresso.DecodeHeaderJSON(hd.Header)
		if err != nil {
			t.Fatalf("%s: header: %v", path, err)
		}
		if c := header.Commit(); c != interop.Hash(p.Elem) {
			t.Fatalf("%s: header commits to %s, the proof's leaf is %x", path, c, p.Elem)
		}
		if err := espresso.VerifyBlockFinal(st, header.Height, header.Commit(), p); err != nil {
			t.Fatalf("%s: header not final: %v", path, err)
		}
		own, err := espresso.DecodeBlockTreeCommitment(header.BlockMerkleTreeRoot)
		if err != nil || own.NumLeaves != header.Height || own.Height != espresso.BlockTreeHeight {
			t.Fatalf("%s: header %d's block_merkle_tree_root %v (%v)", path, header.Height, own, err)
		}
		var d goMerkleData
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		// The header is read for its height only (its commitment is the commitments part's):
		// its bytes are left alone.
		from := bytes.Index(raw, d.Header)
		tamperEachFieldExcept(t, path, raw, from, from+len(d.Header), func(b []byte) error { _, _, _, _, err := checkGoMerkle(t, b); return err })
		for i := range d.HotShotCommitment {
			d2 := d
			d2.HotShotCommitment = bytes.Clone(d.HotShotCommitment)
			d2.HotShotCommitment[i] ^= 1
			b, _ := json.Marshal(d2)
			if _, _, _, _, err := checkGoMerkle(t, b); !errors.Is(err, espresso.ErrWrongRoot) {
				t.Fatalf("%s: light client value byte %d flipped: %v", path, i, err)
			}
		}
		// Upstream's own negative case: hotshot_commitment[0] = 1.
		d.HotShotCommitment[0] = 1
		b, _ := json.Marshal(d)
		if _, _, _, _, err := checkGoMerkle(t, b); !errors.Is(err, espresso.ErrWrongRoot) {
			t.Fatalf("%s: upstream's tampered value accepted: %v", path, err)
		}
	}
}

// storageFixture is a generated eth_getProof fixture (testdata/finality/generated): a state
// root, the light client proxy, the response and the finalizedState it must decode to.
type storageFixture struct {
	StateRoot      interop.Hash        `json:"stateRoot"`
	LightClient    interop.Address     `json:"lightClient"`
	GetProof       json.RawMessage     `json:"getProof"`
	FinalizedState storageFixtureState `json:"finalizedState"`
	// StateHistory0 is stateHistoryCommitments[0], when the response proves its slots.
	StateHistory0 *storageFixtureHistory `json:"stateHistory0,omitempty"`
}

type storageFixtureHistory struct {
	L1BlockHeight        uint64 `json:"l1BlockHeight"`
	L1BlockTimestamp     uint64 `json:"l1BlockTimestamp"`
	HotShotBlockHeight   uint64 `json:"hotShotBlockHeight"`
	HotShotBlockCommRoot string `json:"hotShotBlockCommRoot"`
}

type storageFixtureState struct {
	ViewNum       uint64 `json:"viewNum"`
	BlockHeight   uint64 `json:"blockHeight"`
	BlockCommRoot string `json:"blockCommRoot"`
}

func readStorage(raw []byte) (espresso.FinalizedState, error) {
	var f storageFixture
	if err := json.Unmarshal(raw, &f); err != nil {
		return espresso.FinalizedState{}, errors.Join(espresso.ErrStorageProof, err)
	}
	var r mpt.GetProofResult
	if err := json.Unmarshal(f.GetProof, &r); err != nil {
		return espresso.FinalizedState{}, errors.Join(espresso.ErrStorageProof, err)
	}
	return espresso.ReadFinalizedState(f.StateRoot, f.LightClient, &r)
}

// TestConformanceStorageFixtures reads finalizedState from each generated storage fixture,
// checks the expected values, refuses a one-byte change of every hex digit of its proofs,
// values and roots, and, where the state's root matches an espresso-network-go artefact, proves
// that artefact's block final under the state read from storage.
func TestConformanceStorageFixtures(t *testing.T) {
	goData := map[[32]byte][]byte{}
	for _, path := range finalityFiles(t, "merkle_proof_test_data*.json") {
		raw, _ := os.ReadFile(path)
		if st, _, _, _, err := checkGoMerkle(t, raw); err == nil {
			goData[st.BlockCommRoot] = raw
		}
	}
	for _, path := range finalityFiles(t, "getproof-*.json") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := readStorage(raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var f storageFixture
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		want := f.FinalizedState
		if st.ViewNum != want.ViewNum || st.BlockHeight != want.BlockHeight || "0x"+hexString(st.BlockCommRoot[:]) != want.BlockCommRoot {
			t.Fatalf("%s: read %+v, want %+v", path, st, want)
		}
		if want := f.StateHistory0; want != nil {
			var r mpt.GetProofResult
			if err := json.Unmarshal(f.GetProof, &r); err != nil {
				t.Fatal(err)
			}
			h, err := espresso.ReadStateHistory(f.StateRoot, f.LightClient, &r, 0)
			if err != nil {
				t.Fatalf("%s: state history: %v", path, err)
			}
			if got := (storageFixtureHistory{h.L1BlockHeight, h.L1BlockTimestamp, h.HotShotBlockHeight, "0x" + hexString(h.HotShotBlockCommRoot[:])}); got != *want {
				t.Fatalf("%s: state history %+v, want %+v", path, got, *want)
			}
			if h.FinalizedState().BlockCommRoot != st.BlockCommRoot {
				t.Fatalf("%s: history entry and finalizedState disagree", path)
			}
			if _, err := espresso.ReadStateHistory(f.StateRoot, f.LightClient, &r, 1); !errors.Is(err, espresso.ErrStorageProof) {
				t.Fatalf("%s: entry 1 not in the response: %v", path, err)
			}
		}
		if goRaw, ok := goData[st.BlockCommRoot]; ok {
			_, height, comm, p, err := checkGoMerkle(t, goRaw)
			if err != nil {
				t.Fatal(err)
			}
			if err := espresso.VerifyBlockFinal(st, height, comm, p); err != nil {
				t.Fatalf("%s: the real block is not final under the state read from storage: %v", path, err)
			}
		}
		// Tamper every hex digit of the 0x-strings before the expected values: the state root,
		// the address and the whole response.
		end := bytes.Index(raw, []byte(`"finalizedState"`))
		n := 0
		for i := 0; i < end; i++ {
			if !isHexDigit(raw[i]) || !insideHexString(raw, i) {
				continue
			}
			b := bytes.Clone(raw)
			if b[i] == '0' {
				b[i] = '1'
			} else {
				b[i] = '0'
			}
			n++
			if _, err := readStorage(b); err == nil || !isFinalitySentinel(err) {
				t.Fatalf("%s: byte %d %q→%q: %v", path, i, raw[i], b[i], err)
			}
		}
		if n < 1000 {
			t.Fatalf("%s: only %d digits tampered", path, n)
		}
	}
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// insideHexString reports whether raw[i] lies in a JSON string that starts with "0x".
func insideHexString(raw []byte, i int) bool {
	j := i
	for j > 0 && raw[j-1] != '"' {
		if !isHexDigit(raw[j-1]) && raw[j-1] != 'x' {
			return false
		}
		j--
	}
	return j+1 < len(raw) && raw[j] == '0' && raw[j+1] == 'x' && i > j+1
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	var sb strings.Builder
	for _, c := range b {
		sb.WriteByte(digits[c>>4])
		sb.WriteByte(digits[c&15])
	}
	return sb.String()
}

var _ = base64.StdEncoding
