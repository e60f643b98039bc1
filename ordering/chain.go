package ordering

import (
	"crypto/sha256"
	"fmt"
	"math"

	"github.com/interopkit/interop"
)

// Certified is a commitment with the QC that certifies its hash.
type Certified struct {
	Commitment Commitment
	QC         QC
}

// Handover hands a chain from one committee to the next: the next committee, which links
// to the current one by hash and epoch, and a QC of the current committee over
// HandoverMessage(next).
type Handover struct {
	Next *Committee
	QC   QC
}

var handoverDomain = []byte("interop/ordering/handover/v1\x00")

// HandoverMessage is the message the outgoing committee signs to hand over to next:
// sha256(domain ‖ next.Hash()). The committee hash already binds epoch and predecessor.
func HandoverMessage(next *Committee) interop.Hash {
	h := next.Hash()
	return sha256.Sum256(append(append([]byte{}, handoverDomain...), h[:]...))
}

// VerifyHandover checks that h hands over from c: h.Next has epoch c.Epoch()+1 (so the
// committee of epoch 2^64-1 has no successor) and links to c.Hash() (ErrHandover), and c
// certified it with a quorum (VerifyQC). Bound: VerifyQC's.
func (c *Committee) VerifyHandover(h *Handover) error {
	if h.Next == nil {
		return fmt.Errorf("%w: no next committee", ErrHandover)
	}
	// The last epoch has no successor: c.epoch+1 would wrap to 0.
	if c.epoch == math.MaxUint64 || h.Next.Epoch() != c.epoch+1 {
		return fmt.Errorf("%w: next epoch %d after %d", ErrHandover, h.Next.Epoch(), c.epoch)
	}
	if h.Next.Prev() != c.hash {
		return fmt.Errorf("%w: next committee links to %x, current is %x", ErrHandover, h.Next.Prev(), c.hash)
	}
	return c.VerifyQC(HandoverMessage(h.Next), &h.QC)
}

// Chain follows a sequencer's hash-linked commitments from a trusted one. It accepts a
// commitment only if it is the next height, links to the head, keeps time monotonic, names
// the current committee's epoch and carries a quorum of that committee. A Chain is not safe
// for concurrent use.
type Chain struct {
	committee *Committee
	head      Commitment
	headHash  interop.Hash
}

// NewChain starts a chain at a trusted commitment, certified by committee.
func NewChain(trusted Commitment, committee *Committee) (*Chain, error) {
	if trusted.Epoch != committee.Epoch() {
		return nil, fmt.Errorf("%w: trusted commitment epoch %d, committee epoch %d", ErrEpoch, trusted.Epoch, committee.Epoch())
	}
	return &Chain{committee: committee, head: trusted, headHash: trusted.Hash()}, nil
}

// Head returns the last accepted commitment and its hash.
func (ch *Chain) Head() (Commitment, interop.Hash) { return ch.head, ch.headHash }

// Committee returns the current committee.
func (ch *Chain) Committee() *Committee { return ch.committee }

// Append accepts next as the new head. The checks, in order:
//
//	a) next is at the head's height + 1 (ErrHeight; a head at 2^64-1 has no next), or
//	   else, at the head's height with another hash, a fork (ErrFork);
//	b) next.Parent is the head's hash (ErrFork);
//	c) next.Timestamp is not below the head's (ErrTimestamp);
//	d) next.Epoch is the current committee's (ErrEpoch);
//	e) the QC certifies next.Hash() (Committee.VerifyQC), pairing last.
//
// Bound: constant work besides VerifyQC's.
func (ch *Chain) Append(next *Certified) error {
	c := &next.Commitment
	if c.Height == ch.head.Height && c.Hash() != ch.headHash {
		return fmt.Errorf("%w: second commitment at height %d", ErrFork, c.Height)
	}
	// The height after 2^64-1 does not exist; head.Height+1 would wrap to 0.
	if ch.head.Height == math.MaxUint64 || c.Height != ch.head.Height+1 {
		return fmt.Errorf("%w: height %d after %d", ErrHeight, c.Height, ch.head.Height)
	}
	if c.Parent != ch.headHash {
		return fmt.Errorf("%w: height %d parent %x, head %x", ErrFork, c.Height, c.Parent, ch.headHash)
	}
	if c.Timestamp < ch.head.Timestamp {
		return fmt.Errorf("%w: timestamp %d after %d", ErrTimestamp, c.Timestamp, ch.head.Timestamp)
	}
	if c.Epoch != ch.committee.Epoch() {
		return fmt.Errorf("%w: height %d epoch %d, committee epoch %d", ErrEpoch, c.Height, c.Epoch, ch.committee.Epoch())
	}
	h := c.Hash()
	if err := ch.committee.VerifyQC(h, &next.QC); err != nil {
		return fmt.Errorf("height %d: %w", c.Height, err)
	}
	ch.head, ch.headHash = *c, h
	return nil
}

// Rotate moves the chain to the next committee after checking the handover
// (Committee.VerifyHandover). Commitments after it must name the new epoch.
func (ch *Chain) Rotate(h *Handover) error {
	if err := ch.committee.VerifyHandover(h); err != nil {
		return err
	}
	ch.committee = h.Next
	return nil
}

// VerifyChain checks a run of certified commitments from a trusted start with one
// committee, and returns the last one (Chain.Append for each). Bound: one Append per
// commitment, constant memory.
func VerifyChain(trusted Commitment, committee *Committee, run []Certified) (Commitment, error) {
	ch, err := NewChain(trusted, committee)
	if err != nil {
		return Commitment{}, err
	}
	for i := range run {
		if err := ch.Append(&run[i]); err != nil {
			return Commitment{}, fmt.Errorf("commitment %d: %w", i, err)
		}
	}
	return ch.head, nil
}
