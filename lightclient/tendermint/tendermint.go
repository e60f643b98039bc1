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
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/proof/nmt"
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

// HexBytes decodes CometBFT's hex (upper case as CometBFT writes it; lower case is accepted,
// as CometBFT's HexBytes does). It encodes as upper-case hex.
type HexBytes []byte

// UnmarshalJSON decodes a JSON string of hex digits; memory is 1.5 bytes per input byte.
func (h *HexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: %w", ErrDecode, err)
	}
	v, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("%w: hex %.64q (%d bytes): %w", ErrDecode, s, len(s), err)
	}
	*h = v
	return nil
}

// MarshalJSON encodes h as a JSON string of upper-case hex, as CometBFT writes it.
func (h HexBytes) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2*len(h)+2)
	b = append(b, '"')
	b = append(b, strings.ToUpper(hex.EncodeToString(h))...)
	return append(b, '"'), nil
}

// Int64 decodes a JSON string or number holding a canonical decimal, as CometBFT writes
// int64: an optional minus sign and digits without leading zeros, in int64's range. "+5",
// "007", "-0", null and exponents are ErrDecode.
type Int64 int64

func (i *Int64) UnmarshalJSON(b []byte) error {
	d := b
	if len(d) >= 2 && d[0] == '"' && d[len(d)-1] == '"' {
		d = d[1 : len(d)-1]
	}
	if len(d) > len("-9223372036854775808") || !canonicalDecimal(d) {
		return fmt.Errorf("%w: integer %.40s is not a canonical decimal", ErrDecode, b)
	}
	v, err := strconv.ParseInt(string(d), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: integer %.40s: %w", ErrDecode, b, err)
	}
	*i = Int64(v)
	return nil
}

// MarshalJSON encodes i as CometBFT does: a JSON string of its decimal.
func (i Int64) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, strconv.FormatInt(int64(i), 10)), nil
}

