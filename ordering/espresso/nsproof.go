package espresso

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/ordering"
)

// AvidMNsProof is an AVID-M namespace proof (NsProof::V1, vid avidm NsProof, or V2, vid
// avidm_gf2 NsProof, which have the same shape): the namespace's index in the namespace
// table, its payload, and the Merkle path of its namespace commitment into the block's
// payload commitment (siblings per level, leaf level first). Scheme says which AVID-M.
type AvidMNsProof struct {
	Scheme    VIDScheme
	NsIndex   uint32
	NsPayload []byte
	Path      [][2]interop.Hash
}

// NamespaceProofResponse is the query service's answer to
// /availability/block/:height/namespace/:ns (NamespaceProofQueryData): the proof, absent
// (nil) when the block has no such namespace, and the transactions the service extracted.
// Nothing in it is trusted until Verify.
type NamespaceProofResponse struct {
	Proof        *AvidMNsProof
	Transactions []Transaction
}

// vidMaxIndex bounds ns_index: a namespace table cannot hold more entries than 2^32.
const vidMaxIndex = 1<<32 - 1

// DecodeNsProofJSON decodes an NsProof as espresso-types serialises it:
// {"V1": {"ns_index": n, "ns_payload": base64 string (or, in the older v1 reference
// serialisation, an array of byte values), "ns_proof": "MERKLE_PROOF~…"}}, or the same
// members under "V2" (GF(2^16) AVID-M). Each member must appear exactly once; unknown
// members are skipped. {"V0": …} (ADVZ) is ErrVIDUnsupported; anything else malformed is
// ErrVIDEncoding.
// Bound: allocations proportional to len(b) (the payload is at most 3/4 of the input).
func DecodeNsProofJSON(b []byte) (*AvidMNsProof, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	p, err := decodeNsProof(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the namespace proof", ErrVIDEncoding)
	}
	return p, nil
}

func decodeNsProof(dec *json.Decoder) (*AvidMNsProof, error) {
	var p *AvidMNsProof
	variants := 0
	err := jsontok.EachField(dec, ErrVIDEncoding, func(key string) error {
		variants++
		if variants > 1 {
			return fmt.Errorf("%w: NsProof with more than one variant", ErrVIDEncoding)
		}
		switch key {
		case "V1":
			p = new(AvidMNsProof)
			return p.readV1(dec)
		case "V2":
			p = &AvidMNsProof{Scheme: VIDSchemeAvidmGf2}
			return p.readV1(dec)
		case "V0":
			return fmt.Errorf("%w: NsProof %s", ErrVIDUnsupported, key)
		default:
			return fmt.Errorf("%w: NsProof variant %.32q", ErrVIDEncoding, key)
		}
	})
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("%w: NsProof without a variant", ErrVIDEncoding)
	}
	return p, nil
}

func (p *AvidMNsProof) readV1(dec *json.Decoder) error {
	return jsontok.ReadObject(dec, ErrVIDEncoding, "NsProof."+p.Scheme.String(),
		jsontok.Field{Name: "ns_index", Read: func() error { return vidReadUint32(dec, "ns_index", &p.NsIndex) }},
		jsontok.Field{Name: "ns_payload", Read: func() (err error) {
			p.NsPayload, err = vidReadBytes(dec, "ns_payload")
			return err
		}},
		jsontok.Field{Name: "ns_proof", Read: func() error {
			var s string
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("%w: ns_proof: %v", ErrVIDEncoding, err)
			}
			path, err := vidParseMerkleProof(s)
			if err != nil {
				return err
			}
			p.Path = path
			return nil
		}},
	)
}

// vidReadUint32 reads a JSON number that must be a canonical decimal below 2^32.
func vidReadUint32(dec *json.Decoder, what string, dst *uint32) error {
	var n json.RawMessage
	if err := dec.Decode(&n); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrVIDEncoding, what, err)
	}
	v, err := vidParseUint(string(n), vidMaxIndex)
	if err != nil {
		return fmt.Errorf("%w: %s %.24s", ErrVIDEncoding, what, n)
	}
	*dst = uint32(v)
	return nil
}

