package tendermint

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"time"
)

// Sentinel errors.
var (
	// ErrInvalidHeader: a malformed header, or one that does not follow the trusted one
	// (height, time, chain id, validator hashes).
	ErrInvalidHeader = errors.New("tendermint: invalid header")
	// ErrInvalidCommit: a commit for another block or height, of the wrong size, with a
	// bad signature, or without more than 2/3 of the voting power.
	ErrInvalidCommit = errors.New("tendermint: invalid commit")
	// ErrExpired: the trusted header is outside the trusting period.
	ErrExpired = errors.New("tendermint: trusted header expired")
	// ErrFuture: the new header's time is past now plus the allowed clock drift.
	ErrFuture = errors.New("tendermint: header from the future")
	// ErrDecode: JSON that is not a CometBFT RPC header, commit or validator set.
	ErrDecode = errors.New("tendermint: malformed JSON")
)

// HexBytes decodes CometBFT's upper-case hex.
type HexBytes []byte

func (h *HexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: %w", ErrDecode, err)
	}
	v, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("%w: hex %q", ErrDecode, s)
	}
	*h = v
	return nil
}

// Int64 decodes a JSON string or number.
type Int64 int64

func (i *Int64) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(string(bytes.Trim(b, `"`)), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: integer %s", ErrDecode, b)
	}
	*i = Int64(v)
	return nil
}

// PartSetHeader is a block's part-set header.
type PartSetHeader struct {
	Total uint32   `json:"total"`
	Hash  HexBytes `json:"hash"`
}

// BlockID names a block: its header hash and part-set header.
type BlockID struct {
	Hash          HexBytes      `json:"hash"`
	PartSetHeader PartSetHeader `json:"parts"`
}

