package nmt

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

type hexBytes []byte

func (h *hexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	*h = v
	return err
}

func nodes(hs []hexBytes) [][]byte {
	out := make([][]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

type nmtFile struct {
	Cases []struct {
		Name               string     `json:"name"`
		NamespaceSize      int        `json:"namespace_size"`
		IgnoreMaxNamespace bool       `json:"ignore_max_namespace"`
		Leaves             []hexBytes `json:"leaves"`
		LeafHashes         []hexBytes `json:"leaf_hashes"`
		Root               hexBytes   `json:"root"`
		NamespaceProofs    []nsProof  `json:"namespace_proofs"`
		NegativeProofs     []nsProof  `json:"negative_namespace_proofs"`
		RangeProofs        []struct {
			Start, End  int
			Nodes       []hexBytes `json:"nodes"`
			ExpectValid bool       `json:"expect_valid"`
		} `json:"range_proofs"`
	} `json:"cases"`
	PushOutOfOrder *struct {
		NamespaceSize int      `json:"namespace_size"`
		First         hexBytes `json:"first_leaf"`
		Second        hexBytes `json:"second_leaf"`
		ExpectError   bool     `json:"expect_error"`
	} `json:"push_out_of_order"`
}

type nsProof struct {
	Name        string   `json:"name"`
	Namespace   hexBytes `json:"namespace"`
	Kind        string   `json:"kind"`
	Start, End  int
	Nodes       []hexBytes `json:"nodes"`
	LeafHash    hexBytes   `json:"leaf_hash"`
	IgnoreMax   bool       `json:"is_max_namespace_ignored"`
	Leaves      []hexBytes `json:"leaves"`
	ExpectValid bool       `json:"expect_valid"`
	Why         string     `json:"why"`
}

func (v nsProof) proof() Proof {
	p := Proof{Start: v.Start, End: v.End, Nodes: nodes(v.Nodes), IgnoreMaxNamespace: v.IgnoreMax}
	if len(v.LeafHash) > 0 {
		p.LeafHash = v.LeafHash
	}
	return p
}

// TestConformanceNMT checks roots, leaf hashes, namespace and range proofs from nmt
// (celestiaorg/nmt, generated) and that this package's prover reproduces every positive
// proof byte for byte.
func TestConformanceNMT(t *testing.T) {
	files := vectors.Files(t, "sequencing", "nmt_*vectors.json")
	checked := 0
	for _, path := range files {
		var f nmtFile
		if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range f.Cases {
			t.Run(c.Name, func(t *testing.T) {
				h, err := NewHasher(c.NamespaceSize, c.IgnoreMaxNamespace)
				if err != nil {
					t.Fatal(err)
				}
				tree := NewTree(h)
				for i, l := range c.Leaves {
					if err := tree.Push(l); err != nil {
						t.Fatalf("push %d: %v", i, err)
					}
					got, _ := tree.LeafHash(i)
					if i < len(c.LeafHashes) && !bytesEq(got, c.LeafHashes[i]) {
						t.Fatalf("leaf hash %d: %x, want %x", i, got, c.LeafHashes[i])
					}
				}
				if got := tree.Root(); !bytesEq(got, c.Root) {
					t.Fatalf("root %x, want %x", got, c.Root)
				}
				for i, v := range c.NamespaceProofs {
					p := v.proof()
					err := VerifyNamespace(c.Root, v.Namespace, nodes(v.Leaves), &p)
					if (err == nil) != v.ExpectValid {
						t.Errorf("namespace proof %d (%s %x): err %v, want valid %t", i, v.Kind, v.Namespace, err, v.ExpectValid)
					}
					if v.ExpectValid {
						got, err := tree.ProveNamespace(v.Namespace)
						if err != nil {
							t.Fatal(err)
						}
						if !proofEq(&got, &p) {
							t.Errorf("proof %d for %x: built %+v, want %+v", i, v.Namespace, got, p)
						}
					}
					checked++
				}
				for i, v := range c.NegativeProofs {
					p := v.proof()
					err := VerifyNamespace(c.Root, v.Namespace, nodes(v.Leaves), &p)
					if (err == nil) != v.ExpectValid {
						t.Errorf("negative %d %s: err %v, want valid %t (%s)", i, v.Name, err, v.ExpectValid, v.Why)
					}
					if err != nil && !isSentinel(err) {
						t.Errorf("negative %d %s: unwrapped error %v", i, v.Name, err)
					}
					checked++
				}
				for i, v := range c.RangeProofs {
					p := Proof{Start: v.Start, End: v.End, Nodes: nodes(v.Nodes), IgnoreMaxNamespace: c.IgnoreMaxNamespace}
					err := VerifyRange(c.Root, c.NamespaceSize, nodes(c.Leaves[v.Start:v.End]), &p)
					if (err == nil) != v.ExpectValid {
						t.Errorf("range proof %d [%d,%d): err %v, want valid %t", i, v.Start, v.End, err, v.ExpectValid)
					}
					if v.ExpectValid {
						got, err := tree.ProveRange(v.Start, v.End)
						if err != nil || !proofEq(&got, &p) {
							t.Errorf("range proof %d: built %+v (%v), want %+v", i, got, err, p)
						}
					}
					checked++
				}
			})
		}
		if o := f.PushOutOfOrder; o != nil {
			h, _ := NewHasher(o.NamespaceSize, true)
			tree := NewTree(h)
			if err := tree.Push(o.First); err != nil {
				t.Fatal(err)
			}
			err := tree.Push(o.Second)
			if (err != nil) != o.ExpectError || (err != nil && !errors.Is(err, ErrUnsorted)) {
				t.Errorf("out-of-order push: %v, want error %t", err, o.ExpectError)
			}
			checked++
		}
	}
	t.Logf("%d proofs checked in %d files", checked, len(files))
}

type blobstreamFile struct {
	NamespaceSize      int        `json:"namespace_size"`
	IgnoreMax          bool       `json:"ignore_max_namespace"`
	Leaves             []hexBytes `json:"leaves"`
	LeafNodes          []hexBytes `json:"leaf_nodes"`
	InnerDepth2        []hexBytes `json:"inner_nodes_depth2"`
	InnerDepth1        []hexBytes `json:"inner_nodes_depth1"`
	Root               hexBytes   `json:"root"`
	RootIgnoreMaxFalse hexBytes   `json:"root_if_ignore_max_namespace_false"`
	InclusionProofs    []struct {
		LeafIndex   uint64     `json:"leaf_index"`
		NumLeaves   uint64     `json:"num_leaves"`
		Namespace   hexBytes   `json:"namespace"`
		Data        hexBytes   `json:"leaf_data_without_namespace"`
		SideNodes   []hexBytes `json:"side_nodes"`
		Root        hexBytes   `json:"root"`
		ExpectValid bool       `json:"expect_valid"`
	} `json:"inclusion_proofs"`
	SingleLeafRoots []struct {
		Namespace hexBytes `json:"namespace"`
		Data      hexBytes `json:"leaf_data_without_namespace"`
		Root      hexBytes `json:"root"`
	} `json:"single_leaf_roots"`
	ZeroLeaves *struct {
		Root hexBytes `json:"root"`
	} `json:"zero_leaves"`
}

// TestConformanceBlobstream checks the blobstream-contracts 29-byte-namespace tree node by
// node, its bottom-up inclusion proofs, single-leaf and empty roots.
func TestConformanceBlobstream(t *testing.T) {
	for _, path := range vectors.Files(t, "sequencing", "nmt_blobstream*.json") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var f blobstreamFile
			if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
				t.Fatal(err)
			}
			h, err := NewHasher(f.NamespaceSize, f.IgnoreMax)
			if err != nil {
				t.Fatal(err)
			}
			tree := NewTree(h)
			for _, l := range f.Leaves {
				if err := tree.Push(l); err != nil {
					t.Fatal(err)
				}
			}
			if got := tree.Root(); !bytesEq(got, f.Root) {
				t.Fatalf("root %x, want %x", got, f.Root)
			}
			for i, want := range f.LeafNodes {
				if got, _ := tree.LeafHash(i); !bytesEq(got, want) {
					t.Errorf("leaf node %d: %x, want %x", i, got, want)
				}
			}
			for d, level := range map[int][]hexBytes{2: f.InnerDepth2, 1: f.InnerDepth1} {
				for i, want := range level {
					w := 1 << (3 - d)
					if got := tree.subtree(i*w, (i+1)*w); !bytesEq(got, want) {
						t.Errorf("depth %d node %d: %x, want %x", d, i, got, want)
					}
				}
			}
			if len(f.RootIgnoreMaxFalse) > 0 {
				h2, _ := NewHasher(f.NamespaceSize, false)
				t2 := NewTree(h2)
				for _, l := range f.Leaves {
					_ = t2.Push(l)
				}
				if got := t2.Root(); !bytesEq(got, f.RootIgnoreMaxFalse) {
					t.Errorf("root without IgnoreMaxNamespace %x, want %x", got, f.RootIgnoreMaxFalse)
				}
			}
			for i, v := range f.InclusionProofs {
				leaf := append(append([]byte{}, v.Namespace...), v.Data...)
				err := VerifyLeafPath(h, v.Root, leaf, v.LeafIndex, v.NumLeaves, nodes(v.SideNodes))
				if (err == nil) != v.ExpectValid {
					t.Errorf("inclusion %d: %v, want valid %t", i, err, v.ExpectValid)
				}
			}
			for i, v := range f.SingleLeafRoots {
				t1 := NewTree(h)
				if err := t1.PushData(v.Namespace, v.Data); err != nil {
					t.Fatal(err)
				}
				if got := t1.Root(); !bytesEq(got, v.Root) {
					t.Errorf("single leaf %d: %x, want %x", i, got, v.Root)
				}
				leaf := append(append([]byte{}, v.Namespace...), v.Data...)
				if err := VerifyLeafPath(h, v.Root, leaf, 0, 1, nil); err != nil {
					t.Errorf("single leaf %d path: %v", i, err)
				}
			}
			if z := f.ZeroLeaves; z != nil {
				if got := NewTree(h).Root(); !bytesEq(got, z.Root) {
					t.Errorf("empty root %x, want %x", got, z.Root)
				}
				leaf := make([]byte, f.NamespaceSize)
				if err := VerifyLeafPath(h, z.Root, leaf, 0, 0, nil); !errors.Is(err, ErrInvalidRange) {
					t.Errorf("zero-leaf proof: %v, want ErrInvalidRange", err)
				}
			}
		})
	}
}

