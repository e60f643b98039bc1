package tendermint

import (
	"encoding/json"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

func BenchmarkVerifyCommitLight(b *testing.B) {
	files := vectors.Files(b, "hub", "tendermint_light/*height10.json")
	var v struct {
		ChainID      string       `json:"chain_id"`
		SignedHeader SignedHeader `json:"signed_header"`
		ValidatorSet ValidatorSet `json:"validator_set"`
	}
	if err := json.Unmarshal(vectors.Read(b, files[0]), &v); err != nil {
		b.Fatal(err)
	}
	c := &v.SignedHeader.Commit
	b.ReportAllocs()
	for b.Loop() {
		if err := v.ValidatorSet.VerifyCommitLight(v.ChainID, &c.BlockID, int64(v.SignedHeader.Header.Height), c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHeaderHash(b *testing.B) {
	files := vectors.Files(b, "hub", "tendermint_light/header_with_known_hash.json")
	var v struct{ Header Header }
	if err := json.Unmarshal(vectors.Read(b, files[0]), &v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = v.Header.Hash()
	}
}
