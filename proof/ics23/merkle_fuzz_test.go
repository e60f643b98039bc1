package ics23

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// seedChains adds the real chained proofs under testdata/chain as MerkleProof bytes and
// as ProofOps bytes.
func seedChains(f *testing.F, merkle, ops func([]byte)) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "chain", "*.json"))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var v struct {
			Proof    string
			ProofOps struct {
				Ops []struct {
					Type      string
					Key, Data []byte
				}
			} `json:"proof_ops"`
		}
		if json.Unmarshal(raw, &v) != nil {
			continue
		}
		if b, err := hex.DecodeString(v.Proof); err == nil && len(b) > 0 {
			merkle(b)
		}
		var list []proofOp
		for _, op := range v.ProofOps.Ops {
			list = append(list, proofOp{Type: op.Type, Key: op.Key, Data: op.Data})
		}
		if len(list) > 0 {
			ops(appendProofOps(nil, list))
			m, err := merkleProof(list)
			if err == nil {
				merkle(must(m.AppendBinary(nil)))
			}
		}
	}
}

// selfPath returns the path, value and root that an all-existence chain claims (each
// proof's key, the first proof's value, the last proof's computed root), so that a fuzzed
// chain can be verified against what it says.
func selfPath(m MerkleProof) (MerklePath, []byte, []byte, bool) {
	if len(m.Proofs) == 0 || len(m.Proofs) > 2 {
		return MerklePath{}, nil, nil, false
	}
	var path MerklePath
	for i := len(m.Proofs) - 1; i >= 0; i-- {
		if m.Proofs[i].Exist == nil {
			return MerklePath{}, nil, nil, false
		}
		path.KeyPath = append(path.KeyPath, m.Proofs[i].Exist.Key)
	}
	root, err := m.Proofs[len(m.Proofs)-1].Calculate()
	if err != nil {
		return MerklePath{}, nil, nil, false
	}
	return path, m.Proofs[0].Exist.Value, root, true
}

// FuzzDecodeMerkleProof: no panic; what is accepted re-encodes to bytes that decode to the
// same encoding (canonical bytes are a fixed point), proof by proof as DecodeCommitmentProof decodes
// them; and a chain verifies against SDKSpecs exactly when its re-encoding does, and when
// VerifyMerkleMembership (the streaming path) accepts its bytes.
func FuzzDecodeMerkleProof(f *testing.F) {
	f.Add([]byte{0x0a, 0x00})
	seedChains(f, func(b []byte) { f.Add(b) }, func([]byte) {})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeMerkleProof(b)
		if err != nil {
			return
		}
		enc := must(m.AppendBinary(nil))
		again, err := DecodeMerkleProof(enc)
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if !bytes.Equal(must(again.AppendBinary(nil)), enc) || len(again.Proofs) != len(m.Proofs) {
			t.Fatal("encoding not stable")
		}
		i := 0
		_ = eachMessage(b, 1, func(v []byte) error {
			p, err := DecodeCommitmentProof(v)
			if err != nil {
				t.Fatalf("proof %d: accepted in the chain, refused alone: %v", i, err)
			}
			if !bytes.Equal(must(p.AppendBinary(nil)), must(m.Proofs[i].AppendBinary(nil))) {
				t.Fatalf("proof %d decodes differently alone", i)
			}
			i++
			return nil
		})
		path, value, root, ok := selfPath(m)
		if !ok {
			return
		}
		specs := SDKSpecs[2-len(m.Proofs):]
		err = m.VerifyMembership(specs, root, path, value)
		if aerr := again.VerifyMembership(specs, root, path, value); (aerr == nil) != (err == nil) {
			t.Fatalf("decoded %v, re-encoded %v", err, aerr)
		}
		if ferr := VerifyMerkleMembership(specs, root, b, path, value); (ferr == nil) != (err == nil) {
			t.Fatalf("decoded %v, from bytes %v", err, ferr)
		}
	})
}

// FuzzDecodeProofOps: no panic; accepted ops re-encode to bytes that are accepted and
// carry the same chain, canonical bytes being a fixed point; an op whose data is
// canonical is carried unchanged; and ops are accepted only when each is a commitment op
// for its proof's key.
func FuzzDecodeProofOps(f *testing.F) {
	seedChains(f, func([]byte) {}, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeProofOps(b)
		ops, oerr := decodeProofOps(b)
		if err != nil {
			return
		}
		if oerr != nil {
			t.Fatalf("accepted, but the ops do not decode: %v", oerr)
		}
		enc := appendProofOps(nil, ops)
		again, err := DecodeProofOps(enc)
		if err != nil {
			t.Fatalf("re-encoding refused: %v", err)
		}
		if !bytes.Equal(must(again.AppendBinary(nil)), must(m.AppendBinary(nil))) {
			t.Fatal("re-encoding carries another chain")
		}
		reops, _ := decodeProofOps(enc)
		if !bytes.Equal(appendProofOps(nil, reops), enc) {
			t.Fatal("encoding not stable")
		}
		for i, op := range ops {
			p, err := DecodeCommitmentProof(op.Data)
			if err != nil {
				t.Fatalf("op %d: accepted, data refused alone: %v", i, err)
			}
			if bytes.Equal(must(p.AppendBinary(nil)), op.Data) && !bytes.Equal(must(m.Proofs[i].AppendBinary(nil)), op.Data) {
				t.Fatalf("op %d: canonical data not carried unchanged", i)
			}
			switch op.Type {
			case ProofOpIAVL, ProofOpSimple, ProofOpSMT:
			default:
				t.Fatalf("op %d: type %q accepted", i, op.Type)
			}
		}
	})
}
