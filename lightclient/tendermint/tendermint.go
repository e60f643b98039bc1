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
	// ErrNotTrusted: in a skipping step, the trusted validators that signed the new header
	// hold no more than the trust level of their power (CometBFT's
	// ErrNewValSetCantBeTrusted): verify an intermediate header first.
	ErrNotTrusted = errors.New("tendermint: too little trusted power signed")
	// ErrTrustLevel: a trust level outside [1/3, 1] or with a zero denominator.
	ErrTrustLevel = errors.New("tendermint: invalid trust level")
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
// height, has one entry per validator, and the COMMIT signatures, each well formed (a
// 20-byte address, 1 to 64 signature bytes) and verified with Ed25519 over
// VoteSignBytes under the key of the validator at its index, carry more than 2/3 of the
// total voting power. As in CometBFT, signatures are checked in order until the power
// suffices, and an entry's validator address, which the vote does not sign, is not
// compared with the validator's. One difference: CometBFT v0.38 checks an entry's form
// only on its one-signature path, not in the batch path it takes for two or more
// entries, so it can accept a commit whose counted entry has, say, an empty address;
// such a commit fails Commit.ValidateBasic, which VerifyAdjacent (here and in
// CometBFT's light client) runs first, so their verdicts agree there.
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
	total, err := vs.totalPower()
	if err != nil {
		return err
	}
	needed := total * 2 / 3
	tallied, err := vs.tally(chainID, c, uint64(needed), false)
	if err != nil {
		return err
	}
	if tallied <= uint64(needed) {
		return fmt.Errorf("%w: %d of %d voting power signed, need more than %d", ErrInvalidCommit, tallied, total, needed)
	}
	return nil
}

// totalPower sums the voting powers, each non-negative and the total at most 2^62.
func (vs *ValidatorSet) totalPower() (int64, error) {
	var total int64
	for _, v := range vs.Validators {
		if v.VotingPower < 0 || total > (1<<62)-int64(v.VotingPower) {
			return 0, fmt.Errorf("%w: voting power out of range", ErrInvalidCommit)
		}
		total += int64(v.VotingPower)
	}
	return total, nil
}

// tally is CometBFT's verifyCommitSingle: it walks c's COMMIT entries in order, checks each
// entry's form, finds its validator — the one at the same index, or byAddress the one whose
// Ed25519 key hashes to the entry's address (entries of no member are skipped, a member
// counted twice is an error) — verifies the signature and adds the power, stopping as soon
// as the sum exceeds needed. It returns the sum.
func (vs *ValidatorSet) tally(chainID string, c *Commit, needed uint64, byAddress bool) (uint64, error) {
	var index map[[addressSize]byte]int
	var seen []bool
	if byAddress {
		index = make(map[[addressSize]byte]int, len(vs.Validators))
		for i, v := range vs.Validators {
			if len(v.PubKey.Value) == ed25519.PublicKeySize {
				h := sha256.Sum256(v.PubKey.Value)
				index[[addressSize]byte(h[:addressSize])] = i
			}
		}
		seen = make([]bool, len(vs.Validators))
	}
	var tallied uint64
	for i := range c.Signatures {
		s := &c.Signatures[i]
		if s.BlockIDFlag != FlagCommit {
			continue
		}
		if len(s.ValidatorAddress) != addressSize || len(s.Signature) == 0 || len(s.Signature) > maxSigSize {
			return tallied, fmt.Errorf("%w: signature %d: %d-byte address, %d-byte signature", ErrInvalidCommit, i, len(s.ValidatorAddress), len(s.Signature))
		}
		vi := i
		if byAddress {
			var ok bool
			if vi, ok = index[[addressSize]byte(s.ValidatorAddress)]; !ok {
				continue
			}
			if seen[vi] {
				return tallied, fmt.Errorf("%w: validator %X signed twice (entry %d)", ErrInvalidCommit, s.ValidatorAddress, i)
			}
			seen[vi] = true
		}
		v := &vs.Validators[vi]
		if v.PubKey.Type != "tendermint/PubKeyEd25519" || len(v.PubKey.Value) != ed25519.PublicKeySize {
			return tallied, fmt.Errorf("%w: validator %d key type %q", ErrInvalidCommit, vi, v.PubKey.Type)
		}
		if !ed25519.Verify(ed25519.PublicKey(v.PubKey.Value), VoteSignBytes(chainID, c, s), s.Signature) {
			return tallied, fmt.Errorf("%w: bad signature %d by %X", ErrInvalidCommit, i, s.ValidatorAddress)
		}
		tallied += uint64(v.VotingPower)
		if tallied > needed {
			return tallied, nil
		}
	}
	return tallied, nil
}

