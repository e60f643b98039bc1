package ssz_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/ssz"
	"github.com/interopkit/interop/proof/ssz/ssztest"
	"pgregory.net/rapid"
)

// TestConformanceBlobKZGCommitmentGindex reads the merkle_proof BeaconBlockBody cases of
// consensus-spec-tests (Deneb and Electra: one commitment; Fulu: the whole list, as data
// column sidecars prove it) and checks that the generalized indices computed here are the
// ones the vectors prove (their branches are checked against the body's own root by
// TestConformanceSingleMerkleProof).
func TestConformanceBlobKZGCommitmentGindex(t *testing.T) {
	var single, list int
	for _, p := range vectors.Files(t, "beacon", "proof.yaml") {
		dir := filepath.ToSlash(filepath.Dir(p))
		if !strings.Contains(dir, "merkle_proof/single_merkle_proof/BeaconBlockBody/blob_kzg_commitment") {
			continue
		}
		c := yconv{t, dir}
		y := readYAML(t, p)
		g := ssz.GeneralizedIndex(c.u64(y, "leaf_index"))
		branch := c.hashes(y.get("branch"))
		switch {
		case strings.Contains(dir, "blob_kzg_commitments_merkle_proof"):
			if g != ssz.BlobKZGCommitmentsGindex || len(branch) != g.Depth() {
				t.Errorf("%s: list gindex %d (%d nodes), want %d", dir, g, len(branch), ssz.BlobKZGCommitmentsGindex)
			}
			list++
		default:
			base, _ := ssz.BlobKZGCommitmentGindex(0)
			index := uint64(g - base)
			want, err := ssz.BlobKZGCommitmentGindex(index)
			if err != nil || want != g || len(branch) != ssz.KZGCommitmentInclusionProofDepth {
				t.Errorf("%s: gindex %d, computed %d for index %d (%v), %d nodes", dir, g, want, index, err, len(branch))
			}
			single++
		}
	}
	if single+list == 0 {
		if vectors.Required() {
			t.Fatal("no blob_kzg_commitment merkle_proof cases (INTEROP_VECTORS_REQUIRED=1)")
		}
		t.Skip("no blob_kzg_commitment merkle_proof cases")
	}
	t.Logf("%d commitment and %d list gindices match the vectors", single, list)
}

// TestPropBlobKZGCommitmentGindex: the closed form is the spec's path, concatenated:
// blob_kzg_commitments (27), the list's data (left child, 2), then leaf index of a tree of
// MAX_BLOB_COMMITMENTS_PER_BLOCK; and a proof made for one index verifies only there.
func TestPropBlobKZGCommitmentGindex(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		index := rapid.Uint64Range(0, ssz.MaxBlobCommitmentsPerBlock-1).Draw(t, "index")
		g, err := ssz.BlobKZGCommitmentGindex(index)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ssz.ConcatGeneralizedIndices(ssz.BlobKZGCommitmentsGindex, 2, ssz.GeneralizedIndex(ssz.MaxBlobCommitmentsPerBlock+index))
		if err != nil || g != want || g.Depth() != ssz.KZGCommitmentInclusionProofDepth {
			t.Fatalf("index %d: %d, concatenated %d (%v)", index, g, want, err)
		}
		var c [48]byte
		copy(c[:], rapid.SliceOfN(rapid.Byte(), 48, 48).Draw(t, "commitment"))
		branch := rapid.SliceOfN(ssztest.Hash(), 17, 17).Draw(t, "branch")
		body, err := ssz.CalculateMerkleRoot(ssz.KZGCommitmentRoot(&c), branch, g)
		if err != nil {
			t.Fatal(err)
		}
		if err := ssz.VerifyBlobKZGCommitmentInclusion(&c, index, branch, body); err != nil {
			t.Fatal(err)
		}
		if err := ssz.VerifyBlobKZGCommitmentInclusion(&c, index^1, branch, body); !errors.Is(err, ssz.ErrInvalidProof) {
			t.Fatalf("proof of %d verified at %d: %v", index, index^1, err)
		}
	})
	var c [48]byte
	branch := make([]interop.Hash, 17)
	if err := ssz.VerifyBlobKZGCommitmentInclusion(&c, ssz.MaxBlobCommitmentsPerBlock, branch, interop.Hash{}); !errors.Is(err, ssz.ErrIndex) {
		t.Errorf("index past the limit: %v", err)
	}
	if err := ssz.VerifyBlobKZGCommitmentInclusion(&c, 0, branch[:16], interop.Hash{}); !errors.Is(err, ssz.ErrProofShape) {
		t.Errorf("16-node branch: %v", err)
	}
	body, _ := ssz.CalculateMerkleRoot(ssz.KZGCommitmentRoot(&c), branch, 221185)
	if ssz.KZGCommitmentRoot(&c) != ssz.ByteVectorRoot(c[:]) {
		t.Errorf("KZGCommitmentRoot differs from ByteVectorRoot")
	}
	// AllocsPerRun averages over many calls: a single call's process-wide counters can
	// include an object that the runtime allocated elsewhere meanwhile.
	if n := testing.AllocsPerRun(200, func() {
		if ssz.VerifyBlobKZGCommitmentInclusion(&c, 1, branch, body) != nil {
			t.Error("valid proof refused")
		}
	}); n != 0 {
		t.Errorf("VerifyBlobKZGCommitmentInclusion allocates %.2f objects per call", n)
	}
}

