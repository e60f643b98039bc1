package ordering_test

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"github.com/interopkit/interop/proof/nmt"
)

func build(t *rapid.T, lanes []orderingtest.Lane) *ordering.Block {
	b := ordering.NewBuilder()
	for _, l := range lanes {
		for _, tx := range l.Txs {
			if err := b.Add(l.Rollup, tx); err != nil {
				t.Fatal(err)
			}
		}
	}
	blk, err := b.Build(ordering.Header{Height: 7})
	if err != nil {
		t.Fatal(err)
	}
	return blk
}

// TestPropRollupBlockExact: for random mempools, every rollup's RollupBlock verifies and
// holds exactly its transactions, in arrival order; a rollup with none gets a verifying
// empty block; RollupBlocks agrees with RollupBlock; encoding round-trips.
func TestPropRollupBlockExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lanes := orderingtest.Mempools(6, 12, 24).Draw(t, "lanes")
		blk := build(t, lanes)
		for _, l := range lanes {
			rb, err := blk.RollupBlock(l.Rollup)
			if err != nil {
				t.Fatal(err)
			}
			if err := rb.Verify(&blk.Commitment); err != nil {
				t.Fatalf("rollup %d: %v", l.Rollup, err)
			}
			if !slices.EqualFunc(rb.Txs, l.Txs, func(a, b []byte) bool { return string(a) == string(b) }) {
				t.Fatalf("rollup %d: got %x, put in %x", l.Rollup, rb.Txs, l.Txs)
			}
			enc, err := rb.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			dec, err := ordering.DecodeRollupBlock(enc)
			if err != nil {
				t.Fatal(err)
			}
			if err := dec.Verify(&blk.Commitment); err != nil {
				t.Fatalf("decoded: %v", err)
			}
		}
		other := interop.ChainID(rapid.Uint64().Draw(t, "other"))
		if !slices.ContainsFunc(lanes, func(l orderingtest.Lane) bool { return l.Rollup == other && len(l.Txs) > 0 }) {
			rb, _ := blk.RollupBlock(other)
			if len(rb.Txs) != 0 || rb.Verify(&blk.Commitment) != nil {
				t.Fatalf("absent rollup %d: %d txs, %v", other, len(rb.Txs), rb.Verify(&blk.Commitment))
			}
		}
		all, err := blk.RollupBlocks()
		if err != nil {
			t.Fatal(err)
		}
		for _, rb := range all {
			if err := rb.Verify(&blk.Commitment); err != nil {
				t.Fatalf("RollupBlocks %d: %v", rb.Rollup, err)
			}
		}
	})
}

// TestPropRollupBlockTampered: omitting, inserting, reordering or changing a transaction,
// presenting one rollup's block as another's (cross-namespace swap), or moving a
// transaction from one rollup to another makes verification fail.
func TestPropRollupBlockTampered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lanes := orderingtest.Mempools(5, 10, 16).Draw(t, "lanes")
		if len(lanes) == 0 {
			return
		}
		blk := build(t, lanes)
		l := lanes[rapid.IntRange(0, len(lanes)-1).Draw(t, "lane")]
		rb, _ := blk.RollupBlock(l.Rollup)
		if bad, m, ok := orderingtest.Tamper(t, rb); ok {
			if err := bad.Verify(&blk.Commitment); !errors.Is(err, ordering.ErrInvalidProof) {
				t.Fatalf("mutation %d accepted: %v", m, err)
			}
		}
		o := lanes[rapid.IntRange(0, len(lanes)-1).Draw(t, "other")]
		if o.Rollup == l.Rollup || (len(o.Txs) == 0 && len(l.Txs) == 0) {
			return
		}
		swapped := rb
		swapped.Rollup = o.Rollup
		if err := swapped.Verify(&blk.Commitment); err == nil {
			t.Fatalf("block of %d accepted as %d's", l.Rollup, o.Rollup)
		}
		if len(o.Txs) > 0 {
			moved := rb
			moved.Txs = append(slices.Clone(rb.Txs), o.Txs[0])
			if err := moved.Verify(&blk.Commitment); err == nil {
				t.Fatalf("transaction of %d accepted in %d's block", o.Rollup, l.Rollup)
			}
		}
	})
}

