package tendermint_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
)

func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

func ones(n int) []int64 {
	p := make([]int64, n)
	for i := range p {
		p[i] = 1
	}
	return p
}

// JSON at MaxValidators (empty and realistic entries, and one over), long strings in every
// variable-length field, and the verifiers on sets and commits of MaxValidators entries:
// allocation stays proportional to the input (and the JSON of the set and commit is the
// input the verifiers are charged for).
func TestBoundsAllocPerInputByte(t *testing.T) {
	const n = tendermint.MaxValidators
	s := tenderminttest.NewSet(keys(n), ones(n))
	h, c := signedCommit("chain-a", &s)
	valsJSON, err := json.Marshal(&s.Vals)
	if err != nil {
		t.Fatal(err)
	}
	sh := tendermint.SignedHeader{Header: h, Commit: c}
	shJSON, err := json.Marshal(&sh)
	if err != nil {
		t.Fatal(err)
	}
	in := len(valsJSON) + len(shJSON)

	logged(t, "ValidatorSet JSON, MaxValidators", len(valsJSON), func() {
		var vs tendermint.ValidatorSet
		if err := json.Unmarshal(valsJSON, &vs); err != nil || len(vs.Validators) != n {
			t.Error(err)
		}
	})
	logged(t, "SignedHeader JSON, MaxValidators signatures", len(shJSON), func() {
		var back tendermint.SignedHeader
		if err := json.Unmarshal(shJSON, &back); err != nil || len(back.Commit.Signatures) != n {
			t.Error(err)
		}
	})
	logged(t, "ValidatorSet.Hash, MaxValidators", len(valsJSON), func() { _ = s.Vals.Hash() })
	logged(t, "SignedHeader.ValidateBasic", len(shJSON), func() {
		if err := sh.ValidateBasic("chain-a"); err != nil {
			t.Error(err)
		}
	})
	// Verification stops once more than 2/3 has signed: 6,667 Ed25519 checks here.
	logged(t, "VerifyCommitLight, MaxValidators", in, func() {
		if err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c); err != nil {
			t.Error(err)
		}
	})
	logged(t, "VerifyCommitLightTrusting, MaxValidators", in, func() {
		if err := s.Vals.VerifyCommitLightTrusting("chain-a", &c, tendermint.DefaultTrustLevel); err != nil {
			t.Error(err)
		}
	})
	trusted := sh
	trusted.Header.Height--
	trusted.Header.Time = h.Time.Add(-time.Second)
	logged(t, "VerifyAdjacent, MaxValidators", in, func() {
		if err := tendermint.VerifyAdjacent(&trusted, &sh, &s.Vals, time.Hour, h.Time, time.Minute); err != nil {
			t.Error(err)
		}
	})
	far := trusted
	far.Header.Height -= 5
	logged(t, "VerifyNonAdjacent, MaxValidators", 2*in, func() {
		if err := tendermint.VerifyNonAdjacent(&far, &s.Vals, &sh, &s.Vals, time.Hour, h.Time, time.Minute, tendermint.DefaultTrustLevel); err != nil {
			t.Error(err)
		}
	})

	// A commit of MaxValidators entries none of which belongs to the trusted set: one map
	// lookup each, no signature checked.
	strangers := c
	strangers.Signatures = append([]tendermint.CommitSig(nil), c.Signatures...)
	for i := range strangers.Signatures {
		strangers.Signatures[i].ValidatorAddress = make([]byte, 20)
		strangers.Signatures[i].ValidatorAddress[0] = 0xee
	}
	logged(t, "VerifyCommitLightTrusting, no member signed", in, func() {
		if err := s.Vals.VerifyCommitLightTrusting("chain-a", &strangers, tendermint.DefaultTrustLevel); !errors.Is(err, tendermint.ErrNotTrusted) {
			t.Error(err)
		}
	})

	over := []byte(`{"validators":[` + strings.Repeat(`{"voting_power":"1"},`, n) + `{}]}`)
	logged(t, "ValidatorSet JSON over MaxValidators", len(over), func() {
		var vs tendermint.ValidatorSet
		if err := json.Unmarshal(over, &vs); !errors.Is(err, tendermint.ErrDecode) {
			t.Error(err)
		}
	})
	long := strings.Repeat("AB", 1<<19)
	for _, field := range []string{"chain_id", "app_hash", "data_hash", "proposer_address"} {
		doc := []byte(`{"version":{"block":"11"},"height":"5","` + field + `":"` + long + `"}`)
		logged(t, "Header JSON with a 1 MiB "+field, len(doc), func() {
			var hd tendermint.Header
			if err := json.Unmarshal(doc, &hd); err != nil {
				t.Error(err)
			}
			_ = hd.Hash()
			_ = hd.ValidateBasic()
		})
	}
	badHex := []byte(`"` + strings.Repeat("Z", 1<<20) + `"`)
	logged(t, "HexBytes 1 MiB of bad hex", len(badHex), func() {
		var b tendermint.HexBytes
		if err := json.Unmarshal(badHex, &b); !errors.Is(err, tendermint.ErrDecode) {
			t.Error(err)
		}
	})
	digits := []byte(`"` + strings.Repeat("9", 1<<20) + `"`)
	logged(t, "Int64 of 1 MiB digits", len(digits), func() {
		var i tendermint.Int64
		if err := json.Unmarshal(digits, &i); !errors.Is(err, tendermint.ErrDecode) {
			t.Error(err)
		}
	})
}

