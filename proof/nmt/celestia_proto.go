package nmt

import (
	"fmt"

	"github.com/interopkit/interop"
)

// Protobuf forms of celestia-app's proto/celestia/core/v1/proof/proof.proto:
//
//	message ShareProof { repeated bytes data = 1; repeated NMTProof share_proofs = 2;
//	  bytes namespace_id = 3; RowProof row_proof = 4; uint32 namespace_version = 5; }
//	message RowProof { repeated bytes row_roots = 1; repeated Proof proofs = 2;
//	  bytes root = 3; uint32 start_row = 4; uint32 end_row = 5; }
//	message NMTProof { int32 start = 1; int32 end = 2; repeated bytes nodes = 3;
//	  bytes leaf_hash = 4; }
//	message Proof { int64 total = 1; int64 index = 2; bytes leaf_hash = 3;
//	  repeated bytes aunts = 4; }
//
// The decoders share DecodeProtoProof's strictness (ErrInvalidEncoding for anything a
// canonical proto3 encoder would not emit) so that an accepted message re-encodes to the
// same bytes. Byte fields alias the input.

// maxAunts bounds a Merkle path: a tree of at most 2^63 leaves has at most 63 levels.
const maxAunts = 64

// DecodeMerkleProof decodes a CometBFT crypto/merkle Proof (tendermint.crypto.Proof).
// Total and Index must be non-negative (ErrInvalidRange), the leaf hash and each aunt 32
// bytes, at most 64 aunts (ErrTooLarge). Bound: aunts counted before allocation; 32 bytes
// of memory per aunt, which takes 34 bytes of input.
func DecodeMerkleProof(b []byte) (MerkleProof, error) {
	var p MerkleProof
	if c := countRepeated(b, 4); c > maxAunts {
		return p, fmt.Errorf("%w: merkle proof: %d aunts", ErrTooLarge, c)
	} else if c > 0 {
		p.Aunts = make([]interop.Hash, 0, c)
	}
	r := pbReader{b: b, msg: "merkle proof"}
	for {
		num, wt, done, err := r.next()
		if err != nil {
			return MerkleProof{}, err
		}
		if done {
			return p, nil
		}
		switch num {
		case 1, 2:
			if err := r.field(num, wt, wireVarint, false); err != nil {
				return MerkleProof{}, err
			}
			v, err := r.scalar(num)
			if err != nil {
				return MerkleProof{}, err
			}
			if int64(v) < 0 {
				return MerkleProof{}, fmt.Errorf("%w: merkle proof: field %d is %d", ErrInvalidRange, num, int64(v))
			}
			if num == 1 {
				p.Total = int64(v)
			} else {
				p.Index = int64(v)
			}
		case 3:
			if err := r.field(num, wt, wireBytes, false); err != nil {
				return MerkleProof{}, err
			}
			if p.LeafHash, err = r.bytes(num, false); err != nil {
				return MerkleProof{}, err
			}
			if len(p.LeafHash) != 32 {
				return MerkleProof{}, fmt.Errorf("%w: merkle proof: leaf hash of %d bytes", ErrInvalidEncoding, len(p.LeafHash))
			}
		case 4:
			if err := r.field(num, wt, wireBytes, true); err != nil {
				return MerkleProof{}, err
			}
			a, err := r.bytes(num, true)
			if err != nil {
				return MerkleProof{}, err
			}
			if len(a) != 32 {
				return MerkleProof{}, fmt.Errorf("%w: merkle proof: aunt %d of %d bytes", ErrInvalidEncoding, len(p.Aunts), len(a))
			}
			p.Aunts = append(p.Aunts, interop.Hash(a))
		default:
			return MerkleProof{}, fmt.Errorf("%w: merkle proof: unknown field %d", ErrInvalidEncoding, num)
		}
	}
}

// AppendProto appends p's protobuf encoding. Negative Total or Index, a leaf hash that is
// neither empty nor 32 bytes, or more than 64 aunts are errors.
func (p *MerkleProof) AppendProto(dst []byte) ([]byte, error) {
	if p.Total < 0 || p.Index < 0 {
		return dst, fmt.Errorf("%w: merkle proof of leaf %d of %d", ErrInvalidRange, p.Index, p.Total)
	}
	if len(p.LeafHash) != 0 && len(p.LeafHash) != 32 {
		return dst, fmt.Errorf("%w: merkle proof: leaf hash of %d bytes", ErrInvalidEncoding, len(p.LeafHash))
	}
	if len(p.Aunts) > maxAunts {
		return dst, fmt.Errorf("%w: merkle proof: %d aunts", ErrTooLarge, len(p.Aunts))
	}
	dst = appendScalar(dst, 1, uint64(p.Total))
	dst = appendScalar(dst, 2, uint64(p.Index))
	dst = appendBytes(dst, 3, p.LeafHash, false)
	for i := range p.Aunts {
		dst = appendBytes(dst, 4, p.Aunts[i][:], true)
	}
	return dst, nil
}

