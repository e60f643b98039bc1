package bn254_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/crypto/bls/bn254/bn254test"
)

// TestConformanceHotShotTestKeys derives HotShot's test keys generated_from_seed_indexed(
// [0; 32], i) and finds them, in order, as the stake keys of espresso-network's recorded test
// chains; re-signs every recorded message with them and gets the recorded signature bytes
// (BLS signing is deterministic), aggregates included.
func TestConformanceHotShotTestKeys(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	checked := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			SeedIndexed bool     `json:"seed_indexed"`
			Keys        []string `json:"keys"`
			Aggregates  []struct {
				Message   string `json:"message"`
				Signature string `json:"signature"`
				Signers   []int  `json:"signers"`
			} `json:"aggregates"`
		}
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if !f.SeedIndexed {
			continue // operators' keys
		}
		var sks []*bn254.SecretKey
		for i, k := range f.Keys {
			sk := bn254test.HotShotTestKey([32]byte{}, uint64(i))
			if got := sk.PublicKey().String(); got != k {
				t.Fatalf("%s: test key %d is %s, recorded %s", p, i, got, k)
			}
			sks = append(sks, sk)
		}
		for j, a := range f.Aggregates {
			msg, _ := hex.DecodeString(a.Message)
			var sigs []*bn254.Signature
			for _, i := range a.Signers {
				sigs = append(sigs, sks[i].Sign(msg))
			}
			agg, err := bn254.Aggregate(sigs)
			if err != nil {
				t.Fatal(err)
			}
			if agg.String() != a.Signature {
				t.Fatalf("%s: aggregate %d re-signed as %s, recorded %s", p, j, agg, a.Signature)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no signature reproduced")
	}
}