// TestConformanceRFC6962 checks plain RFC 6962 roots and audit paths (transparency-dev via
// astria-merkle) and Astria's per-rollup leaves.
func TestConformanceRFC6962(t *testing.T) {
	for _, path := range vectors.Files(t, "sequencing", "rfc6962*.json") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var f struct {
				Roots map[string]hexBytes `json:"rfc6962_roots_of_first_n_leaf_inputs"`
				Tests []struct {
					NumLeaves uint64     `json:"num_leaves"`
					LeafIndex uint64     `json:"leaf_index"`
					LeafInput hexBytes   `json:"leaf_input"`
					LeafHash  hexBytes   `json:"leaf_hash"`
					Root      hexBytes   `json:"root"`
					AuditPath []hexBytes `json:"audit_path"`
				} `json:"inclusion_tests"`
			}
			if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
				t.Fatal(err)
			}
			inputs := [][]byte{{}, {0x00}, {0x10}, {0x20, 0x21}, {0x30, 0x31}, {0x40, 0x41, 0x42, 0x43},
				{0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
				{0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f}}
			for k, want := range f.Roots {
				var n int
				for _, c := range k {
					n = n*10 + int(c-'0')
				}
				if n > len(inputs) {
					t.Fatalf("root for %d inputs: only %d standard inputs", n, len(inputs))
				}
				if got := RFC6962Root(inputs[:n]); !bytesEq(got[:], want) {
					t.Errorf("MTH of %d: %x, want %x", n, got, want)
				}
			}
			for i, v := range f.Tests {
				if lh := RFC6962LeafHash(v.LeafInput); !bytesEq(lh[:], v.LeafHash) {
					t.Errorf("test %d leaf hash %x, want %x", i, lh, v.LeafHash)
				}
				path := make([]interop.Hash, len(v.AuditPath))
				for j, p := range v.AuditPath {
					copy(path[j][:], p)
				}
				if err := VerifyRFC6962(interop.Hash(v.Root), v.LeafInput, v.LeafIndex, v.NumLeaves, path); err != nil {
					t.Errorf("test %d: %v", i, err)
				}
				if int(v.NumLeaves) <= len(inputs) && bytesEq(inputs[v.LeafIndex], v.LeafInput) {
					got, err := RFC6962Path(inputs[:v.NumLeaves], int(v.LeafIndex))
					if err != nil || len(got) != len(path) {
						t.Errorf("test %d: built path %x (%v), want %x", i, got, err, path)
					}
					for j := range got {
						if got[j] != path[j] {
							t.Errorf("test %d: path node %d %x, want %x", i, j, got[j], path[j])
						}
					}
				}
				if len(path) > 0 {
					path[0][0] ^= 1
					if err := VerifyRFC6962(interop.Hash(v.Root), v.LeafInput, v.LeafIndex, v.NumLeaves, path); !errors.Is(err, ErrInvalidProof) {
						t.Errorf("test %d tampered: %v", i, err)
					}
				}
			}
		})
	}
}

func bytesEq(a, b []byte) bool { return string(a) == string(b) }

func proofEq(a, b *Proof) bool {
	if a.Start != b.Start || a.End != b.End || a.IgnoreMaxNamespace != b.IgnoreMaxNamespace ||
		!bytesEq(a.LeafHash, b.LeafHash) || len(a.Nodes) != len(b.Nodes) {
		return false
	}
	for i := range a.Nodes {
		if !bytesEq(a.Nodes[i], b.Nodes[i]) {
			return false
		}
	}
	return true
}

var sentinels = []error{ErrNamespaceSize, ErrUnsorted, ErrInvalidNode, ErrInvalidRange, ErrInvalidProof,
	ErrIncomplete, ErrWrongNamespace, ErrInvalidEncoding, ErrTooLarge, ErrMissingNamespacePrefix, ErrDataRoot,
	ErrDataRootTuple}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
