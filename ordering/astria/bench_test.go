package astria_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

const benchValidators = 50 // order of Astria mainnet's validator set

// benchRollups is the benchmarks' block content: 20 rollups of 10 transactions of 200
// bytes, the first one under the ID the benchmarks verify.
func benchRollups() (interop.Hash, []ordering.AstriaRollup) {
	id := ordering.AstriaRollupID([]byte("rollup"))
	var rs []ordering.AstriaRollup
	for i := range 20 {
		txs := make([][]byte, 10)
		for j := range txs {
			txs[j] = make([]byte, 200)
			txs[j][0], txs[j][1] = byte(i), byte(j)
		}
		rs = append(rs, ordering.AstriaRollup{ID: ordering.AstriaRollupID([]byte{byte(i)}), Txs: txs})
	}
	rs[0].ID = id
	return id, rs
}

func benchSetup(b *testing.B) (*astria.SoftVerifier, tenderminttest.Step, astria.FilteredSequencerBlock, [32]byte) {
	id, rs := benchRollups()
	step := astriatest.FixedStep("astria", benchValidators, 7)
	blk := astriatest.Build(rs, make([][]byte, 30))
	astriatest.Sign(&step, &blk, nil)
	f := astriatest.Filter(&blk, id)
	v, err := astria.NewSoftVerifier(24*time.Hour, 10*time.Second, tendermint.DefaultTrustLevel)
	if err != nil {
		b.Fatal(err)
	}
	return v, step, f, id
}

// BenchmarkVerifySoftOneRollup: one adjacent CometBFT step (50 validators, stopping at
// 2/3 of the power), the two data_hash proofs and one rollup's completeness (10
// transactions of 200 bytes, among 20 rollups).
func BenchmarkVerifySoftOneRollup(b *testing.B) {
	v, step, f, id := benchSetup(b)
	now := step.Untrusted.Header.Time.Add(time.Second)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, now, &f, nil, id); err != nil || !ok {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloorEd25519AndSHA256: the floor of the same work: the Ed25519 verifications
// a 2/3 quorum of 50 equal validators needs (34) and SHA-256 over the rollup's
// transactions and the proofs' nodes.
func BenchmarkFloorEd25519AndSHA256(b *testing.B) {
	_, step, f, _ := benchSetup(b)
	pub := step.Set2.Keys[0].Public().(ed25519.PublicKey)
	msg := tendermint.VoteSignBytes(step.Untrusted.Header.ChainID, &step.Untrusted.Commit, &step.Untrusted.Commit.Signatures[0])
	sig := step.Untrusted.Commit.Signatures[0].Signature
	txs := f.RollupTransactions[0].Transactions
	b.ReportAllocs()
	for b.Loop() {
		for range benchValidators*2/3 + 1 {
			if !ed25519.Verify(pub, msg, sig) {
				b.Fatal("bad signature")
			}
		}
		for _, tx := range txs {
			sha256.Sum256(tx)
		}
		for range 2*len(txs) + 20 {
			sha256.Sum256(msg[:65])
		}
	}
}
