package bench

import (
	"runtime"
	"testing"

	blst "github.com/supranational/blst/bindings/go"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
	"github.com/interopkit/interop/proof/groth16"
)

// withCores returns op run with GOMAXPROCS and blst's thread count pinned to cores, each
// call restoring GOMAXPROCS after.
func withCores(cores int, op func()) func() {
	return func() {
		old := runtime.GOMAXPROCS(cores)
		blst.SetMaxProcs(cores)
		op()
		runtime.GOMAXPROCS(old)
		blst.SetMaxProcs(old)
	}
}

// TestBatchScalingRatios logs, from interleaved runs that keep each side's fastest (so
// that other jobs on a shared machine inflate neither side), the 64-signature batch of
// BenchmarkBLSVerifyBatch64 against blst at 1 and at 2 cores, and the 1→2 core scaling
// of VerifyBatch, blst's batch, groth16.BatchVerify (64 SP1 proofs) and a committee's
// attestation check (16 BLS members, 11 signatures; and 13 of 20 ECDSA). A measurement,
// not a check: it runs only with BENCH_RATIOS=1.
func TestBatchScalingRatios(t *testing.T) {
	skipUnlessRatios(t)
	const rounds = 30
	f := newBLSBatchFixture(t, 64)
	ours := func(cores int) func() {
		return withCores(cores, func() {
			if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil, interop.Workers(cores)) {
				t.Fatal("interop rejected")
			}
		})
	}
	theirs := func(cores int) func() {
		return withCores(cores, func() {
			if !blstBatch(f.bPKs, f.bMsgs, f.bSigs) {
				t.Fatal("blst rejected")
			}
		})
	}
	for _, cores := range []int{1, 2} {
		r := measureRatio(ours(cores), theirs(cores), rounds, 1)
		t.Logf("bls 64 distinct, %d core(s): interop %.2f ms, blst %.2f ms, interop/blst %.3f", cores, r.oursNs()/1e6, r.theirsNs()/1e6, r.ratio())
	}
	scaling := func(name string, op func(cores int) func()) {
		r := measureRatio(op(2), op(1), rounds, 1)
		t.Logf("%s: 1 core %.2f ms, 2 cores %.2f ms, scaling %.2fx", name, r.theirsNs()/1e6, r.oursNs()/1e6, 1/r.ratio())
	}
	scaling("bls.VerifyBatch 64", ours)
	scaling("blst MultipleAggregateVerify 64", theirs)

	g := sp1G16Fixture(t)
	proofs := make([]*groth16.Proof, 64)
	publics := make([][][32]byte, 64)
	for i := range proofs {
		proofs[i], publics[i] = g.proof, g.public
	}
	scaling("groth16.BatchVerify 64 SP1", func(cores int) func() {
		return withCores(cores, func() {
			if err := groth16.BatchVerify(g.vk, proofs, publics, interop.Workers(cores)); err != nil {
				t.Fatal(err)
			}
		})
	})

	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{3}}
	d := c.SigningDigest()
	var signers []lightclient.Signer
	a := &lightclient.Attestation{}
	for i := range 16 {
		sk, err := bls.SecretKeyFromBytes(blsKeyBytes([]byte("committee"), i))
		if err != nil {
			t.Fatal(err)
		}
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
		if i < 11 {
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sk.PublicKey().Bytes(), Signature: sk.Sign(d[:]).Bytes()})
		}
	}
	committee, err := lightclient.Threshold(11, signers...)
	if err != nil {
		t.Fatal(err)
	}
	scaling("committee 11 of 16 BLS", func(cores int) func() {
		v := lightclient.WithBatch(committee, interop.Workers(cores))
		return withCores(cores, func() {
			if !v.Verify(c, a).Accepted {
				t.Fatal("committee rejected")
			}
		})
	})
	ms := lightclienttest.Members(7, 20)
	ecdsa, err := lightclient.Threshold(13, lightclienttest.Signers(ms)...)
	if err != nil {
		t.Fatal(err)
	}
	ea := lightclienttest.Attest(c, ms[:13]...)
	scaling("committee 13 of 20 ECDSA", func(cores int) func() {
		v := lightclient.WithBatch(ecdsa, interop.Workers(cores))
		return withCores(cores, func() {
			if !v.Verify(c, ea).Accepted {
				t.Fatal("committee rejected")
			}
		})
	})
}
