// Package orderingtest provides pgregory.net/rapid generators and honest and byzantine
// sequencer fakes for package ordering, for users' property suites: committees with their
// secret keys, per-rollup mempools, a sequencer that builds and certifies heights, and the
// misbehaviours ordering must catch (equivocation, omission, insertion, reordering,
// cross-rollup swaps, broken preconfirmations). BLS signing costs about a millisecond, so
// keep committees small in properties.
package orderingtest

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/ordering"
)

// Keys returns n secret keys derived deterministically from seed.
func Keys(seed string, n int) []*bls.SecretKey {
	out := make([]*bls.SecretKey, n)
	for i := range out {
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], uint64(i))
		d := sha256.Sum256(append([]byte(seed), buf[:]...))
		k := new(big.Int).SetBytes(d[:])
		k.Mod(k, fr.Modulus())
		if k.Sign() == 0 {
			k.SetUint64(1)
		}
		var b [32]byte
		k.FillBytes(b[:])
		sk, err := bls.SecretKeyFromBytes(b[:])
		if err != nil {
			panic(err) // 0 < k < r by construction
		}
		out[i] = sk
	}
	return out
}

// Fixture is a committee together with its members' secret keys.
type Fixture struct {
	Committee *ordering.Committee
	Keys      []*bls.SecretKey
}

// NewFixture builds the committee of epoch with one member per stake, keys from seed.
func NewFixture(seed string, epoch uint64, prev interop.Hash, stakes []uint64, thr ordering.Threshold) (*Fixture, error) {
	keys := Keys(seed, len(stakes))
	members := make([]ordering.Member, len(stakes))
	for i, s := range stakes {
		members[i] = ordering.Member{Key: keys[i].PublicKey(), Stake: *uint256.NewInt(s)}
	}
	c, err := ordering.NewCommittee(epoch, prev, members, thr)
	if err != nil {
		return nil, err
	}
	return &Fixture{Committee: c, Keys: keys}, nil
}

// Certify returns the QC of the given members over msg.
func (f *Fixture) Certify(msg interop.Hash, signers []int) (ordering.QC, error) {
	sigs := make([]*bls.Signature, len(signers))
	for i, s := range signers {
		if s < 0 || s >= len(f.Keys) {
			return ordering.QC{}, fmt.Errorf("%w: signer %d of %d", ordering.ErrBitmap, s, len(f.Keys))
		}
		sigs[i] = f.Keys[s].Sign(msg[:])
	}
	return ordering.NewQC(f.Committee, signers, sigs)
}

// Quorum returns the members, largest stake first, up to the first set that reaches the
// quorum: the smallest quorum by member count.
func (f *Fixture) Quorum() []int {
	idx := make([]int, f.Committee.Len())
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		sa, sb := f.Committee.Member(a).Stake, f.Committee.Member(b).Stake
		return sb.Cmp(&sa)
	})
	var sum uint256.Int
	q := f.Committee.QuorumStake()
	for i, m := range idx {
		s := f.Committee.Member(m).Stake
		sum.Add(&sum, &s)
		if !sum.Lt(&q) {
			out := slices.Clone(idx[:i+1])
			slices.Sort(out)
			return out
		}
	}
	return idx
}

// Committee generates fixtures of minSize to maxSize members with stakes 1..1000 and
// keys from a drawn seed.
func Committee(minSize, maxSize int) *rapid.Generator[*Fixture] {
	return rapid.Custom(func(t *rapid.T) *Fixture {
		stakes := rapid.SliceOfN(rapid.Uint64Range(1, 1000), minSize, maxSize).Draw(t, "stakes")
		seed := rapid.StringN(1, 8, 8).Draw(t, "seed")
		f, err := NewFixture(seed, 0, interop.Hash{}, stakes, ordering.Threshold{})
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return f
	})
}

// Lane is one rollup's mempool for a height, in arrival order.
type Lane struct {
	Rollup interop.ChainID
	Txs    [][]byte
}

// Mempools generates up to maxRollups lanes with distinct rollups (small ids, and the
// extremes 0 and 2^64-1), each with up to maxTxs non-empty transactions of up to maxSize
// bytes. Transactions repeat sometimes, within and across lanes.
func Mempools(maxRollups, maxTxs, maxSize int) *rapid.Generator[[]Lane] {
	return rapid.Custom(func(t *rapid.T) []Lane {
		ids := rapid.SliceOfNDistinct(rapid.OneOf(rapid.Uint64Range(0, 16), rapid.Just(uint64(1<<64-1)), rapid.Uint64()),
			0, maxRollups, func(x uint64) uint64 { return x }).Draw(t, "rollups")
		tx := rapid.SliceOfN(rapid.Byte(), 1, maxSize)
		out := make([]Lane, len(ids))
		for i, id := range ids {
			out[i] = Lane{Rollup: interop.ChainID(id), Txs: rapid.SliceOfN(tx, 0, maxTxs).Draw(t, "txs")}
		}
		return out
	})
}

