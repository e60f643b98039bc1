package bundle_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"github.com/interopkit/interop/proof/mpt"
)

// maxBundle is the largest bundle Validate accepts: MaxLegs legs on one chain, each of
// MaxTxSize bytes that differ only in the last, each expecting a log of MaxTopics topics
// and MaxEffectLen bytes of data.
func maxBundle() bundle.Bundle {
	b := bundle.Bundle{Nonce: 1}
	for i := range bundle.MaxLegs {
		tx := bytes.Repeat([]byte{0xab}, bundle.MaxTxSize)
		tx[len(tx)-1] = byte(i)
		b.Legs = append(b.Legs, bundle.Leg{Chain: 10, Tx: tx, Window: bundle.Window{MinHeight: 1, MaxHeight: math.MaxUint64},
			Expect: &bundle.Effect{Log: &bundle.LogMatch{Topics: make([]interop.Hash, bundle.MaxTopics), Data: make([]byte, bundle.MaxEffectLen)}}})
	}
	return b
}

// manyLegs is MaxLegs legs of one byte each, each expecting a log of MaxTopics topics
// and no data: the most structure per input byte.
func manyLegs() bundle.Bundle {
	b := bundle.Bundle{Nonce: 1}
	for i := range bundle.MaxLegs {
		b.Legs = append(b.Legs, bundle.Leg{Chain: interop.ChainID(i), Tx: []byte{byte(i)}, Expect: &bundle.Effect{Log: &bundle.LogMatch{Topics: make([]interop.Hash, bundle.MaxTopics)}}})
	}
	return b
}

// fixedOrdered is an Ordered over given lists, for hostile inclusion inputs.
type fixedOrdered map[interop.ChainID][][]byte

func (o fixedOrdered) Height() uint64 { return 1 }

func (o fixedOrdered) Transactions(c interop.ChainID) ([][]byte, error) {
	txs, ok := o[c]
	if !ok {
		return nil, fmt.Errorf("chain %d not covered", c)
	}
	return txs, nil
}

func listBytes(txs [][]byte) int {
	n := 0
	for _, tx := range txs {
		n += 4 + len(tx)
	}
	return n
}