// canonicalDecimal reports whether d is -?(0|[1-9][0-9]*), and not "-0".
func canonicalDecimal(d []byte) bool {
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
		if len(d) == 1 && d[0] == '0' {
			return false
		}
	}
	if len(d) == 0 || (d[0] == '0' && len(d) > 1) {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
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

// UnmarshalJSON decodes a commit as the RPC writes it. The signatures are counted before
// they are allocated: more than MaxValidators is ErrDecode.
func (c *Commit) UnmarshalJSON(data []byte) error {
	var v struct {
		Height     Int64           `json:"height"`
		Round      int32           `json:"round"`
		BlockID    BlockID         `json:"block_id"`
		Signatures json.RawMessage `json:"signatures"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	sigs, err := decodeArray[CommitSig](v.Signatures, "commit signatures")
	if err != nil {
		return err
	}
	*c = Commit{Height: v.Height, Round: v.Round, BlockID: v.BlockID, Signatures: sigs}
	return nil
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

// UnmarshalJSON decodes a validator set (the RPC's /validators result; other fields are
// ignored). The validators are counted before they are allocated: more than
// MaxValidators is ErrDecode.
func (vs *ValidatorSet) UnmarshalJSON(data []byte) error {
	var v struct {
		Validators json.RawMessage `json:"validators"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	vals, err := decodeArray[Validator](v.Validators, "validators")
	if err != nil {
		return err
	}
	vs.Validators = vals
	return nil
}

// MaxValidators bounds validator sets and commits: CometBFT's MaxVotesCount, which "implies
// a corresponding equal limit to the number of validators" (types/vote_set.go).
const MaxValidators = 10000

// MaxTotalVotingPower is CometBFT's cap on a validator set's total voting power
// (types/validator_set.go): MaxInt64/8, so that sums and the 2/3 and trust-level products
// computed from it cannot overflow.
const MaxTotalVotingPower = math.MaxInt64 / 8

// decodeArray decodes the JSON array data (null or absent: nil) into a slice of exactly
// its length, counted first so that nothing is allocated for an array of more than
// MaxValidators elements, and so that no append doubles it: a 3-byte element "{}," costs
// one element, not two. encoding/json has validated data before any UnmarshalJSON sees it.
func decodeArray[T any](data []byte, what string) ([]T, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	if data[0] != '[' {
		return nil, fmt.Errorf("%w: %s is not an array", ErrDecode, what)
	}
	n, _ := jsontok.ArrayLen(data) // data starts with '['
	if n > MaxValidators {
		return nil, fmt.Errorf("%w: %d %s, max %d", ErrDecode, n, what, MaxValidators)
	}
	out := make([]T, n)
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // '['
		return nil, fmt.Errorf("%w: %s: %w", ErrDecode, what, err)
	}
	for i := range out {
		if err := dec.Decode(&out[i]); err != nil {
			return nil, fmt.Errorf("%w: %s %d: %w", ErrDecode, what, i, err)
		}
	}
	return out, nil
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

func timestamp(t time.Time) []byte { return appendTimestamp(nil, t) }

// appendTimestamp appends the google.protobuf.Timestamp of t.
func appendTimestamp(b []byte, t time.Time) []byte {
	b = appendVarintField(b, 1, uint64(t.Unix()))
	return appendVarintField(b, 2, uint64(int64(t.Nanosecond())))
}

func (id *BlockID) proto() []byte {
	psh := appendVarintField(nil, 1, uint64(id.PartSetHeader.Total))
	psh = appendBytesField(psh, 2, id.PartSetHeader.Hash)
	b := appendBytesField(nil, 1, id.Hash)
	return appendMessage(b, 2, psh)
}

// hashFromByteSlices is CometBFT's merkle.HashFromByteSlices: the RFC 6962 root of the
// items (proof/nmt keeps the one copy of the tree).
func hashFromByteSlices(items [][]byte) []byte {
	h := nmt.RFC6962Root(items)
	return h[:]
}

// Hash is Header.Hash: the Merkle root of the header's fields, each protobuf-encoded
// (scalars in their gogotypes wrappers). Work and memory are linear in the header's size.
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
// It allocates 32 bytes per validator and one buffer the size of the longest key.
func (vs *ValidatorSet) Hash() []byte {
	leaves := make([]interop.Hash, len(vs.Validators))
	var scratch []byte
	for i := range vs.Validators {
		v := &vs.Validators[i]
		// RFC 6962 leaf prefix, then SimpleValidator: field 1 the PublicKey message
		// (oneof ed25519 = field 1), field 2 the power.
		key := v.PubKey.Value
		var keyMsg int
		if len(key) > 0 {
			keyMsg = 1 + uvarintLen(uint64(len(key))) + len(key)
		}
		scratch = append(scratch[:0], 0)
		scratch = binary.AppendUvarint(appendTag(scratch, 1, 2), uint64(keyMsg))
		scratch = appendBytesField(scratch, 1, key)
		scratch = appendVarintField(scratch, 2, uint64(v.VotingPower))
		leaves[i] = sha256.Sum256(scratch)
	}
	h := nmt.RFC6962RootOfLeafHashes(leaves)
	return h[:]
}

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return len(binary.AppendUvarint(b[:0], x))
}

// VoteSignBytes is the length-delimited CanonicalVote a validator signs for a
// precommit in commit c (types/vote.go VoteSignBytes, CanonicalizeVote).
func VoteSignBytes(chainID string, c *Commit, sig *CommitSig) []byte {
	var s signBytes
	return s.of(chainID, c, c.BlockID.proto(), sig)
}

// signBytes holds the buffers VoteSignBytes writes into, reused across a commit's entries
// so that verifying n signatures allocates a constant, not n copies of the sign bytes.
type signBytes struct{ body, out []byte }

// of returns the sign bytes of sig in c, whose block id encodes as blockID. The result is
// valid until the next call.
func (s *signBytes) of(chainID string, c *Commit, blockID []byte, sig *CommitSig) []byte {
	b := appendVarintField(s.body[:0], 1, 2) // SIGNED_MSG_TYPE_PRECOMMIT
	if c.Height != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 2, 1), uint64(c.Height))
	}
	if c.Round != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 3, 1), uint64(int64(c.Round)))
	}
	if sig.BlockIDFlag == FlagCommit {
		b = appendMessage(b, 4, blockID)
	}
	var ts [2 * (1 + binary.MaxVarintLen64)]byte
	b = appendMessage(b, 5, appendTimestamp(ts[:0], sig.Timestamp))
	b = appendBytesField(b, 6, []byte(chainID))
	s.body = b
	s.out = append(binary.AppendUvarint(s.out[:0], uint64(len(b))), b...)
	return s.out
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
//
// Before any signature is checked it refuses, as bounds: a chain id over MaxChainIDLen
// (ErrInvalidHeader), a commit block id whose hashes are not empty or 32 bytes, more than
// MaxValidators validators, and a total power over MaxTotalVotingPower (ErrInvalidCommit).
// Cost: at most len(vs.Validators) Ed25519 verifications over sign bytes of at most ~200
// bytes, in a reused buffer.
func (vs *ValidatorSet) VerifyCommitLight(chainID string, blockID *BlockID, height int64, c *Commit) error {
	if len(vs.Validators) != len(c.Signatures) {
		return fmt.Errorf("%w: %d signatures for %d validators", ErrInvalidCommit, len(c.Signatures), len(vs.Validators))
	}
	if err := checkSignBytesBounds(chainID, c); err != nil {
		return err
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
	needed := total * 2 / 3 // total ≤ MaxTotalVotingPower: no overflow
	tallied, err := vs.tally(chainID, c, uint64(needed), false)
	if err != nil {
		return err
	}
	if tallied <= uint64(needed) {
		return fmt.Errorf("%w: %d of %d voting power signed, need more than %d", ErrInvalidCommit, tallied, total, needed)
	}
	return nil
}

// checkSignBytesBounds refuses, before any signature is checked, what would make each
// signature's sign bytes long: every counted entry is verified over bytes that carry the
// chain id and the block id, so a long one would be hashed once per signature (work
// quadratic in the input). Headers that pass ValidateBasic always pass this.
func checkSignBytesBounds(chainID string, c *Commit) error {
	if len(chainID) > MaxChainIDLen {
		return fmt.Errorf("%w: chain id of %d bytes (max %d)", ErrInvalidHeader, len(chainID), MaxChainIDLen)
	}
	if len(c.Signatures) > MaxValidators {
		return fmt.Errorf("%w: %d signatures, max %d", ErrInvalidCommit, len(c.Signatures), MaxValidators)
	}
	if err := c.BlockID.validateBasic("block id"); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCommit, err)
	}
	return nil
}

