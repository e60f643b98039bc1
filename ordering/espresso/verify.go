package espresso

import "fmt"

// VerifyNamespace checks a namespace proof response against this header: the proof must
// open the header's payload commitment under the header's namespace table (see
// VerifyNamespaceProof for the checks and NamespaceProofResponse.Verify for the served
// transactions). The header's commitment tag must name the proof's scheme: an ADVZ header
// (TagAdvz, VidCommitment::V0) is ErrVIDUnsupported, and a proof of another scheme than
// the header's is ErrVIDCommitment. The header itself is taken as verified: check its
// commitment first (a QC through Leaf.Commit and StakeTable.VerifyQC, or VerifyHeaderFinal).
func (h *Header) VerifyNamespace(r *NamespaceProofResponse, param AvidMParam, ns uint32) ([]Transaction, error) {
	switch h.PayloadCommitment.Tag {
	case TagAvidM:
	case TagAdvz:
		return nil, fmt.Errorf("%w: header commits to its payload with ADVZ (%s~)", ErrVIDUnsupported, TagAdvz)
	default:
		return nil, fmt.Errorf("%w: payload commitment tag %q", ErrVIDUnsupported, h.PayloadCommitment.Tag)
	}
	if r != nil && r.Proof != nil && r.Proof.Scheme != VIDSchemeAvidM {
		return nil, fmt.Errorf("%w: %v proof for a header committed with %s", ErrVIDCommitment, r.Proof.Scheme, h.PayloadCommitment.Tag)
	}
	if r == nil {
		r = &NamespaceProofResponse{}
	}
	return r.Verify(h.PayloadCommitment.Value, h.NsTable, param, ns)
}

// VerifyHeaderFinal is VerifyBlockFinal for a decoded header: the header's height and its
// BLOCK commitment (Header.Commit) must be final under st by the block tree proof p. An
// unsupported header version is ErrVersion.
func VerifyHeaderFinal(st FinalizedState, h *Header, p *BlockProof) error {
	if !h.Version.supported() {
		return fmt.Errorf("%w: %d.%d", ErrVersion, h.Version.Major, h.Version.Minor)
	}
	return VerifyBlockFinal(st, h.Height, h.Commit(), p)
}
