package lightclient_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// FuzzVerify runs a stack of every combinator over arbitrary signature sets: a prefix of
// genuine signatures (chosen by mask, possibly repeated) followed by arbitrary bytes
// cut into ECDSA and BLS signatures. It must not panic, every verdict must be about the
// claim asked, and an accepting committee must have counted enough distinct members.
func FuzzVerify(f *testing.F) {
	ms := lightclienttest.Members(1, 5)
	f.Add(uint8(0x1f), uint8(0), []byte{}, uint64(1))
	f.Add(uint8(0x03), uint8(2), make([]byte, 65*3+144), uint64(2))
	f.Fuzz(func(t *testing.T, mask, repeat uint8, raw []byte, origin uint64) {
		c := lightclient.Claim{Origin: interop.ChainID(origin % 3), Destination: 9, Digest: interop.Hash{byte(mask)}}
		a := &lightclient.Attestation{}
		for i, m := range ms {
			if mask&(1<<i) != 0 {
				for range 1 + int(repeat%3) {
					a.ECDSA = append(a.ECDSA, m.Sign(c))
				}
			}
		}
		for len(raw) >= 65 && len(a.ECDSA) < 16 {
			a.ECDSA = append(a.ECDSA, [65]byte(raw[:65]))
			raw = raw[65:]
		}
		for len(raw) >= 144 && len(a.BLS) < 4 {
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: [48]byte(raw[:48]), Signature: [96]byte(raw[48:144])})
			raw = raw[144:]
		}
		signers := lightclienttest.Signers(ms)
		thr := lightclient.Threshold(3, signers...)
		stack := lightclient.Route(map[interop.ChainID]lightclient.Verifier{
			0: thr,
			1: lightclient.RequiredOptional([]lightclient.Verifier{lightclient.Threshold(1, signers[0])},
				[]lightclient.Verifier{lightclient.Threshold(1, signers[1]), lightclient.Threshold(1, signers[2])}, 1),
			2: lightclient.Any(lightclient.All(thr, thr), lightclient.Weighted([]lightclient.Stake{{signers[3], 5}, {signers[4], 1}}, lightclient.Fraction{Num: 5, Den: 6})),
		})
		v := stack.Verify(c, a)
		if v.Claim != c {
			t.Fatal("verdict about another claim")
		}
		if (v.Err() == nil) != v.Accepted {
			t.Fatal("Err disagrees with Accepted")
		}
		tv := thr.Verify(c, a)
		distinct := 0
		for i := range ms {
			if mask&(1<<i) != 0 {
				distinct++
			}
		}
		// Arbitrary bytes forge no signature of a known key.
		if tv.Accepted != (distinct >= 3) {
			t.Fatalf("threshold verdict %v with %d genuine members\n%s", tv.Accepted, distinct, tv.String())
		}
		_ = v.String()
	})
}
