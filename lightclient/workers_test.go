package lightclient_test

import (
	"errors"
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// blsMembers are four BLS keys: the first three sit on the committees below, the fourth
// is an outsider.
var blsMembers = func() []*bls.SecretKey {
	out := make([]*bls.SecretKey, 4)
	for i := range out {
		var b [32]byte
		b[30], b[31] = 0x42, byte(i+1)
		out[i] = must(bls.SecretKeyFromBytes(b[:]))
	}
	return out
}()

// batchWorkers are the worker counts every attestation is checked with: one (the
// caller's goroutine), two (this machine's cores), and more than there are signatures.
var batchWorkers = []int{1, 2, 3, 8}

// verdictText is everything a verdict says, its error included.
func verdictText(v lightclient.Verdict) string {
	return fmt.Sprintf("%v|%s|%v|%v", v.Accepted, v.String(), v.Signatures, v.Err())
}

// TestPropCommitteeWorkers: on attestations mixing ECDSA signatures (members, a member's
// second nonce, outsiders, garbage) and BLS signatures (members, a forged one, an
// undecodable one, a member's second, an outsider), in any order, a committee gives the
// same verdict alone, under WithBatch with 1, 2, 3 or 8 workers, and inside a stack;
// and every signature's status is the one a count with one Verify or RecoverAddress per
// signature gives.
func TestPropCommitteeWorkers(t *testing.T) {
	ecdsa := committeeA[:5]
	signers := lightclienttest.Signers(ecdsa)
	for _, sk := range blsMembers[:3] {
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
	}
	rapid.Check(t, func(t *rapid.T) {
		c := lightclienttest.Claim().Draw(t, "claim")
		d := c.SigningDigest()
		m := rapid.IntRange(1, len(signers)).Draw(t, "m")
		v := must(lightclient.Threshold(m, signers...))
		a := &lightclient.Attestation{}
		for _, s := range lightclienttest.Subset(t, ecdsa, "ecdsa") {
			a.ECDSA = append(a.ECDSA, s.Sign(c))
		}
		if rapid.Bool().Draw(t, "second nonce") {
			a.ECDSA = append(a.ECDSA, ecdsa[0].SignWithNonce(c, 77))
		}
		if rapid.Bool().Draw(t, "outsider") {
			a.ECDSA = append(a.ECDSA, outsiders[0].Sign(c))
		}
		if rapid.Bool().Draw(t, "garbage") {
			a.ECDSA = append(a.ECDSA, [65]byte{0: 1, 32: 1, 64: 5})
		}
		entry := func(key, by int, msg []byte) lightclient.BLSSignature {
			return lightclient.BLSSignature{PublicKey: blsMembers[key].PublicKey().Bytes(), Signature: blsMembers[by].Sign(msg).Bytes()}
		}
		for i := range 3 {
			if rapid.Bool().Draw(t, fmt.Sprint("bls ", i)) {
				a.BLS = append(a.BLS, entry(i, i, d[:]))
			}
		}
		switch rapid.IntRange(0, 4).Draw(t, "bad bls") {
		case 1: // member 2's key, member 0's signature
			a.BLS = append(a.BLS, entry(2, 0, d[:]))
		case 2: // not a point
			a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: blsMembers[1].PublicKey().Bytes(), Signature: [96]byte{0: 0x9f, 95: 1}})
		case 3: // a member's signature of another message
			a.BLS = append(a.BLS, entry(0, 0, []byte("other")))
		case 4: // an outsider
			a.BLS = append(a.BLS, entry(3, 3, d[:]))
		}
		a.ECDSA = rapid.Permutation(a.ECDSA).Draw(t, "ecdsa order")
		a.BLS = rapid.Permutation(a.BLS).Draw(t, "bls order")

		want := v.Verify(c, a)
		tooMany := len(a.ECDSA)+len(a.BLS) > len(signers)
		if tooMany {
			if !errors.Is(want.Err(), lightclient.ErrTooManySignatures) {
				t.Fatalf("%d signatures for %d members: %v", len(a.ECDSA)+len(a.BLS), len(signers), want.Err())
			}
		} else {
			checkStatuses(t, signers, d, a, want)
		}
		for _, w := range batchWorkers {
			got := lightclient.WithBatch(v, interop.Workers(w)).Verify(c, a)
			if verdictText(got) != verdictText(want) {
				t.Fatalf("workers %d:\n%s\nalone:\n%s", w, verdictText(got), verdictText(want))
			}
			if tooMany || w != 2 {
				continue // a stack refuses it at its top, before asking the committee
			}
			// Inside a stack, and a stack inside WithBatch (on two workers, to keep the
			// test short): the committee's verdict is the child's.
			for _, s := range []lightclient.Verifier{
				lightclient.All(lightclient.WithBatch(v, interop.Workers(w))),
				lightclient.WithBatch(lightclient.All(v), interop.Workers(w)),
			} {
				sv := s.Verify(c, a)
				if len(sv.Children) != 1 || verdictText(sv.Children[0]) != verdictText(want) {
					t.Fatalf("workers %d, stack:\n%s\nalone:\n%s", w, sv.String(), verdictText(want))
				}
			}
		}
	})
}