// TestBoundsAllocPerInputByte feeds every decoder and verifier of the package input at its
// bounds and holds it to hostile.Bounded (100 bytes allocated per input byte + 64 KiB), or
// tighter where the bound is tighter.
func TestBoundsAllocPerInputByte(t *testing.T) {
	big := maxBundle()
	bigEnc, err := big.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	small := manyLegs()
	smallEnc, err := small.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("DecodeBundle", func(t *testing.T) {
		for name, enc := range map[string][]byte{"largest bundle": bigEnc, "most legs and topics per byte": smallEnc} {
			bounded(t, name, len(enc), func() {
				if _, err := bundle.DecodeBundle(enc); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			})
		}
		// A header announcing MaxLegs legs followed by almost nothing: refused before the
		// legs are allocated (they would cost 80 bytes each, 5 KiB).
		hdr := append(smallEnc[:30:30], make([]byte, 40)...)
		small := func(name string, in []byte) {
			limit := uint64(8*len(in) + 512)
			if got := perCall(func() {
				if _, err := bundle.DecodeBundle(in); !errors.Is(err, bundle.ErrEncoding) {
					t.Errorf("%s: %v", name, err)
				}
			}); got > limit {
				t.Errorf("%s: %d input bytes allocated %d bytes a call, bound %d", name, len(in), got, limit)
			}
		}
		small("leg count without legs", hdr)
		// A transaction length of MaxTxSize with nothing behind it.
		trunc := bytes.Clone(smallEnc[:30+8+1+32])
		small("transaction length without bytes", append(trunc, 0, 2, 0, 0))
	})

	t.Run("Validate", func(t *testing.T) {
		// Duplicate detection compares legs pairwise: at most MaxLegs²/2 comparisons of
		// at most MaxTxSize bytes, and no allocation.
		hostile.Proportional(t, "largest bundle", len(bigEnc), 0, 1024, func() {
			if err := big.Validate(nil); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("Signed.Verify", func(t *testing.T) {
		key, err := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{7}, 32))
		if err != nil {
			t.Fatal(err)
		}
		s, err := bundle.Sign(big, key)
		if err != nil {
			t.Fatal(err)
		}
		bounded(t, "largest bundle", len(bigEnc)+65, func() {
			if _, err := s.Verify(); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("CheckInclusion", func(t *testing.T) {
		// MaxLegs legs of 4 KiB on one chain, and a list of 4,096 transactions of the same
		// length and prefix, the legs last: a leg-by-transaction scan compares 256 Ki pairs
		// of 4 KiB.
		const n, size = 4096, 4096
		var b bundle.Bundle
		var txs [][]byte
		for i := range n {
			tx := bytes.Repeat([]byte{0xcd}, size)
			tx[size-2], tx[size-1] = byte(i>>8), byte(i)
			txs = append(txs, tx)
		}
		for i := range bundle.MaxLegs {
			b.Legs = append(b.Legs, bundle.Leg{Chain: 10, Tx: bytes.Clone(txs[n-bundle.MaxLegs+i])})
		}
		o := fixedOrdered{10: txs}
		in := listBytes(txs) + size*bundle.MaxLegs
		start := time.Now()
		u := bounded(t, "64 legs in a list of 4096 look-alikes", in, func() {
			res, err := bundle.CheckInclusion(&b, o)
			if err != nil || res.Status != bundle.IncludedAtomically {
				t.Errorf("%v %v", res.Status, err)
			}
		})
		t.Logf("CheckInclusion: %d input bytes, %d bytes allocated, %s", in, u.Bytes, time.Since(start))
	})

	t.Run("CheckExecution", func(t *testing.T) {
		// Absence over the longest window the verifier accepts: a root lookup and an
		// empty-list DeriveRoot per height.
		src := &lightclient.Memory{}
		empty := mpt.DeriveRoot(nil)
		w := bundle.Window{MinHeight: 1, MaxHeight: bundle.MaxAbsenceBlocks}
		ev := bundle.LegEvidence{Chain: 10}
		for h := w.MinHeight; h <= w.MaxHeight; h++ {
			if err := src.Add(lightclient.Root{Chain: 10, Height: h, Kind: lightclient.TransactionsRoot, Value: empty, Finality: lightclient.Finalized}); err != nil {
				t.Fatal(err)
			}
			ev.Absent = append(ev.Absent, bundle.BlockTxs{Block: h})
		}
		b := bundle.Bundle{Legs: []bundle.Leg{{Chain: 10, Tx: []byte{1}, Window: w}}}
		v := bundle.ReceiptVerifier{Roots: src}
		bounded(t, "absence over MaxAbsenceBlocks heights", 8*len(ev.Absent), func() {
			res, err := bundle.CheckExecution(&b, v, []bundle.LegEvidence{ev})
			if err != nil || res.Status != bundle.NoneExecuted {
				t.Errorf("%v %v", res.Status, err)
			}
		})
		// The widest window with a list one longer than the limit: refused before a block
		// is looked at.
		b.Legs[0].Window = bundle.Window{MinHeight: 0, MaxHeight: math.MaxUint64}
		long := bundle.LegEvidence{Chain: 10, Absent: make([]bundle.BlockTxs, bundle.MaxAbsenceBlocks+1)}
		hostile.Proportional(t, "absence over [0, 2^64-1]", 8*len(long.Absent), 0, 4096, func() {
			if _, err := bundle.CheckExecution(&b, v, []bundle.LegEvidence{long}); !errors.Is(err, bundle.ErrAbsenceWindow) {
				t.Errorf("absence over [0, 2^64-1]: %v", err)
			}
		})
		// Inclusion in a block of 10,000 transactions, one for each leg of a full bundle.
		chain := bundletest.NewChain(10)
		var txs [][]byte
		var rcs []mpt.Receipt
		for i := range 10000 {
			txs = append(txs, []byte{0x02, byte(i >> 8), byte(i)})
			rcs = append(rcs, mpt.Receipt{Type: 2, Status: 1, Logs: []mpt.Log{{Topics: make([]interop.Hash, 4), Data: []byte{1}}}})
		}
		if err := chain.AddBlock(3, txs, rcs); err != nil {
			t.Fatal(err)
		}
		src = &lightclient.Memory{}
		if err := chain.Publish(src, lightclient.Safe); err != nil {
			t.Fatal(err)
		}
		var inc bundle.Bundle
		var evs []bundle.LegEvidence
		size := 0
		for i := range bundle.MaxLegs {
			l := bundle.Leg{Chain: 10, Tx: txs[i*150], Expect: &bundle.Effect{Log: &bundle.LogMatch{Topics: make([]interop.Hash, 4)}}}
			inc.Legs = append(inc.Legs, l)
			e := chain.Evidence(&l)
			for _, p := range append(e.TxProof, e.ReceiptProof...) {
				size += len(p)
			}
			evs = append(evs, e)
		}
		bounded(t, "inclusion of 64 legs", size, func() {
			res, err := bundle.CheckExecution(&inc, bundle.ReceiptVerifier{Roots: src}, evs)
			if err != nil || res.Status != bundle.AllExecuted {
				t.Errorf("%v %v", res.Status, err)
			}
		})
	})

	t.Run("Pack", func(t *testing.T) {
		// 4,096 candidates of MaxLegs legs, each leg on one of 4 chains with 4 keys:
		// in memory, 32+32+24 bytes per candidate, 40 per leg and 32 per key.
		p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{}}
		for _, c := range bundletest.Chains {
			p.Capacity[c] = math.MaxUint64
		}
		cands := make([]bundle.Candidate, 4096)
		in := 0
		for i := range cands {
			c := &cands[i]
			c.ID = interop.Hash{byte(i >> 8), byte(i)}
			c.Fee = *uint256.NewInt(uint64(i))
			for j := range bundle.MaxLegs {
				l := bundle.PackLeg{Chain: bundletest.Chains[j%4], Size: 1 << 57}
				for k := range 4 {
					l.Keys = append(l.Keys, bundle.ConflictKey{byte(i), byte(i >> 8), byte(j), byte(k)})
				}
				c.Legs = append(c.Legs, l)
				in += 40 + 32*len(l.Keys)
			}
			in += 88
		}
		bounded(t, "4096 candidates of 64 legs", in, func() {
			if _, err := p.Pack(cands); err != nil {
				t.Error(err)
			}
		})
		bounded(t, "16 candidates of 64 legs (exact search)", in/256, func() {
			if _, err := p.Pack(cands[:bundle.ExactLimit]); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("Pack exact search", func(t *testing.T) {
		// ExactLimit candidates of one or two legs on three small chains, with a few
		// conflict keys: the branch and bound visits tens of thousands of nodes, which must
		// not allocate (a map copy per node cost 200 bytes per input byte).
		rng := rand.New(rand.NewSource(1))
		worst := 0.0
		for range 300 {
			p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{1: 100, 2: 100, 3: 100}}
			var cands []bundle.Candidate
			in := 0
			for i := range bundle.ExactLimit {
				c := bundle.Candidate{ID: interop.Hash{byte(i)}, Fee: *uint256.NewInt(uint64(rng.Intn(1000) + 1000))}
				for range 1 + rng.Intn(2) {
					l := bundle.PackLeg{Chain: interop.ChainID(1 + rng.Intn(3)), Size: uint64(10 + rng.Intn(30))}
					if rng.Intn(2) == 0 {
						l.Keys = []bundle.ConflictKey{{byte(rng.Intn(6))}}
					}
					c.Legs = append(c.Legs, l)
					in += 40 + 32*len(l.Keys)
				}
				cands = append(cands, c)
				in += 88
			}
			u := hostile.Alloc(func() {
				if _, err := p.Pack(cands); err != nil {
					t.Error(err)
				}
			})
			if u.Bytes > hostile.MaxBytesPerInputByte*uint64(in) {
				t.Fatalf("%d input bytes allocated %d bytes", in, u.Bytes)
			}
			worst = max(worst, float64(u.Bytes)/float64(in))
		}
		t.Logf("exact search: at most %.2f bytes allocated per input byte", worst)
	})

	t.Run("VerifyOrdered", func(t *testing.T) {
		f, err := orderingtest.NewFixture("bundle-bounds", 0, interop.Hash{}, []uint64{1, 1, 1, 1}, ordering.Threshold{})
		if err != nil {
			t.Fatal(err)
		}
		seq := orderingtest.NewSequencer(f, orderingtest.Keys("bundle-bounds-seq", 1)[0])
		var lanes []orderingtest.Lane
		for r := range 64 {
			l := orderingtest.Lane{Rollup: interop.ChainID(r)}
			for i := range 256 {
				l.Txs = append(l.Txs, []byte{byte(r), byte(i)})
			}
			lanes = append(lanes, l)
		}
		cert, err := seq.Propose(lanes)
		if err != nil {
			t.Fatal(err)
		}
		blk, _ := seq.Block(cert.Commitment.Height)
		blocks, err := blk.RollupBlocks()
		if err != nil {
			t.Fatal(err)
		}
		in := ordering.CommitmentSize
		for i := range blocks {
			enc, err := blocks[i].AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			in += len(enc)
		}
		qc, _ := cert.QC.AppendBinary(nil)
		in += len(qc)
		bounded(t, "64 rollup blocks of 256 transactions", in, func() {
			if _, err := bundle.VerifyOrdered(f.Committee, &cert, blocks); err != nil {
				t.Error(err)
			}
		})
	})
}

// bounded is hostile.Bounded, logging the allocation per input byte.
func bounded(t *testing.T, name string, n int, f func()) hostile.Usage {
	t.Helper()
	u := hostile.Bounded(t, name, n, f)
	t.Logf("%s: %d input bytes, %d bytes allocated (%.2f per byte), %d objects", name, n, u.Bytes, float64(u.Bytes)/float64(n), u.Objects)
	return u
}

// perCall is the average allocation of f over many calls. Small allocations are counted a
// span (8 KiB) at a time, so a single small call's count is noise; the average is not.
func perCall(f func()) uint64 {
	const n = 256
	return hostile.Alloc(func() {
		for range n {
			f()
		}
	}).Bytes / n
}
