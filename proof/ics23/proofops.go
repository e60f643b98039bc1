package ics23

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// The ProofOp types of the Cosmos SDK store's ICS-23 commitment ops
// (store/types/proof.go: ProofOpIAVLCommitment, ProofOpSimpleMerkleCommitment,
// ProofOpSMTCommitment). An ABCI query with prove=true on a module store returns
// ProofOpIAVL for the key in the store, then ProofOpSimple for the store in the app hash.
const (
	ProofOpIAVL   = "ics23:iavl"
	ProofOpSimple = "ics23:simple"
	ProofOpSMT    = "ics23:smt"
)

// proofOp is tendermint.crypto.ProofOp (cometbft crypto/merkle): type 1, key 2, data 3.
type proofOp struct {
	Type      string
	Key, Data []byte
}

// decodeProofOps reads tendermint.crypto.ProofOps (field 1, repeated ProofOp), counting
// the ops before allocating their slice.
func decodeProofOps(b []byte) ([]proofOp, error) {
	n, err := countField(b, 1)
	if err != nil {
		return nil, err
	}
	ops := make([]proofOp, 0, n)
	err = eachMessage(b, 1, func(v []byte) error {
		var op proofOp
		var s seen
		r := pbReader{b: v}
		for !r.done() {
			f, w, err := r.singularTag(&s, 3)
			if err != nil {
				return fmt.Errorf("proof op %d: %w", len(ops), err)
			}
			if f > 3 {
				if err := r.skip(w); err != nil {
					return err
				}
				continue
			}
			x, err := r.lenField(f, w)
			if err != nil {
				return fmt.Errorf("proof op %d: %w", len(ops), err)
			}
			switch f {
			case 1:
				op.Type = string(x)
			case 2:
				op.Key = x
			case 3:
				op.Data = x
			}
		}
		ops = append(ops, op)
		return nil
	})
	return ops, err
}

// appendProofOps writes ops as canonical ProofOps bytes.
func appendProofOps(b []byte, ops []proofOp) []byte {
	w := pbWriter{b: b}
	for i := range ops {
		op := &ops[i]
		w.message(1, func(w *pbWriter) {
			w.bytesField(1, []byte(op.Type))
			w.bytesField(2, op.Key)
			w.bytesField(3, op.Data)
		})
	}
	return w.b
}

// merkleProof converts ProofOps to the MerkleProof they carry, as ibc-go's ConvertProofs
// does, and checks what it ignores: each op's type is an ICS-23 commitment op, its data a
// single existence or non-existence proof, and its key the key that proof is for.
func merkleProof(ops []proofOp) (MerkleProof, error) {
	m := MerkleProof{Proofs: make([]CommitmentProof, len(ops))}
	for i := range ops {
		op := &ops[i]
		switch op.Type {
		case ProofOpIAVL, ProofOpSimple, ProofOpSMT:
		default:
			return MerkleProof{}, fmt.Errorf("%w: op %d has type %q", ErrProofOp, i, op.Type)
		}
		p := &m.Proofs[i]
		if err := unmarshalInto(p, op.Data, math.MaxInt); err != nil {
			return MerkleProof{}, fmt.Errorf("proof op %d (%s): %w", i, op.Type, err)
		}
		var key []byte
		switch {
		case p.Exist != nil:
			key = p.Exist.Key
		case p.Nonexist != nil:
			key = p.Nonexist.Key
		default:
			return MerkleProof{}, fmt.Errorf("%w: op %d (%s) carries %s", ErrProofOp, i, op.Type, p.kind())
		}
		// CommitmentOp.Run proves the op's key; the SDK sets it to the proof's key.
		if !bytes.Equal(key, op.Key) {
			return MerkleProof{}, fmt.Errorf("%w: op %d (%s) has key %x, its proof is for %x", ErrProofOp, i, op.Type, op.Key, key)
		}
	}
	return m, nil
}

