package lightclient_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// BenchmarkThreshold13of20 is the 13-of-20 ECDSA committee of the performance
// target; its floor is 13 secp256k1 recoveries.
func BenchmarkThreshold13of20(b *testing.B) {
	ms := lightclienttest.Members(9, 20)
	v := must(lightclient.Threshold(13, lightclienttest.Signers(ms)...))
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{1}}
	a := lightclienttest.Attest(c, ms[:13]...)
	b.ReportAllocs()
	for b.Loop() {
		if !v.Verify(c, a).Accepted {
			b.Fatal("rejected")
		}
	}
}

func BenchmarkSigningDigest(b *testing.B) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{1}}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.SigningDigest()
	}
}
