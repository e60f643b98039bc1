package espresso

import (
	"encoding/binary"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
)

// Tags of the commitments and tagged values a header carries, as espresso-types and
// hotshot-types name them.
const (
	TagBlock             = "BLOCK"              // header commitment (the block hash)
	TagChainConfig       = "CHAIN_CONFIG"       // ChainConfig commitment
	TagFeeInfo           = "FEE_INFO"           // FeeInfo commitment
	TagL1Block           = "L1BLOCK"            // L1BlockInfo commitment
	TagNsTable           = "NSTABLE"            // namespace table commitment
	TagBuilderCommitment = "BUILDER_COMMITMENT" // builder's payload commitment
	TagMerkleComm        = "MERKLE_COMM"        // block, fee and reward tree roots
	TagStakeTable        = "STAKE_TABLE"        // next stake table hash (v0.4 and later)
	TagAdvz              = "HASH"               // ADVZ VID commitment (VidCommitment::V0)
	TagAvidM             = "AvidMCommit"        // AVID-M VID commitment (VidCommitment::V1)
	TagCommit            = "COMMIT"             // committable's default tag: leaves, QC data
)

// Version is a protocol version, major.minor, as the header's JSON envelope names it.
type Version struct{ Major, Minor uint16 }

// Header versions this package decodes and commits to.
var (
	V01 = Version{0, 1}
	V02 = Version{0, 2}
	V03 = Version{0, 3}
	V04 = Version{0, 4}
	V05 = Version{0, 5}
	V06 = Version{0, 6}
)

// LeaderCountsLen is the number of per-validator leader counts a v0.5+ header carries
// (espresso-types MAX_VALIDATORS).
const LeaderCountsLen = 100

// ChainConfig is espresso-types' ChainConfig (v0_1, and v0_3 which adds the stake table
// contract). Its commitment leaves StakeTableContract out when it is nil, so a v0.3 config
// without one commits like the v0.1 config it extends.
type ChainConfig struct {
	ChainID            uint256.Int
	MaxBlockSize       uint64
	BaseFee            uint256.Int
	FeeContract        *interop.Address
	FeeRecipient       interop.Address
	StakeTableContract *interop.Address // v0.3 and later only
}

// Commit is the CHAIN_CONFIG commitment: chain_id and base_fee as 32 little-endian bytes,
// max_block_size as a u64, fee_recipient's 20 bytes, then fee_contract as u64 1 ‖ address
// or u64 0, then (only if present) stake_table_contract as u64 1 ‖ address.
func (c *ChainConfig) Commit() interop.Hash {
	id, fee := c.ChainID.Bytes32(), c.BaseFee.Bytes32()
	b := newBuilder(TagChainConfig).
		fixedField("chain_id", le32(&id)).
		u64Field("max_block_size", c.MaxBlockSize).
		fixedField("base_fee", le32(&fee)).
		fixedField("fee_recipient", c.FeeRecipient[:])
	if c.FeeContract != nil {
		b.u64Field("fee_contract", 1).fixedBytes(c.FeeContract[:])
	} else {
		b.u64Field("fee_contract", 0)
	}
	if c.StakeTableContract != nil {
		b.u64Field("stake_table_contract", 1).fixedBytes(c.StakeTableContract[:])
	}
	return b.finalize()
}

// ResolvableChainConfig is a header's chain_config: either the full ChainConfig (Config
// non-nil) or only its commitment.
type ResolvableChainConfig struct {
	Config     *ChainConfig
	Commitment interop.Hash // used when Config is nil
}

// Commit is the config's commitment, or the commitment carried in its place.
func (r *ResolvableChainConfig) Commit() interop.Hash {
	if r.Config != nil {
		return r.Config.Commit()
	}
	return r.Commitment
}

// FeeInfo is the builder's fee: the paying account and the amount in wei.
type FeeInfo struct {
	Account interop.Address
	Amount  uint256.Int
}

// Commit is the FEE_INFO commitment: account (20 bytes) and amount (32 little-endian).
func (f *FeeInfo) Commit() interop.Hash {
	amt := f.Amount.Bytes32()
	return newBuilder(TagFeeInfo).fixedField("account", f.Account[:]).fixedField("amount", le32(&amt)).finalize()
}

// L1BlockInfo names an L1 block: number, timestamp and hash.
type L1BlockInfo struct {
	Number    uint64
	Timestamp uint256.Int
	Hash      interop.Hash
}

// Commit is the L1BLOCK commitment: number (u64), timestamp (32 little-endian), hash.
func (l *L1BlockInfo) Commit() interop.Hash {
	ts := l.Timestamp.Bytes32()
	return newBuilder(TagL1Block).u64Field("number", l.Number).
		fixedField("timestamp", le32(&ts)).fixedField("hash", l.Hash[:]).finalize()
}

// BuilderSignature is the builder's secp256k1 signature over its fee (r, s, v as the JSON
// carries them). It is not part of the header commitment.
type BuilderSignature struct {
	R, S uint256.Int
	V    uint64
}

