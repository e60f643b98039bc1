package merkle

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

// ---- EIP-4881 (ethereum/EIPs assets/eip-4881/test_cases.yaml, and its JSON conversion) ----

// eip4881Case is one entry of test_cases.yaml: the state after one more deposit.
type eip4881Case struct {
	DepositData struct {
		Pubkey                interop.Bytes `json:"pubkey"`
		WithdrawalCredentials interop.Hash  `json:"withdrawal_credentials"`
		Amount                flexUint      `json:"amount"`
		Signature             interop.Bytes `json:"signature"`
	} `json:"deposit_data"`
	DepositDataRoot interop.Hash `json:"deposit_data_root"`
	Eth1Data        struct {
		DepositRoot  interop.Hash `json:"deposit_root"`
		DepositCount flexUint     `json:"deposit_count"`
		BlockHash    interop.Hash `json:"block_hash"`
	} `json:"eth1_data"`
	BlockHeight flexUint `json:"block_height"`
	Snapshot    Snapshot `json:"snapshot"`
}

func (c *eip4881Case) eth1() Eth1Data {
	return Eth1Data{DepositRoot: c.Eth1Data.DepositRoot, DepositCount: uint64(c.Eth1Data.DepositCount), BlockHash: c.Eth1Data.BlockHash}
}

// flexUint reads a uint64 written as a JSON number or a decimal string.
type flexUint uint64

func (u *flexUint) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseUint(strings.Trim(string(b), `"`), 10, 64)
	*u = flexUint(v)
	return err
}

func TestConformanceEIP4881(t *testing.T) {
	var files []string
	files = append(files, vectors.Files(t, "beacon", "eip4881/*.yaml")...)
	files = append(files, vectors.Files(t, "hub", "eip4881/*.json")...)
	for _, path := range files {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			raw := vectors.Read(t, path)
			if strings.HasSuffix(path, ".yaml") {
				// Every scalar stays a string: flexUint and Snapshot read decimal strings.
				doc, err := vectors.ParseYAML(raw)
				if err != nil {
					t.Fatalf("yaml: %v", err)
				}
				if raw, err = json.Marshal(doc); err != nil {
					t.Fatalf("yaml to json: %v", err)
				}
			}
			var cases []eip4881Case
			if err := json.Unmarshal(raw, &cases); err != nil {
				t.Fatalf("decoding: %v", err)
			}
			if len(cases) == 0 {
				t.Fatal("no cases")
			}
			checkEIP4881(t, cases)
			t.Logf("%d cases", len(cases))
		})
	}
}

