package tendermint

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzVerify decodes arbitrary JSON as a signed header and validator set and runs every
// check on it: no panic, and no commit verifies without a genuine signature.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(`{"signed_header":{"header":{"height":"2","chain_id":"c"},"commit":{"height":"2","signatures":[{"block_id_flag":2,"signature":"AA=="}]}},"validator_set":{"validators":[{"pub_key":{"type":"tendermint/PubKeyEd25519","value":"bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0="},"voting_power":"10"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v struct {
			SignedHeader SignedHeader `json:"signed_header"`
			ValidatorSet ValidatorSet `json:"validator_set"`
		}
		if json.Unmarshal(b, &v) != nil {
			return
		}
		h := &v.SignedHeader.Header
		_ = h.Hash()
		_ = v.ValidatorSet.Hash()
		_ = v.SignedHeader.ValidateBasic(h.ChainID)
		c := &v.SignedHeader.Commit
		if err := v.ValidatorSet.VerifyCommitLight(h.ChainID, &c.BlockID, int64(h.Height), c); err == nil {
			t.Fatal("a fuzzed commit verified")
		}
		trusted := v.SignedHeader
		trusted.Header.Height--
		trusted.Header.NextValidatorsHash = v.ValidatorSet.Hash()
		_ = VerifyAdjacent(&trusted, &v.SignedHeader, &v.ValidatorSet, time.Hour, time.Unix(0, 0), time.Minute)
		far := v.SignedHeader
		far.Header.Height -= 5
		far.Header.ValidatorsHash = v.ValidatorSet.Hash()
		if err := VerifyNonAdjacent(&far, &v.ValidatorSet, &v.SignedHeader, &v.ValidatorSet, time.Hour, time.Unix(0, 0), time.Minute, DefaultTrustLevel); err == nil {
			t.Fatal("a fuzzed skipping step verified")
		}
	})
}
