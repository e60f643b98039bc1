package kzg

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/proof/ssz"
)

// BlobSidecar is the Deneb container of that name (deneb p2p-interface.md), as the Beacon
// API's GET /eth/v1/beacon/blob_sidecars/{block_id} returns it: a blob, its commitment
// and proof, the header of the block that carries the commitment, and the commitment's
// inclusion proof into that block's body. Electra and Fulu keep the container and its
// proof depth unchanged (Fulu deprecates it on the p2p network in favour of data column
// sidecars; beacon nodes still serve it).
//
// A BlobSidecar is 131,928 bytes: pass pointers, or slices of them.
type BlobSidecar struct {
	Index                       uint64
	Blob                        Blob
	KZGCommitment               Commitment
	KZGProof                    Proof
	SignedBlockHeader           ssz.SignedBeaconBlockHeader
	KZGCommitmentInclusionProof [ssz.KZGCommitmentInclusionProofDepth]interop.Hash
}

// BlobSidecarSize is the SSZ size of a BlobSidecar (fixed).
const BlobSidecarSize = 8 + BytesPerBlob + BytesPerCommitment + BytesPerProof +
	ssz.SignedBeaconBlockHeaderSize + 32*ssz.KZGCommitmentInclusionProofDepth

// BlockRoot returns hash_tree_root(signed_block_header.message), the root of the block
// the sidecar claims to belong to.
func (s *BlobSidecar) BlockRoot() interop.Hash { return s.SignedBlockHeader.Message.HashTreeRoot() }

// VerifyInclusionProof is verify_blob_sidecar_inclusion_proof: the commitment is the
// Index-th of blob_kzg_commitments in the body whose root the header carries. The
// generalized index is computed here (ssz.BlobKZGCommitmentGindex). Errors wrap
// ErrInclusionProof and the ssz sentinel that says why.
func (s *BlobSidecar) VerifyInclusionProof() error {
	c := [48]byte(s.KZGCommitment)
	if err := ssz.VerifyBlobKZGCommitmentInclusion(&c, s.Index, s.KZGCommitmentInclusionProof[:], s.SignedBlockHeader.Message.BodyRoot); err != nil {
		return fmt.Errorf("%w: blob %d: %w", ErrInclusionProof, s.Index, err)
	}
	return nil
}

// Verify checks a sidecar against the root of a block the caller trusts (from a light
// client or a finalized checkpoint):
//
//	a) hash_tree_root(signed_block_header.message) is blockRoot (ErrBlockRoot);
//	b) the commitment is included in that block's body at Index (ErrInclusionProof);
//	c) the blob matches the commitment under the proof (verify_blob_kzg_proof: the
//	   package's encoding and proof errors).
//
// The proposer's signature is not checked: trust comes from blockRoot. The pairing check,
// the expensive one, goes last, so a sidecar of another block costs a few hashes.
func (s *BlobSidecar) Verify(blockRoot interop.Hash) error {
	if got := s.BlockRoot(); got != blockRoot {
		return fmt.Errorf("%w: blob %d is of block %s, want %s", ErrBlockRoot, s.Index, got, blockRoot)
	}
	if err := s.VerifyInclusionProof(); err != nil {
		return err
	}
	if err := VerifyBlobKZGProof(&s.Blob, s.KZGCommitment, s.KZGProof); err != nil {
		return fmt.Errorf("blob %d: %w", s.Index, err)
	}
	return nil
}

// MarshalSSZTo appends the SSZ encoding of s (BlobSidecarSize bytes) to dst.
func (s *BlobSidecar) MarshalSSZTo(dst []byte) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, s.Index)
	dst = append(dst, s.Blob[:]...)
	dst = append(dst, s.KZGCommitment[:]...)
	dst = append(dst, s.KZGProof[:]...)
	dst, _ = s.SignedBlockHeader.MarshalSSZTo(dst)
	for i := range s.KZGCommitmentInclusionProof {
		dst = append(dst, s.KZGCommitmentInclusionProof[i][:]...)
	}
	return dst
}

// UnmarshalSSZ decodes exactly BlobSidecarSize bytes. Every byte string is fixed-size,
// so any input of the right size decodes; the blob, commitment and proof are checked by
// Verify. Resource bound: the size is checked first; nothing is allocated.
func (s *BlobSidecar) UnmarshalSSZ(data []byte) error {
	if len(data) != BlobSidecarSize {
		return fmt.Errorf("%w: blob sidecar of %d bytes, want %d", ErrInvalidSidecar, len(data), BlobSidecarSize)
	}
	s.Index = binary.LittleEndian.Uint64(data)
	data = data[8:]
	data = data[copy(s.Blob[:], data):]
	data = data[copy(s.KZGCommitment[:], data):]
	data = data[copy(s.KZGProof[:], data):]
	if err := s.SignedBlockHeader.UnmarshalSSZ(data[:ssz.SignedBeaconBlockHeaderSize]); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSidecar, err)
	}
	data = data[ssz.SignedBeaconBlockHeaderSize:]
	for i := range s.KZGCommitmentInclusionProof {
		data = data[copy(s.KZGCommitmentInclusionProof[i][:], data):]
	}
	return nil
}