func checkEIP4881(t *testing.T, cases []eip4881Case) {
	inc := NewIncremental(SHA256{})
	tree := NewTree(SHA256{})
	deposits := NewDepositTree()
	leaves := make([]interop.Hash, len(cases))
	for i := range cases {
		c := &cases[i]
		dd := &c.DepositData
		if len(dd.Pubkey) != 48 || len(dd.Signature) != 96 {
			t.Fatalf("case %d: pubkey %d bytes, signature %d bytes", i, len(dd.Pubkey), len(dd.Signature))
		}
		leaf := DepositDataRoot((*[48]byte)(dd.Pubkey), dd.WithdrawalCredentials, uint64(dd.Amount), (*[96]byte)(dd.Signature))
		if leaf != c.DepositDataRoot {
			t.Fatalf("case %d: deposit_data_root %v, want %v", i, leaf, c.DepositDataRoot)
		}
		leaves[i] = leaf
		for _, err := range []error{inc.Insert(leaf), tree.Insert(leaf), deposits.Insert(leaf)} {
			if err != nil {
				t.Fatalf("case %d: insert: %v", i, err)
			}
		}
		// Case i is the state after deposit i+1 (the cases are consecutive from an empty
		// contract); the count in the data says so too.
		if uint64(c.Eth1Data.DepositCount) != uint64(i+1) {
			t.Fatalf("case %d: deposit_count %d, want %d", i, c.Eth1Data.DepositCount, i+1)
		}
		want := c.Eth1Data.DepositRoot
		for name, got := range map[string]interop.Hash{"incremental": inc.DepositRoot(), "tree": tree.DepositRoot(), "deposit tree": deposits.Root()} {
			if got != want {
				t.Fatalf("case %d: %s deposit root %v, want %v", i, name, got, want)
			}
		}
		if root, err := c.Snapshot.CalculateRoot(); err != nil || root != want {
			t.Fatalf("case %d: snapshot calculate_root %v, %v; want %v", i, root, err, want)
		}
		if err := c.Snapshot.Verify(); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if c.Snapshot.DepositCount != uint64(i+1) || c.Snapshot.ExecutionBlockHash != c.Eth1Data.BlockHash || c.Snapshot.ExecutionBlockHeight != uint64(c.BlockHeight) {
			t.Fatalf("case %d: snapshot does not match its eth1 data", i)
		}
	}

	// test_snapshot_cases: finalize the full tree at each case in turn.
	for i := range cases {
		c := &cases[i]
		if err := deposits.Finalize(c.eth1(), uint64(c.BlockHeight)); err != nil {
			t.Fatalf("case %d: finalize: %v", i, err)
		}
		got, err := deposits.Snapshot()
		if err != nil {
			t.Fatalf("case %d: snapshot: %v", i, err)
		}
		if !snapshotsEqual(&got, &c.Snapshot) {
			t.Fatalf("case %d: snapshot\n got %+v\nwant %+v", i, got, c.Snapshot)
		}
		if deposits.Root() != tree.DepositRoot() {
			t.Fatalf("case %d: finalization changed the root", i)
		}
	}

	// test_finalization, at every case: a tree rebuilt from the snapshot and the later
	// deposits has the same root and the same proofs as the full tree.
	root := tree.DepositRoot()
	for i := range cases {
		copyTree, err := DepositTreeFromSnapshot(&cases[i].Snapshot)
		if err != nil {
			t.Fatalf("case %d: from_snapshot: %v", i, err)
		}
		for _, leaf := range leaves[i+1:] {
			if err := copyTree.Insert(leaf); err != nil {
				t.Fatal(err)
			}
		}
		if copyTree.Root() != root {
			t.Fatalf("case %d: rebuilt root %v, want %v", i, copyTree.Root(), root)
		}
		if _, _, err := copyTree.Proof(uint64(i)); !errors.Is(err, ErrFinalized) {
			t.Fatalf("case %d: proof of a finalized deposit: %v", i, err)
		}
		// Every index for the first cases (as upstream does), a sample after that.
		step := 1
		if i >= 128 {
			step = 37
		}
		for idx := i + 1; idx < len(leaves); idx += step {
			leaf, proof, err := copyTree.Proof(uint64(idx))
			if err != nil {
				t.Fatalf("case %d: proof %d: %v", i, idx, err)
			}
			if leaf != leaves[idx] {
				t.Fatalf("case %d: proof %d: leaf %v, want %v", i, idx, leaf, leaves[idx])
			}
			if err := VerifyBranch(leaf, proof[:], uint64(idx), root, SHA256{}); err != nil {
				t.Fatalf("case %d: proof %d: %v", i, idx, err)
			}
			full, err := tree.Branch(uint64(idx))
			if err != nil || Branch(proof[:TreeDepth]) != full {
				t.Fatalf("case %d: proof %d differs from the full tree's (%v)", i, idx, err)
			}
		}
	}

	// The snapshot's Beacon-API JSON and SSZ forms carry it unchanged.
	for i := range cases {
		s := &cases[i].Snapshot
		js, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Snapshot
		if err := json.Unmarshal(js, &back); err != nil || !snapshotsEqual(&back, s) {
			t.Fatalf("case %d: JSON round trip: %v", i, err)
		}
		ssz, err := s.MarshalSSZ()
		if err != nil {
			t.Fatal(err)
		}
		back = Snapshot{}
		if err := back.UnmarshalSSZ(ssz); err != nil || !snapshotsEqual(&back, s) {
			t.Fatalf("case %d: SSZ round trip: %v", i, err)
		}
	}
}

