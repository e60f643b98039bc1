package lightclient_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// secpN is the order of secp256k1.
var secpN, _ = new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)

// highS returns the other encoding of the same signature (r, n-s, v^1), which ecrecover
// accepts and which recovers to the same signer.
func highS(sig [65]byte) [65]byte {
	s := new(big.Int).SetBytes(sig[32:64])
	s.Sub(secpN, s)
	s.FillBytes(sig[32:64])
	sig[64] ^= 1
	return sig
}

// TestHardeningCommitteeSignatureFlood: an attestation with 10^5 copies of one signature, or
// with more signatures than the verifier's committees have members, is refused before any
// signature is recovered: the refusal allocates a constant, whatever the flood's size (it
// used to recover every copy: 3.8 s, and a report per copy).
func TestHardeningCommitteeSignatureFlood(t *testing.T) {
	ms := lightclienttest.Members(5, 3)
	c := lightclient.Claim{Origin: 1, Destination: 2, Epoch: 0}
	sig := ms[0].Sign(c)
	signers := lightclienttest.Signers(ms)
	thr := must(lightclient.Threshold(2, signers...))
	w := must(lightclient.Weighted([]lightclient.Stake{{Signer: signers[0], Weight: 1}, {Signer: signers[1], Weight: 1}, {Signer: signers[2], Weight: 1}}, lightclient.Fraction{Num: 2, Den: 3}))
	stacks := []struct {
		name string
		v    lightclient.Verifier
	}{
		{"threshold", thr},
		{"weighted", w},
		{"all", lightclient.All(thr, w)},
		{"any", lightclient.Any(thr, w)},
		{"required-optional", lightclient.RequiredOptional([]lightclient.Verifier{thr}, []lightclient.Verifier{w}, 1)},
		{"route", lightclient.Route(map[interop.ChainID]lightclient.Verifier{1: thr})},
		{"pin", lightclient.Pin(1, 2, thr)},
	}
	const copies = 100_000
	flood := &lightclient.Attestation{ECDSA: make([][65]byte, copies)}
	for i := range flood.ECDSA {
		flood.ECDSA[i] = sig
	}
	// Distinct garbage: more signatures than any of these stacks has members.
	garbage := &lightclient.Attestation{ECDSA: make([][65]byte, copies)}
	for i := range garbage.ECDSA {
		garbage.ECDSA[i][0], garbage.ECDSA[i][1], garbage.ECDSA[i][2] = byte(i), byte(i>>8), byte(i>>16)
		garbage.ECDSA[i][63] = 1
	}
	blsFlood := &lightclient.Attestation{BLS: make([]lightclient.BLSSignature, copies)}
	for _, s := range stacks {
		for _, tc := range []struct {
			what string
			a    *lightclient.Attestation
			want error
		}{
			{"10^5 copies of one signature", flood, lightclient.ErrTooManySignatures},
			{"10^5 distinct signatures", garbage, lightclient.ErrTooManySignatures},
			{"10^5 BLS entries", blsFlood, lightclient.ErrTooManySignatures},
		} {
			var v lightclient.Verdict
			u := hostile.Proportional(t, s.name+": "+tc.what, 65*copies, 0, 64<<10, func() { v = s.v.Verify(c, tc.a) })
			if v.Accepted || !errors.Is(v.Err(), tc.want) {
				t.Errorf("%s: %s: accepted %v, err %v, want %v", s.name, tc.what, v.Accepted, v.Err(), tc.want)
			}
			t.Logf("%s: %s: %d bytes, %d objects", s.name, tc.what, u.Bytes, u.Objects)
		}
	}

	// Within the member count, a repeated signature (the same bytes, or the same signature
	// in another encoding: high s, or v as 27/28) is refused before recovery too.
	for _, tc := range []struct {
		what string
		dup  [65]byte
	}{
		{"same bytes", sig},
		{"high-s twin", highS(sig)},
		{"v+27", func() [65]byte { s := sig; s[64] += 27; return s }()},
	} {
		a := &lightclient.Attestation{ECDSA: [][65]byte{sig, ms[1].Sign(c), tc.dup}}
		v := thr.Verify(c, a)
		if v.Accepted || !errors.Is(v.Err(), lightclient.ErrDuplicateSignature) {
			t.Errorf("%s: accepted %v, err %v, want ErrDuplicateSignature", tc.what, v.Accepted, v.Err())
		}
		if len(v.Signatures) != 0 {
			t.Errorf("%s: %d signatures examined before the refusal", tc.what, len(v.Signatures))
		}
	}

	// The same past the small-attestation path (more than 32 signatures).
	many := lightclienttest.Members(7, 64)
	big := must(lightclient.Threshold(40, lightclienttest.Signers(many)...))
	a := lightclienttest.Attest(c, many[:48]...)
	a.ECDSA = append(a.ECDSA, highS(a.ECDSA[17]))
	if v := big.Verify(c, a); v.Accepted || !errors.Is(v.Err(), lightclient.ErrDuplicateSignature) || len(v.Signatures) != 0 {
		t.Errorf("49 signatures with a high-s twin: accepted %v, err %v", v.Accepted, v.Err())
	}
	if v := big.Verify(c, lightclienttest.Attest(c, many[:48]...)); !v.Accepted {
		t.Errorf("48 distinct signatures refused: %v", v.Err())
	}

	// An honest attestation shared by a stack (each member signing once, the committees
	// overlapping) is still accepted: the bound is the stack's members, not one committee's.
	dvns := lightclienttest.Members(6, 4)
	stack := lightclient.RequiredOptional(
		[]lightclient.Verifier{must(lightclient.Threshold(1, dvns[0].Signer)), thr},
		[]lightclient.Verifier{must(lightclient.Threshold(1, dvns[1].Signer)), must(lightclient.Threshold(1, dvns[2].Signer)), must(lightclient.Threshold(1, dvns[3].Signer))}, 2)
	a = lightclienttest.Attest(c, append([]lightclienttest.Member{dvns[0], dvns[2], dvns[3]}, ms[:2]...)...)
	if v := stack.Verify(c, a); !v.Accepted {
		t.Fatalf("honest shared attestation refused:\n%s", v.String())
	}
}