func (b *BlockID) UnmarshalJSON(data []byte) error {
	var v struct {
		Hash  HexBytes       `json:"hash"`
		Parts *PartSetHeader `json:"parts"`
		PSH   *PartSetHeader `json:"part_set_header"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	b.Hash = v.Hash
	// The RPC calls it "parts", protobuf JSON "part_set_header"; dropping either would
	// silently change the header hash.
	switch {
	case v.Parts != nil:
		b.PartSetHeader = *v.Parts
	case v.PSH != nil:
		b.PartSetHeader = *v.PSH
	}
	return nil
}

// Header is a CometBFT block header.
type Header struct {
	Version struct {
		Block Int64 `json:"block"`
		App   Int64 `json:"app"`
	} `json:"version"`
	ChainID            string    `json:"chain_id"`
	Height             Int64     `json:"height"`
	Time               time.Time `json:"time"`
	LastBlockID        BlockID   `json:"last_block_id"`
	LastCommitHash     HexBytes  `json:"last_commit_hash"`
	DataHash           HexBytes  `json:"data_hash"`
	ValidatorsHash     HexBytes  `json:"validators_hash"`
	NextValidatorsHash HexBytes  `json:"next_validators_hash"`
	ConsensusHash      HexBytes  `json:"consensus_hash"`
	AppHash            HexBytes  `json:"app_hash"`
	LastResultsHash    HexBytes  `json:"last_results_hash"`
	EvidenceHash       HexBytes  `json:"evidence_hash"`
	ProposerAddress    HexBytes  `json:"proposer_address"`
}

// CommitSig is one validator's entry in a commit.
type CommitSig struct {
	BlockIDFlag      int       `json:"block_id_flag"`
	ValidatorAddress HexBytes  `json:"validator_address"`
	Timestamp        time.Time `json:"timestamp"`
	Signature        []byte    `json:"signature"`
}

// Block ID flags.
const (
	FlagAbsent = 1
	FlagCommit = 2
	FlagNil    = 3
)

// Commit is a block's +2/3 precommits.
type Commit struct {
	Height     Int64       `json:"height"`
	Round      int32       `json:"round"`
	BlockID    BlockID     `json:"block_id"`
	Signatures []CommitSig `json:"signatures"`
}

// SignedHeader is a header with the commit for it.
type SignedHeader struct {
	Header Header `json:"header"`
	Commit Commit `json:"commit"`
}

// Validator is a member of a validator set.
type Validator struct {
	Address HexBytes `json:"address"`
	PubKey  struct {
		Type  string `json:"type"`
		Value []byte `json:"value"`
	} `json:"pub_key"`
	VotingPower Int64 `json:"voting_power"`
}

// ValidatorSet is a validator set in its canonical order.
type ValidatorSet struct {
	Validators []Validator `json:"validators"`
}

// ---- protobuf encoding (gogoproto's output for the types involved) ----

func appendTag(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|wire))
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	if v == 0 {
		return b
	}
	return binary.AppendUvarint(appendTag(b, field, 0), v)
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = binary.AppendUvarint(appendTag(b, field, 2), uint64(len(v)))
	return append(b, v...)
}

// appendMessage always writes the field, as gogoproto does for non-nullable messages.
func appendMessage(b []byte, field int, m []byte) []byte {
	b = binary.AppendUvarint(appendTag(b, field, 2), uint64(len(m)))
	return append(b, m...)
}

func timestamp(t time.Time) []byte {
	b := appendVarintField(nil, 1, uint64(t.Unix()))
	return appendVarintField(b, 2, uint64(int64(t.Nanosecond())))
}

func (id *BlockID) proto() []byte {
	psh := appendVarintField(nil, 1, uint64(id.PartSetHeader.Total))
	psh = appendBytesField(psh, 2, id.PartSetHeader.Hash)
	b := appendBytesField(nil, 1, id.Hash)
	return appendMessage(b, 2, psh)
}

// hashFromByteSlices is crypto/merkle HashFromByteSlices (RFC 6962).
func hashFromByteSlices(items [][]byte) []byte {
	switch len(items) {
	case 0:
		h := sha256.Sum256(nil)
		return h[:]
	case 1:
		h := sha256.Sum256(append([]byte{0}, items[0]...))
		return h[:]
	}
	k := 1 << (bits.Len(uint(len(items)-1)) - 1)
	l, r := hashFromByteSlices(items[:k]), hashFromByteSlices(items[k:])
	h := sha256.Sum256(append(append([]byte{1}, l...), r...))
	return h[:]
}

// Hash is Header.Hash: the Merkle root of the header's fields, each protobuf-encoded
// (scalars in their gogotypes wrappers).
func (h *Header) Hash() []byte {
	version := appendVarintField(nil, 1, uint64(h.Version.Block))
	version = appendVarintField(version, 2, uint64(h.Version.App))
	wrapBytes := func(v []byte) []byte { return appendBytesField(nil, 1, v) }
	return hashFromByteSlices([][]byte{
		version,
		wrapBytes([]byte(h.ChainID)),
		appendVarintField(nil, 1, uint64(h.Height)),
		timestamp(h.Time),
		h.LastBlockID.proto(),
		wrapBytes(h.LastCommitHash),
		wrapBytes(h.DataHash),
		wrapBytes(h.ValidatorsHash),
		wrapBytes(h.NextValidatorsHash),
		wrapBytes(h.ConsensusHash),
		wrapBytes(h.AppHash),
		wrapBytes(h.LastResultsHash),
		wrapBytes(h.EvidenceHash),
		wrapBytes(h.ProposerAddress),
	})
}

// Hash is ValidatorSet.Hash: the Merkle root of SimpleValidator{pub_key, voting_power}.
func (vs *ValidatorSet) Hash() []byte {
	items := make([][]byte, len(vs.Validators))
	for i, v := range vs.Validators {
		pk := appendBytesField(nil, 1, v.PubKey.Value) // PublicKey oneof: ed25519 = 1
		b := appendMessage(nil, 1, pk)
		items[i] = appendVarintField(b, 2, uint64(v.VotingPower))
	}
	return hashFromByteSlices(items)
}

// VoteSignBytes is the length-delimited CanonicalVote a validator signs for a
// precommit in commit c (types/vote.go VoteSignBytes, CanonicalizeVote).
func VoteSignBytes(chainID string, c *Commit, sig *CommitSig) []byte {
	b := appendVarintField(nil, 1, 2) // SIGNED_MSG_TYPE_PRECOMMIT
	if c.Height != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 2, 1), uint64(c.Height))
	}
	if c.Round != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 3, 1), uint64(int64(c.Round)))
	}
	if sig.BlockIDFlag == FlagCommit {
		b = appendMessage(b, 4, c.BlockID.proto())
	}
	b = appendMessage(b, 5, timestamp(sig.Timestamp))
	b = appendBytesField(b, 6, []byte(chainID))
	return append(binary.AppendUvarint(nil, uint64(len(b))), b...)
}

// VerifyCommitLight is ValidatorSet.VerifyCommitLight: the commit is for blockID at
// height, has one entry per validator, and the COMMIT signatures, each verified with
// Ed25519 over VoteSignBytes, carry more than 2/3 of the total voting power.
func (vs *ValidatorSet) VerifyCommitLight(chainID string, blockID *BlockID, height int64, c *Commit) error {
	if len(vs.Validators) != len(c.Signatures) {
		return fmt.Errorf("%w: %d signatures for %d validators", ErrInvalidCommit, len(c.Signatures), len(vs.Validators))
	}
	if int64(c.Height) != height {
		return fmt.Errorf("%w: commit height %d, want %d", ErrInvalidCommit, c.Height, height)
	}
	if !bytes.Equal(c.BlockID.proto(), blockID.proto()) {
		return fmt.Errorf("%w: commit for block %X, want %X", ErrInvalidCommit, c.BlockID.Hash, blockID.Hash)
	}
	var total, tallied int64
	for _, v := range vs.Validators {
		if v.VotingPower < 0 || total > (1<<62)-int64(v.VotingPower) {
			return fmt.Errorf("%w: voting power out of range", ErrInvalidCommit)
		}
		total += int64(v.VotingPower)
	}
	needed := total * 2 / 3
	for i := range c.Signatures {
		s := &c.Signatures[i]
		if s.BlockIDFlag != FlagCommit {
			continue
		}
		v := &vs.Validators[i]
		if v.PubKey.Type != "tendermint/PubKeyEd25519" || len(v.PubKey.Value) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: validator %d key type %q", ErrInvalidCommit, i, v.PubKey.Type)
		}
		if !bytes.Equal(s.ValidatorAddress, v.Address) {
			return fmt.Errorf("%w: signature %d by %X, validator is %X", ErrInvalidCommit, i, s.ValidatorAddress, v.Address)
		}
		if !ed25519.Verify(ed25519.PublicKey(v.PubKey.Value), VoteSignBytes(chainID, c, s), s.Signature) {
			return fmt.Errorf("%w: bad signature %d by %X", ErrInvalidCommit, i, v.Address)
		}
		tallied += int64(v.VotingPower)
		if tallied > needed {
			return nil
		}
	}
	return fmt.Errorf("%w: %d of %d voting power signed, need more than %d", ErrInvalidCommit, tallied, total, needed)
}

// VerifyAdjacent is light.VerifyAdjacent: untrusted is the header right after trusted,
// checked against the validator set trusted named as next. The checks, in order:
//
//	a) untrusted.Height == trusted.Height+1 (ErrInvalidHeader);
//	b) trusted.Time + trustingPeriod is after now (ErrExpired);
//	c) same chain id, later time, and untrusted.Time before now + maxClockDrift
//	   (ErrInvalidHeader, ErrFuture); vals hashes to untrusted.ValidatorsHash, which
//	   equals trusted.NextValidatorsHash (ErrInvalidHeader); the commit is for
//	   untrusted's hash (ErrInvalidCommit);
//	d) vals signed the commit with more than 2/3 of their power (ErrInvalidCommit) —
//	   last, since it is the expensive check.
func VerifyAdjacent(trusted, untrusted *SignedHeader, vals *ValidatorSet, trustingPeriod time.Duration, now time.Time, maxClockDrift time.Duration) error {
	th, uh := &trusted.Header, &untrusted.Header
	if uh.Height != th.Height+1 {
		return fmt.Errorf("%w: height %d after %d", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !th.Time.Add(trustingPeriod).After(now) {
		return fmt.Errorf("%w: trusted at %s, period %s, now %s", ErrExpired, th.Time, trustingPeriod, now)
	}
	if uh.ChainID != th.ChainID {
		return fmt.Errorf("%w: chain %q, trusted %q", ErrInvalidHeader, uh.ChainID, th.ChainID)
	}
	if !uh.Time.After(th.Time) {
		return fmt.Errorf("%w: time %s not after %s", ErrInvalidHeader, uh.Time, th.Time)
	}
	if !uh.Time.Before(now.Add(maxClockDrift)) {
		return fmt.Errorf("%w: header time %s, now %s, drift %s", ErrFuture, uh.Time, now, maxClockDrift)
	}
	if !bytes.Equal(vals.Hash(), uh.ValidatorsHash) {
		return fmt.Errorf("%w: validator set hash %X, header has %X", ErrInvalidHeader, vals.Hash(), uh.ValidatorsHash)
	}
	if !bytes.Equal(uh.ValidatorsHash, th.NextValidatorsHash) {
		return fmt.Errorf("%w: validators %X, trusted next %X", ErrInvalidHeader, uh.ValidatorsHash, th.NextValidatorsHash)
	}
	hash := uh.Hash()
	if !bytes.Equal(untrusted.Commit.BlockID.Hash, hash) {
		return fmt.Errorf("%w: commit for %X, header is %X", ErrInvalidCommit, untrusted.Commit.BlockID.Hash, hash)
	}
	return vals.VerifyCommitLight(th.ChainID, &untrusted.Commit.BlockID, int64(uh.Height), &untrusted.Commit)
}