// VidCommitment is the header's payload_commitment: the VID scheme's 32-byte commitment
// under its tag (TagAdvz or TagAvidM).
type VidCommitment struct {
	Tag   string
	Value interop.Hash
}

// Header is an Espresso block header of any supported version (0.1 to 0.6), the fields of
// espresso-types' v0_1 … v0_6 Header structs. Fields a version lacks are left zero by
// DecodeHeaderJSON and ignored by Commit and MarshalJSON; the commitment covers exactly the
// fields of the header's version.
type Header struct {
	Version     Version
	ChainConfig ResolvableChainConfig
	Height      uint64
	Timestamp   uint64
	// TimestampMillis is v0.4 and later.
	TimestampMillis      uint64
	L1Head               uint64
	L1Finalized          *L1BlockInfo
	PayloadCommitment    VidCommitment
	BuilderCommitment    interop.Hash
	NsTable              []byte // the namespace table's bytes, as committed
	BlockMerkleTreeRoot  []byte // MERKLE_COMM value: the tree commitment's canonical bytes
	FeeMerkleTreeRoot    []byte
	FeeInfo              FeeInfo
	BuilderSignature     *BuilderSignature
	RewardMerkleTreeRoot []byte // v0.3 and later
	// TotalRewardDistributed is v0.4 and later.
	TotalRewardDistributed uint256.Int
	// NextStakeTableHash is v0.4 and later, optional.
	NextStakeTableHash *interop.Hash
	// LeaderCounts is v0.5 and later.
	LeaderCounts [LeaderCountsLen]uint16
}

// Commit is the header's BLOCK commitment, the block hash HotShot and the query service
// name it by, computed as espresso-types' Committable for Header: a v0.1 header commits to
// its fields (FieldsCommit); a later one wraps that, BLOCK-tagged again, with its version:
// u64_field("version_major") ‖ u64_field("version_minor") ‖ field("fields", FieldsCommit).
// An unsupported version gives the zero hash.
func (h *Header) Commit() interop.Hash {
	if !h.Version.supported() {
		return interop.Hash{}
	}
	fields := h.FieldsCommit()
	if h.Version == V01 {
		return fields
	}
	return newBuilder(TagBlock).
		u64Field("version_major", uint64(h.Version.Major)).
		u64Field("version_minor", uint64(h.Version.Minor)).
		field("fields", fields).
		finalize()
}

// FieldsCommit is the commitment of the version's fields struct (espresso-types' v0_N
// Header::commit), which Commit wraps for versions after 0.1.
func (h *Header) FieldsCommit() interop.Hash {
	if !h.Version.supported() {
		return interop.Hash{}
	}
	cc := h.ChainConfig.Commit()
	b := newBuilder(TagBlock).
		field("chain_config", cc).
		u64Field("height", h.Height).
		u64Field("timestamp", h.Timestamp)
	if h.Version.atLeast(V04) {
		b.u64Field("timestamp_millis", h.TimestampMillis)
	}
	b.u64Field("l1_head", h.L1Head)
	if h.L1Finalized != nil {
		c := h.L1Finalized.Commit()
		b.optional("l1_finalized", &c)
	} else {
		b.optional("l1_finalized", nil)
	}
	b.constantStr("payload_commitment").fixedBytes(h.PayloadCommitment.Value[:]).
		constantStr("builder_commitment").fixedBytes(h.BuilderCommitment[:]).
		field("ns_table", ordering.NsTableCommitment(h.NsTable)).
		varField("block_merkle_tree_root", h.BlockMerkleTreeRoot).
		varField("fee_merkle_tree_root", h.FeeMerkleTreeRoot).
		field("fee_info", h.FeeInfo.Commit())
	if h.Version.atLeast(V03) {
		b.varField("reward_merkle_tree_root", h.RewardMerkleTreeRoot)
	}
	if h.Version.atLeast(V04) {
		r := h.TotalRewardDistributed.Bytes32()
		b.varField("total_reward_distributed", le32(&r))
	}
	if h.Version.atLeast(V05) {
		var lc [2 * LeaderCountsLen]byte
		for i, c := range h.LeaderCounts {
			binary.LittleEndian.PutUint16(lc[2*i:], c)
		}
		b.varField("leader_counts", lc[:])
	}
	if h.Version.atLeast(V04) && h.NextStakeTableHash != nil {
		b.field("next_stake_table_hash", *h.NextStakeTableHash)
	}
	return b.finalize()
}

func (v Version) supported() bool { return v.Major == 0 && v.Minor >= 1 && v.Minor <= 6 }

func (v Version) atLeast(w Version) bool {
	return v.Major > w.Major || v.Major == w.Major && v.Minor >= w.Minor
}

// le32 reverses a big-endian 32-byte array in place and returns it as a slice: U256 values
// enter commitments little-endian.
func le32(b *[32]byte) []byte {
	for i, j := 0, 31; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b[:]
}
