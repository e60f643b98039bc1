package espresso

import "errors"

// Sentinel errors of the QC part (stake tables and HotShot quorum certificates). Where the
// neutral model in package ordering has the same failure, both are wrapped, so errors.Is
// finds either.
var (
	// ErrStakeTable is returned for a stake table that is empty, larger than
	// MaxStakeTableSize, holds a nil key, or is not the JSON shape HotShot serves.
	ErrStakeTable = errors.New("espresso: invalid stake table")
	// ErrStakeAmount is returned for a stake that is not a canonical 0x-hex U256, or zero.
	ErrStakeAmount = errors.New("espresso: invalid stake amount")
	// ErrQC is returned for a quorum certificate that is not the JSON shape HotShot
	// serializes (SimpleCertificate with QuorumData or QuorumData2), or past its size bound.
	ErrQC = errors.New("espresso: invalid quorum certificate")
	// ErrBitVec is returned for a signer bit vector that is not bitvec's serde form of a
	// Lsb0 BitVec<u64> (order, head, bits, data), that sets bits past its length, or whose
	// length is not the stake table's size.
	ErrBitVec = errors.New("espresso: invalid signer bit vector")
	// ErrNoSignatures is returned for a certificate without signatures (HotShot's genesis
	// QC), which proves nothing.
	ErrNoSignatures = errors.New("espresso: quorum certificate without signatures")
	// ErrVoteCommitment is returned when a certificate's vote_commitment is not the
	// commitment of its data and view.
	ErrVoteCommitment = errors.New("espresso: vote commitment mismatch")
	// ErrLeafMismatch is returned when a certificate certifies another leaf than the one asked.
	ErrLeafMismatch = errors.New("espresso: quorum certificate for another leaf")
	// ErrQCSignature is returned when the aggregate signature does not verify under the
	// signers' keys.
	ErrQCSignature = errors.New("espresso: invalid quorum certificate signature")
)
