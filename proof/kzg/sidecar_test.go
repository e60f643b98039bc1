package kzg_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/kzg"
	"github.com/interopkit/interop/proof/kzg/kzgtest"
	"github.com/interopkit/interop/proof/ssz"
	"pgregory.net/rapid"
)

// sidecarResponses returns every testdata/*.blob_sidecars.json[.gz] response, unzipped.
func sidecarResponses(t testing.TB) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.blob_sidecars.json*"))
	if len(paths) == 0 {
		t.Fatal("no testdata/*.blob_sidecars.json files")
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func realSidecars(t testing.TB) (map[string][]kzg.BlobSidecar, map[string][]byte) {
	t.Helper()
	resps := sidecarResponses(t)
	out := map[string][]kzg.BlobSidecar{}
	for name, b := range resps {
		scs, err := kzg.DecodeBlobSidecarsJSON(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(scs) == 0 {
			t.Fatalf("%s: no sidecars", name)
		}
		out[name] = scs
	}
	return out, resps
}

// TestConformanceBlobSidecars decodes real blob_sidecars responses (a Deneb testnet block
// quoted in alloy's rpc-types-beacon) and verifies each sidecar completely: the blob
// against its commitment and proof, the commitment's inclusion proof into the header's
// body root at the generalized index computed from the index, and the header's root as
// the block root all sidecars share. SSZ and JSON encodings round-trip.
func TestConformanceBlobSidecars(t *testing.T) {
	all, _ := realSidecars(t)
	for name, scs := range all {
		root := scs[0].BlockRoot()
		for i := range scs {
			s := &scs[i]
			if err := s.Verify(root); err != nil {
				t.Errorf("%s: sidecar %d: %v", name, i, err)
			}
			g, _ := ssz.BlobKZGCommitmentGindex(s.Index)
			enc := s.MarshalSSZTo(nil)
			back, err := kzg.DecodeBlobSidecarsSSZ(enc)
			if err != nil || len(back) != 1 || back[0] != *s {
				t.Errorf("%s: sidecar %d: SSZ round trip (%v)", name, i, err)
			}
			j, err := json.Marshal(s)
			var again kzg.BlobSidecar
			if err != nil || again.UnmarshalJSON(j) != nil || again != *s {
				t.Errorf("%s: sidecar %d: JSON round trip (%v)", name, i, err)
			}
			t.Logf("%s: blob %d of block %s (slot %d) verified; commitment at gindex %d", name, s.Index, root, s.SignedBlockHeader.Message.Slot, g)
		}
	}
}

// TestBlobSidecarTamper changes one byte in each part of each real sidecar and requires
// Verify to refuse it with the sentinel of the check that part feeds.
func TestBlobSidecarTamper(t *testing.T) {
	all, resps := realSidecars(t)
	n := 0
	for name, scs := range all {
		root := scs[0].BlockRoot()
		for i := range scs {
			orig := &scs[i]
			try := func(part string, pos int, mutate func(s *kzg.BlobSidecar), want ...error) {
				t.Helper()
				s := new(kzg.BlobSidecar)
				*s = *orig
				mutate(s)
				err := s.Verify(root)
				n++
				for _, w := range want {
					if errors.Is(err, w) {
						return
					}
				}
				t.Errorf("%s: sidecar %d: %s byte %d flipped: err %v, want one of %v", name, i, part, pos, err, want)
			}
			for _, p := range []int{0, 1, 31, 32, 4000, 70000, kzg.BytesPerBlob - 1} {
				try("blob", p, func(s *kzg.BlobSidecar) { s.Blob[p] ^= 0x01 }, kzg.ErrInvalidProof, kzg.ErrInvalidFieldElement)
			}
			for p := 0; p < 48; p += 5 {
				try("commitment", p, func(s *kzg.BlobSidecar) { s.KZGCommitment[p] ^= 0x01 }, kzg.ErrInclusionProof)
				try("proof", p, func(s *kzg.BlobSidecar) { s.KZGProof[p] ^= 0x01 }, kzg.ErrInvalidProof, kzg.ErrInvalidPoint, kzg.ErrNotInSubgroup)
			}
			for p := 0; p < ssz.KZGCommitmentInclusionProofDepth*32; p += 7 {
				try("inclusion proof", p, func(s *kzg.BlobSidecar) { s.KZGCommitmentInclusionProof[p/32][p%32] ^= 0x01 }, kzg.ErrInclusionProof)
			}
			try("index", 0, func(s *kzg.BlobSidecar) { s.Index ^= 1 }, kzg.ErrInclusionProof)
			try("slot", 0, func(s *kzg.BlobSidecar) { s.SignedBlockHeader.Message.Slot ^= 1 }, kzg.ErrBlockRoot)
			try("body root", 0, func(s *kzg.BlobSidecar) { s.SignedBlockHeader.Message.BodyRoot[0] ^= 1 }, kzg.ErrBlockRoot)
		}
		// And in the JSON itself: a flipped hex digit in the commitment is refused by
		// Verify, a flipped quote by the decoder.
		resp := resps[name]
		at := bytes.Index(resp, []byte(`"kzg_commitment": "0x`)) + len(`"kzg_commitment": "0x`)
		bad := bytes.Clone(resp)
		if bad[at] == '0' {
			bad[at] = '1'
		} else {
			bad[at] = '0'
		}
		if scs, err := kzg.DecodeBlobSidecarsJSON(bad); err != nil || !errors.Is(scs[0].Verify(root), kzg.ErrInclusionProof) {
			t.Errorf("%s: JSON commitment tamper: decode %v", name, err)
		}
		bad = bytes.Clone(resp)
		bad[at-3] ^= 0x01
		if _, err := kzg.DecodeBlobSidecarsJSON(bad); !errors.Is(err, kzg.ErrInvalidSidecar) {
			t.Errorf("%s: JSON syntax tamper: err %v, want ErrInvalidSidecar", name, err)
		}
	}
	t.Logf("%d tampered sidecars refused", n)
}

// TestDecodeBlobSidecarsJSONCases holds hand-made malformed sidecars, each row named for
// what it guards; they are built from a valid one by editing its JSON.
func TestDecodeBlobSidecarsJSONCases(t *testing.T) {
	all, _ := realSidecars(t)
	var s kzg.BlobSidecar
	for _, scs := range all {
		s = scs[0]
	}
	good, err := json.Marshal(&s)
	if err != nil {
		t.Fatal(err)
	}
	replace := func(old, new string) []byte { return bytes.Replace(good, []byte(old), []byte(new), 1) }
	idx := fmt.Sprintf(`"index":"%d"`, s.Index)
	proofJSON, _ := json.Marshal(s.KZGCommitmentInclusionProof[:])
	cases := []struct {
		name string
		in   []byte
	}{
		{"index as number", replace(idx, `"index":0`)},
		{"index leading zero", replace(idx, `"index":"00"`)},
		{"index past the list limit", replace(idx, `"index":"4096"`)},
		{"index missing", replace(idx+",", ``)},
		{"short blob", replace(`"blob":"0x`, `"blob":"0x00`)},
		{"blob null", replace(`"blob":"0x`+fmt.Sprintf("%x", s.Blob[:]), `"blob":null,"x":"`+strings.Repeat("0", 2*kzg.BytesPerBlob))},
		{"short commitment", replace(fmt.Sprintf(`"kzg_commitment":"0x%x`, s.KZGCommitment[:1]), `"kzg_commitment":"0x`)},
		{"16 proof nodes", replace(string(proofJSON), string(proofJSON[:strings.LastIndex(string(proofJSON), ",")])+"]")},
		{"18 proof nodes", replace(string(proofJSON), string(proofJSON[:len(proofJSON)-1])+`,"0x`+strings.Repeat("00", 32)+`"]`)},
		{"header without signature", replace(`"signature":`, `"signatur":`)},
	}
	for _, c := range cases {
		if bytes.Equal(c.in, good) {
			t.Fatalf("%s: the edit did not apply", c.name)
		}
		var x kzg.BlobSidecar
		if err := x.UnmarshalJSON(c.in); !errors.Is(err, kzg.ErrInvalidSidecar) {
			t.Errorf("%s: err %v, want ErrInvalidSidecar", c.name, err)
		}
	}
	for _, in := range []string{`null`, `{}`, `{"data":null}`, `[{}]`, `[` + string(good) + `] x`, `{"data":[` + string(good) + `]`} {
		if _, err := kzg.DecodeBlobSidecarsJSON([]byte(in)); !errors.Is(err, kzg.ErrInvalidSidecar) {
			t.Errorf("%.40s: err %v, want ErrInvalidSidecar", in, err)
		}
	}
	for _, in := range []string{`[` + string(good) + `]`, `{"execution_optimistic":false,"finalized":true,"data":[` + string(good) + `]}`} {
		if scs, err := kzg.DecodeBlobSidecarsJSON([]byte(in)); err != nil || len(scs) != 1 || scs[0] != s {
			t.Errorf("%.40s: %v", in, err)
		}
	}
	if _, err := kzg.DecodeBlobSidecarsSSZ(make([]byte, kzg.BlobSidecarSize+1)); !errors.Is(err, kzg.ErrInvalidSidecar) {
		t.Errorf("SSZ of a wrong size: %v", err)
	}
}

// TestPropBlobSidecar: a generated sidecar verifies against its block root, survives SSZ
// and JSON, and fails with the sentinel of its part when the index or block root changes.
func TestPropBlobSidecar(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := kzgtest.BlobSidecar().Draw(t, "sidecar")
		root := s.BlockRoot()
		if err := s.Verify(root); err != nil {
			t.Fatal(err)
		}
		back, err := kzg.DecodeBlobSidecarsSSZ(s.MarshalSSZTo(nil))
		if err != nil || back[0] != *s {
			t.Fatalf("SSZ: %v", err)
		}
		j, _ := json.Marshal([]*kzg.BlobSidecar{s})
		if got, err := kzg.DecodeBlobSidecarsJSON(j); err != nil || got[0] != *s {
			t.Fatalf("JSON: %v", err)
		}
		other := *s
		other.Index = (s.Index + 1) % ssz.MaxBlobCommitmentsPerBlock
		if err := other.Verify(root); !errors.Is(err, kzg.ErrInclusionProof) {
			t.Fatalf("index %d verified as %d: %v", s.Index, other.Index, err)
		}
		if err := s.Verify(interop.Hash{1}); !errors.Is(err, kzg.ErrBlockRoot) {
			t.Fatalf("wrong block root: %v", err)
		}
	})
}

