package ssz

import (
	"encoding/json"
	"fmt"

	"github.com/interopkit/interop"
)

// Deneb to Fulu: blob KZG commitments in the BeaconBlockBody (deneb beacon-chain.md,
// deneb p2p-interface.md). Electra adds execution_requests as the body's thirteenth field
// and Fulu changes nothing in the body, so the body still has at most 16 fields, and
// blob_kzg_commitments (the twelfth) keeps its generalized index and proof depth. Gloas
// moves the commitments out of the body (into the execution payload bid); these indices do
// not apply there.
const (
	// MaxBlobCommitmentsPerBlock is MAX_BLOB_COMMITMENTS_PER_BLOCK, the list limit of
	// blob_kzg_commitments (4096 in both presets since v1.4).
	MaxBlobCommitmentsPerBlock = 4096
	// BlobKZGCommitmentsGindex is get_generalized_index(BeaconBlockBody,
	// 'blob_kzg_commitments'): the list's root, which Fulu's data column sidecars prove
	// (KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH = 4).
	BlobKZGCommitmentsGindex GeneralizedIndex = 27
	// KZGCommitmentInclusionProofDepth is KZG_COMMITMENT_INCLUSION_PROOF_DEPTH:
	// floorlog2(27) + 1 (the length mix-in) + ceillog2(4096) = 17.
	KZGCommitmentInclusionProofDepth = 17
)

// BlobKZGCommitmentGindex returns get_generalized_index(BeaconBlockBody,
// 'blob_kzg_commitments', index): the node of the index-th commitment in the body's tree,
// at depth KZGCommitmentInclusionProofDepth. Its GetSubtreeIndex is the index that
// verify_blob_sidecar_inclusion_proof passes to is_valid_merkle_branch. An index of
// MaxBlobCommitmentsPerBlock or more names no commitment (ErrIndex).
func BlobKZGCommitmentGindex(index uint64) (GeneralizedIndex, error) {
	if index >= MaxBlobCommitmentsPerBlock {
		return 0, fmt.Errorf("%w: blob index %d, max %d", ErrIndex, index, MaxBlobCommitmentsPerBlock-1)
	}
	// The list's data root is the left child of its root (the right one mixes in the
	// length); the commitments are the leaves of a tree of MaxBlobCommitmentsPerBlock.
	return (BlobKZGCommitmentsGindex*2)*MaxBlobCommitmentsPerBlock + GeneralizedIndex(index), nil
}

// KZGCommitmentRoot returns hash_tree_root of a KZG commitment (Bytes48): two chunks, the
// second zero-padded. It is the leaf of a commitment inclusion proof.
func KZGCommitmentRoot(c *[48]byte) interop.Hash {
	var second interop.Hash
	copy(second[:], c[32:])
	return HashPair(interop.Hash(c[:32]), second)
}

// VerifyBlobKZGCommitmentInclusion checks a commitment inclusion proof as
// verify_blob_sidecar_inclusion_proof does: the branch (KZGCommitmentInclusionProofDepth
// nodes) leads from hash_tree_root(commitment) at the index-th commitment's generalized
// index to bodyRoot. Errors: ErrIndex for an index past the list limit, ErrProofShape for
// a branch of another length, ErrInvalidProof when it does not lead to bodyRoot. Work: 18
// hashes, no allocation.
func VerifyBlobKZGCommitmentInclusion(commitment *[48]byte, index uint64, branch []interop.Hash, bodyRoot interop.Hash) error {
	g, err := BlobKZGCommitmentGindex(index)
	if err != nil {
		return err
	}
	if len(branch) != KZGCommitmentInclusionProofDepth {
		return fmt.Errorf("%w: commitment inclusion proof of %d nodes, want %d", ErrProofShape, len(branch), KZGCommitmentInclusionProofDepth)
	}
	return VerifyBranchAt(KZGCommitmentRoot(commitment), branch, g, bodyRoot)
}

// SignedBeaconBlockHeader is the phase0 container of that name.
type SignedBeaconBlockHeader struct {
	Message   BeaconBlockHeader
	Signature BLSSignature
}

// SignedBeaconBlockHeaderSize is the SSZ size of a SignedBeaconBlockHeader.
const SignedBeaconBlockHeaderSize = BeaconBlockHeaderSize + 96

// MarshalSSZTo appends the SSZ encoding of h to dst.
func (h *SignedBeaconBlockHeader) MarshalSSZTo(dst []byte) ([]byte, error) {
	dst, _ = h.Message.MarshalSSZTo(dst)
	return append(dst, h.Signature[:]...), nil
}

// UnmarshalSSZ decodes exactly SignedBeaconBlockHeaderSize bytes.
//
// Resource bound: the size is checked first; nothing is allocated.
func (h *SignedBeaconBlockHeader) UnmarshalSSZ(data []byte) error {
	if len(data) != SignedBeaconBlockHeaderSize {
		return fmt.Errorf("SignedBeaconBlockHeader: %w: %d bytes, want %d", ErrSize, len(data), SignedBeaconBlockHeaderSize)
	}
	if err := h.Message.UnmarshalSSZ(data[:BeaconBlockHeaderSize]); err != nil {
		return err
	}
	copy(h.Signature[:], data[BeaconBlockHeaderSize:])
	return nil
}

// HashTreeRoot returns hash_tree_root(h): the message root and the signature root.
func (h *SignedBeaconBlockHeader) HashTreeRoot() interop.Hash {
	return HashPair(h.Message.HashTreeRoot(), signatureRoot(&h.Signature))
}

type signedHeaderJSON struct {
	Message   *BeaconBlockHeader `json:"message"`
	Signature *interop.Bytes     `json:"signature"`
}

// MarshalJSON encodes h in Beacon-API form.
func (h SignedBeaconBlockHeader) MarshalJSON() ([]byte, error) {
	sig := interop.Bytes(h.Signature[:])
	return json.Marshal(signedHeaderJSON{&h.Message, &sig})
}

// UnmarshalJSON decodes h from Beacon-API form ({"message", "signature"}); both are
// required, the signature exactly 96 bytes.
//
// Resource bound: work and memory O(len(b)) (encoding/json).
func (h *SignedBeaconBlockHeader) UnmarshalJSON(b []byte) error {
	var j signedHeaderJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("SignedBeaconBlockHeader: %w: %v", ErrField, err)
	}
	if j.Message == nil {
		return fmt.Errorf("SignedBeaconBlockHeader: %w", missing("message"))
	}
	var out SignedBeaconBlockHeader
	if err := fixedHex(out.Signature[:], j.Signature, "signature"); err != nil {
		return fmt.Errorf("SignedBeaconBlockHeader: %w", err)
	}
	out.Message = *j.Message
	*h = out
	return nil
}
