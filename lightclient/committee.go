package lightclient

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
)

// Signer is a committee member's key: an Ethereum address for ECDSA signatures, or a
// BLS public key. The zero Signer is no one.
type Signer struct {
	addr interop.Address
	pk   *bls.PublicKey
	pkb  [48]byte
	bls  bool
}

// ECDSASigner is the member whose signatures recover to addr.
func ECDSASigner(addr interop.Address) Signer { return Signer{addr: addr} }

// BLSSigner is the member with public key pk (already KeyValidated by
// bls.PublicKeyFromBytes). A nil pk is the zero BLS signer, which committees refuse.
func BLSSigner(pk *bls.PublicKey) Signer {
	if pk == nil {
		return Signer{bls: true}
	}
	return Signer{pk: pk, pkb: pk.Bytes(), bls: true}
}

// Address returns the ECDSA member's address (zero for a BLS member).
func (s Signer) Address() interop.Address { return s.addr }

// IsBLS reports whether s is a BLS member.
func (s Signer) IsBLS() bool { return s.bls }

func (s Signer) String() string {
	if s.bls {
		return fmt.Sprintf("bls:0x%x", s.pkb[:8])
	}
	return s.addr.String()
}

// BLSSignature is one BLS member's signature over Claim.SigningDigest, with the public
// key it claims to be by (compressed G1, as the committee lists it).
type BLSSignature struct {
	PublicKey [48]byte
	Signature [96]byte
}

// Attestation is what a relayer presents for a claim: ECDSA signatures (65 bytes r‖s‖v
// over Claim.SigningDigest), BLS signatures, and protocol metadata for verifiers that
// define their own format (a Hyperlane ISM's metadata). Signatures may come in any
// order; each committee says what it made of each one. Each signature may appear once, and
// there may be at most as many as the verifier's committees have members (summed over a
// stack): otherwise the attestation is refused before any signature is checked
// (ErrDuplicateSignature, ErrTooManySignatures).
type Attestation struct {
	ECDSA    [][65]byte
	BLS      []BLSSignature
	Metadata []byte
}

// Fraction is a share of total stake, Num/Den, with 0 < Num ≤ Den: the module's one
// fraction type, interop.Fraction.
type Fraction = interop.Fraction

// Stake is a member's weight in a Weighted committee.
type Stake struct {
	Signer Signer
	Weight uint64
}

// MaxCommitteeSize bounds a committee, so that the per-attestation bookkeeping has a
// fixed bound.
const MaxCommitteeSize = 1024

// committeeSet is one epoch's committee and rule.
type committeeSet struct {
	epoch   uint64
	members []Signer
	weights []uint64 // nil: every member weighs 1
	total   uint64
	m       uint64 // Threshold: members needed
	frac    Fraction
	weighed bool
	// index finds a member by address or compressed BLS key in O(1), built once.
	byAddr map[interop.Address]int
	byPK   map[[48]byte]int
}

// Committee verifies claims by the signatures of a set of members, under a rule chosen
// when it is built: Threshold (m distinct members) or Weighted (a fraction of the
// stake). Committees rotate: Rotate installs the next set from an epoch on, and a claim
// is checked against the set of the latest epoch at or below Claim.Epoch. A Committee is
// safe for concurrent Verify calls; Rotate must not run concurrently with them.
type Committee struct {
	sets []committeeSet
}

// Threshold returns a committee, from epoch 0, that accepts a claim signed by at least m
// distinct members of signers. Two different signatures by one member count once;
// signatures by others are ignored; both are reported. The same signature twice (in any
// encoding), or more signatures than members, is refused before any recovery (Verify).
// More than MaxCommitteeSize signers, a zero or repeated member, or an m outside
// 1..len(signers) is ErrInvalidCommittee.
func Threshold(m int, signers ...Signer) (*Committee, error) {
	if len(signers) > MaxCommitteeSize {
		// Refused before copying the list.
		return nil, fmt.Errorf("%w: %d members, max %d", ErrInvalidCommittee, len(signers), MaxCommitteeSize)
	}
	if m < 1 || m > len(signers) {
		return nil, fmt.Errorf("%w: threshold %d of %d", ErrInvalidCommittee, m, len(signers))
	}
	s := committeeSet{m: uint64(m), total: uint64(len(signers))}
	s.members = slices.Clone(signers) // the caller's slice may change later
	if err := s.index(); err != nil {
		return nil, err
	}
	return &Committee{sets: []committeeSet{s}}, nil
}

