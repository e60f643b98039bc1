package espresso

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// MaxLeafJSON bounds the input of DecodeLeafJSON and DecodeLeafQueryDataJSON: a leaf may
// carry its block payload, which the namespace table and MaxNsTableLen do not bound.
const MaxLeafJSON = 8 << 20

// LeafQueryData is the query service's availability/leaf response: a leaf and the QC that
// certifies it.
type LeafQueryData struct {
	Leaf Leaf
	QC   *QuorumCertificate
}

// Check recomputes the leaf commitment and checks that the QC names it
// (ErrLeafCommitment) and that the QC's vote commitment is that of its data and view
// (ErrVoteCommitment). It does not verify the QC's signatures: that is StakeTable.VerifyQC
// with the commitment Check returns.
func (q *LeafQueryData) Check() (interop.Hash, error) {
	c, err := q.Leaf.Commit()
	if err != nil {
		return interop.Hash{}, err
	}
	if q.QC == nil || q.QC.LeafCommit != c {
		return interop.Hash{}, fmt.Errorf("%w: leaf commits to %s", ErrLeafCommitment, FormatCommitment(TagCommit, c))
	}
	if q.QC.VoteCommitment != q.QC.ExpectedVoteCommitment() {
		return interop.Hash{}, fmt.Errorf("%w: QC of view %d", ErrVoteCommitment, q.QC.ViewNumber)
	}
	return c, nil
}

// DecodeLeafQueryDataJSON decodes {"leaf": …, "qc": …} as DecodeLeafJSON and
// DecodeQCJSON do, and checks nothing between them (Check does).
//
// Bound: b is refused past MaxLeafJSON bytes; decoding allocates a small multiple of len(b).
func DecodeLeafQueryDataJSON(b []byte) (*LeafQueryData, error) {
	if len(b) > MaxLeafJSON {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrJSON, len(b), MaxLeafJSON)
	}
	q := new(LeafQueryData)
	err := object(b, "leaf_query_data",
		member{name: "leaf", parse: func(raw []byte) error {
			l, err := DecodeLeafJSON(raw)
			if err != nil {
				return err
			}
			q.Leaf = *l
			return nil
		}},
		member{name: "qc", parse: pQC(&q.QC)})
	if err != nil {
		return nil, err
	}
	return q, nil
}

func pQC(dst **QuorumCertificate) func([]byte) error {
	return func(raw []byte) error {
		qc, err := DecodeQCJSON(raw)
		if err != nil {
			return err
		}
		*dst = qc
		return nil
	}
}

// DecodeLeafJSON decodes a HotShot leaf as the query service serializes it: Leaf2
// (view_number, justify_qc, next_epoch_justify_qc, parent_commitment, block_header,
// upgrade_certificate, block_payload, view_change_evidence, next_drb_result, with_epoch)
// or the legacy Leaf (the first six without the next-epoch members). The header decodes as
// DecodeHeaderJSON, QCs as DecodeQCJSON. Strict as DecodeHeaderJSON; an upgrade
// certificate other than null is ErrUnsupported (its form is not decoded); view-change
// evidence, which no commitment covers, is kept as received (any JSON value); and
// block_payload must be null or {"ns_table": {"bytes": …}, "raw_payload": base64}, which is
// read and dropped (the leaf commitment does not cover it). The Option members may be
// missing, as serde reads them.
//
// Bound: b is refused past MaxLeafJSON bytes; decoding allocates a small multiple of len(b).
func DecodeLeafJSON(b []byte) (*Leaf, error) {
	if len(b) > MaxLeafJSON {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrJSON, len(b), MaxLeafJSON)
	}
	kvs, err := members(b, "leaf")
	if err != nil {
		return nil, err
	}
	l := &Leaf{Legacy: true}
	for _, p := range kvs {
		if p.key == "with_epoch" {
			l.Legacy = false
		}
	}
	ms := []member{
		{name: "view_number", parse: pU64(&l.ViewNumber)},
		{name: "justify_qc", parse: pQC(&l.JustifyQC)},
		{name: "parent_commitment", parse: pCommitment(TagCommit, &l.ParentCommitment)},
		{name: "block_header", parse: func(raw []byte) error {
			h, err := DecodeHeaderJSON(raw)
			if err != nil {
				return err
			}
			l.BlockHeader = h
			return nil
		}},
		// Option members, which serde's derive reads as None when missing.
		{name: "upgrade_certificate", parse: pNullOnly("upgrade_certificate"), optional: true},
		{name: "block_payload", parse: pPayload, optional: true},
	}
	if !l.Legacy {
		ms = append(ms,
			member{name: "next_epoch_justify_qc", parse: func(raw []byte) error {
				if isNull(raw) {
					return nil
				}
				return pQC(&l.NextEpochJustifyQC)(raw)
			}, optional: true},
			member{name: "view_change_evidence", parse: func(raw []byte) error {
				if !isNull(raw) {
					l.ViewChangeEvidence = bytes.Clone(raw)
				}
				return nil
			}, optional: true},
			member{name: "next_drb_result", parse: pDrb(&l.NextDrbResult), optional: true},
			member{name: "with_epoch", parse: pBool(&l.WithEpoch)})
	}
	if err := apply(kvs, "leaf", ms); err != nil {
		return nil, err
	}
	return l, nil
}