// checkStatuses recounts a the slow way, one RecoverAddress or bls.Verify per signature
// in order, and compares each signature's status with v's.
func checkStatuses(t *rapid.T, members []lightclient.Signer, d interop.Hash, a *lightclient.Attestation, v lightclient.Verdict) {
	if len(v.Signatures) != len(a.ECDSA)+len(a.BLS) {
		t.Fatalf("%d reports for %d signatures", len(v.Signatures), len(a.ECDSA)+len(a.BLS))
	}
	counted := map[string]bool{}
	find := func(s lightclient.Signer) bool {
		for _, m := range members {
			if m.String() == s.String() && m.IsBLS() == s.IsBLS() {
				return true
			}
		}
		return false
	}
	status := func(k int, want lightclient.SignatureStatus) {
		if got := v.Signatures[k].Status; got != want {
			t.Fatalf("signature report %d: %v, recount says %v\n%s", k, got, want, v.String())
		}
	}
	for i := range a.ECDSA {
		addr, err := secp256k1.RecoverAddress(d, a.ECDSA[i])
		s := lightclient.ECDSASigner(addr)
		switch {
		case err != nil:
			status(i, lightclient.Invalid)
		case !find(s):
			status(i, lightclient.Outsider)
		case counted[s.String()]:
			status(i, lightclient.Duplicate)
		default:
			counted[s.String()] = true
			status(i, lightclient.Counted)
		}
	}
	for i, e := range a.BLS {
		k := len(a.ECDSA) + i
		pk, err := bls.PublicKeyFromBytes(e.PublicKey[:])
		if err != nil {
			t.Fatal(err)
		}
		s := lightclient.BLSSigner(pk)
		if !find(s) {
			status(k, lightclient.Outsider)
			continue
		}
		if counted[s.String()] {
			status(k, lightclient.Duplicate)
			continue
		}
		sig, err := bls.SignatureFromBytes(e.Signature[:])
		if err != nil || !bls.Verify(pk, d[:], sig) {
			status(k, lightclient.Invalid)
			continue
		}
		counted[s.String()] = true
		status(k, lightclient.Counted)
	}
}

// TestConcurrentCommitteeWorkers: one mixed committee, many-worker verification from
// several goroutines at once on shared attestations, one with a forged BLS signature
// (run with -race).
func TestConcurrentCommitteeWorkers(t *testing.T) {
	signers := lightclienttest.Signers(committeeA[:4])
	for _, sk := range blsMembers[:3] {
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
	}
	v := must(lightclient.Threshold(7, signers...))
	c := lightclient.Claim{Origin: 3, Destination: 4, Digest: interop.Hash{7}}
	d := c.SigningDigest()
	good := lightclienttest.Attest(c, committeeA[:4]...)
	for _, sk := range blsMembers[:3] {
		good.BLS = append(good.BLS, lightclient.BLSSignature{PublicKey: sk.PublicKey().Bytes(), Signature: sk.Sign(d[:]).Bytes()})
	}
	bad := &lightclient.Attestation{ECDSA: good.ECDSA, BLS: append([]lightclient.BLSSignature(nil), good.BLS...)}
	bad.BLS[1].Signature = good.BLS[2].Signature
	hostile.Concurrent(t, 1, func(g int) {
		s := lightclient.WithBatch(v, interop.Workers(1+g%4))
		if r := s.Verify(c, good); !r.Accepted {
			t.Errorf("goroutine %d: valid attestation: %v", g, r.Err())
		}
		if r := s.Verify(c, bad); r.Accepted || r.Signatures[5].Status != lightclient.Invalid {
			t.Errorf("goroutine %d: forged BLS signature: %s", g, r.String())
		}
	})
}
