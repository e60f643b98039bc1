package lightclient_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
)

// FuzzVerify runs a stack of every combinator over arbitrary signature sets: a prefix of
// genuine signatures (chosen by mask, possibly repeated) followed by arbitrary bytes
// cut into ECDSA and BLS signatures. Invariants: no panic; every verdict is about the
// claim asked; an attestation with a repeated signature or more signatures than members
// is refused before any signature is examined; otherwise the committee accepts exactly
// when enough distinct genuine members signed (arbitrary bytes forge nothing); and an
// accepted attestation is accepted again, counting the same signers, once re-encoded
// (signatures in reverse order, v as 27/28).
func FuzzVerify(f *testing.F) {
	ms := lightclienttest.Members(1, 5)
	f.Add(uint8(0x1f), uint8(0), []byte{}, uint64(1))
	f.Add(uint8(0x03), uint8(2), make([]byte, 65*3+144), uint64(2))
	f.Add(uint8(0x07), uint8(0), make([]byte, 65), uint64(0))
	f.Fuzz(func(t *testing.T, mask, repeat uint8, raw []byte, origin uint64) {
		c := lightclient.Claim{Origin: interop.ChainID(origin % 3), Destination: 9, Digest: interop.Hash{byte(mask)}}
		a := &lightclient.Attestation{}
		repeated := false
		for i, m := range ms {
			if mask&(1<<i) != 0 {
				for range 1 + int(repeat%3) {
					a.ECDSA = append(a.ECDSA, m.Sign(c))
				}
				repeated = repeated || repeat%3 > 0
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
		thr := must(lightclient.Threshold(3, signers...))
		stack := lightclient.Route(map[interop.ChainID]lightclient.Verifier{
			0: thr,
			1: lightclient.RequiredOptional([]lightclient.Verifier{must(lightclient.Threshold(1, signers[0]))},
				[]lightclient.Verifier{must(lightclient.Threshold(1, signers[1])), must(lightclient.Threshold(1, signers[2]))}, 1),
			2: lightclient.Any(lightclient.All(thr, thr), must(lightclient.Weighted([]lightclient.Stake{{signers[3], 5}, {signers[4], 1}}, lightclient.Fraction{Num: 5, Den: 6}))),
		})
		v := stack.Verify(c, a)
		if v.Claim != c {
			t.Fatal("verdict about another claim")
		}
		if (v.Err() == nil) != v.Accepted {
			t.Fatal("Err disagrees with Accepted")
		}
		_ = v.String()
		tv := thr.Verify(c, a)
		distinct := 0
		for i := range ms {
			if mask&(1<<i) != 0 {
				distinct++
			}
		}
		n := len(a.ECDSA) + len(a.BLS)
		switch {
		case n > len(ms):
			if tv.Accepted || !errors.Is(tv.Err(), lightclient.ErrTooManySignatures) || len(tv.Signatures) != 0 {
				t.Fatalf("%d signatures for %d members: %v", n, len(ms), tv.Err())
			}
			return
		case repeated:
			if tv.Accepted || !errors.Is(tv.Err(), lightclient.ErrDuplicateSignature) || len(tv.Signatures) != 0 {
				t.Fatalf("repeated signature: %v", tv.Err())
			}
			return
		}
		// Arbitrary bytes forge no signature of a known key (and a twin of a genuine
		// signature is refused as a repeat).
		if tv.Accepted != (distinct >= 3) && !errors.Is(tv.Err(), lightclient.ErrDuplicateSignature) {
			t.Fatalf("threshold verdict %v with %d genuine members\n%s", tv.Accepted, distinct, tv.String())
		}
		if !v.Accepted {
			return
		}
		re := &lightclient.Attestation{ECDSA: slices.Clone(a.ECDSA), BLS: slices.Clone(a.BLS)}
		slices.Reverse(re.ECDSA)
		slices.Reverse(re.BLS)
		for i := range re.ECDSA {
			if re.ECDSA[i][64] <= 1 {
				re.ECDSA[i][64] += 27
			}
		}
		v2 := stack.Verify(c, re)
		if !v2.Accepted {
			t.Fatalf("accepted attestation refused once re-encoded:\n%s\n%s", v.String(), v2.String())
		}
		if tv2 := thr.Verify(c, re); tv.Accepted && counted(tv) != counted(tv2) {
			t.Fatalf("re-encoding changed the counted signers: %v vs %v", counted(tv), counted(tv2))
		}
	})
}

// counted is the number of signatures a committee counted.
func counted(v lightclient.Verdict) int {
	n := 0
	for _, r := range v.Signatures {
		if r.Status == lightclient.Counted {
			n++
		}
	}
	return n
}