// TestPropBundleSameHeight: every leg of an added bundle lands at the one height, and its
// inclusion verifies against that height's commitment.
func TestPropBundleSameHeight(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lanes := orderingtest.Mempools(4, 6, 16).Draw(t, "lanes")
		var bu orderingtest.Bundle
		for i, n := 0, rapid.IntRange(1, 4).Draw(t, "legs"); i < n; i++ {
			bu = append(bu, ordering.Leg{
				Rollup: interop.ChainID(rapid.Uint64Range(0, 6).Draw(t, "legRollup")),
				Tx:     rapid.SliceOfN(rapid.Byte(), 1, 16).Draw(t, "legTx"),
			})
		}
		b := ordering.NewBuilder()
		for _, l := range lanes {
			for _, tx := range l.Txs {
				_ = b.Add(l.Rollup, tx)
			}
		}
		if err := b.AddBundle(bu); err != nil {
			t.Fatal(err)
		}
		blk, err := b.Build(ordering.Header{Height: 3})
		if err != nil {
			t.Fatal(err)
		}
		ins, err := blk.BundleInclusions(bu)
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range ins {
			if in.Height != 3 || string(in.Tx) != string(bu[i].Tx) || in.Verify(&blk.Commitment) != nil {
				t.Fatalf("leg %d: %+v, %v", i, in, in.Verify(&blk.Commitment))
			}
			in.Rollup++
			if in.Verify(&blk.Commitment) == nil {
				t.Fatalf("leg %d accepted for another rollup", i)
			}
		}
	})
}

var (
	fixOnce sync.Once
	fix     *orderingtest.Fixture
)

// fixture is a 5-member committee shared by the signing properties (keygen and signing
// dominate their cost).
func fixture(t testing.TB) *orderingtest.Fixture {
	fixOnce.Do(func() {
		f, err := orderingtest.NewFixture("prop", 0, interop.Hash{}, []uint64{40, 30, 20, 10, 5}, ordering.Threshold{})
		if err != nil {
			t.Fatal(err)
		}
		fix = f
	})
	return fix
}

// TestPropQuorum: a QC verifies iff its signers' stake reaches ⌊2·total/3⌋+1.
func TestPropQuorum(t *testing.T) {
	f := fixture(t)
	rapid.Check(t, func(t *rapid.T) {
		signers := rapid.SliceOfNDistinct(rapid.IntRange(0, 4), 1, 5, func(i int) int { return i }).Draw(t, "signers")
		msg := interop.Hash{byte(len(signers))}
		qc, err := f.Certify(msg, signers)
		if err != nil {
			t.Fatal(err)
		}
		var signed uint256.Int
		for _, s := range signers {
			st := f.Committee.Member(s).Stake
			signed.Add(&signed, &st)
		}
		q := f.Committee.QuorumStake()
		err = f.Committee.VerifyQC(msg, &qc)
		if want := !signed.Lt(&q); (err == nil) != want {
			t.Fatalf("signers %v stake %s quorum %s: %v", signers, signed.Dec(), q.Dec(), err)
		}
		if err := f.Committee.VerifyQC(interop.Hash{0xEE}, &qc); err == nil {
			t.Fatal("QC accepted for another message")
		}
	})
}

// TestPropEquivocationNeedsTwoSignatures: an honest member signs at most one commitment
// per height. Whatever the other members sign, evidence naming the honest member never
// verifies, and evidence built from the honest member's messages alone never verifies.
func TestPropEquivocationNeedsTwoSignatures(t *testing.T) {
	f := fixture(t)
	rapid.Check(t, func(t *rapid.T) {
		honest := rapid.IntRange(0, 4).Draw(t, "honest")
		heights := []uint64{1, 2 + rapid.Uint64Range(0, 5).Draw(t, "dh")}
		var honestCerts []ordering.Certified
		for i, h := range heights {
			c := ordering.Commitment{Height: h, Timestamp: uint64(i), Root: ordering.Root{byte(i)}}
			qc, _ := f.Certify(c.Hash(), []int{honest})
			honestCerts = append(honestCerts, ordering.Certified{Commitment: c, QC: qc})
		}
		// Honest messages alone: different heights, or the same commitment twice.
		for _, e := range []ordering.Equivocation{{A: honestCerts[0], B: honestCerts[1]}, {A: honestCerts[0], B: honestCerts[0]}} {
			if _, err := e.Verify(f.Committee); err == nil {
				t.Fatal("equivocation built from one honest signer's messages")
			}
		}
		// The adversary holds every other key and forges a conflicting commitment at the
		// honest member's height, claiming the honest member signed it too.
		var others []int
		for i := 0; i < 5; i++ {
			if i != honest && rapid.Bool().Draw(t, "byz") {
				others = append(others, i)
			}
		}
		fake := ordering.Commitment{Height: heights[0], Root: ordering.Root{0xAA}}
		var qc ordering.QC
		if len(others) > 0 {
			qc, _ = f.Certify(fake.Hash(), others)
		} else {
			qc, _ = f.Certify(fake.Hash(), []int{(honest + 1) % 5})
		}
		qc.Signers[honest/8] |= 1 << (honest % 8)
		e := ordering.Equivocation{A: honestCerts[0], B: ordering.Certified{Commitment: fake, QC: qc}}
		off, err := e.Verify(f.Committee)
		if err == nil && slices.Contains(off.Signers, honest) {
			t.Fatalf("honest member %d framed: %+v", honest, off)
		}
		if err == nil {
			t.Fatalf("forged aggregate accepted: %+v", off)
		}
	})
}