// Sequencer is a fake shared sequencer over one committee: it builds heights from lanes,
// has the members in Signers certify them, and keeps every block. It is honest unless a
// byzantine method is called.
type Sequencer struct {
	Fixture *Fixture
	Signers []int          // members who certify each height
	Key     *bls.SecretKey // signs preconfirmations
	Genesis ordering.Commitment
	Blocks  []*ordering.Block
	Certs   []ordering.Certified
}

// NewSequencer starts a sequencer at a genesis commitment of height 0, certified by the
// fixture's smallest quorum.
func NewSequencer(f *Fixture, key *bls.SecretKey) *Sequencer {
	return &Sequencer{Fixture: f, Signers: f.Quorum(), Key: key,
		Genesis: ordering.Commitment{Epoch: f.Committee.Epoch()}}
}

// Head returns the last commitment and its hash.
func (s *Sequencer) Head() (ordering.Commitment, interop.Hash) {
	if len(s.Blocks) == 0 {
		return s.Genesis, s.Genesis.Hash()
	}
	b := s.Blocks[len(s.Blocks)-1]
	return b.Commitment, b.Hash()
}

func (s *Sequencer) build(lanes []Lane, bundles []ordering.Bundle) (*ordering.Block, error) {
	b := ordering.NewBuilder()
	for _, l := range lanes {
		for _, tx := range l.Txs {
			if err := b.Add(l.Rollup, tx); err != nil {
				return nil, err
			}
		}
	}
	for _, bu := range bundles {
		if err := b.AddBundle(bu); err != nil {
			return nil, err
		}
	}
	head, hh := s.Head()
	return b.Build(ordering.Header{Height: head.Height + 1, Parent: hh, Timestamp: head.Timestamp + 2, Epoch: s.Fixture.Committee.Epoch()})
}

// Propose builds, certifies and keeps the next height.
func (s *Sequencer) Propose(lanes []Lane, bundles ...ordering.Bundle) (ordering.Certified, error) {
	blk, err := s.build(lanes, bundles)
	if err != nil {
		return ordering.Certified{}, err
	}
	qc, err := s.Fixture.Certify(blk.Hash(), s.Signers)
	if err != nil {
		return ordering.Certified{}, err
	}
	c := ordering.Certified{Commitment: blk.Commitment, QC: qc}
	s.Blocks = append(s.Blocks, blk)
	s.Certs = append(s.Certs, c)
	return c, nil
}

// Block returns the block at height h ≥ 1.
func (s *Sequencer) Block(h uint64) (*ordering.Block, error) {
	if h == 0 || h > uint64(len(s.Blocks)) {
		return nil, fmt.Errorf("%w: height %d of %d", ordering.ErrHeight, h, len(s.Blocks))
	}
	return s.Blocks[h-1], nil
}

// RollupBlock returns rollup's transactions at height h with their completeness proof.
func (s *Sequencer) RollupBlock(rollup interop.ChainID, h uint64) (ordering.RollupBlock, error) {
	blk, err := s.Block(h)
	if err != nil {
		return ordering.RollupBlock{}, err
	}
	return blk.RollupBlock(rollup)
}

// Equivocate builds a second block at the last height from other lanes and has signersB
// certify it, alongside the kept block; the result is the equivocation evidence. It is
// byzantine exactly for the members in both s.Signers and signersB.
func (s *Sequencer) Equivocate(lanes []Lane, signersB []int) (ordering.Equivocation, error) {
	if len(s.Blocks) == 0 {
		return ordering.Equivocation{}, fmt.Errorf("%w: nothing to equivocate on", ordering.ErrHeight)
	}
	last := s.Blocks[len(s.Blocks)-1]
	b := ordering.NewBuilder()
	for _, l := range lanes {
		for _, tx := range l.Txs {
			if err := b.Add(l.Rollup, tx); err != nil {
				return ordering.Equivocation{}, err
			}
		}
	}
	c := last.Commitment
	alt, err := b.Build(ordering.Header{Height: c.Height, Parent: c.Parent, Timestamp: c.Timestamp + 1, Epoch: c.Epoch})
	if err != nil {
		return ordering.Equivocation{}, err
	}
	qc, err := s.Fixture.Certify(alt.Hash(), signersB)
	if err != nil {
		return ordering.Equivocation{}, err
	}
	return ordering.Equivocation{A: s.Certs[len(s.Certs)-1], B: ordering.Certified{Commitment: alt.Commitment, QC: qc}}, nil
}

