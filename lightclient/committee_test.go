package lightclient_test

import (
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

var (
	committeeA = lightclienttest.Members(1, 7)
	outsiders  = lightclienttest.Members(2, 3)
)

// Adding a new member's valid signature never turns accept into reject; adding a signature
// already present (in any encoding) is refused with ErrDuplicateSignature.
func TestPropThresholdMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, len(committeeA)).Draw(t, "n")
		ms := committeeA[:n]
		m := rapid.IntRange(1, n).Draw(t, "m")
		c := lightclienttest.Claim().Draw(t, "claim")
		v := must(lightclient.Threshold(m, lightclienttest.Signers(ms)...))
		signed := lightclienttest.Subset(t, ms, "signed")
		a := lightclienttest.Attest(c, signed...)
		before := v.Verify(c, a)
		extra := ms[rapid.IntRange(0, n-1).Draw(t, "extra")]
		a.ECDSA = append(a.ECDSA, extra.Sign(c))
		after := v.Verify(c, a)
		distinct := map[interop.Address]bool{}
		for _, s := range signed {
			distinct[s.Key.Address()] = true
		}
		if distinct[extra.Key.Address()] {
			// Refused before recovery: as a repeat, or (when every member has signed) as one
			// signature more than the members.
			if after.Accepted || !errors.Is(after.Err(), lightclient.ErrDuplicateSignature) && !errors.Is(after.Err(), lightclient.ErrTooManySignatures) {
				t.Fatalf("repeated signature: %v\n%s", after.Err(), after.String())
			}
			return
		}
		if before.Accepted && !after.Accepted {
			t.Fatalf("adding a signature rejected:\n%s\n%s", before.String(), after.String())
		}
		distinct[extra.Key.Address()] = true
		if after.Accepted != (len(distinct) >= m) {
			t.Fatalf("%d distinct of %d needed, verdict %v", len(distinct), m, after.Accepted)
		}
	})
}

// A member's second signature (another nonce) counts once, outsiders are ignored, and both
// are reported; more signatures than members are refused before any is recovered.
func TestPropDuplicatesAndOutsiders(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := lightclienttest.Claim().Draw(t, "claim")
		m := rapid.IntRange(1, len(committeeA)).Draw(t, "m")
		v := must(lightclient.Threshold(m, lightclienttest.Signers(committeeA)...))
		signed := lightclienttest.Subset(t, committeeA, "signed")
		dups := rapid.IntRange(0, 3).Draw(t, "dups")
		outs := lightclienttest.Subset(t, outsiders, "outsiders")
		a := lightclienttest.Attest(c, signed...)
		for i := 0; i < dups && len(signed) > 0; i++ {
			a.ECDSA = append(a.ECDSA, signed[i%len(signed)].SignWithNonce(c, uint64(1000+i)))
		}
		for _, o := range outs {
			a.ECDSA = append(a.ECDSA, o.Sign(c))
		}
		// Shuffle so that duplicates and outsiders come anywhere.
		perm := rapid.Permutation(a.ECDSA).Draw(t, "order")
		a.ECDSA = perm
		got := v.Verify(c, a)
		if len(a.ECDSA) > len(committeeA) {
			if got.Accepted || !errors.Is(got.Err(), lightclient.ErrTooManySignatures) || len(got.Signatures) != 0 {
				t.Fatalf("%d signatures for %d members: %v", len(a.ECDSA), len(committeeA), got.Err())
			}
			return
		}
		var counted, dup, out int
		for _, r := range got.Signatures {
			switch r.Status {
			case lightclient.Counted:
				counted++
			case lightclient.Duplicate:
				dup++
			case lightclient.Outsider:
				out++
			}
		}
		wantDup := 0
		if len(signed) > 0 {
			wantDup = dups
		}
		if counted != len(signed) || dup != wantDup || out != len(outs) {
			t.Fatalf("counted %d dup %d out %d; want %d %d %d\n%s", counted, dup, out, len(signed), wantDup, len(outs), got.String())
		}
		if got.Accepted != (len(signed) >= m) {
			t.Fatalf("accepted %v with %d of %d", got.Accepted, len(signed), m)
		}
		if !got.Accepted {
			err := got.Err()
			if !errors.Is(err, lightclient.ErrThreshold) || (wantDup > 0) != errors.Is(err, lightclient.ErrDuplicateSigner) ||
				(len(outs) > 0) != errors.Is(err, lightclient.ErrUnknownSigner) {
				t.Fatalf("error %v", err)
			}
		}
	})
}