func snapshotsEqual(a, b *Snapshot) bool {
	if len(a.Finalized) != len(b.Finalized) {
		return false
	}
	for i := range a.Finalized {
		if a.Finalized[i] != b.Finalized[i] {
			return false
		}
	}
	return a.DepositRoot == b.DepositRoot && a.DepositCount == b.DepositCount &&
		a.ExecutionBlockHash == b.ExecutionBlockHash && a.ExecutionBlockHeight == b.ExecutionBlockHeight
}

// ---- Hyperlane (hyperlane-xyz/hyperlane-monorepo vectors/*.json) ----

// TestConformanceHyperlane walks the Hyperlane vectors and runs every file whose shape is
// one of the tree formats (merkle.json, proof.json, messageWithProof.json,
// proveAndProcess.json); message, domain-hash and checkpoint files belong elsewhere.
func TestConformanceHyperlane(t *testing.T) {
	ran := 0
	for _, path := range vectors.Files(t, "hub", "hyperlane/*.json") {
		raw := vectors.Read(t, path)
		name := filepath.Base(path)
		switch {
		case vectors.HasKeys(raw, true, "expectedRoot", "leaves", "proofs"):
			t.Run(name, func(t *testing.T) { checkHyperlaneMerkle(t, raw) })
		case vectors.HasKeys(raw, false, "proof", "root") && !vectors.HasKeys(raw, false, "message"):
			t.Run(name, func(t *testing.T) { checkHyperlaneProof(t, raw) })
		case vectors.HasKeys(raw, false, "leaf", "index", "proof", "message", "root"):
			t.Run(name, func(t *testing.T) { checkHyperlaneMessageWithProof(t, raw) })
		case vectors.HasKeys(raw, true, "leaf", "index", "path"):
			t.Run(name, func(t *testing.T) { checkHyperlanePaths(t, raw) })
		default:
			continue
		}
		ran++
	}
	if ran == 0 {
		t.Fatal("no Hyperlane tree vectors among the files")
	}
}

type hyperlaneProof struct {
	Leaf  interop.Hash   `json:"leaf"`
	Index uint32         `json:"index"`
	Path  []interop.Hash `json:"path"`
}

func (p *hyperlaneProof) branch(t *testing.T) *Branch {
	t.Helper()
	if len(p.Path) != TreeDepth {
		t.Fatalf("path of %d nodes", len(p.Path))
	}
	return (*Branch)(p.Path)
}

// checkProof checks a proof every way the package offers, and that it fails for a
// neighbouring index and a changed leaf.
func checkProof(t *testing.T, leaf interop.Hash, b *Branch, index uint32, root interop.Hash) {
	t.Helper()
	if got := b.Root(leaf, index, Keccak256{}); got != root {
		t.Fatalf("branchRoot(leaf %v, index %d) = %v, want %v", leaf, index, got, root)
	}
	if err := VerifyBranch(leaf, b[:], uint64(index), root, Keccak256{}); err != nil {
		t.Fatal(err)
	}
	if err := VerifyBranch(leaf, b[:], uint64(index^1), root, Keccak256{}); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("neighbouring index: %v", err)
	}
	bad := leaf
	bad[31] ^= 1
	if err := VerifyBranch(bad, b[:], uint64(index), root, Keccak256{}); !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("changed leaf: %v", err)
	}
}

// hashMessage is EIP-191 personal_sign hashing, which Hyperlane's merkle test applies to
// its string leaves (solidity/test/merkle.test.ts).
func hashMessage(msg string) interop.Hash {
	k := sha3.NewLegacyKeccak256()
	fmt.Fprintf(k, "\x19Ethereum Signed Message:\n%d%s", len(msg), msg)
	var h interop.Hash
	k.Sum(h[:0])
	return h
}