// Weighted returns a committee, from epoch 0, that accepts a claim signed by members
// holding at least fraction of the total stake. Members of zero weight may sign but add
// nothing. More than MaxCommitteeSize stakes, a zero or repeated member, a total of zero
// or above 2^64-1, or a fraction outside (0, 1] is ErrInvalidCommittee.
func Weighted(stakes []Stake, fraction Fraction) (*Committee, error) {
	if len(stakes) > MaxCommitteeSize {
		// Refused before copying the list.
		return nil, fmt.Errorf("%w: %d members, max %d", ErrInvalidCommittee, len(stakes), MaxCommitteeSize)
	}
	s := committeeSet{frac: fraction, weighed: true}
	s.members = make([]Signer, len(stakes))
	s.weights = make([]uint64, len(stakes))
	var carry uint64
	for i, st := range stakes {
		s.members[i], s.weights[i] = st.Signer, st.Weight
		var c uint64
		s.total, c = bits.Add64(s.total, st.Weight, 0)
		carry |= c
	}
	switch {
	case carry != 0 || s.total == 0:
		return nil, fmt.Errorf("%w: total stake zero or overflowing", ErrInvalidCommittee)
	case fraction.Num == 0 || fraction.Den == 0 || fraction.Num > fraction.Den:
		return nil, fmt.Errorf("%w: fraction %d/%d", ErrInvalidCommittee, fraction.Num, fraction.Den)
	}
	if err := s.index(); err != nil {
		return nil, err
	}
	return &Committee{sets: []committeeSet{s}}, nil
}

// index checks the members (none zero, none repeated) and builds the lookup maps: O(n)
// for the at most MaxCommitteeSize members.
func (s *committeeSet) index() error {
	s.byAddr = make(map[interop.Address]int)
	s.byPK = make(map[[48]byte]int)
	for i, m := range s.members {
		if !m.bls && m.addr == (interop.Address{}) || m.bls && m.pk == nil {
			return fmt.Errorf("%w: member %d is the zero signer", ErrInvalidCommittee, i)
		}
		if m.bls {
			if _, ok := s.byPK[m.pkb]; ok {
				return fmt.Errorf("%w: member %s listed twice", ErrInvalidCommittee, m)
			}
			s.byPK[m.pkb] = i
		} else {
			if _, ok := s.byAddr[m.addr]; ok {
				return fmt.Errorf("%w: member %s listed twice", ErrInvalidCommittee, m)
			}
			s.byAddr[m.addr] = i
		}
	}
	return nil
}

// Rotate installs next's current rule and members as this committee's set from epoch
// on; next was checked when Threshold or Weighted built it. Epochs must increase: a
// rotation to an epoch at or below the latest one, or of or to a committee those
// constructors did not build, is ErrInvalidCommittee and changes nothing, so history
// cannot be rewritten.
func (c *Committee) Rotate(epoch uint64, next *Committee) error {
	if len(c.sets) == 0 || next == nil || len(next.sets) == 0 {
		return fmt.Errorf("%w: rotation of or to a committee not built by Threshold or Weighted", ErrInvalidCommittee)
	}
	last := c.sets[len(c.sets)-1].epoch
	if epoch <= last {
		return fmt.Errorf("%w: rotation to epoch %d, latest is %d", ErrInvalidCommittee, epoch, last)
	}
	s := next.sets[len(next.sets)-1]
	s.epoch = epoch
	c.sets = append(c.sets, s)
	return nil
}

