package bench

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	blst "github.com/supranational/blst/bindings/go"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/mpt"
)

// setCores pins GOMAXPROCS and blst's thread count to cores.
func setCores(cores int) {
	runtime.GOMAXPROCS(cores)
	blst.SetMaxProcs(cores)
}

// measureCores is measureRatio with each side at its own core count, set before each of
// its chunks and outside the timing, followed by one untimed call: switching GOMAXPROCS
// wakes a thread for the new core, and a call right after it would find that core awake,
// which a caller's back-to-back calls do not (between two calls its thread parks, and
// waking it costs tens of microseconds on this VM). Every timed call finds the cores as
// the previous call of the same side left them.
func measureCores(ours func(), oursCores int, theirs func(), theirsCores int, rounds int) ratio {
	defer setCores(runtime.GOMAXPROCS(0))
	sides := [2]struct {
		op    func()
		cores int
	}{{ours, oursCores}, {theirs, theirsCores}}
	r := ratio{n: 1, best: [2]time.Duration{math.MaxInt64, math.MaxInt64}}
	setCores(theirsCores)
	theirs()
	for {
		start := time.Now()
		for range r.n {
			theirs()
		}
		if time.Since(start) > time.Millisecond {
			break
		}
		r.n *= 2
	}
	for range rounds {
		for j, side := range sides {
			setCores(side.cores)
			side.op()
			start := time.Now()
			for range r.n {
				side.op()
			}
			r.best[j] = min(r.best[j], time.Since(start))
		}
	}
	return r
}

// TestBatchScalingRatios logs, from interleaved runs that keep each side's fastest (so
// that other jobs on a shared machine inflate neither side), the 64-signature batch of
// BenchmarkBLSVerifyBatch64 against blst at 1 and at 2 cores, and the 1→2 core scaling
// of VerifyBatch, blst's batch, groth16.BatchVerify (64 SP1 proofs), committees'
// attestation checks (11 of 16 and 67 of 100 BLS, 13 of 20 and 67 of 100 ECDSA) and
// mpt.VerifyProofs on the real proofs 8 and 32 times over. A measurement, not a check: it
// runs only with BENCH_RATIOS=1.
func TestBatchScalingRatios(t *testing.T) {
	skipUnlessRatios(t)
	const rounds = 30
	f := newBLSBatchFixture(t, 64)
	ours := func(cores int) func() {
		return func() {
			if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil, interop.Workers(cores)) {
				t.Fatal("interop rejected")
			}
		}
	}
	theirs := func(int) func() {
		return func() {
			if !blstBatch(f.bPKs, f.bMsgs, f.bSigs) {
				t.Fatal("blst rejected")
			}
		}
	}
	for _, cores := range []int{1, 2} {
		r := measureCores(ours(cores), cores, theirs(cores), cores, rounds)
		t.Logf("bls 64 distinct, %d core(s): interop %.2f ms, blst %.2f ms, interop/blst %.3f", cores, r.oursNs()/1e6, r.theirsNs()/1e6, r.ratio())
	}
	scaling := func(name string, op func(cores int) func()) {
		r := measureCores(op(2), 2, op(1), 1, rounds)
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
		return func() {
			if err := groth16.BatchVerify(g.vk, proofs, publics, interop.Workers(cores)); err != nil {
				t.Fatal(err)
			}
		}
	})

	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{3}}
	committee := func(name string, v lightclient.Verifier, a *lightclient.Attestation) {
		scaling(name, func(cores int) func() {
			bv := lightclient.WithBatch(v, interop.Workers(cores))
			return func() {
				if !bv.Verify(c, a).Accepted {
					t.Fatal(name + " rejected")
				}
			}
		})
	}
	for _, kn := range [][2]int{{11, 16}, {67, 100}} {
		v, a := blsCommittee(t, c, kn[0], kn[1])
		committee(fmt.Sprintf("committee %d of %d BLS", kn[0], kn[1]), v, a)
	}
	for _, kn := range [][2]int{{13, 20}, {67, 100}} {
		ms := lightclienttest.Members(7, kn[1])
		v, err := lightclient.Threshold(kn[0], lightclienttest.Signers(ms)...)
		if err != nil {
			t.Fatal(err)
		}
		committee(fmt.Sprintf("committee %d of %d ECDSA", kn[0], kn[1]), v, lightclienttest.Attest(c, ms[:kn[0]]...))
	}

	cases := loadProofCases(t)
	var qs []mpt.Query
	for range 8 {
		for _, pc := range cases {
			qs = append(qs, mpt.Query{Root: interop.Hash(pc.root), Key: pc.key, Proof: pc.nodes})
		}
	}
	for _, copies := range []int{8, 32} {
		set := qs
		for len(set) < copies*len(cases) {
			set = append(set, qs...)
		}
		scaling(fmt.Sprintf("mpt.VerifyProofs, real proofs x%d (%d)", copies, len(set)), func(cores int) func() {
			return func() {
				if _, err := mpt.VerifyProofs(set, interop.Workers(cores)); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// blsCommittee is a k-of-n BLS committee and an attestation of c by its first k members.
func blsCommittee(t *testing.T, c lightclient.Claim, k, n int) (lightclient.Verifier, *lightclient.Attestation) {
	d := c.SigningDigest()
	var signers []lightclient.Signer
	a := &lightclient.Attestation{}
	for i := range n {
		sk, err := bls.SecretKeyFromBytes(blsKeyBytes([]byte("committee"), i))
		if err != nil {
			t.Fatal(err)
		}
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
		if i < k {
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sk.PublicKey().Bytes(), Signature: sk.Sign(d[:]).Bytes()})
		}
	}
	v, err := lightclient.Threshold(k, signers...)
	if err != nil {
		t.Fatal(err)
	}
	return v, a
}
