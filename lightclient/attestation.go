package lightclient

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/parallel"
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
	return v.verifyShared(c, a, newRecoveries(a, interop.Batch().Workers))
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
// whether it verified, so that a stack whose committees overlap does the work once. It is
// also the attestation's batch: prefetch fills it for a committee on up to workers
// goroutines before the committee counts, in order, on the caller's.
type recoveries struct {
	ecdsa   []recovered
	bls     []int8 // 0 not yet checked, 1 valid, -1 invalid
	workers int
}

type recovered struct {
	addr     interop.Address
	done, ok bool
}

func newRecoveries(a *Attestation, workers int) *recoveries {
	return &recoveries{ecdsa: make([]recovered, len(a.ECDSA)), bls: make([]int8, len(a.BLS)), workers: workers}
}

// prefetch recovers every ECDSA signature of a not yet recovered, and checks every BLS
// signature not yet checked whose key is a member of s, splitting the work over
// r.workers goroutines (internal/parallel.Chunks): exactly the signatures the committee's
// count would recover or verify one by one, plus the later BLS signatures of a member who
// also signed earlier (which the count reports as Duplicate without looking). The count
// then reads the answers from the cache, so the verdict is the one the serial count gives.
// Outsiders' BLS signatures are never checked.
func (r *recoveries) prefetch(s *committeeSet, digest interop.Hash, a *Attestation) {
	var todo []int
	for i := range r.ecdsa {
		if !r.ecdsa[i].done {
			todo = append(todo, i)
		}
	}
	// Each signature is recovered by one goroutine, which writes its entry of r.ecdsa.
	r.each(len(todo), func(k int) {
		i := todo[k]
		addr, err := secp256k1.RecoverAddress(digest, a.ECDSA[i])
		r.ecdsa[i] = recovered{addr: addr, done: true, ok: err == nil}
	})
	var idx []int
	var pks []*bls.PublicKey
	for i := range a.BLS {
		if r.bls[i] != 0 {
			continue
		}
		if j := s.indexBLS(&a.BLS[i].PublicKey); j >= 0 {
			idx = append(idx, i)
			pks = append(pks, s.members[j].pk)
		}
	}
	r.checkBLS(idx, pks, digest, a)
}

// checkBLS sets r.bls[idx[k]] to whether a.BLS[idx[k]] is a valid signature of digest by
// pks[k]. Every signature signs the same digest, so after decoding (in parallel) one
// bls.VerifyBatch on the shared workers checks them together: one hash to G2 and two
// Miller loops in all, besides a 64-bit multiplication per key and signature. If the batch
// fails, each signature is verified alone, in parallel, to find the invalid ones; a batch
// with an invalid signature passes with probability about 2⁻⁶³.
func (r *recoveries) checkBLS(idx []int, pks []*bls.PublicKey, digest interop.Hash, a *Attestation) {
	if len(idx) == 0 {
		return
	}
	sigs := make([]*bls.Signature, len(idx))
	r.each(len(idx), func(k int) {
		if s, err := bls.SignatureFromBytes(a.BLS[idx[k]].Signature[:]); err == nil {
			sigs[k] = s
		}
	})
	// Undecodable signatures are invalid; the rest go into the batch.
	var bIdx []int
	var bPKs []*bls.PublicKey
	var bSigs []*bls.Signature
	for k, s := range sigs {
		if s == nil {
			r.bls[idx[k]] = -1
			continue
		}
		bIdx, bPKs, bSigs = append(bIdx, idx[k]), append(bPKs, pks[k]), append(bSigs, s)
	}
	if len(bIdx) == 0 {
		return
	}
	if len(bIdx) > 1 {
		msgs := make([][]byte, len(bIdx))
		for k := range msgs {
			msgs[k] = digest[:]
		}
		if bls.VerifyBatch(bPKs, msgs, bSigs, nil, interop.Workers(r.workers)) {
			for _, i := range bIdx {
				r.bls[i] = 1
			}
			return
		}
	}
	r.each(len(bIdx), func(k int) {
		r.bls[bIdx[k]] = -1
		if bls.Verify(bPKs[k], digest[:], bSigs[k]) {
			r.bls[bIdx[k]] = 1
		}
	})
}

// each calls f(k) once for every k in [0, n) on up to r.workers goroutines, each taking
// the next k as it becomes free (internal/parallel.Blocks) rather than a fixed range:
// when a worker's core is busy with other work, the caller's goroutine takes its share,
// so a busy machine makes a split slower than the caller alone by at most the one item a
// descheduled worker holds.
func (r *recoveries) each(n int, f func(k int)) {
	parallel.Blocks(n, 1, r.workers, nil, func(k, _, _ int) { f(k) })
}

// recover returns the signer of ECDSA signature i over digest. A cache serves one Verify
// call, whose verifiers all check the same claim (verifyChild passes it unchanged), so
// digest is the same on every call.
func (r *recoveries) recover(i int, digest interop.Hash, sig *[65]byte) (interop.Address, bool) {
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
	if r.bls[i] == 0 {
		r.bls[i] = -1
		if s, err := bls.SignatureFromBytes(sig[:]); err == nil && bls.Verify(pk, digest[:], s) {
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
