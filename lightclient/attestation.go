package lightclient

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/crypto/secp256k1"
)

// sharedVerifier is implemented by this package's verifiers. A stack checks an attestation
// once, at its top (verifyTop), against the members of all its committees, and passes one
// recoveries cache down, so that each signature is recovered or verified at most once.
type sharedVerifier interface {
	Verifier
	// maxSignatures is how many signatures an attestation for c can usefully carry: the
	// members of the committees that would look at it.
	maxSignatures(c Claim) int
	verifyShared(c Claim, a *Attestation, r *recoveries) Verdict
}

// maxStackSignatures caps the sum of members over a stack, so the sum cannot overflow.
const maxStackSignatures = 1 << 24

// boundOf is v's maxSignatures; a Verifier from another package (which bounds its own
// work) is granted MaxCommitteeSize signatures of the shared attestation.
func boundOf(v Verifier, c Claim) int {
	if sv, ok := v.(sharedVerifier); ok {
		return sv.maxSignatures(c)
	}
	return MaxCommitteeSize
}

func sumBounds(c Claim, vs ...[]Verifier) int {
	n := 0
	for _, list := range vs {
		for _, v := range list {
			n = min(n+boundOf(v, c), maxStackSignatures)
		}
	}
	return n
}

// verifyTop is Verify for a verifier at the top of a stack: the cheap checks on the
// attestation's shape, then the verifier with a fresh cache.
func verifyTop(v sharedVerifier, name string, c Claim, a *Attestation) Verdict {
	if a == nil {
		return v.verifyShared(c, nil, nil)
	}
	if err := checkAttestation(a, v.maxSignatures(c)); err != nil {
		return Reject(name, c, err)
	}
	return v.verifyShared(c, a, newRecoveries(a))
}

// checkAttestation refuses an attestation with more than limit signatures or with a
// signature twice, before any of them is recovered: O(len(a.ECDSA)+len(a.BLS)) time,
// memory O(limit).
func checkAttestation(a *Attestation, limit int) error {
	n := len(a.ECDSA) + len(a.BLS)
	if n > limit {
		return fmt.Errorf("%w: %d signatures (%d ECDSA, %d BLS), at most %d", ErrTooManySignatures, n, len(a.ECDSA), len(a.BLS), limit)
	}
	if len(a.ECDSA) > 1 && len(a.ECDSA) <= smallAttestation {
		// The common case, without allocating: pairwise over canonical keys on the stack.
		var keys [smallAttestation][65]byte
		for i := range a.ECDSA {
			keys[i] = canonicalECDSA(&a.ECDSA[i])
			for j := range i {
				if keys[j] == keys[i] {
					return fmt.Errorf("%w: ECDSA signatures %d and %d are the same (r, s)", ErrDuplicateSignature, j, i)
				}
			}
		}
	} else if len(a.ECDSA) > 1 {
		seen := make(map[[65]byte]int, len(a.ECDSA))
		for i := range a.ECDSA {
			k := canonicalECDSA(&a.ECDSA[i])
			if j, ok := seen[k]; ok {
				return fmt.Errorf("%w: ECDSA signatures %d and %d are the same (r, s)", ErrDuplicateSignature, j, i)
			}
			seen[k] = i
		}
	}
	if len(a.BLS) > 1 {
		seen := make(map[BLSSignature]int, len(a.BLS))
		for i, s := range a.BLS {
			if j, ok := seen[s]; ok {
				return fmt.Errorf("%w: BLS signatures %d and %d are the same", ErrDuplicateSignature, j, i)
			}
			seen[s] = i
		}
	}
	return nil
}

// smallAttestation is the most ECDSA signatures checkAttestation compares pairwise (at
// most 496 comparisons) instead of through a map.
const smallAttestation = 32

// secpHalfN is (n-1)/2 for the order n of secp256k1: s above it is "high" (EIP-2).
var (
	secpN     = uint256.MustFromHex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
	secpHalfN = new(uint256.Int).Rsh(secpN, 1)
)

// canonicalECDSA maps the encodings ecrecover treats as one signature to one key: v as
// 27/28 becomes 0/1, and (r, s, v) with high s becomes (r, n-s, v^1), which recovers to
// the same key. Other bytes are kept as they are (they do not recover anyway).
func canonicalECDSA(sig *[65]byte) [65]byte {
	k := *sig
	if k[64] == 27 || k[64] == 28 {
		k[64] -= 27
	}
	var s uint256.Int
	s.SetBytes32(k[32:64])
	if k[64] <= 1 && s.Gt(secpHalfN) && s.Lt(secpN) {
		s.Sub(secpN, &s)
		s.WriteToSlice(k[32:64])
		k[64] ^= 1
	}
	return k
}

// recoveries caches, for one attestation and one claim, what each signature recovered to or
// whether it verified, so that a stack whose committees overlap does the work once.
type recoveries struct {
	ecdsa []recovered
	bls   []int8 // 0 not yet checked, 1 valid, -1 invalid
}

type recovered struct {
	addr     interop.Address
	done, ok bool
}

func newRecoveries(a *Attestation) *recoveries {
	return &recoveries{ecdsa: make([]recovered, len(a.ECDSA)), bls: make([]int8, len(a.BLS))}
}

// recover returns the signer of ECDSA signature i over digest. A cache serves one Verify
// call, whose verifiers all check the same claim (verifyChild passes it unchanged), so
// digest is the same on every call.
func (r *recoveries) recover(i int, digest interop.Hash, sig *[65]byte) (interop.Address, bool) {
	if r == nil {
		addr, err := secp256k1.RecoverAddress(digest, *sig)
		return addr, err == nil
	}
	e := &r.ecdsa[i]
	if !e.done {
		addr, err := secp256k1.RecoverAddress(digest, *sig)
		*e = recovered{addr: addr, done: true, ok: err == nil}
	}
	return e.addr, e.ok
}

// verifyBLS reports whether BLS signature i verifies under pk over digest. The cache is per
// entry, and an entry names one key, so the answer is pk's.
func (r *recoveries) verifyBLS(i int, pk *bls.PublicKey, digest interop.Hash, sig *[96]byte) bool {
	check := func() bool {
		s, err := bls.SignatureFromBytes(sig[:])
		return err == nil && bls.Verify(pk, digest[:], s)
	}
	if r == nil {
		return check()
	}
	if r.bls[i] == 0 {
		r.bls[i] = -1
		if check() {
			r.bls[i] = 1
		}
	}
	return r.bls[i] == 1
}

// verifyChild runs a sub-verifier of a stack on the shared attestation and holds it to its
// contract: a verdict about another claim does not count, whatever it says.
func verifyChild(sub Verifier, c Claim, a *Attestation, r *recoveries) Verdict {
	var v Verdict
	if sv, ok := sub.(sharedVerifier); ok && r != nil {
		v = sv.verifyShared(c, a, r)
	} else {
		v = sub.Verify(c, a)
	}
	if v.Claim != c {
		return Reject(v.Verifier, c, fmt.Errorf("%w: sub-verifier answered for %s", ErrWrongDomain, v.Claim))
	}
	return v
}
