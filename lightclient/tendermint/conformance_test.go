package tendermint

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/vectors"
)

// TestConformance walks the CometBFT vectors and runs each by its shape: single
// commits, adjacent steps with clock cases, and a header with a known hash.
func TestConformance(t *testing.T) {
	for _, path := range vectors.Files(t, "hub", "tendermint_light/*.json") {
		raw := vectors.Read(t, path)
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(raw, &keys); err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			switch {
			case keys["cases"] != nil:
				checkAdjacent(t, raw)
			case keys["signed_header"] != nil:
				checkCommit(t, raw)
			case keys["expected_hash"] != nil:
				checkHeaderHash(t, raw)
			default:
				t.Fatal("unknown shape")
			}
		})
	}
}

func checkCommit(t *testing.T, raw []byte) {
	v := vectors.JSON[struct {
		ChainID      string       `json:"chain_id"`
		SignedHeader SignedHeader `json:"signed_header"`
		ValidatorSet ValidatorSet `json:"validator_set"`
		Expect       struct {
			HeaderHash     HexBytes `json:"header_hash"`
			CommitVerifies bool     `json:"commit_verifies"`
		}
	}](t, raw)
	h := &v.SignedHeader.Header
	if got := h.Hash(); hex.EncodeToString(got) != hex.EncodeToString(v.Expect.HeaderHash) ||
		hex.EncodeToString(got) != hex.EncodeToString(v.SignedHeader.Commit.BlockID.Hash) {
		t.Fatalf("header hash %X", got)
	}
	if got := v.ValidatorSet.Hash(); hex.EncodeToString(got) != hex.EncodeToString(h.ValidatorsHash) {
		t.Fatalf("validators hash %X", got)
	}
	if err := v.SignedHeader.ValidateBasic(v.ChainID); err != nil {
		t.Fatalf("ValidateBasic: %v", err)
	}
	c := &v.SignedHeader.Commit
	err := v.ValidatorSet.VerifyCommitLight(v.ChainID, &c.BlockID, int64(h.Height), c)
	if (err == nil) != v.Expect.CommitVerifies {
		t.Fatalf("VerifyCommitLight: %v", err)
	}
	if err := v.ValidatorSet.VerifyCommitLight(v.ChainID+"x", &c.BlockID, int64(h.Height), c); !errors.Is(err, ErrInvalidCommit) {
		t.Fatalf("other chain id: %v", err)
	}
}

func checkAdjacent(t *testing.T, raw []byte) {
	v := vectors.JSON[struct {
		Trusted struct {
			SignedHeader     SignedHeader `json:"signed_header"`
			NextValidatorSet ValidatorSet `json:"next_validator_set"`
		}
		Untrusted struct {
			SignedHeader SignedHeader `json:"signed_header"`
			ValidatorSet ValidatorSet `json:"validator_set"`
		}
		Cases []struct {
			TrustingPeriodS int64     `json:"trusting_period_s"`
			Now             time.Time `json:"now"`
			MaxClockDriftS  int64     `json:"max_clock_drift_s"`
			Expect          string
		}
	}](t, raw)
	tr, un := &v.Trusted.SignedHeader, &v.Untrusted.SignedHeader
	if got := tr.Header.Hash(); hex.EncodeToString(got) != hex.EncodeToString(un.Header.LastBlockID.Hash) {
		t.Fatalf("header 9 hash %X is not header 10's last block id", got)
	}
	if got := tr.Header.Hash(); hex.EncodeToString(got) != hex.EncodeToString(tr.Commit.BlockID.Hash) {
		t.Fatalf("trusted commit for %X", tr.Commit.BlockID.Hash)
	}
	if err := tr.ValidateBasic(tr.Header.ChainID); err != nil {
		t.Fatalf("trusted ValidateBasic: %v", err)
	}
	if err := v.Trusted.NextValidatorSet.VerifyCommitLight(tr.Header.ChainID, &tr.Commit.BlockID, int64(tr.Header.Height), &tr.Commit); err != nil {
		t.Fatalf("trusted commit: %v", err)
	}
	for _, c := range v.Cases {
		err := VerifyAdjacent(tr, un, &v.Untrusted.ValidatorSet, time.Duration(c.TrustingPeriodS)*time.Second, c.Now, time.Duration(c.MaxClockDriftS)*time.Second)
		var want error
		switch {
		case c.Expect == "ok":
		case strings.Contains(c.Expect, "expired"):
			want = ErrExpired
		case strings.Contains(c.Expect, "future"):
			want = ErrFuture
		default:
			t.Fatalf("expectation %q", c.Expect)
		}
		if want == nil && err != nil || want != nil && !errors.Is(err, want) {
			t.Errorf("%s: %v", c.Expect, err)
		}
	}
}

func checkHeaderHash(t *testing.T, raw []byte) {
	v := vectors.JSON[struct {
		Header       Header   `json:"header"`
		ExpectedHash HexBytes `json:"expected_hash"`
	}](t, raw)
	if got := v.Header.Hash(); hex.EncodeToString(got) != hex.EncodeToString(v.ExpectedHash) {
		t.Fatalf("hash %X, want %X", got, v.ExpectedHash)
	}
	if err := v.Header.ValidateBasic(); err != nil {
		t.Fatalf("ValidateBasic: %v", err)
	}
}