// TestSignedBeaconBlockHeader: SSZ and JSON round trips, and hash_tree_root by its
// definition (message root, signature root).
func TestSignedBeaconBlockHeader(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := ssz.SignedBeaconBlockHeader{Message: ssztest.BeaconBlockHeader().Draw(t, "message")}
		copy(h.Signature[:], rapid.SliceOfN(rapid.Byte(), 96, 96).Draw(t, "signature"))
		enc, _ := h.MarshalSSZTo(nil)
		var back ssz.SignedBeaconBlockHeader
		if len(enc) != ssz.SignedBeaconBlockHeaderSize || back.UnmarshalSSZ(enc) != nil || back != h {
			t.Fatal("SSZ round trip")
		}
		j, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		back = ssz.SignedBeaconBlockHeader{}
		if err := json.Unmarshal(j, &back); err != nil || back != h {
			t.Fatalf("JSON round trip: %v", err)
		}
		sigChunks := make([]interop.Hash, 0, 3)
		sigChunks = ssz.PackBytes(sigChunks, h.Signature[:])
		sigRoot, _ := ssz.Merkleize(sigChunks, 3)
		if h.HashTreeRoot() != ssz.HashPair(h.Message.HashTreeRoot(), sigRoot) {
			t.Fatal("hash_tree_root")
		}
	})
	var h ssz.SignedBeaconBlockHeader
	for _, in := range []string{`{}`, `{"message":{}}`, `{"message":null,"signature":"0x00"}`, `[]`} {
		if err := json.Unmarshal([]byte(in), &h); !errors.Is(err, ssz.ErrField) {
			t.Errorf("%s: err %v, want ErrField", in, err)
		}
	}
	if err := h.UnmarshalSSZ(make([]byte, ssz.SignedBeaconBlockHeaderSize-1)); !errors.Is(err, ssz.ErrSize) {
		t.Errorf("short SSZ: %v", err)
	}
}

// The node a blob sidecar's inclusion proof starts from, computed as the spec does:
// get_subtree_index(get_generalized_index(BeaconBlockBody, 'blob_kzg_commitments', 5)).
func ExampleBlobKZGCommitmentGindex() {
	g, err := ssz.BlobKZGCommitmentGindex(5)
	fmt.Println(g, g.Depth(), ssz.GetSubtreeIndex(g), err)
	_, err = ssz.BlobKZGCommitmentGindex(ssz.MaxBlobCommitmentsPerBlock)
	fmt.Println(errors.Is(err, ssz.ErrIndex))
	// Output:
	// 221189 17 90117 <nil>
	// true
}