// DecodeRowProof decodes celestia-app's RowProof. Bound: row roots and proofs counted
// before allocation; memory at most 32 bytes per byte of input (a proof's struct, 64
// bytes, takes at least 2), plus DecodeMerkleProof's per proof.
func DecodeRowProof(b []byte) (RowProof, error) {
	var rp RowProof
	if c := countRepeated(b, 1); c > 0 {
		rp.RowRoots = make([][]byte, 0, c)
	}
	if c := countRepeated(b, 2); c > 0 {
		rp.Proofs = make([]MerkleProof, 0, c)
	}
	r := pbReader{b: b, msg: "row proof"}
	for {
		num, wt, done, err := r.next()
		if err != nil {
			return RowProof{}, err
		}
		if done {
			return rp, nil
		}
		switch num {
		case 1, 2, 3:
			if err := r.field(num, wt, wireBytes, num != 3); err != nil {
				return RowProof{}, err
			}
			v, err := r.bytes(num, num != 3)
			if err != nil {
				return RowProof{}, err
			}
			switch num {
			case 1:
				rp.RowRoots = append(rp.RowRoots, v)
			case 2:
				p, err := DecodeMerkleProof(v)
				if err != nil {
					return RowProof{}, fmt.Errorf("row proof %d: %w", len(rp.Proofs), err)
				}
				rp.Proofs = append(rp.Proofs, p)
			default:
				rp.Root = v
			}
		case 4, 5:
			if err := r.field(num, wt, wireVarint, false); err != nil {
				return RowProof{}, err
			}
			v, err := r.uint32Field(num)
			if err != nil {
				return RowProof{}, err
			}
			if num == 4 {
				rp.StartRow = v
			} else {
				rp.EndRow = v
			}
		default:
			return RowProof{}, fmt.Errorf("%w: row proof: unknown field %d", ErrInvalidEncoding, num)
		}
	}
}

// AppendProto appends rp's protobuf encoding.
func (rp *RowProof) AppendProto(dst []byte) ([]byte, error) {
	for _, r := range rp.RowRoots {
		dst = appendBytes(dst, 1, r, true)
	}
	for i := range rp.Proofs {
		var err error
		if dst, err = appendMessage(dst, 2, rp.Proofs[i].AppendProto); err != nil {
			return dst, fmt.Errorf("row proof %d: %w", i, err)
		}
	}
	dst = appendBytes(dst, 3, rp.Root, false)
	dst = appendScalar(dst, 4, uint64(rp.StartRow))
	return appendScalar(dst, 5, uint64(rp.EndRow)), nil
}

// DecodeShareProof decodes celestia-app's ShareProof (celestia.core.v1.proof.ShareProof),
// the bytes celestia-app's ProveShares query and celestia-node return. The row proof must
// be present. Decoding checks the form only: call Verify with the block's data root.
// Bound: shares, NMT proofs and row roots counted before allocation; memory at most 36
// bytes per byte of input (an NMT proof's struct, 72 bytes, takes at least 2), plus the
// nested decoders' bounds.
func DecodeShareProof(b []byte) (ShareProof, error) {
	var sp ShareProof
	if c := countRepeated(b, 1); c > 0 {
		sp.Data = make([][]byte, 0, c)
	}
	if c := countRepeated(b, 2); c > 0 {
		sp.ShareProofs = make([]Proof, 0, c)
	}
	haveRows := false
	r := pbReader{b: b, msg: "share proof"}
	for {
		num, wt, done, err := r.next()
		if err != nil {
			return ShareProof{}, err
		}
		if done {
			break
		}
		switch num {
		case 1, 2, 3, 4:
			if err := r.field(num, wt, wireBytes, num <= 2); err != nil {
				return ShareProof{}, err
			}
			v, err := r.bytes(num, num != 3)
			if err != nil {
				return ShareProof{}, err
			}
			switch num {
			case 1:
				sp.Data = append(sp.Data, v)
			case 2:
				p, err := decodeProtoProof(v, "share proof NMTProof", false)
				if err != nil {
					return ShareProof{}, fmt.Errorf("share proof %d: %w", len(sp.ShareProofs), err)
				}
				if p.End > 1<<31-1 {
					return ShareProof{}, fmt.Errorf("%w: share proof %d: end %d is not an int32", ErrInvalidRange, len(sp.ShareProofs), p.End)
				}
				sp.ShareProofs = append(sp.ShareProofs, p)
			case 3:
				sp.NamespaceID = v
			default:
				if sp.RowProof, err = DecodeRowProof(v); err != nil {
					return ShareProof{}, err
				}
				haveRows = true
			}
		case 5:
			if err := r.field(num, wt, wireVarint, false); err != nil {
				return ShareProof{}, err
			}
			if sp.NamespaceVersion, err = r.uint32Field(num); err != nil {
				return ShareProof{}, err
			}
		default:
			return ShareProof{}, fmt.Errorf("%w: share proof: unknown field %d", ErrInvalidEncoding, num)
		}
	}
	if !haveRows {
		return ShareProof{}, fmt.Errorf("%w: share proof without a row proof", ErrInvalidEncoding)
	}
	return sp, nil
}

// AppendProto appends sp's protobuf encoding, the row proof always present. NMTProof has
// no is_max_namespace_ignored field (Verify applies Celestia's rule), so the share proofs'
// IgnoreMaxNamespace is not encoded.
func (sp *ShareProof) AppendProto(dst []byte) ([]byte, error) {
	for _, d := range sp.Data {
		dst = appendBytes(dst, 1, d, true)
	}
	for i := range sp.ShareProofs {
		p := &sp.ShareProofs[i]
		var err error
		if dst, err = appendMessage(dst, 2, func(b []byte) ([]byte, error) { return p.appendProto(b, false) }); err != nil {
			return dst, fmt.Errorf("share proof %d: %w", i, err)
		}
	}
	dst = appendBytes(dst, 3, sp.NamespaceID, false)
	dst, err := appendMessage(dst, 4, sp.RowProof.AppendProto)
	if err != nil {
		return dst, err
	}
	return appendScalar(dst, 5, uint64(sp.NamespaceVersion)), nil
}
