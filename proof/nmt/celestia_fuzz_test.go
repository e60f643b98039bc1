package nmt

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
)

// fuzzFixtures returns the real share proofs under testdata with their data roots.
func fuzzFixtures(f *testing.F) (proofs []ShareProof, roots []interop.Hash) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		var fx celestiaFixture
		if json.Unmarshal(b, &fx) != nil || fx.ShareProof == nil {
			continue
		}
		var sp ShareProof
		if err := json.Unmarshal(fx.ShareProof, &sp); err != nil {
			f.Fatal(err)
		}
		proofs = append(proofs, sp)
		roots = append(roots, interop.Hash(fx.DataRoot))
	}
	return proofs, roots
}

// isReal reports whether enc is the encoding of a real proof under root.
func isReal(enc []byte, root interop.Hash, real [][]byte, roots []interop.Hash) bool {
	for i := range real {
		if roots[i] == root && bytes.Equal(enc, real[i]) {
			return true
		}
	}
	return false
}

// FuzzDecodeShareProof: decoding never panics and names a sentinel; an accepted message
// re-encodes to the same bytes; one that verifies against a real block's data root is
// that block's real proof, byte for byte.
func FuzzDecodeShareProof(f *testing.F) {
	proofs, roots := fuzzFixtures(f)
	var real [][]byte
	for _, sp := range proofs {
		enc, _ := sp.AppendProto(nil)
		real = append(real, enc)
		f.Add(enc)
	}
	f.Add([]byte{0x0a, 0x00, 0x22, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		sp, err := DecodeShareProof(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		enc, err := sp.AppendProto(nil)
		if err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("re-encoding %x (%v), input %x", enc, err, b)
		}
		for _, root := range roots {
			err := sp.Verify(root)
			if err == nil && !isReal(b, root, real, roots) {
				t.Fatalf("a proof other than the real one verifies against data root %x", root)
			}
			if err != nil && !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
		}
	})
}

// FuzzDecodeProtoProof: an accepted nmt Proof re-encodes to the same bytes.
func FuzzDecodeProtoProof(f *testing.F) {
	tree, _ := fuzzTree(8)
	for _, ns := range [][]byte{{0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 9}} {
		p, _ := tree.ProveNamespace(ns)
		b, _ := p.AppendProto(nil)
		f.Add(b)
	}
	f.Add([]byte{0x08, 0x01, 0x10, 0x02, 0x1a, 0x00, 0x22, 0x01, 0x00, 0x28, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeProtoProof(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		enc, err := p.AppendProto(nil)
		if err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("re-encoding %x (%v), input %x", enc, err, b)
		}
	})
}

// FuzzDecodeRowProof: an accepted RowProof (and so each Merkle proof in it) re-encodes to
// the same bytes, and verifying it never panics.
func FuzzDecodeRowProof(f *testing.F) {
	proofs, roots := fuzzFixtures(f)
	for _, sp := range proofs {
		enc, _ := sp.RowProof.AppendProto(nil)
		f.Add(enc)
		m, _ := sp.RowProof.Proofs[0].AppendProto(nil)
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if m, err := DecodeMerkleProof(b); err == nil {
			if enc, err := m.AppendProto(nil); err != nil || !bytes.Equal(enc, b) {
				t.Fatalf("merkle proof re-encoding %x (%v), input %x", enc, err, b)
			}
		} else if !isSentinel(err) {
			t.Fatalf("unnamed error %v", err)
		}
		rp, err := DecodeRowProof(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if enc, err := rp.AppendProto(nil); err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("re-encoding %x (%v), input %x", enc, err, b)
		}
		for _, root := range roots {
			if err := rp.Verify(root); err != nil && !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
		}
	})
}

// FuzzShareProofJSON: the JSON decoders never panic and name a sentinel; an accepted share
// proof survives MarshalJSON and decoding again unchanged, and verifies against a real
// data root only if its protobuf form is the real proof's.
func FuzzShareProofJSON(f *testing.F) {
	proofs, roots := fuzzFixtures(f)
	var real [][]byte
	for _, sp := range proofs {
		js, _ := json.Marshal(sp)
		f.Add(js)
		enc, _ := sp.AppendProto(nil)
		real = append(real, enc)
		m, _ := json.Marshal(sp.RowProof.Proofs[0])
		f.Add(m)
		n, _ := json.Marshal(sp.ShareProofs[0])
		f.Add(n)
	}
	f.Add([]byte(`{"total":"4","index":"2","aunts":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m MerkleProof
		if err := m.UnmarshalJSON(b); err != nil && !isSentinel(err) {
			t.Fatalf("merkle proof: unnamed error %v", err)
		}
		var p Proof
		if err := p.UnmarshalJSON(b); err == nil {
			js, _ := json.Marshal(p)
			var q Proof
			if err := q.UnmarshalJSON(js); err != nil {
				t.Fatalf("nmt proof JSON does not decode again: %v", err)
			}
			a, errA := p.AppendProto(nil)
			c, errC := q.AppendProto(nil)
			if errA != nil || errC != nil || !bytes.Equal(a, c) {
				t.Fatalf("nmt proof JSON round trip changed it")
			}
		} else if !isSentinel(err) {
			t.Fatalf("nmt proof: unnamed error %v", err)
		}
		var sp ShareProof
		if err := sp.UnmarshalJSON(b); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		enc, encErr := sp.AppendProto(nil)
		js, err := json.Marshal(sp)
		if err != nil {
			t.Fatal(err)
		}
		var again ShareProof
		if err := again.UnmarshalJSON(js); err != nil {
			t.Fatalf("re-marshalled JSON refused: %v", err)
		}
		enc2, encErr2 := again.AppendProto(nil)
		if (encErr == nil) != (encErr2 == nil) || !bytes.Equal(enc, enc2) {
			t.Fatalf("JSON round trip changed the proof")
		}
		for _, root := range roots {
			if err := sp.Verify(root); err == nil && !isReal(enc, root, real, roots) {
				t.Fatalf("a proof other than the real one verifies against data root %x", root)
			} else if err != nil && !isSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
		}
	})
}
