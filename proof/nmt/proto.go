package nmt

import (
	"fmt"
)

// The protobuf form of an NMT proof, as celestiaorg/nmt pb/proof.proto defines it and
// celestia-node serves it:
//
//	message Proof {
//	  int64 start = 1; int64 end = 2; repeated bytes nodes = 3;
//	  bytes leaf_hash = 4; bool is_max_namespace_ignored = 5;
//	}
//
// celestia-app's and celestia-core's NMTProof (proto/celestia/core/v1/proof/proof.proto,
// the rows of a ShareProof) is the same message with int32 start and end and without
// field 5; on the wire the two agree for every valid proof.

// DecodeProtoProof decodes a protobuf nmt Proof (celestiaorg/nmt pb.Proof). It is strict:
// unknown fields, wire types other than the schema's, a non-repeated field given twice,
// fields out of order, explicit default values, non-minimal varints and lengths past the
// end are ErrInvalidEncoding; a range outside [0, MaxLeaves] or End < Start is
// ErrInvalidRange; more than MaxProofNodes nodes is ErrTooLarge. Nodes and the leaf hash
// alias b; their sizes are checked by the verifiers, which know the namespace size.
// An accepted encoding re-encodes to the same bytes with AppendProto.
//
// Bound: nodes are counted before the slice is allocated, at most MaxProofNodes; memory
// 24 bytes per node; O(len(b)) work.
func DecodeProtoProof(b []byte) (Proof, error) {
	return decodeProtoProof(b, "nmt proof", true)
}

func decodeProtoProof(b []byte, msg string, withIgnoreMax bool) (Proof, error) {
	var p Proof
	if c := countRepeated(b, 3); c > MaxProofNodes {
		return Proof{}, fmt.Errorf("%w: %s: %d nodes", ErrTooLarge, msg, c)
	} else if c > 0 {
		p.Nodes = make([][]byte, 0, c)
	}
	r := pbReader{b: b, msg: msg}
	for {
		num, wt, done, err := r.next()
		if err != nil {
			return Proof{}, err
		}
		if done {
			break
		}
		switch {
		case num == 1 || num == 2:
			if err := r.field(num, wt, wireVarint, false); err != nil {
				return Proof{}, err
			}
			v, err := r.scalar(num)
			if err != nil {
				return Proof{}, err
			}
			// Negative int32/int64 values are ten-byte varints with the top bit set.
			if v > MaxLeaves {
				return Proof{}, fmt.Errorf("%w: %s: field %d value %d", ErrInvalidRange, msg, num, int64(v))
			}
			if num == 1 {
				p.Start = int(v)
			} else {
				p.End = int(v)
			}
		case num == 3:
			if err := r.field(num, wt, wireBytes, true); err != nil {
				return Proof{}, err
			}
			n, err := r.bytes(num, true)
			if err != nil {
				return Proof{}, err
			}
			p.Nodes = append(p.Nodes, n)
		case num == 4:
			if err := r.field(num, wt, wireBytes, false); err != nil {
				return Proof{}, err
			}
			if p.LeafHash, err = r.bytes(num, false); err != nil {
				return Proof{}, err
			}
		case num == 5 && withIgnoreMax:
			if err := r.field(num, wt, wireVarint, false); err != nil {
				return Proof{}, err
			}
			v, err := r.scalar(num)
			if err != nil {
				return Proof{}, err
			}
			if v != 1 {
				return Proof{}, fmt.Errorf("%w: %s: bool field 5 holds %d", ErrInvalidEncoding, msg, v)
			}
			p.IgnoreMaxNamespace = true
		default:
			return Proof{}, fmt.Errorf("%w: %s: unknown field %d", ErrInvalidEncoding, msg, num)
		}
	}
	if p.End < p.Start {
		return Proof{}, fmt.Errorf("%w: %s: range [%d, %d)", ErrInvalidRange, msg, p.Start, p.End)
	}
	return p, nil
}

// AppendProto appends p's protobuf encoding (celestiaorg/nmt pb.Proof), canonical as
// gogoproto emits it. A range outside [0, MaxLeaves] or more than MaxProofNodes nodes is
// an error; node sizes are not checked (the encoding does not carry the namespace size).
func (p *Proof) AppendProto(dst []byte) ([]byte, error) {
	return p.appendProto(dst, true)
}

func (p *Proof) appendProto(dst []byte, withIgnoreMax bool) ([]byte, error) {
	if err := checkShape(p); err != nil {
		return dst, err
	}
	dst = appendScalar(dst, 1, uint64(p.Start))
	dst = appendScalar(dst, 2, uint64(p.End))
	for _, n := range p.Nodes {
		dst = appendBytes(dst, 3, n, true)
	}
	dst = appendBytes(dst, 4, p.LeafHash, false)
	if p.IgnoreMaxNamespace && withIgnoreMax {
		dst = appendScalar(dst, 5, 1)
	}
	return dst, nil
}
