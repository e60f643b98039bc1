package espresso

import (
	"fmt"

	"github.com/interopkit/interop"
)

// QuorumDataCommitment is the commitment of HotShot's QuorumData for leaf (and of
// QuorumData2 before epochs, without epoch or block number): "Quorum data" ‖
// var_size_bytes(leaf). VoteCommitment of it and the view is what a QC's signers sign.
func QuorumDataCommitment(leaf interop.Hash) interop.Hash {
	return QuorumData2Commitment(leaf, nil, nil)
}

// QuorumData2Commitment is the commitment of QuorumData2: QuorumDataCommitment's bytes,
// then u64_field("epoch number") and u64_field("block number") for those present.
func QuorumData2Commitment(leaf interop.Hash, epoch, blockNumber *uint64) interop.Hash {
	b := newBuilder("Quorum data").varBytes(leaf[:])
	if epoch != nil {
		b.u64Field("epoch number", *epoch)
	}
	if blockNumber != nil {
		b.u64Field("block number", *blockNumber)
	}
	return b.finalize()
}

// VoteCommitment is the commitment a HotShot vote signs and a QC's vote_commitment names:
// VersionedVoteData, "Vote" ‖ var_size_bytes(data) ‖ u64le(view), where data is the
// commitment of the voted data (QuorumData2Commitment for quorum votes).
func VoteCommitment(data interop.Hash, view uint64) interop.Hash {
	return newBuilder("Vote").varBytes(data[:]).u64(view).finalize()
}

// ViewNumberCommitment is HotShot's ViewNumber commitment, "View Number Commitment" ‖
// u64le(view).
func ViewNumberCommitment(view uint64) interop.Hash {
	return newBuilder("View Number Commitment").u64(view).finalize()
}

// CertificateCommitment is HotShot's SimpleCertificate commitment over quorum data:
// "Certificate" ‖ field("data", QuorumData2Commitment) ‖ field("vote_commitment") ‖
// field("view number", ViewNumberCommitment) ‖ var_size_field("signatures", sigs), where
// sigs is qc.SignaturesBytes(). A leaf commits to its justify QC this way.
func CertificateCommitment(qc *QuorumCertificate, sigs []byte) interop.Hash {
	return newBuilder("Certificate").
		field("data", QuorumData2Commitment(qc.LeafCommit, qc.Epoch, qc.BlockNumber)).
		field("vote_commitment", qc.VoteCommitment).
		field("view number", ViewNumberCommitment(qc.ViewNumber)).
		varField("signatures", sigs).
		finalize()
}

// qcCommitment is CertificateCommitment of qc with its signatures serialized as
// SignaturesBytes does.
func qcCommitment(qc *QuorumCertificate) interop.Hash {
	return CertificateCommitment(qc, qc.SignaturesBytes())
}

// Leaf is a HotShot leaf (Leaf2; a legacy Leaf is a Leaf2 with WithEpoch false and no
// next-epoch QC or DRB result, and commits the same). The payload is not committed and not
// kept; the view-change evidence is not committed either and is kept as the JSON it came in.
type Leaf struct {
	ViewNumber       uint64
	ParentCommitment interop.Hash
	BlockHeader      *Header
	JustifyQC        *QuorumCertificate
	// UpgradeCertificate is the commitment of the leaf's upgrade certificate, if any.
	UpgradeCertificate *interop.Hash
	WithEpoch          bool
	NextEpochJustifyQC *QuorumCertificate // counted only WithEpoch
	NextDrbResult      *[32]byte          // counted only WithEpoch
	// ViewChangeEvidence is the leaf's view_change_evidence as received (a timeout or
	// view-sync certificate), nil for null. No commitment covers it and it is not checked.
	ViewChangeEvidence []byte
	// Legacy marks a leaf decoded from the pre-epoch JSON (no with_epoch and next-epoch
	// members); it changes the JSON form only.
	Legacy bool
}

// Commit is the leaf commitment (HotShot's Committable for Leaf2): "leaf commitment" ‖
// u64_field("view number") ‖ field("parent leaf commitment") ‖ field("block header",
// header commitment) ‖ field("justify qc", QC commitment) ‖ optional("upgrade
// certificate"), then, with epochs, constant_str("with_epoch") ‖
// optional("next_epoch_justify_qc") ‖ (if any) constant_str("next_drb_result") ‖ result.
// A leaf without a header or justify QC is ErrUnsupported.
func (l *Leaf) Commit() (interop.Hash, error) {
	if l.BlockHeader == nil || l.JustifyQC == nil {
		return interop.Hash{}, fmt.Errorf("%w: leaf without header or justify QC", ErrUnsupported)
	}
	jqc := qcCommitment(l.JustifyQC)
	b := newBuilder("leaf commitment").
		u64Field("view number", l.ViewNumber).
		field("parent leaf commitment", l.ParentCommitment).
		field("block header", l.BlockHeader.Commit()).
		field("justify qc", jqc).
		optional("upgrade certificate", l.UpgradeCertificate)
	if l.WithEpoch {
		b.constantStr("with_epoch")
		if l.NextEpochJustifyQC != nil {
			c := qcCommitment(l.NextEpochJustifyQC)
			b.optional("next_epoch_justify_qc", &c)
		} else {
			b.optional("next_epoch_justify_qc", nil)
		}
		if l.NextDrbResult != nil {
			b.constantStr("next_drb_result").fixedBytes(l.NextDrbResult[:])
		}
	}
	return b.finalize(), nil
}