// RequiredOptional accepts iff every required verifier and at least k optional ones do.
func TestPropRequiredOptional(t *testing.T) {
	dvns := lightclienttest.Members(3, 6)
	rapid.Check(t, func(t *rapid.T) {
		nr := rapid.IntRange(0, 3).Draw(t, "required")
		no := 6 - nr
		k := rapid.IntRange(0, no).Draw(t, "k")
		var req, opt []lightclient.Verifier
		for i, d := range dvns {
			v := must(lightclient.Threshold(1, d.Signer))
			if i < nr {
				req = append(req, v)
			} else {
				opt = append(opt, v)
			}
		}
		c := lightclienttest.Claim().Draw(t, "claim")
		signed := lightclienttest.Subset(t, dvns, "signed")
		reqOK, optOK := 0, 0
		for _, s := range signed {
			for i, d := range dvns {
				if d.Signer == s.Signer {
					if i < nr {
						reqOK++
					} else {
						optOK++
					}
				}
			}
		}
		got := lightclient.RequiredOptional(req, opt, k).Verify(c, lightclienttest.Attest(c, signed...))
		want := reqOK == nr && optOK >= k && !(nr == 0 && k == 0)
		if got.Accepted != want {
			t.Fatalf("req %d/%d opt %d/%d k %d: accepted %v\n%s", reqOK, nr, optOK, no, k, got.Accepted, got.String())
		}
	})
}

// An attestation gathered for one route never satisfies another: neither through the
// routing verifier nor by reusing its verdict.
func TestPropRouteBinding(t *testing.T) {
	routes := map[interop.ChainID]lightclient.Verifier{}
	for o := interop.ChainID(1); o <= 4; o++ {
		// One committee serves every route: binding must come from the claim, not
		// from distinct keys.
		routes[o] = must(lightclient.Threshold(2, lightclienttest.Signers(committeeA[:3])...))
	}
	router := lightclient.Route(routes)
	rapid.Check(t, func(t *rapid.T) {
		r := lightclienttest.Claim().Draw(t, "r")
		r2 := lightclienttest.Claim().Draw(t, "r2")
		r2.Digest = r.Digest
		a := lightclienttest.Attest(r, committeeA[:3]...)
		v := router.Verify(r, a)
		if !v.Satisfies(r) {
			t.Fatalf("own route rejected:\n%s", v.String())
		}
		if r2 != r {
			if v.Satisfies(r2) {
				t.Fatal("verdict for r satisfies r2")
			}
			if v2 := router.Verify(r2, a); v2.Accepted {
				t.Fatalf("attestation for %v accepted for %v:\n%s", r, r2, v2.String())
			}
		}
	})
}

// Epochs: a claim is checked against the set of its epoch, and the old set's
// signatures do not carry over to the new epoch.
func TestCommitteeRotation(t *testing.T) {
	next := lightclienttest.Members(4, 3)
	c := must(lightclient.Threshold(2, lightclienttest.Signers(committeeA[:3])...))
	if err := c.Rotate(5, must(lightclient.Threshold(2, lightclienttest.Signers(next)...))); err != nil {
		t.Fatal(err)
	}
	if err := c.Rotate(5, must(lightclient.Threshold(1, next[0].Signer))); !errors.Is(err, lightclient.ErrInvalidCommittee) {
		t.Fatalf("rotation to the same epoch: %v", err)
	}
	if _, err := lightclient.Threshold(4, next[0].Signer); !errors.Is(err, lightclient.ErrInvalidCommittee) {
		t.Fatalf("rotation to an impossible rule: %v", err)
	}
	old := lightclient.Claim{Origin: 1, Destination: 2, Epoch: 4, Digest: interop.Hash{1}}
	if v := c.Verify(old, lightclienttest.Attest(old, committeeA[:2]...)); !v.Accepted {
		t.Fatalf("epoch 4 by the old set:\n%s", v.String())
	}
	cur := old
	cur.Epoch = 6
	if v := c.Verify(cur, lightclienttest.Attest(cur, committeeA[:2]...)); v.Accepted {
		t.Fatal("epoch 6 accepted from the rotated-out set")
	}
	if v := c.Verify(cur, lightclienttest.Attest(cur, next[:2]...)); !v.Accepted {
		t.Fatalf("epoch 6 by the new set:\n%s", v.String())
	}
	// The old set's signatures over epoch 4 replayed as epoch 6.
	if v := c.Verify(cur, lightclienttest.Attest(old, next[:2]...)); !errors.Is(v.Err(), lightclient.ErrThreshold) {
		t.Fatalf("replay across epochs: %v", v.Err())
	}
}

