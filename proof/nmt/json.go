package nmt

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/interopkit/interop"
)

// JSON forms, as served:
//   - an nmt Proof as celestiaorg/nmt Proof.MarshalJSON emits it (encoding/json of pb.Proof:
//     "start", "end", "nodes", "leaf_hash", "is_max_namespace_ignored"), the elements of
//     celestia-node's blob proof;
//   - ShareProof and RowProof as celestia-core's types marshal them (celestia-node's
//     share and blob APIs, celestia-core RPC): bytes in standard base64 except row_roots,
//     which are tmbytes.HexBytes (hex, upper case when emitted); NMT proofs as gogoproto's
//     NMTProof with omitempty tags; Merkle proofs as crypto/merkle Proof.
//
// Integers are JSON numbers (encoding/json) or decimal strings (CometBFT's libs/json
// writes 64-bit integers so); both are accepted, in canonical decimal. Unknown fields,
// non-canonical base64 and wrong lengths are ErrInvalidEncoding. Decoding allocates in
// proportion to the input (encoding/json's own bound), and the counts are bounded as in
// the protobuf decoders.

// jsonInt is an integer written as a JSON number or a decimal string.
type jsonInt struct {
	v   int64
	set bool
}

func (n *jsonInt) UnmarshalJSON(b []byte) error {
	s := b
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		s = b[1 : len(b)-1]
	}
	if len(s) == 0 || len(s) > 20 || s[0] == '+' || (len(s) > 1 && s[0] == '0') || (s[0] == '-' && (len(s) == 1 || s[1] == '0')) {
		return fmt.Errorf("%w: integer %.40s", ErrInvalidEncoding, b)
	}
	v, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: integer %.40s", ErrInvalidEncoding, b)
	}
	n.v, n.set = v, true
	return nil
}

// jsonB64 is standard, padded base64 (encoding/json's []byte), strictly decoded.
type jsonB64 []byte

func (d *jsonB64) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = nil
		return nil
	}
	s, err := plainString(b)
	if err != nil {
		return err
	}
	if len(s) == 0 {
		*d = nil
		return nil
	}
	v := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Strict().Decode(v, s)
	if err != nil {
		return fmt.Errorf("%w: base64 %.40q", ErrInvalidEncoding, s)
	}
	*d = v[:n:n]
	return nil
}

// plainString returns the contents of a JSON string without escapes, which base64 and hex
// never need; decoding it in place saves encoding/json's copy.
func plainString(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, fmt.Errorf("%w: %.40s is not a string", ErrInvalidEncoding, b)
	}
	s := b[1 : len(b)-1]
	if bytes.IndexByte(s, '\\') >= 0 {
		return nil, fmt.Errorf("%w: escaped string %.40s", ErrInvalidEncoding, b)
	}
	return s, nil
}

// jsonHex is tmbytes.HexBytes: hex without 0x, either case.
type jsonHex []byte

func (d *jsonHex) UnmarshalJSON(b []byte) error {
	s, err := plainString(b)
	if err != nil {
		return err
	}
	v := make([]byte, len(s)/2)
	if _, err := hex.Decode(v, s); err != nil {
		return fmt.Errorf("%w: hex %.40q", ErrInvalidEncoding, s)
	}
	*d = v
	return nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidEncoding, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: data after the JSON value", ErrInvalidEncoding)
	}
	return nil
}

type proofJSON struct {
	Start     jsonInt   `json:"start"`
	End       jsonInt   `json:"end"`
	Nodes     []jsonB64 `json:"nodes"`
	LeafHash  jsonB64   `json:"leaf_hash"`
	IgnoreMax bool      `json:"is_max_namespace_ignored"`
}

func (j *proofJSON) proof() (Proof, error) {
	if len(j.Nodes) > MaxProofNodes {
		return Proof{}, fmt.Errorf("%w: %d nodes", ErrTooLarge, len(j.Nodes))
	}
	if j.Start.v < 0 || j.End.v < j.Start.v || j.End.v > MaxLeaves {
		return Proof{}, fmt.Errorf("%w: range [%d, %d)", ErrInvalidRange, j.Start.v, j.End.v)
	}
	p := Proof{Start: int(j.Start.v), End: int(j.End.v), LeafHash: j.LeafHash, IgnoreMaxNamespace: j.IgnoreMax}
	if len(p.LeafHash) == 0 {
		p.LeafHash = nil
	}
	if len(j.Nodes) > 0 {
		p.Nodes = make([][]byte, len(j.Nodes))
		for i, n := range j.Nodes {
			p.Nodes[i] = n
		}
	}
	return p, nil
}