// TestPropEquivocationCaught: members who certify two commitments at one height are
// exactly the offenders, with their stake as slashable.
func TestPropEquivocationCaught(t *testing.T) {
	f := fixture(t)
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfNDistinct(rapid.IntRange(0, 4), 1, 5, func(i int) int { return i }).Draw(t, "a")
		b := rapid.SliceOfNDistinct(rapid.IntRange(0, 4), 1, 5, func(i int) int { return i }).Draw(t, "b")
		ca := ordering.Commitment{Height: 9, Root: ordering.Root{1}}
		cb := ordering.Commitment{Height: 9, Root: ordering.Root{2}}
		qa, _ := f.Certify(ca.Hash(), a)
		qb, _ := f.Certify(cb.Hash(), b)
		e := ordering.Equivocation{A: ordering.Certified{Commitment: ca, QC: qa}, B: ordering.Certified{Commitment: cb, QC: qb}}
		off, err := e.Verify(f.Committee)
		var both []int
		var stake uint256.Int
		for i := 0; i < 5; i++ {
			if slices.Contains(a, i) && slices.Contains(b, i) {
				both = append(both, i)
				s := f.Committee.Member(i).Stake
				stake.Add(&stake, &s)
			}
		}
		if len(both) == 0 {
			if !errors.Is(err, ordering.ErrNotEquivocation) {
				t.Fatalf("disjoint signers: %v", err)
			}
			return
		}
		if err != nil || !slices.Equal(off.Signers, both) || !off.Slashable.Eq(&stake) {
			t.Fatalf("offence %+v, %v; want %v stake %s", off, err, both, stake.Dec())
		}
	})
}

