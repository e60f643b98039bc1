package tendermint

// The RPC types (/commit, /validators) and their strict JSON decoding.

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
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
	d, err := interop.DecimalJSON(b, true)
	if err != nil {
		return fmt.Errorf("%w: integer %.40s: %w", ErrDecode, b, err)
	}
	v, err := interop.ParseInt64(d)
	if err != nil {
		return fmt.Errorf("%w: integer %.40s is not a canonical decimal: %w", ErrDecode, b, err)
	}
	*i = Int64(v)
	return nil
}

// MarshalJSON encodes i as CometBFT does: a JSON string of its decimal.
func (i Int64) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, strconv.FormatInt(int64(i), 10)), nil
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
