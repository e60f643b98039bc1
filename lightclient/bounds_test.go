package lightclient_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// TestBoundsAllocPerInputByte feeds the verifiers attestations at their bound: as many
// signatures as a MaxCommitteeSize committee has members (every one recovered), all
// garbage, all outsiders, a repeated member through different nonces; and one over the
// bound. Allocation stays within the project bound per attestation byte.
func TestBoundsAllocPerInputByte(t *testing.T) {
	c := lightclient.Claim{Origin: 1, Destination: 2, Epoch: 3, Digest: interop.Hash{7}}
	bigCommittee := lightclienttest.Members(9, lightclient.MaxCommitteeSize)
	signers := lightclienttest.Signers(bigCommittee)
	thr := must(lightclient.Threshold(len(signers)/2+1, signers...))
	stakes := make([]lightclient.Stake, len(signers))
	for i, s := range signers {
		stakes[i] = lightclient.Stake{Signer: s, Weight: uint64(i + 1)}
	}
	w := must(lightclient.Weighted(stakes, lightclient.Fraction{Num: 2, Den: 3}))
	honest := lightclienttest.Attest(c, bigCommittee...)
	garbage := &lightclient.Attestation{ECDSA: make([][65]byte, len(signers))}
	for i := range garbage.ECDSA {
		garbage.ECDSA[i][0], garbage.ECDSA[i][1] = byte(i), byte(i>>8)
		garbage.ECDSA[i][63], garbage.ECDSA[i][64] = 1, byte(i%2)
	}
	outside := lightclienttest.Attest(c, lightclienttest.Members(10, 64)...)
	renonced := &lightclient.Attestation{}
	for i := range 64 {
		renonced.ECDSA = append(renonced.ECDSA, bigCommittee[0].SignWithNonce(c, uint64(i+1)))
	}
	over := lightclienttest.Attest(c, bigCommittee...)
	over.ECDSA = append(over.ECDSA, bigCommittee[0].SignWithNonce(c, 99))
	blsGarbage := &lightclient.Attestation{BLS: make([]lightclient.BLSSignature, len(signers))}
	for i := range blsGarbage.BLS {
		blsGarbage.BLS[i].PublicKey[0], blsGarbage.BLS[i].PublicKey[1] = byte(i), byte(i>>8)
	}
	size := func(a *lightclient.Attestation) int { return 65*len(a.ECDSA) + 144*len(a.BLS) + len(a.Metadata) }
	for _, tc := range []struct {
		name   string
		v      lightclient.Verifier
		a      *lightclient.Attestation
		accept bool
		want   error
	}{
		{"threshold, every member", thr, honest, true, nil},
		{"weighted, every member", w, honest, true, nil},
		{"all(threshold, weighted), every member", lightclient.All(thr, w), honest, true, nil},
		{"threshold, garbage at the bound", thr, garbage, false, lightclient.ErrInvalidSignature},
		{"threshold, outsiders", thr, outside, false, lightclient.ErrUnknownSigner},
		{"threshold, one member re-signing", thr, renonced, false, lightclient.ErrDuplicateSigner},
		{"threshold, one over the bound", thr, over, false, lightclient.ErrTooManySignatures},
		{"threshold, BLS outsiders at the bound", thr, blsGarbage, false, lightclient.ErrUnknownSigner},
	} {
		var v lightclient.Verdict
		u := hostile.Bounded(t, tc.name, size(tc.a), func() { v = tc.v.Verify(c, tc.a) })
		if v.Accepted != tc.accept || tc.want != nil && !errors.Is(v.Err(), tc.want) {
			t.Errorf("%s: accepted %v, err %v; want %v, %v", tc.name, v.Accepted, v.Err(), tc.accept, tc.want)
		}
		t.Logf("%s: %d input bytes, %d bytes allocated (%d objects)", tc.name, size(tc.a), u.Bytes, u.Objects)
	}

	// Constructors copy at most MaxCommitteeSize members; a longer list is refused before
	// it is copied.
	long := make([]lightclient.Stake, 1<<20)
	var err error
	hostile.Proportional(t, "Weighted, 2^20 stakes", len(long), 0, 64<<10, func() { _, err = lightclient.Weighted(long, lightclient.Fraction{Num: 1, Den: 2}) })
	if !errors.Is(err, lightclient.ErrInvalidCommittee) {
		t.Errorf("2^20 stakes: %v", err)
	}
	longSigners := make([]lightclient.Signer, 1<<20)
	hostile.Proportional(t, "Threshold, 2^20 signers", len(longSigners), 0, 64<<10, func() { _, err = lightclient.Threshold(1, longSigners...) })
	if !errors.Is(err, lightclient.ErrInvalidCommittee) {
		t.Errorf("2^20 signers: %v", err)
	}
}