func TestBLSCommittee(t *testing.T) {
	var signers []lightclient.Signer
	var sks []*bls.SecretKey
	for i := range 3 {
		var b [32]byte
		b[31] = byte(i + 7)
		sk, err := bls.SecretKeyFromBytes(b[:])
		if err != nil {
			t.Fatal(err)
		}
		sks = append(sks, sk)
		signers = append(signers, lightclient.BLSSigner(sk.PublicKey()))
	}
	mixed := append(signers, committeeA[0].Signer)
	v := must(lightclient.Threshold(3, mixed...))
	c := lightclient.Claim{Origin: 10, Destination: 20, Digest: interop.Hash{9}}
	d := c.SigningDigest()
	a := &lightclient.Attestation{ECDSA: [][65]byte{committeeA[0].Sign(c)}}
	for i := range 2 {
		a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sks[i].PublicKey().Bytes(), Signature: sks[i].Sign(d[:]).Bytes()})
	}
	// A forged BLS signature: member 2's key, member 0's signature.
	a.BLS = append(a.BLS, lightclient.BLSSignature{PublicKey: sks[2].PublicKey().Bytes(), Signature: a.BLS[0].Signature})
	got := v.Verify(c, a)
	if !got.Accepted {
		t.Fatalf("3 valid of mixed committee rejected:\n%s", got.String())
	}
	if got.Signatures[3].Status != lightclient.Invalid {
		t.Fatalf("forged BLS signature: %v", got.Signatures[3].Status)
	}
	a.ECDSA = nil
	if got := v.Verify(c, a); !errors.Is(got.Err(), lightclient.ErrInvalidSignature) {
		t.Fatalf("2 valid + forged: %v", got.Err())
	}
}

func TestWeighted(t *testing.T) {
	ms := committeeA[:4]
	stakes := []lightclient.Stake{{ms[0].Signer, 50}, {ms[1].Signer, 20}, {ms[2].Signer, 20}, {ms[3].Signer, 10}}
	v := must(lightclient.Weighted(stakes, lightclient.Fraction{Num: 2, Den: 3}))
	c := lightclient.Claim{Origin: 1, Digest: interop.Hash{3}}
	for _, tc := range []struct {
		name   string
		signed []lightclienttest.Member
		want   bool
	}{
		{"50+20 = 70 of 100 reaches 2/3", ms[:2], true},
		{"20+20+10 = 50 misses", ms[1:], false},
		{"50+10 = 60 misses", []lightclienttest.Member{ms[0], ms[3]}, false},
		{"duplicate 20s count once", []lightclienttest.Member{ms[1], ms[1], ms[2], ms[2], ms[3]}, false},
	} {
		if got := v.Verify(c, lightclienttest.Attest(c, tc.signed...)); got.Accepted != tc.want {
			t.Errorf("%s: %v\n%s", tc.name, got.Accepted, got.String())
		}
	}
}