// vidParseUint reads a canonical decimal (no sign, no leading zero, no fraction) <= max.
func vidParseUint(s string, maxV uint64) (uint64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, strconv.ErrSyntax
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v > maxV {
		return 0, strconv.ErrRange
	}
	return v, nil
}

// vidReadBytes reads a byte string serialised as standard padded base64 (base64_bytes) or
// as a JSON array of byte values.
func vidReadBytes(dec *json.Decoder, what string) ([]byte, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrVIDEncoding, what, err)
	}
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrVIDEncoding, what, err)
		}
		v, err := base64.StdEncoding.Strict().DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %s base64: %v", ErrVIDEncoding, what, err)
		}
		return v, nil
	case len(raw) > 0 && raw[0] == '[':
		n, ok := jsontok.ArrayLen(raw)
		if !ok {
			return nil, fmt.Errorf("%w: %s array", ErrVIDEncoding, what)
		}
		v := make([]byte, 0, n)
		err := jsontok.EachElement(raw, func(_ int, e json.RawMessage) error {
			x, err := vidParseUint(string(e), 255)
			if err != nil {
				return fmt.Errorf("%w: %s byte %.8s", ErrVIDEncoding, what, e)
			}
			v = append(v, byte(x))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrVIDEncoding, what, err)
		}
		return v, nil
	default:
		return nil, fmt.Errorf("%w: %s is %.16s", ErrVIDEncoding, what, raw)
	}
}

// MarshalJSON encodes p as espresso-types does ({"V1": {…}} or {"V2": {…}}, payload in
// padded base64).
func (p *AvidMNsProof) MarshalJSON() ([]byte, error) {
	if p.Scheme > VIDSchemeAvidmGf2 {
		return nil, fmt.Errorf("%w: %v", ErrVIDUnsupported, p.Scheme)
	}
	var b bytes.Buffer
	b.WriteString(`{"` + p.Scheme.String() + `":{"ns_index":`)
	b.WriteString(strconv.FormatUint(uint64(p.NsIndex), 10))
	b.WriteString(`,"ns_payload":"`)
	b.WriteString(base64.StdEncoding.EncodeToString(p.NsPayload))
	b.WriteString(`","ns_proof":"`)
	b.WriteString(vidFormatMerkleProof(p.Path))
	b.WriteString(`"}}`)
	return b.Bytes(), nil
}

// DecodeNamespaceProofResponse decodes the query service's namespace proof response
// {"proof": NsProof or null, "transactions": [{"namespace": id, "payload": base64}…]} with
// DecodeNsProofJSON's rules for the proof. Errors are ErrVIDEncoding or ErrVIDUnsupported.
// Bound: allocations proportional to len(b).
func DecodeNamespaceProofResponse(b []byte) (*NamespaceProofResponse, error) {
	var r NamespaceProofResponse
	dec := json.NewDecoder(bytes.NewReader(b))
	err := jsontok.ReadObject(dec, ErrVIDEncoding, "NamespaceProofQueryData",
		jsontok.Field{Name: "proof", Read: func() error {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("%w: proof: %v", ErrVIDEncoding, err)
			}
			if string(raw) == "null" {
				return nil
			}
			p, err := DecodeNsProofJSON(raw)
			r.Proof = p
			return err
		}},
		jsontok.Field{Name: "transactions", Read: func() error {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("%w: transactions: %v", ErrVIDEncoding, err)
			}
			n, ok := jsontok.ArrayLen(raw)
			if !ok {
				return fmt.Errorf("%w: transactions is not an array", ErrVIDEncoding)
			}
			r.Transactions = make([]Transaction, 0, n)
			return jsontok.EachElement(raw, func(i int, e json.RawMessage) error {
				tx, err := decodeTransactionJSON(e)
				if err != nil {
					return fmt.Errorf("transaction %d: %w", i, err)
				}
				r.Transactions = append(r.Transactions, tx)
				return nil
			})
		}},
	)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the response", ErrVIDEncoding)
	}
	return &r, nil
}