func pNullOnly(what string) func([]byte) error {
	return func(raw []byte) error {
		if !isNull(raw) {
			return fmt.Errorf("%w: %s other than null", ErrUnsupported, what)
		}
		return nil
	}
}

func pBool(dst *bool) func([]byte) error {
	return func(raw []byte) error {
		switch string(raw) {
		case "true":
			*dst = true
		case "false":
			*dst = false
		default:
			return fmt.Errorf("%w: %.20s where a boolean is expected", ErrJSON, raw)
		}
		return nil
	}
}

// pDrb reads a DRB result: null or an array of 32 byte values.
func pDrb(dst **[32]byte) func([]byte) error {
	return func(raw []byte) error {
		if isNull(raw) {
			*dst = nil
			return nil
		}
		if n, ok := jsontok.ArrayLen(raw); !ok || n != 32 {
			return fmt.Errorf("%w: next_drb_result is not an array of 32 bytes", ErrJSON)
		}
		r := new([32]byte)
		err := jsontok.EachElement(raw, func(i int, elem json.RawMessage) error {
			v, err := interop.ParseUint64(elem)
			if err != nil || v > 255 || i >= 32 {
				return fmt.Errorf("%w: DRB byte %.20s", ErrNumber, elem)
			}
			r[i] = byte(v)
			return nil
		})
		if err != nil {
			return err
		}
		*dst = r
		return nil
	}
}

func pPayload(raw []byte) error {
	if isNull(raw) {
		return nil
	}
	var ns []byte
	return object(raw, "block_payload",
		member{name: "ns_table", parse: pNsTable(&ns)},
		member{name: "raw_payload", parse: func(raw []byte) error {
			s, err := plainString(raw)
			if err != nil {
				return err
			}
			if _, err := base64.StdEncoding.Strict().DecodeString(s); err != nil {
				return fmt.Errorf("%w: raw_payload: %v", ErrJSON, err)
			}
			return nil
		}})
}

// MarshalJSON encodes the leaf as the query service does (Leaf2, or the legacy Leaf when
// Legacy is set), with a null payload: DecodeLeafJSON reads it back to an equal leaf. A
// leaf with an upgrade certificate cannot be encoded (only its commitment is kept) and is
// ErrUnsupported, as is one without a header or justify QC.
func (l *Leaf) MarshalJSON() ([]byte, error) {
	if l.UpgradeCertificate != nil || l.BlockHeader == nil || l.JustifyQC == nil {
		return nil, fmt.Errorf("%w: leaf with an upgrade certificate, or without header or justify QC", ErrUnsupported)
	}
	hdr, err := l.BlockHeader.MarshalJSON()
	if err != nil {
		return nil, err
	}
	jqc, err := l.JustifyQC.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := fmt.Appendf(nil, `{"view_number":%d,"justify_qc":%s,`, l.ViewNumber, jqc)
	if !l.Legacy {
		b = append(b, `"next_epoch_justify_qc":`...)
		if l.NextEpochJustifyQC == nil {
			b = append(b, "null"...)
		} else {
			q, err := l.NextEpochJustifyQC.MarshalJSON()
			if err != nil {
				return nil, err
			}
			b = append(b, q...)
		}
		b = append(b, ',')
	}
	b = fmt.Appendf(b, `"parent_commitment":"%s","block_header":%s,"upgrade_certificate":null,"block_payload":null`,
		FormatCommitment(TagCommit, l.ParentCommitment), hdr)
	if !l.Legacy {
		b = append(b, `,"view_change_evidence":`...)
		if l.ViewChangeEvidence == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, l.ViewChangeEvidence...)
		}
		b = append(b, `,"next_drb_result":`...)
		if l.NextDrbResult == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i, v := range l.NextDrbResult {
				if i > 0 {
					b = append(b, ',')
				}
				b = fmt.Append(b, v)
			}
			b = append(b, ']')
		}
		b = fmt.Appendf(b, `,"with_epoch":%t`, l.WithEpoch)
	}
	return append(b, '}'), nil
}
