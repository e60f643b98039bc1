package ordering

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
)

// MaxCommitteeSize bounds committees, and so signer bitmaps, before anything is allocated.
const MaxCommitteeSize = 1 << 16

// Member is a committee member: a BLS public key and its stake. Keys must have passed a
// proof of possession (bls.PopVerify) when they registered; aggregate verification relies
// on it against rogue-key attacks.
type Member struct {
	Key   *bls.PublicKey
	Stake uint256.Int
}

// Threshold is the fraction of total stake a quorum needs, Num/Den in (0, 1]: a QC is a
// quorum iff signed ≥ ⌈total·Num/Den⌉. The zero value is HotShot's rule, signed ≥
// SuccessThreshold(total) = ⌊2·total/3⌋ + 1, strictly more than two thirds. It is the
// module's one fraction type, interop.Fraction.
type Threshold = interop.Fraction

// Committee is a weighted set of signers for one epoch. It is immutable and safe for
// concurrent use.
type Committee struct {
	epoch   uint64
	prev    interop.Hash
	members []Member
	total   uint256.Int
	quorum  uint256.Int
	thr     Threshold
	hash    interop.Hash
}

var committeeDomain = []byte("interop/ordering/committee/v1\x00")

// NewCommittee returns the committee of epoch, hash-linked to the previous epoch's
// committee hash prev. It rejects: no members or more than MaxCommitteeSize
// (ErrInvalidCommittee), a nil key (ErrInvalidCommittee), a key listed twice
// (ErrDuplicateSigner), a member with zero stake (ErrZeroStake), stakes that overflow 256
// bits (ErrStakeOverflow) and a threshold outside (0, 1] (ErrThreshold). Bound: linear
// in the members (one set entry, one addition and one hash update each).
func NewCommittee(epoch uint64, prev interop.Hash, members []Member, thr Threshold) (*Committee, error) {
	if len(members) == 0 || len(members) > MaxCommitteeSize {
		return nil, fmt.Errorf("%w: %d members", ErrInvalidCommittee, len(members))
	}
	if thr != (Threshold{}) && (thr.Num == 0 || thr.Den == 0 || thr.Num > thr.Den) {
		return nil, fmt.Errorf("%w: threshold %d/%d", ErrThreshold, thr.Num, thr.Den)
	}
	c := &Committee{epoch: epoch, prev: prev, members: make([]Member, len(members)), thr: thr}
	seen := make(map[[bls.PublicKeySize]byte]int, len(members))
	for i, m := range members {
		if m.Key == nil {
			return nil, fmt.Errorf("%w: member %d: nil key", ErrInvalidCommittee, i)
		}
		kb := m.Key.Bytes()
		if j, dup := seen[kb]; dup {
			return nil, fmt.Errorf("%w: members %d and %d share key %x", ErrDuplicateSigner, j, i, kb[:8])
		}
		seen[kb] = i
		if m.Stake.IsZero() {
			return nil, fmt.Errorf("%w: member %d", ErrZeroStake, i)
		}
		if _, overflow := c.total.AddOverflow(&c.total, &m.Stake); overflow {
			return nil, fmt.Errorf("%w: adding member %d", ErrStakeOverflow, i)
		}
		c.members[i] = m
	}
	if thr == (Threshold{}) {
		c.quorum = *SuccessThreshold(&c.total)
	} else {
		c.quorum = *fractionThreshold(&c.total, thr)
	}
	c.hash = c.computeHash()
	return c, nil
}