// TestConcurrentCommittee: 16 goroutines verify through one committee and one stack at
// once; every verdict is the one a lone call gives.
func TestConcurrentCommittee(t *testing.T) {
	ms := lightclienttest.Members(11, 5)
	signers := lightclienttest.Signers(ms)
	var sk [32]byte
	sk[31] = 5
	blsKey, err := bls.SecretKeyFromBytes(sk[:])
	if err != nil {
		t.Fatal(err)
	}
	mixed := append(signers[:4:4], lightclient.BLSSigner(blsKey.PublicKey()))
	thr := must(lightclient.Threshold(3, mixed...))
	w := must(lightclient.Weighted([]lightclient.Stake{{Signer: signers[0], Weight: 3}, {Signer: signers[1], Weight: 1}}, lightclient.Fraction{Num: 3, Den: 4}))
	stack := lightclient.Route(map[interop.ChainID]lightclient.Verifier{
		1: lightclient.RequiredOptional([]lightclient.Verifier{thr}, []lightclient.Verifier{w, lightclient.Pin(1, 2, thr)}, 1),
		2: lightclient.Any(thr, w),
	})
	claims := make([]lightclient.Claim, 4)
	atts := make([]*lightclient.Attestation, 4)
	want := make([]bool, 4)
	for i := range claims {
		claims[i] = lightclient.Claim{Origin: interop.ChainID(1 + i%2), Destination: 2, Digest: interop.Hash{byte(i)}}
		atts[i] = lightclienttest.Attest(claims[i], ms[:i+1]...)
		d := claims[i].SigningDigest()
		atts[i].BLS = []lightclient.BLSSignature{{PublicKey: blsKey.PublicKey().Bytes(), Signature: blsKey.Sign(d[:]).Bytes()}}
		want[i] = stack.Verify(claims[i], atts[i]).Accepted
	}
	if !want[3] || want[0] {
		t.Fatalf("fixture: verdicts %v", want)
	}
	hostile.Concurrent(t, 4, func(g int) {
		i := g % len(claims)
		if v := stack.Verify(claims[i], atts[i]); v.Accepted != want[i] {
			t.Errorf("goroutine %d: stack verdict %v, want %v", g, v.Accepted, want[i])
		}
		if v := thr.Verify(claims[i], atts[i]); v.Accepted != (i+1 >= 2) {
			t.Errorf("goroutine %d: threshold verdict %v with %d signers", g, v.Accepted, i+2)
		}
		_ = thr.Epochs()
	})
}

// TestConcurrentMemory: 16 goroutines add and read roots at once; every read sees a root
// that was added, and conflicting adds are refused.
func TestConcurrentMemory(t *testing.T) {
	var m lightclient.Memory
	hostile.Concurrent(t, 50, func(g int) {
		for h := uint64(0); h < 8; h++ {
			r := lightclient.Root{Chain: 1, Height: h, Kind: lightclient.StateRoot, Value: interop.Hash{byte(h)}, Finality: lightclient.Finality(g % 3)}
			if err := m.Add(r); err != nil {
				t.Errorf("goroutine %d: %v", g, err)
			}
			bad := r
			bad.Value[1] = 1
			if err := m.Add(bad); !errors.Is(err, lightclient.ErrConflictingRoot) {
				t.Errorf("goroutine %d: conflicting add: %v", g, err)
			}
			got, err := m.Root(1, h, lightclient.StateRoot)
			if err != nil || got.Value != r.Value {
				t.Errorf("goroutine %d: root %d: %v %v", g, h, got.Value, err)
			}
			if l, err := m.Latest(1, lightclient.StateRoot, lightclient.Unsafe); err != nil || l.Height < h {
				t.Errorf("goroutine %d: latest %d after adding %d: %v", g, l.Height, h, err)
			}
		}
	})
	if l, err := m.Latest(1, lightclient.StateRoot, lightclient.Finalized); err != nil || l.Height != 7 {
		t.Fatal(fmt.Sprint(l, err))
	}
}
