package espresso

import "errors"

// Sentinel errors of the commitments part (tagged base64, headers, leaves). Functions wrap
// them with the offending value; test with errors.Is.
var (
	// ErrTaggedBase64 is returned for a string that is not tag~base64url (no padding,
	// canonical trailing bits) with a URL-safe tag, or whose decoded value is empty.
	ErrTaggedBase64 = errors.New("espresso: invalid tagged base64")
	// ErrChecksum is returned when a tagged base64 string's checksum byte does not match
	// its tag and value.
	ErrChecksum = errors.New("espresso: tagged base64 checksum mismatch")
	// ErrTag is returned when a tagged base64 value carries another tag than the one its
	// place requires (e.g. a FEE_INFO commitment where a BLOCK one is expected), or a
	// commitment is not 32 bytes.
	ErrTag = errors.New("espresso: wrong tag or length")
	// ErrJSON is returned for input that is not the JSON shape the query service serves:
	// syntax errors, wrong types, unknown, duplicate or missing members, data after the
	// value, or a size past the decoder's bound.
	ErrJSON = errors.New("espresso: invalid JSON")
	// ErrNumber is returned for a number that is not in canonical form (leading zeros, a
	// sign, a fraction or exponent, hex of the wrong length) or that overflows its type.
	ErrNumber = errors.New("espresso: non-canonical number")
	// ErrVersion is returned for a header version this package does not know.
	ErrVersion = errors.New("espresso: unsupported header version")
	// ErrLeafCommitment is returned when a QC does not name the commitment of the leaf it
	// comes with.
	ErrLeafCommitment = errors.New("espresso: QC does not certify the leaf")
	// ErrUnsupported is returned for a well-formed member whose commitment this package
	// cannot compute (e.g. a leaf carrying an upgrade certificate).
	ErrUnsupported = errors.New("espresso: unsupported member")
)

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

// Sentinel errors of the VID part (namespace proofs, AVID-M, namespace payloads).
var (
	// ErrVIDParam: an AVID-M parameter out of range (0 < recovery threshold <= total weights
	// <= MaxAvidMTotalWeights).
	ErrVIDParam = errors.New("espresso: invalid AVID-M parameter")
	// ErrVIDEncoding: a namespace proof, VID commitment or query response is malformed
	// (JSON shape, base64, tagged base64, canonical serialisation, sizes).
	ErrVIDEncoding = errors.New("espresso: malformed VID encoding")
	// ErrVIDUnsupported: a namespace proof of a VID scheme this package does not verify.
	ErrVIDUnsupported = errors.New("espresso: unsupported VID scheme")
	// ErrVIDNamespace: the proof is for another namespace than the one asked for, or its
	// index or payload length disagree with the namespace table.
	ErrVIDNamespace = errors.New("espresso: namespace proof does not match the namespace table")
	// ErrVIDMissingProof: the namespace is in the table but no proof was given.
	ErrVIDMissingProof = errors.New("espresso: namespace in the block but no proof")
	// ErrVIDCommitment: the namespace payload does not open the block's VID commitment.
	ErrVIDCommitment = errors.New("espresso: namespace proof does not match the VID commitment")
	// ErrVIDTransactions: the transactions served beside a proof are not exactly those of
	// the proven namespace payload (omitted, inserted, altered or reordered).
	ErrVIDTransactions = errors.New("espresso: served transactions differ from the proven namespace payload")
)

// Sentinel errors of the finality part: the light-client contract's state read from Ethereum
// storage proofs, and block Merkle tree proofs checked against it. Every error the part returns
// wraps one of them, with the offending value.
var (
	// ErrNotFinal: the block's height is not below the finalized block height, so the finalized
	// block commitment tree cannot hold it yet.
	ErrNotFinal = errors.New("espresso: block not final under the light client state")
	// ErrWrongRoot: a block tree proof leads to a tree whose commitment does not hash to the
	// light client's blockCommRoot (or to the commitment given).
	ErrWrongRoot = errors.New("espresso: block tree proof leads to a different root")
	// ErrBlockProofShape: a block tree proof is malformed for the tree it claims (path length,
	// arity, node kinds, position, inconsistent recorded node values).
	ErrBlockProofShape = errors.New("espresso: malformed block tree proof")
	// ErrBlockProofLeaf: the proof is for another position or another leaf than the one asked.
	ErrBlockProofLeaf = errors.New("espresso: block tree proof is for another block")
	// ErrBlockTreeCommitment: a block tree commitment (MERKLE_COMM) is malformed.
	ErrBlockTreeCommitment = errors.New("espresso: invalid block tree commitment")
	// ErrBlockProofJSON: a block tree proof's JSON is malformed.
	ErrBlockProofJSON = errors.New("espresso: invalid block tree proof JSON")
	// ErrStorageProof: the eth_getProof response does not prove the light client's storage
	// under the trusted state root (it also wraps proof/mpt's own error).
	ErrStorageProof = errors.New("espresso: light client storage proof failed")
	// ErrLightClientStorage: the proven storage words are not a LightClientState the contract
	// can hold (non-zero unused bits, blockCommRoot not below the BN254 scalar modulus).
	ErrLightClientStorage = errors.New("espresso: invalid light client storage value")
)
