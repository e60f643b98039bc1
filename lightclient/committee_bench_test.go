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
func BenchmarkThreshold13of20(b *testing.B) {
	ms := lightclienttest.Members(9, 20)
	v := must(lightclient.Threshold(13, lightclienttest.Signers(ms)...))
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{1}}
	a := lightclienttest.Attest(c, ms[:13]...)
	benchWorkers(b, v, c, a)
}

// BenchmarkBLSThreshold11of16 is a 16-member BLS committee with 11 signatures over the
// claim: 11 decodings and one batch verification, on 1 or 2 workers.
func BenchmarkBLSThreshold11of16(b *testing.B) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{2}}
	d := c.SigningDigest()
	var signers []lightclient.Signer
	a := &lightclient.Attestation{}
	for i := range 16 {
		var k [32]byte
		k[30], k[31] = 0x17, byte(i+1)
		sk := must(bls.SecretKeyFromBytes(k[:]))
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
		if i < 11 {
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sk.PublicKey().Bytes(), Signature: sk.Sign(d[:]).Bytes()})
		}
	}
	v := must(lightclient.Threshold(11, signers...))
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