// UnmarshalJSON decodes an nmt Proof in celestiaorg/nmt's JSON form (also gogoproto's
// NMTProof form, which lacks is_max_namespace_ignored). Bound: at most MaxProofNodes nodes.
func (p *Proof) UnmarshalJSON(b []byte) error {
	var j proofJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return fmt.Errorf("nmt proof: %w", err)
	}
	q, err := j.proof()
	if err != nil {
		return fmt.Errorf("nmt proof: %w", err)
	}
	*p = q
	return nil
}

// MarshalJSON encodes p as celestiaorg/nmt does.
func (p Proof) MarshalJSON() ([]byte, error) {
	nodes := p.Nodes
	if nodes == nil {
		nodes = [][]byte{}
	}
	return json.Marshal(struct {
		Start     int      `json:"start"`
		End       int      `json:"end"`
		Nodes     [][]byte `json:"nodes"`
		LeafHash  []byte   `json:"leaf_hash"`
		IgnoreMax bool     `json:"is_max_namespace_ignored"`
	}{p.Start, p.End, nodes, p.LeafHash, p.IgnoreMaxNamespace})
}

type merkleJSON struct {
	Total    jsonInt   `json:"total"`
	Index    jsonInt   `json:"index"`
	LeafHash jsonB64   `json:"leaf_hash"`
	Aunts    []jsonB64 `json:"aunts"`
}

func (j *merkleJSON) proof() (MerkleProof, error) {
	if j.Total.v < 0 || j.Index.v < 0 {
		return MerkleProof{}, fmt.Errorf("%w: merkle proof of leaf %d of %d", ErrInvalidRange, j.Index.v, j.Total.v)
	}
	if len(j.Aunts) > maxAunts {
		return MerkleProof{}, fmt.Errorf("%w: merkle proof: %d aunts", ErrTooLarge, len(j.Aunts))
	}
	if len(j.LeafHash) != 0 && len(j.LeafHash) != 32 {
		return MerkleProof{}, fmt.Errorf("%w: merkle proof: leaf hash of %d bytes", ErrInvalidEncoding, len(j.LeafHash))
	}
	p := MerkleProof{Total: j.Total.v, Index: j.Index.v}
	if len(j.LeafHash) != 0 {
		p.LeafHash = j.LeafHash
	}
	if len(j.Aunts) > 0 {
		p.Aunts = make([]interop.Hash, len(j.Aunts))
		for i, a := range j.Aunts {
			if len(a) != 32 {
				return MerkleProof{}, fmt.Errorf("%w: merkle proof: aunt %d of %d bytes", ErrInvalidEncoding, i, len(a))
			}
			p.Aunts[i] = interop.Hash(a)
		}
	}
	return p, nil
}

// UnmarshalJSON decodes a crypto/merkle Proof as CometBFT (decimal strings) or
// encoding/json (numbers) writes it: {"total", "index", "leaf_hash", "aunts"}.
func (p *MerkleProof) UnmarshalJSON(b []byte) error {
	var j merkleJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return fmt.Errorf("merkle proof: %w", err)
	}
	q, err := j.proof()
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// MarshalJSON encodes p as encoding/json does crypto/merkle's Proof.
func (p MerkleProof) MarshalJSON() ([]byte, error) {
	aunts := make([][]byte, len(p.Aunts))
	for i := range p.Aunts {
		aunts[i] = p.Aunts[i][:]
	}
	return json.Marshal(struct {
		Total    int64    `json:"total"`
		Index    int64    `json:"index"`
		LeafHash []byte   `json:"leaf_hash"`
		Aunts    [][]byte `json:"aunts,omitempty"`
	}{p.Total, p.Index, p.LeafHash, aunts})
}

type rowProofJSON struct {
	RowRoots []jsonHex     `json:"row_roots"`
	Proofs   []*merkleJSON `json:"proofs"`
	Root     jsonB64       `json:"root"`
	StartRow jsonInt       `json:"start_row"`
	EndRow   jsonInt       `json:"end_row"`
}

func (j *rowProofJSON) rowProof() (RowProof, error) {
	if j.StartRow.v < 0 || j.StartRow.v > 1<<32-1 || j.EndRow.v < 0 || j.EndRow.v > 1<<32-1 {
		return RowProof{}, fmt.Errorf("%w: rows %d..%d", ErrInvalidEncoding, j.StartRow.v, j.EndRow.v)
	}
	rp := RowProof{StartRow: uint32(j.StartRow.v), EndRow: uint32(j.EndRow.v)}
	if len(j.Root) != 0 {
		rp.Root = j.Root
	}
	if len(j.RowRoots) > 0 {
		rp.RowRoots = make([][]byte, len(j.RowRoots))
		for i, r := range j.RowRoots {
			rp.RowRoots[i] = r
		}
	}
	if len(j.Proofs) > 0 {
		rp.Proofs = make([]MerkleProof, len(j.Proofs))
		for i, p := range j.Proofs {
			if p == nil {
				return RowProof{}, fmt.Errorf("%w: row proof %d is null", ErrInvalidEncoding, i)
			}
			q, err := p.proof()
			if err != nil {
				return RowProof{}, fmt.Errorf("row proof %d: %w", i, err)
			}
			rp.Proofs[i] = q
		}
	}
	return rp, nil
}

