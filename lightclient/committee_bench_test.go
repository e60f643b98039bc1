package lightclient_test

import (
	"fmt"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// BenchmarkThreshold13of20 is the 13-of-20 ECDSA committee of the performance
// target; its floor is 13 secp256k1 recoveries, split over 1 or 2 workers.
func BenchmarkThreshold13of20(b *testing.B) { benchECDSACommittee(b, 13, 20) }

// BenchmarkThreshold67of100 is a committee large enough that the recoveries, not a
// goroutine's start (tens of microseconds on a VM), set the time on two workers.
func BenchmarkThreshold67of100(b *testing.B) { benchECDSACommittee(b, 67, 100) }

// BenchmarkBLSThreshold11of16 is a 16-member BLS committee with 11 signatures over the
// claim: 11 decodings and one batch verification, on 1 or 2 workers.
func BenchmarkBLSThreshold11of16(b *testing.B) { benchBLSCommittee(b, 11, 16) }

// BenchmarkBLSThreshold67of100 is the BLS committee at a size where the batch's weighted
// sums are cut between the workers too, not only the decodings.
func BenchmarkBLSThreshold67of100(b *testing.B) { benchBLSCommittee(b, 67, 100) }

// benchECDSACommittee times a k-of-n ECDSA committee accepting k signatures.
func benchECDSACommittee(b *testing.B, k, n int) {
	ms := lightclienttest.Members(9, n)
	v := must(lightclient.Threshold(k, lightclienttest.Signers(ms)...))
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{1}}
	a := lightclienttest.Attest(c, ms[:k]...)
	benchWorkers(b, v, c, a)
}

// benchBLSCommittee times a k-of-n BLS committee accepting k signatures over the claim.
func benchBLSCommittee(b *testing.B, k, n int) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{2}}
	d := c.SigningDigest()
	var signers []lightclient.Signer
	a := &lightclient.Attestation{}
	for i := range n {
		var key [32]byte
		key[30], key[31] = 0x17, byte(i+1)
		sk := must(bls.SecretKeyFromBytes(key[:]))
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
		if i < k {
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sk.PublicKey().Bytes(), Signature: sk.Sign(d[:]).Bytes()})
		}
	}
	v := must(lightclient.Threshold(k, signers...))
	benchWorkers(b, v, c, a)
}

// benchWorkers times v accepting a for c on 1 and on 2 workers.
func benchWorkers(b *testing.B, v lightclient.Verifier, c lightclient.Claim, a *lightclient.Attestation) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			bv := lightclient.WithBatch(v, interop.Workers(w))
			b.ReportAllocs()
			for b.Loop() {
				if !bv.Verify(c, a).Accepted {
					b.Fatal("rejected")
				}
			}
		})
	}
}

func BenchmarkSigningDigest(b *testing.B) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{1}}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.SigningDigest()
	}
}