// Epochs returns the epochs at which the committee's sets start, oldest first.
func (c *Committee) Epochs() []uint64 {
	if c == nil {
		return nil
	}
	out := make([]uint64, len(c.sets))
	for i := range c.sets {
		out[i] = c.sets[i].epoch
	}
	return out
}

func (c *Committee) set(epoch uint64) *committeeSet {
	if c == nil {
		return nil
	}
	for i := len(c.sets) - 1; i >= 0; i-- {
		if c.sets[i].epoch <= epoch {
			return &c.sets[i]
		}
	}
	return nil
}

func (s *committeeSet) describe() string {
	if s.weighed {
		return fmt.Sprintf("weighted %d/%d of %d members, epoch %d", s.frac.Num, s.frac.Den, len(s.members), s.epoch)
	}
	return fmt.Sprintf("%d of %d, epoch %d", s.m, len(s.members), s.epoch)
}

// met reports whether weight reaches the rule: count ≥ m, or weight/total ≥ Num/Den
// compared exactly in 128 bits.
func (s *committeeSet) met(weight uint64) bool {
	if !s.weighed {
		return weight >= s.m
	}
	hi1, lo1 := bits.Mul64(weight, s.frac.Den)
	hi2, lo2 := bits.Mul64(s.total, s.frac.Num)
	return hi1 > hi2 || hi1 == hi2 && lo1 >= lo2
}

// Verify implements Verifier. It checks, in order:
//
//	a) the attestation carries at most as many signatures (ECDSA and BLS together) as
//	   the committee of c.Epoch has members (ErrTooManySignatures), and no signature twice
//	   (ErrDuplicateSignature: the same bytes, or an ECDSA signature's other encodings —
//	   high s, v as 27/28 — which recover to the same signer). Both are refused before
//	   any signature is recovered or verified: the work an attestation can cause is at
//	   most one recovery or pairing per member;
//	b) the committee was built by Threshold or Weighted (ErrInvalidCommittee) and has a
//	   set for c.Epoch (ErrUnknownEpoch);
//	c) each ECDSA signature recovers (ecrecover rules) from c.SigningDigest() to a
//	   member not yet counted; each BLS signature names a member not yet counted and
//	   verifies over c.SigningDigest(). Other signatures are reported as Invalid,
//	   Outsider or Duplicate and ignored: two different signatures by one member (two
//	   nonces) count once, the second reported as Duplicate. Outsiders' BLS signatures are
//	   not even checked, so an attacker cannot make the verifier do pairings for keys it
//	   does not know;
//	d) the counted members meet the rule (ErrThreshold, wrapped together with
//	   ErrDuplicateSigner, ErrUnknownSigner and ErrInvalidSignature when such
//	   signatures were seen).
//
// Inside a stack (All, Any, RequiredOptional, Route, Pin) the attestation is shared: the
// stack checks a) once against the members of all its committees, and each signature is
// recovered at most once however many committees look at it.
//
// Work: at most one ECDSA recovery per signature, and for the BLS signatures by members
// one decoding each and one bls.VerifyBatch over the claim's digest (a hash to G2, two
// Miller loops, a 64-bit multiplication per signature), followed, only if the batch
// fails, by one bls.Verify per signature; memory O(members). The signatures an
// attestation carries are the batch: they are recovered, decoded and verified on up to
// GOMAXPROCS goroutines (WithBatch sets another count), and then counted in order on the
// caller's, so the verdict does not depend on the count.
func (c *Committee) Verify(claim Claim, a *Attestation) Verdict {
	if a != nil {
		if err := checkAttestation(a, c.maxSignatures(claim)); err != nil {
			return Reject("committee", claim, err)
		}
	}
	return c.verifyShared(claim, a, nil)
}

func (c *Committee) maxSignatures(claim Claim) int {
	s := c.set(claim.Epoch)
	if s == nil {
		// Rejected without looking at a signature; let that error speak.
		return MaxCommitteeSize
	}
	return len(s.members)
}