// TestConcurrentValidatorSet: one validator set hashing and verifying the same commit, by
// index and by address, on 16 goroutines.
func TestConcurrentValidatorSet(t *testing.T) {
	s := tenderminttest.NewSet(keys(8), []int64{5, 4, 3, 3, 2, 2, 1, 1})
	h, c := signedCommit("chain-a", &s)
	want := string(s.Vals.Hash())
	hostile.Concurrent(t, 10, func(g int) {
		if string(s.Vals.Hash()) != want {
			t.Errorf("goroutine %d: hash changed", g)
		}
		if err := s.Vals.VerifyCommitLight("chain-a", &c.BlockID, int64(h.Height), &c); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := s.Vals.VerifyCommitLightTrusting("chain-a", &c, tendermint.TrustLevel{Num: 2, Den: 3}); err != nil {
			t.Errorf("goroutine %d: trusting %v", g, err)
		}
		if err := s.Vals.VerifyCommitLight("chain-b", &c.BlockID, int64(h.Height), &c); !errors.Is(err, tendermint.ErrInvalidCommit) {
			t.Errorf("goroutine %d: other chain: %v", g, err)
		}
	})
}

// TestConcurrentSignedHeader: one trusted and one untrusted signed header checked by 16
// goroutines at once, adjacent and skipping.
func TestConcurrentSignedHeader(t *testing.T) {
	s := tenderminttest.NewSet(keys(4), []int64{3, 2, 2, 1})
	h, c := signedCommit("chain-a", &s)
	sh := tendermint.SignedHeader{Header: h, Commit: c}
	trusted := sh
	trusted.Header.Height--
	trusted.Header.Time = h.Time.Add(-time.Second)
	far := trusted
	far.Header.Height -= 3
	hash := string(h.Hash())
	hostile.Concurrent(t, 10, func(g int) {
		if string(sh.Header.Hash()) != hash {
			t.Errorf("goroutine %d: header hash changed", g)
		}
		if err := tendermint.VerifyAdjacent(&trusted, &sh, &s.Vals, time.Hour, h.Time, time.Minute); err != nil {
			t.Errorf("goroutine %d: adjacent %v", g, err)
		}
		if err := tendermint.VerifyNonAdjacent(&far, &s.Vals, &sh, &s.Vals, time.Hour, h.Time, time.Minute, tendermint.DefaultTrustLevel); err != nil {
			t.Errorf("goroutine %d: skipping %v", g, err)
		}
	})
}