// TestBoundsBlobSidecars holds the decoders to the project bound: real responses, many
// empty elements, a sidecar-sized document of nothing, an over-long inclusion proof.
func TestBoundsBlobSidecars(t *testing.T) {
	_, resps := realSidecars(t)
	inputs := map[string][]byte{
		"many empty sidecars": []byte(`{"data":[` + strings.Repeat(`{},`, 100000) + `{}]}`),
		"padding":             []byte(`[{"x":"` + strings.Repeat("0", 2*kzg.BytesPerBlob) + `"}]`),
		"long inclusion proof": []byte(`[{"index":"0","kzg_commitment_inclusion_proof":[` + strings.Repeat(`"0x`+strings.Repeat("00", 32)+`",`, 5000) +
			`null],"x":"` + strings.Repeat("0", 2*kzg.BytesPerBlob) + `"}]`),
	}
	for name, b := range resps {
		inputs[name] = b
	}
	for name, in := range inputs {
		u := hostile.Bounded(t, name, len(in), func() { _, _ = kzg.DecodeBlobSidecarsJSON(in) })
		t.Logf("%s: %d bytes, %d allocated (%.2f per byte)", name, len(in), u.Bytes, float64(u.Bytes)/float64(len(in)))
	}
	ssz3 := make([]byte, 3*kzg.BlobSidecarSize)
	hostile.Bounded(t, "SSZ of three sidecars", len(ssz3), func() { _, _ = kzg.DecodeBlobSidecarsSSZ(ssz3) })
	tiny := []byte(`[{}]`)
	hostile.Bounded(t, "a tiny list", len(tiny), func() { _, _ = kzg.DecodeBlobSidecarsJSON(tiny) })
}

