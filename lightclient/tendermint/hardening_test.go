package tendermint_test

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
)

// keys returns n deterministic Ed25519 keys.
func keys(n int) []ed25519.PrivateKey {
	ks := make([]ed25519.PrivateKey, n)
	for i := range ks {
		seed := make([]byte, ed25519.SeedSize)
		seed[0], seed[1] = byte(i), byte(i>>8)
		ks[i] = ed25519.NewKeyFromSeed(seed)
	}
	return ks
}

// signedCommit is a header of chainID at height 5 signed by every member of s.
func signedCommit(chainID string, s *tenderminttest.Set) (tendermint.Header, tendermint.Commit) {
	var h tendermint.Header
	h.Version.Block = tendermint.BlockProtocol
	h.ChainID = chainID
	h.Height = 5
	h.Time = time.Unix(1700000000, 0).UTC()
	h.ValidatorsHash = s.Vals.Hash()
	h.NextValidatorsHash = h.ValidatorsHash
	h.ProposerAddress = make([]byte, 20)
	votes := make([]tenderminttest.Vote, len(s.Keys))
	for i := range votes {
		votes[i] = tenderminttest.ForBlock
	}
	return h, tenderminttest.Commit(&h, s, 0, votes)
}

// CometBFT's JSON writes int64 as canonical decimal strings; "+5", "007" and "-0" are
// other spellings of a value a header hash commits to, and were accepted.
func TestHardeningInt64NonCanonical(t *testing.T) {
	for _, in := range []string{`"+5"`, `"007"`, `"-0"`, `"00"`, `"-007"`, `"5\""`, `"\u0035"`, `""`, `"-"`, `5.0`, `null`} {
		var v tendermint.Int64
		if err := json.Unmarshal([]byte(in), &v); !errors.Is(err, tendermint.ErrDecode) {
			t.Errorf("%s: decoded as %d (err %v), want ErrDecode", in, v, err)
		}
	}
	for in, want := range map[string]int64{`"5"`: 5, `"0"`: 0, `"-12"`: -12, `7`: 7, `"9223372036854775807"`: math.MaxInt64, `"-9223372036854775808"`: math.MinInt64} {
		var v tendermint.Int64
		if err := json.Unmarshal([]byte(in), &v); err != nil || int64(v) != want {
			t.Errorf("%s: got %d, %v; want %d", in, v, err, want)
		}
	}
}

// CometBFT caps a validator set's total power at MaxInt64/8 (MaxTotalVotingPower), so
// that 2·total and numerator·total never overflow. The cap was 2^62: a set of total 2^61,
// which CometBFT refuses, verified; at exactly 2^62, 2·total wrapped negative.
func TestHardeningVotingPowerCap(t *testing.T) {
	for _, powers := range [][]int64{{1 << 60, 1 << 60}, {1 << 61, 1 << 61}, {math.MaxInt64/8 + 1}} {
		s := tenderminttest.NewSet(keys(len(powers)), powers)
		h, c := signedCommit("chain-a", &s)
		err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c)
		if !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Errorf("powers %v: VerifyCommitLight %v, want ErrInvalidCommit", powers, err)
		}
		if err := s.Vals.VerifyCommitLightTrusting("chain-a", &c, tendermint.DefaultTrustLevel); !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Errorf("powers %v: VerifyCommitLightTrusting %v, want ErrInvalidCommit", powers, err)
		}
	}
	// At the cap itself, a fully signed commit verifies.
	s := tenderminttest.NewSet(keys(1), []int64{tendermint.MaxTotalVotingPower})
	h, c := signedCommit("chain-a", &s)
	if err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c); err != nil {
		t.Errorf("total power at the cap: %v", err)
	}
}

// `{"signatures":[{},{},…]}`: three bytes of JSON became an 80-byte CommitSig, and the
// slice's growth doubled that (144 bytes allocated per input byte; validator sets 135, 218
// with Hash). Arrays are now counted before they are allocated, to their exact size.
func TestHardeningJSONAmplification(t *testing.T) {
	n := tendermint.MaxValidators
	commit := []byte(`{"height":"1","signatures":[` + strings.Repeat(`{},`, n-1) + `{}]}`)
	hostile.Bounded(t, "commit of empty signatures", len(commit), func() {
		var c tendermint.Commit
		if err := json.Unmarshal(commit, &c); err != nil || len(c.Signatures) != n {
			t.Errorf("commit: %d signatures, %v", len(c.Signatures), err)
		}
	})
	vals := []byte(`{"validators":[` + strings.Repeat(`{},`, n-1) + `{}]}`)
	hostile.Bounded(t, "validator set of empty validators, hashed", len(vals), func() {
		var vs tendermint.ValidatorSet
		if err := json.Unmarshal(vals, &vs); err != nil || len(vs.Validators) != n {
			t.Errorf("validator set: %d validators, %v", len(vs.Validators), err)
		}
		_ = vs.Hash()
	})
	// One more than CometBFT's MaxVotesCount is refused before anything is allocated for it.
	over := []byte(`{"signatures":[` + strings.Repeat(`{},`, n) + `{}]}`)
	hostile.Proportional(t, "too many signatures", len(over), 4, 16<<10, func() {
		var c tendermint.Commit
		if err := json.Unmarshal(over, &c); !errors.Is(err, tendermint.ErrDecode) {
			t.Errorf("%d signatures: %v, want ErrDecode", n+1, err)
		}
	})
}