// DecodeProofOps decodes protobuf tendermint.crypto.ProofOps bytes, the proof of an ABCI
// query with prove=true (for a module store of an SDK chain: an ics23:iavl op, then an
// ics23:simple op), into the MerkleProof it carries, lowest tree first, ready for
// VerifyMembership or VerifyNonMembership with SDKSpecs and the path (store key, key).
// Each op must be an ICS-23 commitment op (ProofOpIAVL, ProofOpSimple, ProofOpSMT) whose
// data is one existence or non-existence proof for the op's key (ErrProofOp); data that
// does not decode is ErrMalformed. Singular fields may not repeat; unknown fields are
// skipped. The result keeps slices into b.
//
// Resource bound: O(len(b)) work; 64 bytes per op (each at least 2 input bytes) and 48
// per proof, counted before allocating; each proof as DecodeCommitmentProof (56 bytes per input byte).
func DecodeProofOps(b []byte) (MerkleProof, error) {
	ops, err := decodeProofOps(b)
	if err != nil {
		return MerkleProof{}, err
	}
	return merkleProof(ops)
}

// maxProofOpsJSON bounds the JSON DecodeProofOpsJSON reads: an ABCI proof is a few KB.
const maxProofOpsJSON = 1 << 20

// DecodeProofOpsJSON decodes a ProofOps object as CometBFT's RPC returns it in an
// abci_query response's proofOps field: {"ops":[{"type":"ics23:iavl","key":base64,
// "data":base64}, ...]}, then checks it as DecodeProofOps does. Unknown fields, trailing
// data and inputs over 1 MiB are ErrMalformed.
//
// Resource bound: inputs over 1 MiB are refused before decoding; encoding/json then
// allocates a small multiple of the input, and each proof as DecodeCommitmentProof.
func DecodeProofOpsJSON(b []byte) (MerkleProof, error) {
	if len(b) > maxProofOpsJSON {
		return MerkleProof{}, fmt.Errorf("%w: %d bytes of JSON, max %d", ErrMalformed, len(b), maxProofOpsJSON)
	}
	var v struct {
		Ops []struct {
			Type string `json:"type"`
			Key  []byte `json:"key"`
			Data []byte `json:"data"`
		} `json:"ops"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&v); err != nil {
		return MerkleProof{}, fmt.Errorf("%w: proof ops JSON: %v", ErrMalformed, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return MerkleProof{}, fmt.Errorf("%w: proof ops JSON: trailing data", ErrMalformed)
	}
	ops := make([]proofOp, len(v.Ops))
	for i, op := range v.Ops {
		ops[i] = proofOp{Type: op.Type, Key: op.Key, Data: op.Data}
	}
	return merkleProof(ops)
}

// wrapper reports whether b, refused as a CommitmentProof, is a wrapper of them: ProofOps
// (every top-level field is field 1 holding a ProofOp with an ICS-23 type) or a
// MerkleProof (every top-level field is field 1 holding a CommitmentProof that sets a
// variant). It decodes the candidate proofs building no path, so it costs less memory
// than the decode that failed.
func wrapper(b []byte) error {
	r := pbReader{b: b}
	n := 0
	ops, proofs := true, true
	for !r.done() {
		f, w, err := r.tag()
		if err != nil || f != 1 || w != wireLen {
			return nil
		}
		v, err := r.bytes()
		if err != nil {
			return nil
		}
		n++
		if ops {
			ops = looksLikeProofOp(v)
		}
		if proofs {
			var p CommitmentProof
			proofs = unmarshalInto(&p, v, 0) == nil && p.kind() != "empty"
		}
		if !ops && !proofs {
			return nil
		}
	}
	switch {
	case n == 0:
		return nil
	case ops:
		return fmt.Errorf("%w: %d ops", ErrIsProofOps, n)
	case proofs:
		return fmt.Errorf("%w: %d proofs", ErrIsMerkleProof, n)
	}
	return nil
}

// looksLikeProofOp: v's first field is field 1, a type naming an ICS-23 op or another
// CometBFT op type (printable, without spaces).
func looksLikeProofOp(v []byte) bool {
	r := pbReader{b: v}
	f, w, err := r.tag()
	if err != nil || f != 1 || w != wireLen {
		return false
	}
	t, err := r.bytes()
	if err != nil || len(t) == 0 || len(t) > 64 || !utf8.Valid(t) {
		return false
	}
	for _, c := range t {
		if c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return bytes.Contains(t, []byte(":"))
}