// UnmarshalJSON decodes celestia-core's RowProof JSON (row_roots in hex).
func (rp *RowProof) UnmarshalJSON(b []byte) error {
	var j rowProofJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return fmt.Errorf("row proof: %w", err)
	}
	q, err := j.rowProof()
	if err != nil {
		return err
	}
	*rp = q
	return nil
}

// MarshalJSON encodes rp as celestia-core's RowProof (row roots in upper-case hex; Root,
// which that form lacks, is dropped).
func (rp RowProof) MarshalJSON() ([]byte, error) {
	roots := make([]string, len(rp.RowRoots))
	for i, r := range rp.RowRoots {
		roots[i] = fmt.Sprintf("%X", r)
	}
	proofs := rp.Proofs
	if proofs == nil {
		proofs = []MerkleProof{}
	}
	return json.Marshal(struct {
		RowRoots []string      `json:"row_roots"`
		Proofs   []MerkleProof `json:"proofs"`
		StartRow uint32        `json:"start_row"`
		EndRow   uint32        `json:"end_row"`
	}{roots, proofs, rp.StartRow, rp.EndRow})
}

type shareProofJSON struct {
	Data             []jsonB64     `json:"data"`
	ShareProofs      []*proofJSON  `json:"share_proofs"`
	NamespaceID      jsonB64       `json:"namespace_id"`
	RowProof         *rowProofJSON `json:"row_proof"`
	NamespaceVersion jsonInt       `json:"namespace_version"`
}

// UnmarshalJSON decodes a ShareProof as celestia-core's types.ShareProof marshals it, the
// form celestia-node's share.GetRange and celestia-core's RPC return. The row proof must
// be present. Decoding checks the form only: call Verify with the block's data root.
func (sp *ShareProof) UnmarshalJSON(b []byte) error {
	var j shareProofJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return fmt.Errorf("share proof: %w", err)
	}
	if j.RowProof == nil {
		return fmt.Errorf("%w: share proof without a row proof", ErrInvalidEncoding)
	}
	if j.NamespaceVersion.v < 0 || j.NamespaceVersion.v > 1<<32-1 {
		return fmt.Errorf("%w: namespace version %d", ErrInvalidEncoding, j.NamespaceVersion.v)
	}
	q := ShareProof{NamespaceVersion: uint32(j.NamespaceVersion.v)}
	if len(j.NamespaceID) != 0 {
		q.NamespaceID = j.NamespaceID
	}
	var err error
	if q.RowProof, err = j.RowProof.rowProof(); err != nil {
		return err
	}
	if len(j.Data) > 0 {
		q.Data = make([][]byte, len(j.Data))
		for i, d := range j.Data {
			q.Data[i] = d
		}
	}
	if len(j.ShareProofs) > 0 {
		q.ShareProofs = make([]Proof, len(j.ShareProofs))
		for i, p := range j.ShareProofs {
			if p == nil {
				return fmt.Errorf("%w: share proof %d is null", ErrInvalidEncoding, i)
			}
			if q.ShareProofs[i], err = p.proof(); err != nil {
				return fmt.Errorf("share proof %d: %w", i, err)
			}
		}
	}
	*sp = q
	return nil
}

// MarshalJSON encodes sp as celestia-core's types.ShareProof with encoding/json.
func (sp ShareProof) MarshalJSON() ([]byte, error) {
	type nmtProof struct {
		Start    int      `json:"start,omitempty"`
		End      int      `json:"end,omitempty"`
		Nodes    [][]byte `json:"nodes,omitempty"`
		LeafHash []byte   `json:"leaf_hash,omitempty"`
	}
	proofs := make([]nmtProof, len(sp.ShareProofs))
	for i, p := range sp.ShareProofs {
		proofs[i] = nmtProof{p.Start, p.End, p.Nodes, p.LeafHash}
	}
	return json.Marshal(struct {
		Data             [][]byte   `json:"data"`
		ShareProofs      []nmtProof `json:"share_proofs"`
		NamespaceID      []byte     `json:"namespace_id"`
		RowProof         RowProof   `json:"row_proof"`
		NamespaceVersion uint32     `json:"namespace_version"`
	}{sp.Data, proofs, sp.NamespaceID, sp.RowProof, sp.NamespaceVersion})
}