// Every counted signature is verified over sign bytes that carry the chain id and the
// block id, so a long chain id or block hash made VerifyCommitLight and
// VerifyCommitLightTrusting hash and allocate it once per signature: 200 signatures over a
// 64 KiB chain id allocated 25 MB (and hashed 13 MB) for 90 KB of input. Chain ids over
// MaxChainIDLen and block-id hashes that are not 32 bytes are refused first.
func TestHardeningCommitSignBytesAmplification(t *testing.T) {
	chainID := strings.Repeat("c", 64<<10)
	s := tenderminttest.NewSet(keys(200), func() []int64 {
		p := make([]int64, 200)
		for i := range p {
			p[i] = 1
		}
		return p
	}())
	h, c := signedCommit(chainID, &s)
	in := len(chainID) + len(c.Signatures)*(20+64+16)
	hostile.Bounded(t, "VerifyCommitLight, 64 KiB chain id", in, func() {
		if err := s.Vals.VerifyCommitLight(chainID, &c.BlockID, int64(h.Height), &c); !errors.Is(err, tendermint.ErrInvalidHeader) {
			t.Errorf("VerifyCommitLight: %v, want ErrInvalidHeader", err)
		}
	})
	hostile.Bounded(t, "VerifyCommitLightTrusting, 64 KiB chain id", in, func() {
		if err := s.Vals.VerifyCommitLightTrusting(chainID, &c, tendermint.DefaultTrustLevel); !errors.Is(err, tendermint.ErrInvalidHeader) {
			t.Errorf("VerifyCommitLightTrusting: %v, want ErrInvalidHeader", err)
		}
	})
	// A block hash of 64 KiB, signed over by every validator.
	c.BlockID.Hash = make([]byte, 64<<10)
	for i := range c.Signatures {
		c.Signatures[i].Signature = ed25519.Sign(s.Keys[i], tendermint.VoteSignBytes("chain-a", &c, &c.Signatures[i]))
	}
	hostile.Bounded(t, "VerifyCommitLight, 64 KiB block hash", in, func() {
		if err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c); !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Errorf("VerifyCommitLight: %v, want ErrInvalidCommit", err)
		}
	})
	hostile.Bounded(t, "VerifyCommitLightTrusting, 64 KiB block hash", in, func() {
		if err := s.Vals.VerifyCommitLightTrusting("chain-a", &c, tendermint.DefaultTrustLevel); !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Errorf("VerifyCommitLightTrusting: %v, want ErrInvalidCommit", err)
		}
	})
}

// Vote sign bytes name neither the validator nor its index, so one validator listed three
// times in a set could sign once and be counted three times: [A, A, A, B] of power 1 each
// verified with only A's signature. CometBFT cannot build such a set (NewValidatorSet
// refuses duplicates); a set that repeats a key is now refused before any signature.
func TestHardeningDuplicateValidator(t *testing.T) {
	ks := keys(2)
	a, b := ks[0], ks[1]
	s := tenderminttest.NewSet([]ed25519.PrivateKey{a, a, a, b}, []int64{1, 1, 1, 1})
	h, c := signedCommit("chain-a", &s)
	for i := range c.Signatures {
		if s.Keys[i].Equal(b) {
			c.Signatures[i] = tendermint.CommitSig{BlockIDFlag: tendermint.FlagAbsent}
		}
	}
	if err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c); !errors.Is(err, tendermint.ErrInvalidCommit) {
		t.Errorf("VerifyCommitLight with a validator listed three times: %v, want ErrInvalidCommit", err)
	}
	if err := s.Vals.VerifyCommitLightTrusting("chain-a", &c, tendermint.TrustLevel{Num: 2, Den: 3}); !errors.Is(err, tendermint.ErrInvalidCommit) {
		t.Errorf("VerifyCommitLightTrusting with a validator listed three times: %v, want ErrInvalidCommit", err)
	}
}