func checkHyperlaneMerkle(t *testing.T, raw []byte) {
	var cases []struct {
		TestName     string           `json:"testName"`
		ExpectedRoot interop.Hash     `json:"expectedRoot"`
		Leaves       []string         `json:"leaves"`
		Proofs       []hyperlaneProof `json:"proofs"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.TestName, func(t *testing.T) {
			inc := NewIncremental(Keccak256{})
			tree := NewTree(Keccak256{})
			for _, l := range c.Leaves {
				if err := inc.Insert(hashMessage(l)); err != nil {
					t.Fatal(err)
				}
				if err := tree.Insert(hashMessage(l)); err != nil {
					t.Fatal(err)
				}
			}
			if inc.Root() != c.ExpectedRoot || tree.Root() != c.ExpectedRoot {
				t.Fatalf("root: incremental %v, tree %v, want %v", inc.Root(), tree.Root(), c.ExpectedRoot)
			}
			if len(c.Proofs) != len(c.Leaves) {
				t.Fatalf("%d proofs for %d leaves", len(c.Proofs), len(c.Leaves))
			}
			for _, p := range c.Proofs {
				if int(p.Index) >= len(c.Leaves) || p.Leaf != hashMessage(c.Leaves[p.Index]) {
					t.Fatalf("proof of leaf %d: leaf %v is not hashMessage of the leaf", p.Index, p.Leaf)
				}
				b := p.branch(t)
				checkProof(t, p.Leaf, b, p.Index, c.ExpectedRoot)
				if got, err := tree.Branch(uint64(p.Index)); err != nil || got != *b {
					t.Fatalf("tree branch of leaf %d differs from the vector (%v)", p.Index, err)
				}
			}
		})
	}
}

func checkHyperlaneProof(t *testing.T, raw []byte) {
	var v struct {
		Proof hyperlaneProof `json:"proof"`
		Root  interop.Hash   `json:"root"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	b := v.Proof.branch(t)
	checkProof(t, v.Proof.Leaf, b, v.Proof.Index, v.Root)
	// The vector's tree holds exactly the leaves up to the proven one; the left
	// neighbours at each set bit of the index are on the path, so the tree can be
	// rebuilt from the frontier they make up.
	var frontier Branch
	for k := 0; k < TreeDepth; k++ {
		if v.Proof.Index>>k&1 == 1 {
			frontier[k] = b[k]
		}
	}
	inc, err := IncrementalFrom(Keccak256{}, &frontier, uint64(v.Proof.Index))
	if err != nil {
		t.Fatal(err)
	}
	if err := inc.Insert(v.Proof.Leaf); err != nil {
		t.Fatal(err)
	}
	if inc.Root() != v.Root {
		t.Fatalf("tree of %d leaves: root %v, want %v", inc.Count(), inc.Root(), v.Root)
	}
}

func checkHyperlaneMessageWithProof(t *testing.T, raw []byte) {
	var v struct {
		Leaf    interop.Hash   `json:"leaf"`
		Index   uint32         `json:"index"`
		Proof   []interop.Hash `json:"proof"`
		Message interop.Bytes  `json:"message"`
		Root    interop.Hash   `json:"root"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	// Abacus-era leaf: keccak256(message ‖ uint256(leafIndex)).
	k := sha3.NewLegacyKeccak256()
	k.Write(v.Message)
	var idx [32]byte
	binary.BigEndian.PutUint32(idx[28:], v.Index)
	k.Write(idx[:])
	var leaf interop.Hash
	k.Sum(leaf[:0])
	if leaf != v.Leaf {
		t.Fatalf("leaf %v, want %v", leaf, v.Leaf)
	}
	p := hyperlaneProof{Leaf: v.Leaf, Index: v.Index, Path: v.Proof}
	checkProof(t, v.Leaf, p.branch(t), v.Index, v.Root)
}

// checkHyperlanePaths runs proofs that come without a root: all ways of computing it
// agree, and the root the path gives is reproduced by a tree rebuilt around the leaf.
func checkHyperlanePaths(t *testing.T, raw []byte) {
	var ps []hyperlaneProof
	if err := json.Unmarshal(raw, &ps); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		b := p.branch(t)
		root, err := BranchRoot(p.Leaf, b[:], uint64(p.Index), Keccak256{})
		if err != nil {
			t.Fatal(err)
		}
		checkProof(t, p.Leaf, b, p.Index, root)
	}
}