// Bad configurations and inputs: each a wrapped sentinel.
func TestBadInput(t *testing.T) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Digest: interop.Hash{4}}
	s := lightclienttest.Signers(committeeA[:3])
	var garbage [65]byte
	garbage[64] = 9
	for _, tc := range []struct {
		name string
		v    lightclient.Verifier
		a    *lightclient.Attestation
		want error
	}{
		{"duplicate signatures", must(lightclient.Threshold(2, s...)), lightclienttest.Attest(c, committeeA[0], committeeA[0]), lightclient.ErrDuplicateSignature},
		{"duplicate signer", must(lightclient.Threshold(2, s...)), &lightclient.Attestation{ECDSA: [][65]byte{committeeA[0].Sign(c), committeeA[0].SignWithNonce(c, 7)}}, lightclient.ErrDuplicateSigner},
		{"more signatures than members", must(lightclient.Threshold(1, s[0])), lightclienttest.Attest(c, committeeA[0], committeeA[1]), lightclient.ErrTooManySignatures},
		{"outsider", must(lightclient.Threshold(2, s...)), lightclienttest.Attest(c, committeeA[0], outsiders[0]), lightclient.ErrUnknownSigner},
		{"garbage signature", must(lightclient.Threshold(1, s...)), &lightclient.Attestation{ECDSA: [][65]byte{garbage}}, lightclient.ErrInvalidSignature},
		{"nil attestation", must(lightclient.Threshold(1, s...)), nil, lightclient.ErrThreshold},
		{"no route", lightclient.Route(map[interop.ChainID]lightclient.Verifier{7: must(lightclient.Threshold(1, s...))}), lightclienttest.Attest(c, committeeA[0]), lightclient.ErrNoRoute},
		{"wrong domain", lightclient.Pin(1, 3, must(lightclient.Threshold(1, s...))), lightclienttest.Attest(c, committeeA[0]), lightclient.ErrWrongDomain},
		{"empty all", lightclient.All(), nil, lightclient.ErrInvalidCommittee},
		{"k above optional", lightclient.RequiredOptional(nil, []lightclient.Verifier{must(lightclient.Threshold(1, s...))}, 2), nil, lightclient.ErrInvalidCommittee},
		{"demands nothing", lightclient.RequiredOptional(nil, nil, 0), nil, lightclient.ErrInvalidCommittee},
		{"zero committee", &lightclient.Committee{}, lightclienttest.Attest(c, committeeA[0]), lightclient.ErrInvalidCommittee},
		{"nil committee", (*lightclient.Committee)(nil), lightclienttest.Attest(c, committeeA[0]), lightclient.ErrInvalidCommittee},
		{"nil committee in a stack", lightclient.All((*lightclient.Committee)(nil)), lightclienttest.Attest(c, committeeA[0]), lightclient.ErrRejected},
	} {
		v := tc.v.Verify(c, tc.a)
		if v.Accepted || !errors.Is(v.Err(), tc.want) {
			t.Errorf("%s: accepted %v, err %v; want %v", tc.name, v.Accepted, v.Err(), tc.want)
		}
	}
	construct := func(_ *lightclient.Committee, err error) func() error { return func() error { return err } }
	for name, rotate := range map[string]func() error{
		"threshold zero":          construct(lightclient.Threshold(0, s...)),
		"threshold above size":    construct(lightclient.Threshold(4, s...)),
		"member listed twice":     construct(lightclient.Threshold(1, s[0], s[0])),
		"zero stake":              construct(lightclient.Weighted([]lightclient.Stake{{s[0], 0}}, lightclient.Fraction{Num: 1, Den: 2})),
		"fraction above one":      construct(lightclient.Weighted([]lightclient.Stake{{s[0], 1}}, lightclient.Fraction{Num: 3, Den: 2})),
		"nil BLS key":             construct(lightclient.Threshold(1, lightclient.BLSSigner(nil))),
		"rotate a zero committee": func() error { return (&lightclient.Committee{}).Rotate(1, must(lightclient.Threshold(1, s...))) },
		"rotate to nil":           func() error { return must(lightclient.Threshold(1, s...)).Rotate(1, nil) },
		"rotate to zero":          func() error { return must(lightclient.Threshold(1, s...)).Rotate(1, &lightclient.Committee{}) },
	} {
		if err := rotate(); !errors.Is(err, lightclient.ErrInvalidCommittee) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