// TrustLevel is the fraction of a trusted validator set's power that must sign a header
// for a skipping (non-adjacent) step to trust it; CometBFT's light client accepts levels
// in [1/3, 1] and defaults to 1/3.
type TrustLevel struct{ Numerator, Denominator uint64 }

// DefaultTrustLevel is 1/3, CometBFT's light.DefaultTrustLevel.
var DefaultTrustLevel = TrustLevel{1, 3}

func (l TrustLevel) validate() error {
	if l.Denominator == 0 || l.Numerator > l.Denominator {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, l.Numerator, l.Denominator)
	}
	// Numerator·3 < Denominator, without overflow.
	if hi, lo := bits.Mul64(l.Numerator, 3); hi == 0 && lo < l.Denominator {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, l.Numerator, l.Denominator)
	}
	return nil
}

// VerifyCommitLightTrusting is ValidatorSet.VerifyCommitLightTrusting: the COMMIT entries
// of c signed by members of vs — found by address, since vs need not be the set that
// produced c — carry more than level of vs's total power. The threshold is computed
// exactly (CometBFT refuses levels whose numerator times the total overflows int64).
// Too little power is ErrNotTrusted; a bad or repeated signature ErrInvalidCommit.
func (vs *ValidatorSet) VerifyCommitLightTrusting(chainID string, c *Commit, level TrustLevel) error {
	if level.Denominator == 0 {
		return fmt.Errorf("%w: zero denominator", ErrTrustLevel)
	}
	total, err := vs.totalPower()
	if err != nil {
		return err
	}
	hi, lo := bits.Mul64(uint64(total), level.Numerator)
	if hi >= level.Denominator {
		return fmt.Errorf("%w: %d/%d", ErrTrustLevel, level.Numerator, level.Denominator)
	}
	needed, _ := bits.Div64(hi, lo, level.Denominator)
	tallied, err := vs.tally(chainID, c, needed, true)
	if err != nil {
		return err
	}
	if tallied <= needed {
		return fmt.Errorf("%w: %d of %d trusted voting power signed, need more than %d", ErrNotTrusted, tallied, total, needed)
	}
	return nil
}

// Limits of CometBFT's stateless checks (types/block.go, version/version.go).
const (
	// BlockProtocol is the block version CometBFT headers carry (version.BlockProtocol).
	BlockProtocol = 11
	// MaxChainIDLen is the longest chain id a header may carry.
	MaxChainIDLen = 50
	hashSize      = sha256.Size
	addressSize   = 20
	maxSigSize    = ed25519.SignatureSize
)

// validateHash is CometBFT's ValidateHash: empty or 32 bytes.
func validateHash(name string, h []byte) error {
	if len(h) != 0 && len(h) != hashSize {
		return fmt.Errorf("%s of %d bytes", name, len(h))
	}
	return nil
}

func (id *BlockID) validateBasic(name string) error {
	if err := validateHash(name+" hash", id.Hash); err != nil {
		return err
	}
	return validateHash(name+" part-set hash", id.PartSetHeader.Hash)
}

func (id *BlockID) isZero() bool {
	return len(id.Hash) == 0 && id.PartSetHeader.Total == 0 && len(id.PartSetHeader.Hash) == 0
}

// ValidateBasic is Header.ValidateBasic, CometBFT's stateless header checks: block
// protocol 11, a chain id of at most 50 bytes, a positive height, 32-byte (or empty)
// hashes except the app hash, which may have any length, and a 20-byte proposer address.
// Errors wrap ErrInvalidHeader.
func (h *Header) ValidateBasic() error {
	err := func() error {
		switch {
		case h.Version.Block != BlockProtocol:
			return fmt.Errorf("block protocol %d, want %d", h.Version.Block, BlockProtocol)
		case len(h.ChainID) > MaxChainIDLen:
			return fmt.Errorf("chain id of %d bytes (max %d)", len(h.ChainID), MaxChainIDLen)
		case h.Height <= 0:
			return fmt.Errorf("height %d", h.Height)
		case len(h.ProposerAddress) != addressSize:
			return fmt.Errorf("proposer address of %d bytes", len(h.ProposerAddress))
		}
		if err := h.LastBlockID.validateBasic("last block id"); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			h    []byte
		}{
			{"last commit hash", h.LastCommitHash}, {"data hash", h.DataHash}, {"evidence hash", h.EvidenceHash},
			{"validators hash", h.ValidatorsHash}, {"next validators hash", h.NextValidatorsHash},
			{"consensus hash", h.ConsensusHash}, {"last results hash", h.LastResultsHash},
		} {
			if err := validateHash(f.name, f.h); err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidHeader, err)
	}
	return nil
}

