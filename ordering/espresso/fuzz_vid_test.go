package espresso

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func addVIDSeeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/vid/*/*.json")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"V1":{"ns_index":0,"ns_payload":[97],"ns_proof":"` + vidFormatMerkleProof(nil) + `"}}`))
	f.Add([]byte(`{"proof":{"V2":{"ns_index":0,"ns_payload":"YQ==","ns_proof":"` + vidFormatMerkleProof(nil) + `"}},"transactions":[]}`))
}

// FuzzDecodeNsProofJSON: an accepted proof re-encodes (MarshalJSON) to a form that decodes
// to the same proof and re-encodes to the same bytes.
func FuzzDecodeNsProofJSON(f *testing.F) {
	addVIDSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeNsProofJSON(b)
		if err != nil {
			return
		}
		js, _ := p.MarshalJSON()
		q, err := DecodeNsProofJSON(js)
		if err != nil {
			t.Fatalf("re-encoding refused: %v", err)
		}
		js2, _ := q.MarshalJSON()
		if !bytes.Equal(js, js2) || q.NsIndex != p.NsIndex || !bytes.Equal(q.NsPayload, p.NsPayload) || len(q.Path) != len(p.Path) {
			t.Fatal("re-encoding is not canonical")
		}
	})
}

// FuzzDecodeNamespaceProofResponse: an accepted response verifies or fails with an error
// against the reference block (never panics), and its proof re-encodes canonically.
func FuzzDecodeNamespaceProofResponse(f *testing.F) {
	addVIDSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeNamespaceProofResponse(b)
		if err != nil {
			return
		}
		if r.Proof != nil {
			js, _ := r.Proof.MarshalJSON()
			if _, err := DecodeNsProofJSON(js); err != nil {
				t.Fatalf("proof re-encoding refused: %v", err)
			}
			if len(r.Proof.NsPayload) > 1<<12 {
				return // keep each input's verification cheap
			}
		}
		tbl := []byte{3, 0, 0, 0, 0xee, 0xff, 0xc0, 0, 0x1c, 6, 0, 0, 0xa1, 0xb0, 0xb9, 0x12, 0x40, 0x0e, 0, 0, 0x64, 0xb0, 5, 0xa2, 0x5c, 0x14, 0, 0}
		txs, err := r.Verify([32]byte{}, tbl, vidRefParam, 12648430)
		if err == nil && len(txs) != len(r.Transactions) {
			t.Fatal("verified list differs from the served one")
		}
	})
}

// FuzzParseNsPayload: never panics, every transaction lies inside the payload, and the
// transactions rebuilt into an honest payload parse back to themselves.
func FuzzParseNsPayload(f *testing.F) {
	f.Add([]byte{2, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 'a', 'b', 'c'})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		txs := SplitNsPayload(1, b)
		if len(txs) > len(b)/4 {
			t.Fatalf("%d transactions from %d bytes", len(txs), len(b))
		}
		var bodies [][]byte
		for _, tx := range txs {
			bodies = append(bodies, tx.Payload)
		}
		h, err := BuildNsPayload(bodies)
		if err != nil {
			t.Fatal(err)
		}
		again := SplitNsPayload(1, h)
		if len(again) != len(txs) {
			t.Fatalf("%d transactions after rebuilding, want %d", len(again), len(txs))
		}
		for i := range again {
			if !bytes.Equal(again[i].Payload, txs[i].Payload) {
				t.Fatalf("transaction %d differs after rebuilding", i)
			}
		}
	})
}

// FuzzParseAvidMCommit: an accepted commitment formats back to the same string.
func FuzzParseAvidMCommit(f *testing.F) {
	f.Add("AvidMCommit~GVev7Msgzxsj2Kfx6HfqnNoK4USAnZ602eXda3Ic0zrY")
	f.Add("AvidMCommit~")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseAvidMCommit(s)
		if err != nil {
			return
		}
		if FormatAvidMCommit(c) != s {
			t.Fatalf("%q re-formats as %q", s, FormatAvidMCommit(c))
		}
	})
}

// FuzzDecodeVidCommonJSON: an accepted parameter is valid and its canonical VidCommon form
// decodes to the same parameter.
func FuzzDecodeVidCommonJSON(f *testing.F) {
	addVIDSeeds(f)
	f.Add([]byte(`{"V1":{"recovery_threshold":4,"total_weights":10}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, scheme, err := DecodeVidCommonJSON(b)
		if err != nil {
			return
		}
		if p.check() != nil {
			t.Fatalf("invalid parameter %+v accepted", p)
		}
		canon := fmt.Sprintf(`{"V1":{"recovery_threshold":%d,"total_weights":%d}}`, p.RecoveryThreshold, p.TotalWeights)
		if scheme == VIDSchemeAvidmGf2 {
			canon = fmt.Sprintf(`{"V2":{"param":{"recovery_threshold":%d,"total_weights":%d}}}`, p.RecoveryThreshold, p.TotalWeights)
		}
		if q, s2, err := DecodeVidCommonJSON([]byte(canon)); err != nil || q != p || s2 != scheme {
			t.Fatalf("canonical form %s: %+v %v", canon, q, err)
		}
	})
}