// TestPropPreconfEvidence: breach evidence verifies exactly when the promised transaction
// is absent (or not at the promised position) at every height of the window; against an
// honoured promise it cannot be built, not even by omitting the transaction from a block.
func TestPropPreconfEvidence(t *testing.T) {
	f := fixture(t)
	seqKey := orderingtest.Keys("sequencer", 1)[0]
	rapid.Check(t, func(t *rapid.T) {
		s := orderingtest.NewSequencer(f, seqKey)
		rollup := interop.ChainID(rapid.Uint64Range(1, 3).Draw(t, "rollup"))
		tx := []byte("promised")
		n := rapid.IntRange(1, 3).Draw(t, "heights")
		at := rapid.IntRange(0, n).Draw(t, "includeAt") // n: never included
		pos := -1
		for h := 0; h < n; h++ {
			lanes := orderingtest.Mempools(3, 3, 8).Draw(t, "lanes")
			if h == at {
				i := slices.IndexFunc(lanes, func(l orderingtest.Lane) bool { return l.Rollup == rollup })
				if i < 0 {
					lanes = append(lanes, orderingtest.Lane{Rollup: rollup})
					i = len(lanes) - 1
				}
				pos = len(lanes[i].Txs)
				lanes[i].Txs = append(lanes[i].Txs, tx)
			}
			for i := range lanes {
				if h != at || lanes[i].Rollup != rollup {
					lanes[i].Txs = slices.DeleteFunc(lanes[i].Txs, func(b []byte) bool { return string(b) == string(tx) })
				}
			}
			if _, err := s.Propose(lanes); err != nil {
				t.Fatal(err)
			}
		}
		promisePos := -1
		if rapid.Bool().Draw(t, "withPosition") {
			promisePos = rapid.IntRange(0, 3).Draw(t, "position")
		}
		sp := s.Promise(tx, rollup, 1, uint64(n), promisePos)
		br, err := s.Breach(sp)
		if err != nil {
			t.Fatal(err)
		}
		honoured := at < n && (promisePos < 0 || promisePos == pos)
		err = br.Verify(seqKey.PublicKey(), f.Committee)
		if honoured {
			if !errors.Is(err, ordering.ErrNotBreach) {
				t.Fatalf("breach of an honoured promise: %v", err)
			}
			// The sequencer hides the transaction from the block that holds it.
			hb := &br.Heights[at]
			hb.Block.Txs = slices.DeleteFunc(slices.Clone(hb.Block.Txs), func(b []byte) bool { return string(b) == string(tx) })
			if err := br.Verify(seqKey.PublicKey(), f.Committee); !errors.Is(err, ordering.ErrInvalidProof) {
				t.Fatalf("breach by omission: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("broken promise (at %d of %d, pos %d, promised %d): %v", at, n, pos, promisePos, err)
		}
		if len(br.Heights) > 1 {
			short := br
			short.Heights = br.Heights[:len(br.Heights)-1]
			if err := short.Verify(seqKey.PublicKey(), f.Committee); !errors.Is(err, ordering.ErrNotBreach) {
				t.Fatalf("evidence missing a height: %v", err)
			}
		}
		if err := br.Verify(orderingtest.Keys("other", 1)[0].PublicKey(), f.Committee); !errors.Is(err, ordering.ErrInvalidSignature) {
			t.Fatalf("promise of another key: %v", err)
		}
	})
}

// TestPropChain: an honest run verifies from genesis; a commitment with another parent,
// skipped height, or a QC below quorum is rejected.
func TestPropChain(t *testing.T) {
	f := fixture(t)
	rapid.Check(t, func(t *rapid.T) {
		s := orderingtest.NewSequencer(f, nil)
		n := rapid.IntRange(1, 3).Draw(t, "n")
		for i := 0; i < n; i++ {
			if _, err := s.Propose(orderingtest.Mempools(2, 2, 4).Draw(t, "lanes")); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ordering.VerifyChain(s.Genesis, f.Committee, s.Certs); err != nil {
			t.Fatal(err)
		}
		run := slices.Clone(s.Certs)
		i := rapid.IntRange(0, n-1).Draw(t, "i")
		switch rapid.IntRange(0, 2).Draw(t, "fault") {
		case 0:
			run[i].Commitment.Parent[0] ^= 1
			qc, _ := f.Certify(run[i].Commitment.Hash(), s.Signers)
			run[i].QC = qc
			if _, err := ordering.VerifyChain(s.Genesis, f.Committee, run); !errors.Is(err, ordering.ErrFork) {
				t.Fatalf("fork: %v", err)
			}
		case 1:
			run = slices.Delete(run, i, i+1)
			if i == n-1 {
				return
			}
			if _, err := ordering.VerifyChain(s.Genesis, f.Committee, run); !errors.Is(err, ordering.ErrHeight) {
				t.Fatalf("gap: %v", err)
			}
		case 2:
			qc, _ := f.Certify(run[i].Commitment.Hash(), []int{0})
			run[i].QC = qc
			if _, err := ordering.VerifyChain(s.Genesis, f.Committee, run); !errors.Is(err, ordering.ErrNoQuorum) {
				t.Fatalf("minority QC: %v", err)
			}
		}
	})
}

// TestPropCommitmentEncoding: the encoding round-trips and the hash binds every field.
func TestPropCommitmentEncoding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var c ordering.Commitment
		c.Height, c.Timestamp, c.Epoch = rapid.Uint64().Draw(t, "h"), rapid.Uint64().Draw(t, "ts"), rapid.Uint64().Draw(t, "e")
		copy(c.Parent[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "parent"))
		copy(c.Root[16:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "digest"))
		enc := c.AppendBinary(nil)
		got, err := ordering.DecodeCommitment(enc)
		if err != nil || got != c {
			t.Fatalf("round trip %+v, %v", got, err)
		}
		i := rapid.IntRange(0, len(enc)-1).Draw(t, "i")
		enc[i] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
		if d, err := ordering.DecodeCommitment(enc); err == nil && d.Hash() == c.Hash() {
			t.Fatal("changed commitment, same hash")
		}
	})
}

var _ = nmt.ErrIncomplete

// TestEmptyMempool: a rollup whose mempool is empty is absent from the block, and its
// (empty) rollup block still verifies.
func TestEmptyMempool(t *testing.T) {
	b := ordering.NewBuilder()
	if err := b.AddMempool(5, nil); err != nil {
		t.Fatal(err)
	}
	_ = b.Add(6, []byte{1})
	blk, err := b.Build(ordering.Header{Height: 1})
	if err != nil {
		t.Fatal(err)
	}
	rbs, err := blk.RollupBlocks()
	if err != nil || len(rbs) != 1 || len(blk.Rollups()) != 1 {
		t.Fatalf("%d rollup blocks, %v", len(rbs), err)
	}
	rb, _ := blk.RollupBlock(5)
	if err := rb.Verify(&blk.Commitment); err != nil || len(rb.Txs) != 0 {
		t.Fatalf("empty rollup: %d txs, %v", len(rb.Txs), err)
	}
}