func decodeTransactionJSON(b []byte) (Transaction, error) {
	var tx Transaction
	dec := json.NewDecoder(bytes.NewReader(b))
	err := jsontok.ReadObject(dec, ErrVIDEncoding, "Transaction",
		jsontok.Field{Name: "namespace", Read: func() error { return vidReadUint32(dec, "namespace", &tx.Namespace) }},
		jsontok.Field{Name: "payload", Read: func() (err error) {
			tx.Payload, err = vidReadBytes(dec, "payload")
			return err
		}},
	)
	return tx, err
}

// vidDecodeNsTable parses a header's namespace table with ordering.DecodeNsTable, the payload
// length being the table's last end offset (headers do not carry it separately).
func vidDecodeNsTable(b []byte) (ordering.NsTable, error) {
	payloadLen := uint64(0)
	if len(b) >= 12 && (len(b)-4)%8 == 0 {
		payloadLen = uint64(binary.LittleEndian.Uint32(b[len(b)-4:]))
	}
	t, err := ordering.DecodeNsTable(b, payloadLen)
	if err != nil {
		return ordering.NsTable{}, fmt.Errorf("%w: %w", ErrVIDNamespace, err)
	}
	return t, nil
}

// VerifyNamespaceProof checks that proof opens the block's AVID-M payload commitment
// (header payload_commitment) to the complete payload of namespace ns, as the header's
// namespace table (ns_table bytes) lays the block out, and returns its transactions:
//
//	a) param is a valid AVID-M parameter (the block's VID common), else ErrVIDParam;
//	b) nsTable parses (ordering.DecodeNsTable), else ErrVIDNamespace wrapping
//	   ordering.ErrInvalidNsTable;
//	c) ns absent from the table: with no proof the namespace is proven empty and
//	   (nil, nil) is returned; a proof for it is ErrVIDNamespace;
//	d) ns present: no proof is ErrVIDMissingProof; a proof whose index is not ns's index in
//	   the table, whose payload length is not ns's range in the table, or whose path length
//	   is not the height of the tree of the table's namespaces is ErrVIDNamespace (for V2
//	   also the height with one more leaf, upstream's binding leaf);
//	e) the payload's namespace commitment in the proof's scheme (AvidMCommit for V1,
//	   AvidmGf2Commit for V2), as the leaf at the index, must fold along the path to
//	   payloadCommitment, else ErrVIDCommitment. This check costs O(len·TotalWeights)
//	   field operations, so it runs last, after every cheap check.
//
// The header's commitment tag names the scheme (AvidMCommit for V1, AvidmGf2Commit for V2);
// a proof of the other scheme cannot fold to it.
//
// The transactions are SplitNsPayload's, aliasing proof.NsPayload.
func VerifyNamespaceProof(payloadCommitment interop.Hash, nsTable []byte, param AvidMParam, ns uint32, proof *AvidMNsProof) ([]Transaction, error) {
	if err := param.check(); err != nil {
		return nil, err
	}
	t, err := vidDecodeNsTable(nsTable)
	if err != nil {
		return nil, err
	}
	index := -1
	for i, e := range t.Entries {
		if e.ID == ns {
			index = i
			break
		}
	}
	if index < 0 {
		if proof != nil {
			return nil, fmt.Errorf("%w: proof for namespace %d, which the table does not hold", ErrVIDNamespace, ns)
		}
		return nil, nil
	}
	if proof == nil {
		return nil, fmt.Errorf("%w: namespace %d at index %d", ErrVIDMissingProof, ns, index)
	}
	start, end, _ := t.Range(ns)
	switch {
	case uint64(proof.NsIndex) != uint64(index):
		return nil, fmt.Errorf("%w: proof for index %d, namespace %d is at %d", ErrVIDNamespace, proof.NsIndex, ns, index)
	case uint64(len(proof.NsPayload)) != uint64(end-start):
		return nil, fmt.Errorf("%w: payload of %d bytes, namespace %d holds %d", ErrVIDNamespace, len(proof.NsPayload), ns, end-start)
	case len(proof.Path) != avidmTreeHeight(uint64(len(t.Entries))) &&
		(proof.Scheme != VIDSchemeAvidmGf2 || len(proof.Path) != avidmTreeHeight(uint64(len(t.Entries))+1)):
		return nil, fmt.Errorf("%w: path of %d levels for %d namespaces", ErrVIDNamespace, len(proof.Path), len(t.Entries))
	}
	nsCommit, err := proof.Scheme.namespaceCommit(param, proof.NsPayload)
	if err != nil {
		return nil, err
	}
	if root := avidmMerklePathRoot(uint64(index), &nsCommit, proof.Path); root != payloadCommitment {
		return nil, fmt.Errorf("%w: namespace %d folds to %x, header commits to %x", ErrVIDCommitment, ns, root[:8], payloadCommitment[:8])
	}
	return SplitNsPayload(ns, proof.NsPayload), nil
}

