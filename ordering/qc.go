package ordering

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
)

// QC is a quorum certificate: which members signed (bit i of Signers, least significant
// bit first, is member i) and the aggregate of their BLS signatures of one message.
type QC struct {
	Signers   []byte
	Signature *bls.Signature
}

// NewQC aggregates the signatures of the given members into a QC. A member index out of
// range or listed twice is an error (ErrBitmap, ErrDuplicateSigner), as is a nil
// signature or a length mismatch.
func NewQC(c *Committee, signers []int, sigs []*bls.Signature) (QC, error) {
	if len(signers) == 0 || len(signers) != len(sigs) {
		return QC{}, fmt.Errorf("%w: %d signers, %d signatures", ErrNoSigners, len(signers), len(sigs))
	}
	bm := make([]byte, (c.Len()+7)/8)
	for _, i := range signers {
		if i < 0 || i >= c.Len() {
			return QC{}, fmt.Errorf("%w: signer %d of %d members", ErrBitmap, i, c.Len())
		}
		if bm[i/8]&(1<<(i%8)) != 0 {
			return QC{}, fmt.Errorf("%w: signer %d", ErrDuplicateSigner, i)
		}
		bm[i/8] |= 1 << (i % 8)
	}
	agg, err := bls.Aggregate(sigs)
	if err != nil {
		return QC{}, fmt.Errorf("aggregate: %w: %w", ErrInvalidSignature, err)
	}
	return QC{Signers: bm, Signature: agg}, nil
}

// Has reports whether member i signed.
func (q *QC) Has(i int) bool {
	return i >= 0 && i/8 < len(q.Signers) && q.Signers[i/8]&(1<<(i%8)) != 0
}

// checkBitmap is check a) of VerifyQC.
func (c *Committee) checkBitmap(q *QC) error {
	if q.Signature == nil {
		return fmt.Errorf("%w: nil signature", ErrInvalidSignature)
	}
	if want := (len(c.members) + 7) / 8; len(q.Signers) != want {
		return fmt.Errorf("%w: bitmap of %d bytes for %d members, want %d", ErrBitmap, len(q.Signers), len(c.members), want)
	}
	if r := len(c.members) % 8; r != 0 {
		if pad := q.Signers[len(q.Signers)-1] >> r; pad != 0 {
			return fmt.Errorf("%w: bits set past member %d", ErrBitmap, len(c.members)-1)
		}
	}
	return nil
}

// signedStake sums the stake of the members set in the bitmap and counts them.
func (c *Committee) signedStake(q *QC) (stake uint256.Int, count int) {
	for i, b := range q.Signers {
		for b != 0 {
			j := i*8 + bits.TrailingZeros8(b)
			b &= b - 1
			stake.Add(&stake, &c.members[j].Stake)
			count++
		}
	}
	return stake, count
}

// verifySignature is check d) of VerifyQC: one FastAggregateVerify over the signers' keys.
// Above aggregateChunk signers the keys are summed aggregateChunk at a time
// (bls.AggregatePublicKeys) and the partial sums verified together, so memory stays
// constant however many members signed. A partial sum at infinity adds nothing to the
// total and is dropped, so the verdict is FastAggregateVerify's over all the keys: false
// when the total is infinity (no partial sum left, or their sum at infinity).
func (c *Committee) verifySignature(msg interop.Hash, q *QC, count int) error {
	var buf [aggregateChunk]*bls.PublicKey
	var sums [MaxCommitteeSize / aggregateChunk]*bls.PublicKey
	pks, parts := buf[:0], sums[:0]
	ok := true
	for i, b := range q.Signers {
		for b != 0 && ok {
			pks = append(pks, c.members[i*8+bits.TrailingZeros8(b)].Key)
			b &= b - 1
			if len(pks) == aggregateChunk && count > aggregateChunk {
				parts, ok = appendSum(parts, pks)
				pks = pks[:0]
			}
		}
	}
	if ok && count > aggregateChunk {
		if len(pks) > 0 {
			parts, ok = appendSum(parts, pks)
		}
		pks = parts
	}
	if !ok || !bls.FastAggregateVerify(pks, msg[:], q.Signature) {
		return fmt.Errorf("%w: aggregate of %d signers on %x", ErrInvalidSignature, count, msg)
	}
	return nil
}