func (c *Committee) verifyShared(claim Claim, a *Attestation, r *recoveries) Verdict {
	if c == nil || len(c.sets) == 0 {
		return Reject("committee", claim, fmt.Errorf("%w: a committee not built by Threshold or Weighted", ErrInvalidCommittee))
	}
	s := c.set(claim.Epoch)
	if s == nil {
		return Reject("committee", claim, fmt.Errorf("%w: %d precedes epoch %d", ErrUnknownEpoch, claim.Epoch, c.sets[0].epoch))
	}
	name := s.describe()
	digest := claim.SigningDigest()
	v := Verdict{Verifier: name, Claim: claim}
	var counted [MaxCommitteeSize/64 + 1]uint64
	var weight uint64
	var dup, out, inv int
	report := func(i int, signer Signer, st SignatureStatus, w uint64) {
		v.Signatures = append(v.Signatures, SignatureReport{Index: i, Signer: signer, Status: st, Weight: w})
		switch st {
		case Duplicate:
			dup++
		case Outsider:
			out++
		case Invalid:
			inv++
		}
	}
	// count marks member j; it reports whether j was new.
	count := func(j int) (uint64, bool) {
		if counted[j/64]&(1<<(j%64)) != 0 {
			return 0, false
		}
		counted[j/64] |= 1 << (j % 64)
		w := uint64(1)
		if s.weights != nil {
			w = s.weights[j]
		}
		weight += w // cannot overflow: the total fits in 64 bits
		return w, true
	}
	if a != nil {
		if r == nil {
			// Alone: the cache is this call's batch, on the default workers.
			r = newRecoveries(a, interop.Batch().Workers)
		}
		r.prefetch(s, digest, a)
		v.Signatures = make([]SignatureReport, 0, len(a.ECDSA)+len(a.BLS))
		for i := range a.ECDSA {
			addr, ok := r.recover(i, digest, &a.ECDSA[i])
			if !ok {
				report(i, Signer{}, Invalid, 0)
				continue
			}
			signer := ECDSASigner(addr)
			j := s.indexECDSA(addr)
			if j < 0 {
				report(i, signer, Outsider, 0)
				continue
			}
			if w, ok := count(j); ok {
				report(i, signer, Counted, w)
			} else {
				report(i, signer, Duplicate, 0)
			}
		}
		for i := range a.BLS {
			j := s.indexBLS(&a.BLS[i].PublicKey)
			if j < 0 {
				report(i, Signer{pkb: a.BLS[i].PublicKey, bls: true}, Outsider, 0)
				continue
			}
			m := s.members[j]
			if counted[j/64]&(1<<(j%64)) != 0 {
				report(i, m, Duplicate, 0)
				continue
			}
			if !r.verifyBLS(i, m.pk, digest, &a.BLS[i].Signature) {
				report(i, m, Invalid, 0)
				continue
			}
			w, _ := count(j)
			report(i, m, Counted, w)
		}
	}
	v.Accepted = s.met(weight)
	if s.weighed {
		v.Reason = fmt.Sprintf("stake %d of %d signed, need %d/%d", weight, s.total, s.frac.Num, s.frac.Den)
	} else {
		v.Reason = fmt.Sprintf("%d distinct members signed, need %d", weight, s.m)
	}
	if dup+out+inv > 0 {
		v.Reason += fmt.Sprintf(" (ignored: %d duplicate, %d outsider, %d invalid)", dup, out, inv)
	}
	if !v.Accepted {
		err := fmt.Errorf("%w: %s", ErrThreshold, v.Reason)
		if dup > 0 {
			err = fmt.Errorf("%w (%w)", err, ErrDuplicateSigner)
		}
		if out > 0 {
			err = fmt.Errorf("%w (%w)", err, ErrUnknownSigner)
		}
		if inv > 0 {
			err = fmt.Errorf("%w (%w)", err, ErrInvalidSignature)
		}
		v.err = err
	}
	return v
}

func (s *committeeSet) indexECDSA(a interop.Address) int {
	if j, ok := s.byAddr[a]; ok {
		return j
	}
	return -1
}

func (s *committeeSet) indexBLS(pk *[48]byte) int {
	if j, ok := s.byPK[*pk]; ok {
		return j
	}
	return -1
}