// TestConcurrentBlobSidecar verifies one shared sidecar from many goroutines.
func TestConcurrentBlobSidecar(t *testing.T) {
	all, _ := realSidecars(t)
	for _, scs := range all {
		s := &scs[0]
		root := s.BlockRoot()
		hostile.Concurrent(t, 2, func(int) {
			if err := s.Verify(root); err != nil {
				t.Error(err)
			}
		})
	}
}

func BenchmarkBlobSidecarVerify(b *testing.B) {
	all, _ := realSidecars(b)
	for _, scs := range all {
		s := &scs[0]
		root := s.BlockRoot()
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Verify(root); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
}

func BenchmarkDecodeBlobSidecarsJSON(b *testing.B) {
	for _, resp := range sidecarResponses(b) {
		b.SetBytes(int64(len(resp)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := kzg.DecodeBlobSidecarsJSON(resp); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
}

// FuzzDecodeBlobSidecarsJSON: an accepted response encodes back (SSZ and JSON) to the same
// sidecars. Seeds: the real responses, and a mutated index.
func FuzzDecodeBlobSidecarsJSON(f *testing.F) {
	for _, b := range sidecarResponses(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"data":[]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		scs, err := kzg.DecodeBlobSidecarsJSON(in)
		if err != nil {
			if !errors.Is(err, kzg.ErrInvalidSidecar) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		var enc []byte
		for i := range scs {
			enc = scs[i].MarshalSSZTo(enc)
		}
		back, err := kzg.DecodeBlobSidecarsSSZ(enc)
		if err != nil || len(back) != len(scs) {
			t.Fatalf("SSZ: %v", err)
		}
		j, _ := json.Marshal(scs)
		again, err := kzg.DecodeBlobSidecarsJSON(j)
		if err != nil || len(again) != len(scs) {
			t.Fatalf("JSON: %v", err)
		}
		for i := range scs {
			if back[i] != scs[i] || again[i] != scs[i] {
				t.Fatalf("sidecar %d does not round-trip", i)
			}
		}
	})
}

// FuzzDecodeBlobSidecarsSSZ: an accepted list re-encodes to the same bytes.
func FuzzDecodeBlobSidecarsSSZ(f *testing.F) {
	f.Add(make([]byte, kzg.BlobSidecarSize))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		scs, err := kzg.DecodeBlobSidecarsSSZ(in)
		if err != nil {
			if !errors.Is(err, kzg.ErrInvalidSidecar) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		var enc []byte
		for i := range scs {
			enc = scs[i].MarshalSSZTo(enc)
		}
		if !bytes.Equal(enc, in) {
			t.Fatal("re-encoding differs")
		}
	})
}

// A rollup node fetches the blobs of a block whose root its light client trusts, and
// checks each before decoding the batch inside.
func ExampleDecodeBlobSidecarsJSON() {
	// The zero blob commits to the point at infinity, with the infinity proof.
	var s kzg.BlobSidecar
	s.KZGCommitment[0], s.KZGProof[0] = 0xc0, 0xc0
	s.Index = 2
	g, _ := ssz.BlobKZGCommitmentGindex(s.Index)
	c := [48]byte(s.KZGCommitment)
	s.SignedBlockHeader.Message.BodyRoot, _ = ssz.CalculateMerkleRoot(ssz.KZGCommitmentRoot(&c), s.KZGCommitmentInclusionProof[:], g)
	response, _ := json.Marshal(map[string]any{"data": []*kzg.BlobSidecar{&s}})

	trusted := s.BlockRoot() // from the light client, in practice
	sidecars, err := kzg.DecodeBlobSidecarsJSON(response)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sc := range sidecars {
		fmt.Println(sc.Index, g, sc.Verify(trusted))
	}
	fmt.Println(errors.Is(sidecars[0].Verify(interop.Hash{}), kzg.ErrBlockRoot))
	// Output:
	// 2 221186 <nil>
	// true
}