// aggregateChunk is how many signer keys verifySignature sums at a time.
const aggregateChunk = 256

// appendSum appends the sum of pks to parts unless it is infinity; ok is false when a key
// is nil or infinity, which FastAggregateVerify refuses.
func appendSum(parts, pks []*bls.PublicKey) ([]*bls.PublicKey, bool) {
	sum, err := bls.AggregatePublicKeys(pks)
	if err != nil {
		return parts, false
	}
	if b := sum.Bytes(); b[0]&0x40 != 0 { // the compressed encoding's infinity flag
		return parts, true
	}
	return append(parts, sum), true
}

// VerifyQC checks that q certifies msg for this committee:
//
//	a) the signature is present and the bitmap is exactly ⌈members/8⌉ bytes with no bit
//	   set past the last member (ErrInvalidSignature, ErrBitmap);
//	b) at least one member signed (ErrNoSigners);
//	c) the signers' stake reaches QuorumStake (ErrNoQuorum);
//	d) the aggregate signature verifies under the signers' keys (ErrInvalidSignature).
//
// The pairing check goes last: it is the only expensive step, and an attacker should not
// be able to make a verifier run it for a QC that fails on counting.
//
// Bound: one pass over the bitmap, one G1 addition per signer (at most MaxCommitteeSize),
// one pairing check; memory constant, whatever the number of signers.
func (c *Committee) VerifyQC(msg interop.Hash, q *QC) error {
	if err := c.checkBitmap(q); err != nil {
		return err
	}
	stake, count := c.signedStake(q)
	if count == 0 {
		return ErrNoSigners
	}
	if stake.Lt(&c.quorum) {
		return fmt.Errorf("%w: signed stake %s below quorum %s", ErrNoQuorum, stake.Dec(), c.quorum.Dec())
	}
	return c.verifySignature(msg, q, count)
}

// verifySigners is VerifyQC without the quorum: it proves that every member in the bitmap
// signed msg, which is all equivocation evidence needs.
func (c *Committee) verifySigners(msg interop.Hash, q *QC) error {
	if err := c.checkBitmap(q); err != nil {
		return err
	}
	_, count := c.signedStake(q)
	if count == 0 {
		return ErrNoSigners
	}
	return c.verifySignature(msg, q, count)
}

// AppendBinary appends the QC's encoding: bitmap length as 2 big-endian bytes, the
// bitmap, and the 96-byte compressed signature.
func (q *QC) AppendBinary(dst []byte) ([]byte, error) {
	if len(q.Signers) > MaxCommitteeSize/8 || q.Signature == nil {
		return dst, fmt.Errorf("%w: bitmap of %d bytes, signature present %t", ErrInvalidEncoding, len(q.Signers), q.Signature != nil)
	}
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(q.Signers)))
	dst = append(dst, q.Signers...)
	s := q.Signature.Bytes()
	return append(dst, s[:]...), nil
}

// DecodeQC decodes a QC. The bitmap is bounded by MaxCommitteeSize, the length must be
// exact, and the signature must be a valid compressed G2 point in the subgroup (errors from
// crypto/bls are wrapped beside ErrInvalidEncoding). Whether the bitmap fits a committee is
// checked by VerifyQC. Bound: at most 2+MaxCommitteeSize/8+96 bytes, checked before the
// bitmap is copied; memory one copy of the bitmap and one point.
func DecodeQC(b []byte) (QC, error) {
	if len(b) < 2 {
		return QC{}, fmt.Errorf("%w: %d bytes", ErrInvalidEncoding, len(b))
	}
	n := int(binary.BigEndian.Uint16(b))
	if n > MaxCommitteeSize/8 {
		return QC{}, fmt.Errorf("%w: bitmap of %d bytes", ErrInvalidEncoding, n)
	}
	if len(b) != 2+n+bls.SignatureSize {
		return QC{}, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidEncoding, len(b), 2+n+bls.SignatureSize)
	}
	sig, err := bls.SignatureFromBytes(b[2+n:])
	if err != nil {
		return QC{}, fmt.Errorf("signature: %w: %w", ErrInvalidEncoding, err)
	}
	return QC{Signers: append([]byte(nil), b[2:2+n]...), Signature: sig}, nil
}