// ValidateBasic is Commit.ValidateBasic: a non-negative height and round and, from height
// 1, a non-zero block id and at least one signature, each well formed for its flag (an
// absent entry carries no address, time or signature; the others a 20-byte address and a
// signature of 1 to 64 bytes). Errors wrap ErrInvalidCommit.
func (c *Commit) ValidateBasic() error {
	err := func() error {
		if c.Height < 0 || c.Round < 0 {
			return fmt.Errorf("height %d, round %d", c.Height, c.Round)
		}
		if c.Height == 0 {
			return nil
		}
		if c.BlockID.isZero() {
			return errors.New("commit for a nil block")
		}
		if err := c.BlockID.validateBasic("block id"); err != nil {
			return err
		}
		if len(c.Signatures) == 0 {
			return errors.New("no signatures")
		}
		for i := range c.Signatures {
			s := &c.Signatures[i]
			switch s.BlockIDFlag {
			case FlagAbsent:
				if len(s.ValidatorAddress) != 0 || !s.Timestamp.IsZero() || len(s.Signature) != 0 {
					return fmt.Errorf("absent signature %d carries data", i)
				}
			case FlagCommit, FlagNil:
				if len(s.ValidatorAddress) != addressSize {
					return fmt.Errorf("signature %d: address of %d bytes", i, len(s.ValidatorAddress))
				}
				if len(s.Signature) == 0 || len(s.Signature) > maxSigSize {
					return fmt.Errorf("signature %d of %d bytes", i, len(s.Signature))
				}
			default:
				return fmt.Errorf("signature %d: block id flag %d", i, s.BlockIDFlag)
			}
		}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCommit, err)
	}
	return nil
}

// ValidateBasic is SignedHeader.ValidateBasic: the header and commit pass their own
// checks, the header is of chainID, and the commit is for this header's height and hash.
func (sh *SignedHeader) ValidateBasic(chainID string) error {
	if err := sh.Header.ValidateBasic(); err != nil {
		return err
	}
	if err := sh.Commit.ValidateBasic(); err != nil {
		return err
	}
	if sh.Header.ChainID != chainID {
		return fmt.Errorf("%w: chain %q, want %q", ErrInvalidHeader, sh.Header.ChainID, chainID)
	}
	if sh.Commit.Height != sh.Header.Height {
		return fmt.Errorf("%w: commit height %d, header %d", ErrInvalidCommit, sh.Commit.Height, sh.Header.Height)
	}
	if hash := sh.Header.Hash(); !bytes.Equal(sh.Commit.BlockID.Hash, hash) {
		return fmt.Errorf("%w: commit for %X, header is %X", ErrInvalidCommit, sh.Commit.BlockID.Hash, hash)
	}
	return nil
}