// MaxBlobSidecars bounds the sidecars a decoder accepts in one response: one per
// commitment a block can hold (MAX_BLOB_COMMITMENTS_PER_BLOCK).
const MaxBlobSidecars = ssz.MaxBlobCommitmentsPerBlock

// DecodeBlobSidecarsSSZ decodes the SSZ form of a blob_sidecars response
// (application/octet-stream: List[BlobSidecar, MAX_BLOB_COMMITMENTS_PER_BLOCK], the
// fixed-size sidecars back to back). Resource bound: the length must be a multiple of
// BlobSidecarSize, at most MaxBlobSidecars of them, checked before anything is allocated;
// then exactly len(data) bytes are.
func DecodeBlobSidecarsSSZ(data []byte) ([]BlobSidecar, error) {
	if len(data)%BlobSidecarSize != 0 || len(data)/BlobSidecarSize > MaxBlobSidecars {
		return nil, fmt.Errorf("%w: %d bytes is not a list of at most %d sidecars of %d bytes", ErrInvalidSidecar, len(data), MaxBlobSidecars, BlobSidecarSize)
	}
	out := make([]BlobSidecar, len(data)/BlobSidecarSize)
	for i := range out {
		if err := out[i].UnmarshalSSZ(data[i*BlobSidecarSize : (i+1)*BlobSidecarSize]); err != nil {
			return nil, fmt.Errorf("sidecar %d: %w", i, err)
		}
	}
	return out, nil
}

// The Beacon API's JSON: integers as decimal strings, byte strings as 0x hex of exact
// length. Unknown members are ignored, as Beacon-API clients must.
type sidecarJSON struct {
	Index             json.RawMessage              `json:"index"`
	Blob              *blobHex                     `json:"blob"`
	KZGCommitment     *interop.Bytes               `json:"kzg_commitment"`
	KZGProof          *interop.Bytes               `json:"kzg_proof"`
	SignedBlockHeader *ssz.SignedBeaconBlockHeader `json:"signed_block_header"`
	InclusionProof    json.RawMessage              `json:"kzg_commitment_inclusion_proof"`
}

// blobHex decodes a 0x-prefixed hex blob straight into its array, with no copy of the
// bytes in between.
type blobHex struct {
	b   *Blob
	set bool
}

func (h *blobHex) UnmarshalJSON(in []byte) error {
	want := 2 + 2 + 2*BytesPerBlob // quotes, 0x, digits
	if len(in) != want || in[0] != '"' || in[1] != '0' || (in[2] != 'x' && in[2] != 'X') || in[len(in)-1] != '"' {
		return fmt.Errorf("blob is not a JSON string of 0x and %d hex digits (%d bytes)", 2*BytesPerBlob, len(in))
	}
	if _, err := hex.Decode(h.b[:], in[3:len(in)-1]); err != nil {
		return fmt.Errorf("blob: %w: %v", interop.ErrInvalidHex, err)
	}
	h.set = true
	return nil
}

// minSidecarJSON is the fewest bytes a sidecar's JSON can have: the blob's hex alone.
// Decoders refuse shorter input before allocating a 128 KiB blob for it.
const minSidecarJSON = 2 * BytesPerBlob

// UnmarshalJSON decodes one element of a blob_sidecars response's data. Every member is
// required: index a canonical decimal string below MAX_BLOB_COMMITMENTS_PER_BLOCK, blob
// exactly 131072 bytes, commitment and proof 48, the header as ssz.SignedBeaconBlockHeader
// decodes it, and exactly 17 inclusion-proof hashes. Errors wrap ErrInvalidSidecar.
//
// Resource bound: one linear pass (encoding/json) plus the blob's hex decoded in place;
// memory a few copies of the input (the decoder's buffer, the members' raw copies), under
// 8 bytes per input byte.
func (s *BlobSidecar) UnmarshalJSON(b []byte) error {
	if len(b) < minSidecarJSON {
		return fmt.Errorf("%w: %d bytes of JSON, too short to hold a blob", ErrInvalidSidecar, len(b))
	}
	out := new(BlobSidecar)
	j := sidecarJSON{Blob: &blobHex{b: &out.Blob}}
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSidecar, err)
	}
	if err := out.fromJSON(&j); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSidecar, err)
	}
	*s = *out
	return nil
}