// computeHash commits to everything that decides a QC's validity: epoch, predecessor,
// members in order with stakes, and the threshold.
func (c *Committee) computeHash() interop.Hash {
	d := sha256.New()
	d.Write(committeeDomain)
	var buf [8 + 32 + 4]byte
	binary.BigEndian.PutUint64(buf[:], c.epoch)
	copy(buf[8:], c.prev[:])
	binary.BigEndian.PutUint32(buf[40:], uint32(len(c.members)))
	d.Write(buf[:])
	for _, m := range c.members {
		kb := m.Key.Bytes()
		sb := m.Stake.Bytes32()
		d.Write(kb[:])
		d.Write(sb[:])
	}
	var tb [16]byte
	binary.BigEndian.PutUint64(tb[:], c.thr.Num)
	binary.BigEndian.PutUint64(tb[8:], c.thr.Den)
	d.Write(tb[:])
	var h interop.Hash
	d.Sum(h[:0])
	return h
}

// Epoch returns the committee's epoch.
func (c *Committee) Epoch() uint64 { return c.epoch }

// Prev returns the hash of the previous epoch's committee.
func (c *Committee) Prev() interop.Hash { return c.prev }

// Hash returns the committee's hash, which the next committee links to.
func (c *Committee) Hash() interop.Hash { return c.hash }

// Len returns the number of members.
func (c *Committee) Len() int { return len(c.members) }

// Member returns member i.
func (c *Committee) Member(i int) Member { return c.members[i] }

// TotalStake returns the sum of all stakes.
func (c *Committee) TotalStake() uint256.Int { return c.total }

// QuorumStake returns the least signed stake that makes a quorum.
func (c *Committee) QuorumStake() uint256.Int { return c.quorum }

// maxHalf is U256::MAX / 2, where HotShot switches to the overflow-safe formula.
var maxHalf = new(uint256.Int).Rsh(new(uint256.Int).SetAllOne(), 1)

// maxNinth is U256::MAX / 9.
var maxNinth = new(uint256.Int).Div(new(uint256.Int).SetAllOne(), uint256.NewInt(9))

// SuccessThreshold is HotShot's quorum (espresso-network stake_table.rs success_threshold):
// ⌊total·2/3⌋ + 1, computed as ⌊total/3⌋·2 + 2 when total ≥ U256::MAX/2 so that total·2
// cannot overflow.
func SuccessThreshold(total *uint256.Int) *uint256.Int {
	z := new(uint256.Int)
	if total.Cmp(maxHalf) >= 0 {
		z.Div(total, uint256.NewInt(3))
		z.Lsh(z, 1)
		return z.AddUint64(z, 2)
	}
	z.Lsh(total, 1)
	z.Div(z, uint256.NewInt(3))
	return z.AddUint64(z, 1)
}

// FailureThreshold is HotShot's failure_threshold: ⌊total/3⌋ + 1, the stake that can
// block a quorum.
func FailureThreshold(total *uint256.Int) *uint256.Int {
	z := new(uint256.Int).Div(total, uint256.NewInt(3))
	return z.AddUint64(z, 1)
}

// UpgradeThreshold is HotShot's upgrade_threshold: max(⌊total·9/10⌋, SuccessThreshold),
// with ⌊total/10⌋·9 when total ≥ U256::MAX/9.
func UpgradeThreshold(total *uint256.Int) *uint256.Int {
	z := new(uint256.Int)
	if total.Cmp(maxNinth) >= 0 {
		z.Div(total, uint256.NewInt(10))
		z.Mul(z, uint256.NewInt(9))
	} else {
		z.Mul(total, uint256.NewInt(9))
		z.Div(z, uint256.NewInt(10))
	}
	if s := SuccessThreshold(total); s.Gt(z) {
		return s
	}
	return z
}

// fractionThreshold is ⌈total·num/den⌉ with a 512-bit product, so no total overflows.
func fractionThreshold(total *uint256.Int, thr Threshold) *uint256.Int {
	num, den := uint256.NewInt(thr.Num), uint256.NewInt(thr.Den)
	z, _ := new(uint256.Int).MulDivOverflow(total, num, den)
	if rem := new(uint256.Int).MulMod(total, num, den); !rem.IsZero() {
		z.AddUint64(z, 1)
	}
	return z
}