// VerifyAdjacent is light.VerifyAdjacent: untrusted is the header right after trusted,
// checked against the validator set trusted named as next. The checks, in order:
//
//	a) trusted names a next validator set, and untrusted.Height == trusted.Height+1
//	   (ErrInvalidHeader);
//	b) trusted.Time + trustingPeriod is after now (ErrExpired);
//	c) untrusted passes SignedHeader.ValidateBasic for trusted's chain id (so its
//	   commit is for its own height and hash; ErrInvalidHeader, ErrInvalidCommit), its
//	   time is later than trusted's and before now + maxClockDrift (ErrInvalidHeader,
//	   ErrFuture), and vals hashes to untrusted.ValidatorsHash, which equals
//	   trusted.NextValidatorsHash (ErrInvalidHeader);
//	d) vals signed the commit with more than 2/3 of their power (ErrInvalidCommit) —
//	   last, since it is the expensive check.
func VerifyAdjacent(trusted, untrusted *SignedHeader, vals *ValidatorSet, trustingPeriod time.Duration, now time.Time, maxClockDrift time.Duration) error {
	th, uh := &trusted.Header, &untrusted.Header
	if len(th.NextValidatorsHash) == 0 {
		return fmt.Errorf("%w: trusted header has no next validators hash", ErrInvalidHeader)
	}
	if uh.Height != th.Height+1 {
		return fmt.Errorf("%w: height %d after %d", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !th.Time.Add(trustingPeriod).After(now) {
		return fmt.Errorf("%w: trusted at %s, period %s, now %s", ErrExpired, th.Time, trustingPeriod, now)
	}
	if err := verifyNewHeader(trusted, untrusted, vals, now, maxClockDrift); err != nil {
		return err
	}
	if !bytes.Equal(uh.ValidatorsHash, th.NextValidatorsHash) {
		return fmt.Errorf("%w: validators %X, trusted next %X", ErrInvalidHeader, uh.ValidatorsHash, th.NextValidatorsHash)
	}
	return vals.VerifyCommitLight(th.ChainID, &untrusted.Commit.BlockID, int64(uh.Height), &untrusted.Commit)
}

// verifyNewHeader is light's verifyNewHeaderAndVals: untrusted passes ValidateBasic for the
// trusted chain id, is higher and later than trusted, is not from the future, and vals
// hashes to its ValidatorsHash.
func verifyNewHeader(trusted, untrusted *SignedHeader, vals *ValidatorSet, now time.Time, maxClockDrift time.Duration) error {
	th, uh := &trusted.Header, &untrusted.Header
	if err := untrusted.ValidateBasic(th.ChainID); err != nil {
		return err
	}
	if uh.Height <= th.Height {
		return fmt.Errorf("%w: height %d not above %d", ErrInvalidHeader, uh.Height, th.Height)
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
	return nil
}

// VerifyNonAdjacent is light.VerifyNonAdjacent, the skipping step of CometBFT's light
// client: untrusted is at least two heights above trusted, and trustedVals, the validator
// set of the trusted header, still vouches for it. The checks, in order:
//
//	a) level is in [1/3, 1] (ErrTrustLevel); trustedVals hashes to the trusted header's
//	   ValidatorsHash, and untrusted.Height > trusted.Height+1 (ErrInvalidHeader);
//	b) trusted.Time + trustingPeriod is after now (ErrExpired);
//	c) untrusted passes SignedHeader.ValidateBasic for trusted's chain id, is later than
//	   trusted and before now + maxClockDrift (ErrInvalidHeader, ErrInvalidCommit,
//	   ErrFuture), and untrustedVals hashes to its ValidatorsHash (ErrInvalidHeader);
//	d) members of trustedVals holding more than level of its power signed the commit
//	   (VerifyCommitLightTrusting: ErrNotTrusted, or ErrInvalidCommit for a bad signature);
//	e) untrustedVals signed it with more than 2/3 of their power (ErrInvalidCommit).
//
// CometBFT's verifier leaves the trusted set's hash to its caller; it is checked here.
func VerifyNonAdjacent(trusted *SignedHeader, trustedVals *ValidatorSet, untrusted *SignedHeader, untrustedVals *ValidatorSet,
	trustingPeriod time.Duration, now time.Time, maxClockDrift time.Duration, level TrustLevel) error {
	if err := level.validate(); err != nil {
		return err
	}
	th, uh := &trusted.Header, &untrusted.Header
	if !bytes.Equal(trustedVals.Hash(), th.ValidatorsHash) {
		return fmt.Errorf("%w: trusted validator set hash %X, trusted header has %X", ErrInvalidHeader, trustedVals.Hash(), th.ValidatorsHash)
	}
	if uh.Height == th.Height+1 {
		return fmt.Errorf("%w: height %d is adjacent to %d: use VerifyAdjacent", ErrInvalidHeader, uh.Height, th.Height)
	}
	if !th.Time.Add(trustingPeriod).After(now) {
		return fmt.Errorf("%w: trusted at %s, period %s, now %s", ErrExpired, th.Time, trustingPeriod, now)
	}
	if err := verifyNewHeader(trusted, untrusted, untrustedVals, now, maxClockDrift); err != nil {
		return err
	}
	if err := trustedVals.VerifyCommitLightTrusting(th.ChainID, &untrusted.Commit, level); err != nil {
		return err
	}
	return untrustedVals.VerifyCommitLight(th.ChainID, &untrusted.Commit.BlockID, int64(uh.Height), &untrusted.Commit)
}