func (s *BlobSidecar) fromJSON(j *sidecarJSON) error {
	switch {
	case j.Index == nil:
		return errors.New("index missing")
	case j.Blob == nil || !j.Blob.set:
		return errors.New("blob missing")
	case j.KZGCommitment == nil || len(*j.KZGCommitment) != BytesPerCommitment:
		return errors.New("kzg_commitment missing or not 48 bytes")
	case j.KZGProof == nil || len(*j.KZGProof) != BytesPerProof:
		return errors.New("kzg_proof missing or not 48 bytes")
	case j.SignedBlockHeader == nil:
		return errors.New("signed_block_header missing")
	}
	idx, err := decimalUint64(j.Index)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if idx >= ssz.MaxBlobCommitmentsPerBlock {
		return fmt.Errorf("index %d not below %d", idx, ssz.MaxBlobCommitmentsPerBlock)
	}
	s.Index = idx
	copy(s.KZGCommitment[:], *j.KZGCommitment)
	copy(s.KZGProof[:], *j.KZGProof)
	s.SignedBlockHeader = *j.SignedBlockHeader
	n := 0
	err = jsontok.EachElement(j.InclusionProof, func(i int, raw json.RawMessage) error {
		if i >= len(s.KZGCommitmentInclusionProof) {
			return fmt.Errorf("more than %d nodes", len(s.KZGCommitmentInclusionProof))
		}
		n++
		return s.KZGCommitmentInclusionProof[i].UnmarshalJSON(raw)
	})
	if err != nil {
		return fmt.Errorf("kzg_commitment_inclusion_proof: %w", err)
	}
	if n != len(s.KZGCommitmentInclusionProof) {
		return fmt.Errorf("kzg_commitment_inclusion_proof of %d nodes, want %d", n, len(s.KZGCommitmentInclusionProof))
	}
	return nil
}

// decimalUint64 parses a Beacon-API integer: a JSON string of decimal digits, no sign, no
// leading zero, within 64 bits.
func decimalUint64(raw []byte) (uint64, error) {
	d, err := interop.DecimalJSON(raw, false)
	if err != nil {
		return 0, err
	}
	return interop.ParseUint64(d)
}

// DecodeBlobSidecarsJSON decodes a blob_sidecars response: the Beacon API's object
// {"data": [sidecar, ...], ...} (other members, such as execution_optimistic and
// finalized, are ignored), or the data array alone. Each sidecar decodes as
// BlobSidecar.UnmarshalJSON says; the decoder stops at the first bad one. Errors wrap
// ErrInvalidSidecar and name the sidecar.
//
// Nothing is verified here: call Verify on each sidecar with the block root you trust.
//
// Resource bound: at most MaxBlobSidecars sidecars; each is over 262,000 bytes of JSON
// and is decoded and checked before the next is read, so memory stays under 8 bytes per
// input byte (about 5.4 on a real response).
func DecodeBlobSidecarsJSON(b []byte) ([]BlobSidecar, error) {
	list := bytes.TrimLeft(b, " \t\r\n")
	if len(list) > 0 && list[0] == '{' {
		var resp struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(b, &resp); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidSidecar, err)
		}
		if resp.Data == nil {
			return nil, fmt.Errorf("%w: response without data", ErrInvalidSidecar)
		}
		list = resp.Data
	}
	var out []BlobSidecar
	err := jsontok.EachElement(list, func(i int, raw json.RawMessage) error {
		if i >= MaxBlobSidecars {
			return fmt.Errorf("more than %d sidecars", MaxBlobSidecars)
		}
		if len(raw) < minSidecarJSON {
			return fmt.Errorf("sidecar %d: %w: %d bytes of JSON, too short to hold a blob", i, ErrInvalidSidecar, len(raw))
		}
		out = append(out, BlobSidecar{})
		if err := out[i].UnmarshalJSON(raw); err != nil {
			return fmt.Errorf("sidecar %d: %w", i, err)
		}
		return nil
	})
	if err != nil {
		if !errors.Is(err, ErrInvalidSidecar) {
			err = fmt.Errorf("%w: %w", ErrInvalidSidecar, err)
		}
		return nil, err
	}
	if out == nil {
		out = []BlobSidecar{}
	}
	return out, nil
}

// MarshalJSON encodes s in Beacon-API form.
func (s BlobSidecar) MarshalJSON() ([]byte, error) {
	proof := s.KZGCommitmentInclusionProof[:]
	return json.Marshal(struct {
		Index             string                       `json:"index"`
		Blob              interop.Bytes                `json:"blob"`
		KZGCommitment     interop.Bytes                `json:"kzg_commitment"`
		KZGProof          interop.Bytes                `json:"kzg_proof"`
		SignedBlockHeader *ssz.SignedBeaconBlockHeader `json:"signed_block_header"`
		InclusionProof    []interop.Hash               `json:"kzg_commitment_inclusion_proof"`
	}{fmt.Sprint(s.Index), s.Blob[:], s.KZGCommitment[:], s.KZGProof[:], &s.SignedBlockHeader, proof})
}