// Promise signs a preconfirmation for tx on rollup over heights [first, deadline], at
// position when it is not negative. A position must fit the promise's uint32; a larger one
// is a caller's bug and panics rather than wrapping to another index.
func (s *Sequencer) Promise(tx []byte, rollup interop.ChainID, first, deadline uint64, position int) ordering.SignedPreconf {
	p := ordering.Preconf{Tx: ordering.TxHash(tx), Rollup: rollup, First: first, Deadline: deadline}
	if position >= 0 {
		if uint64(position) > math.MaxUint32 {
			panic(fmt.Sprintf("orderingtest: position %d does not fit a uint32", position))
		}
		p.HasPosition, p.Position = true, uint32(position)
	}
	return ordering.SignPreconf(s.Key, p)
}

// Breach assembles breach evidence for sp from the kept heights. It does not check that
// the promise was broken: verifying the result does.
func (s *Sequencer) Breach(sp ordering.SignedPreconf) (ordering.Breach, error) {
	p := sp.Preconf
	if p.First == 0 || p.Deadline < p.First || p.Deadline > uint64(len(s.Blocks)) {
		return ordering.Breach{}, fmt.Errorf("%w: window [%d, %d] of %d heights", ordering.ErrInvalidPreconf, p.First, p.Deadline, len(s.Blocks))
	}
	br := ordering.Breach{Promise: sp}
	for h := p.First; h <= p.Deadline; h++ {
		rb, err := s.RollupBlock(p.Rollup, h)
		if err != nil {
			return ordering.Breach{}, err
		}
		br.Heights = append(br.Heights, ordering.BreachHeight{Certified: s.Certs[h-1], Block: rb})
	}
	return br, nil
}

// Mutation names a byzantine change to a rollup block's transaction list.
type Mutation int

const (
	Omit    Mutation = iota // drop one transaction
	Insert                  // add a transaction
	Reorder                 // swap two different transactions
	Replace                 // change one transaction's bytes
)

// Tamper applies a drawn mutation to rb's transactions, leaving the proof as it was, and
// reports which; ok is false when rb has too few (distinct) transactions for it.
func Tamper(t *rapid.T, rb ordering.RollupBlock) (out ordering.RollupBlock, m Mutation, ok bool) {
	txs := slices.Clone(rb.Txs)
	m = Mutation(rapid.IntRange(0, 3).Draw(t, "mutation"))
	switch m {
	case Omit:
		if len(txs) == 0 {
			return rb, m, false
		}
		i := rapid.IntRange(0, len(txs)-1).Draw(t, "omit")
		txs = slices.Delete(txs, i, i+1)
	case Insert:
		i := rapid.IntRange(0, len(txs)).Draw(t, "insert")
		tx := rapid.SliceOfN(rapid.Byte(), 1, 16).Draw(t, "tx")
		txs = slices.Insert(txs, i, tx)
	case Reorder:
		var pairs [][2]int
		for i := range txs {
			for j := i + 1; j < len(txs); j++ {
				if string(txs[i]) != string(txs[j]) {
					pairs = append(pairs, [2]int{i, j})
				}
			}
		}
		if len(pairs) == 0 {
			return rb, m, false
		}
		p := pairs[rapid.IntRange(0, len(pairs)-1).Draw(t, "pair")]
		txs[p[0]], txs[p[1]] = txs[p[1]], txs[p[0]]
	case Replace:
		if len(txs) == 0 {
			return rb, m, false
		}
		i := rapid.IntRange(0, len(txs)-1).Draw(t, "replace")
		tx := slices.Clone(txs[i])
		tx[rapid.IntRange(0, len(tx)-1).Draw(t, "byte")] ^= byte(rapid.IntRange(1, 255).Draw(t, "flip"))
		txs[i] = tx
	}
	rb.Txs = txs
	return rb, m, true
}

// Bundle is a fixed list of legs, an ordering.Bundle.
type Bundle []ordering.Leg

// Legs returns the legs.
func (b Bundle) Legs() []ordering.Leg { return b }