// Verify runs VerifyNamespaceProof on r's proof and then requires r's transactions to be
// exactly the proven ones, in order (ErrVIDTransactions otherwise: a transaction omitted,
// inserted, altered, reordered or attributed to another namespace). It returns the proven
// transactions, which alias r.
func (r *NamespaceProofResponse) Verify(payloadCommitment interop.Hash, nsTable []byte, param AvidMParam, ns uint32) ([]Transaction, error) {
	txs, err := VerifyNamespaceProof(payloadCommitment, nsTable, param, ns, r.Proof)
	if err != nil {
		return nil, err
	}
	if len(txs) != len(r.Transactions) {
		return nil, fmt.Errorf("%w: %d served, %d proven", ErrVIDTransactions, len(r.Transactions), len(txs))
	}
	for i := range txs {
		if r.Transactions[i].Namespace != txs[i].Namespace || !bytes.Equal(r.Transactions[i].Payload, txs[i].Payload) {
			return nil, fmt.Errorf("%w: transaction %d", ErrVIDTransactions, i)
		}
	}
	return txs, nil
}

// ProveNamespace builds the AVID-M namespace proof of namespace ns of a block payload laid
// out by nsTable (NsAvidMScheme::namespace_proof), and the block's payload commitment
// (NsAvidMScheme::commit). It is the prover side, for tests and for services that serve
// proofs. A namespace absent from the table yields a nil proof. Errors: ErrVIDParam,
// ErrVIDNamespace (table, or payload length not the table's).
func ProveNamespace(param AvidMParam, payload, nsTable []byte, ns uint32) (interop.Hash, *AvidMNsProof, error) {
	return ProveNamespaceScheme(VIDSchemeAvidM, param, payload, nsTable, ns)
}

// ProveNamespaceScheme is ProveNamespace in the given scheme (for V2, NsAvidmGf2Scheme's
// commit and namespace_proof, with the plain tree over the namespace commitments).
func ProveNamespaceScheme(scheme VIDScheme, param AvidMParam, payload, nsTable []byte, ns uint32) (interop.Hash, *AvidMNsProof, error) {
	if err := param.check(); err != nil {
		return interop.Hash{}, nil, err
	}
	t, err := ordering.DecodeNsTable(nsTable, uint64(len(payload)))
	if err != nil {
		return interop.Hash{}, nil, fmt.Errorf("%w: %w", ErrVIDNamespace, err)
	}
	commits := make([]interop.Hash, len(t.Entries))
	index := -1
	prev := uint32(0)
	for i, e := range t.Entries {
		if commits[i], err = scheme.namespaceCommit(param, payload[prev:e.End]); err != nil {
			return interop.Hash{}, nil, err
		}
		if e.ID == ns {
			index = i
		}
		prev = e.End
	}
	root := avidmMerkleRoot(commits)
	if index < 0 {
		return root, nil, nil
	}
	start, end, _ := t.Range(ns)
	return root, &AvidMNsProof{
		Scheme:    scheme,
		NsIndex:   uint32(index),
		NsPayload: append([]byte(nil), payload[start:end]...),
		Path:      avidmMerkleProve(commits, index),
	}, nil
}