// totalPower sums the voting powers, as CometBFT's ValidatorSet does: at most
// MaxValidators members, each power non-negative, the total at most MaxTotalVotingPower,
// and no Ed25519 key twice (NewValidatorSet refuses duplicates; vote sign bytes name no
// validator, so a repeated key would have one signature counted once per listing). The
// duplicate check sorts a copy of the keys: O(n log n), 32n bytes.
func (vs *ValidatorSet) totalPower() (int64, error) {
	if len(vs.Validators) > MaxValidators {
		return 0, fmt.Errorf("%w: %d validators, max %d", ErrInvalidCommit, len(vs.Validators), MaxValidators)
	}
	var total int64
	keys := make([][ed25519.PublicKeySize]byte, 0, len(vs.Validators))
	for i, v := range vs.Validators {
		if v.VotingPower < 0 || total > MaxTotalVotingPower-int64(v.VotingPower) {
			return 0, fmt.Errorf("%w: voting power %d of validator %d takes the total over %d", ErrInvalidCommit, v.VotingPower, i, int64(MaxTotalVotingPower))
		}
		total += int64(v.VotingPower)
		if len(v.PubKey.Value) == ed25519.PublicKeySize {
			keys = append(keys, [ed25519.PublicKeySize]byte(v.PubKey.Value))
		}
	}
	slices.SortFunc(keys, func(a, b [ed25519.PublicKeySize]byte) int { return bytes.Compare(a[:], b[:]) })
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			return 0, fmt.Errorf("%w: validator key %X listed twice", ErrInvalidCommit, keys[i])
		}
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
	blockID := c.BlockID.proto()
	var sb signBytes
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
		if !ed25519.Verify(ed25519.PublicKey(v.PubKey.Value), sb.of(chainID, c, blockID, s), s.Signature) {
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
// Too little power is ErrNotTrusted; a bad or repeated signature ErrInvalidCommit. The
// bounds of VerifyCommitLight apply, and more than MaxValidators signatures is refused
// first; entries of non-members cost one map lookup each, members one verification each
// at most (a member counted twice is an error, not a second verification).
func (vs *ValidatorSet) VerifyCommitLightTrusting(chainID string, c *Commit, level TrustLevel) error {
	if level.Denominator == 0 {
		return fmt.Errorf("%w: zero denominator", ErrTrustLevel)
	}
	if err := checkSignBytesBounds(chainID, c); err != nil {
		return err
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
