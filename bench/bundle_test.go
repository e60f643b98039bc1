package bench

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/bundle/bundletest"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// packInstance makes n candidates over 64 rollups: 80% single transactions, 20% bundles of
// 2-4 legs; gas 21k-500k per leg; one nonce key per leg, 5% of them reused (conflicts).
func packInstance(n int) (*bundle.Packer, []bundle.Candidate) {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	p := &bundle.Packer{Capacity: map[interop.ChainID]uint64{}}
	for c := range 64 {
		p.Capacity[interop.ChainID(c+1)] = 30_000_000
	}
	cands := make([]bundle.Candidate, n)
	for i := range cands {
		legs := 1
		if r.IntN(5) == 0 {
			legs = 2 + r.IntN(3)
		}
		c := &cands[i]
		binary.BigEndian.PutUint64(c.ID[:], uint64(i))
		c.Fee.SetUint64(r.Uint64N(1e15))
		for range legs {
			key := r.Uint64()
			if r.IntN(20) == 0 {
				key = r.Uint64N(1000)
			}
			var k bundle.ConflictKey
			binary.BigEndian.PutUint64(k[:], key)
			c.Legs = append(c.Legs, bundle.PackLeg{Chain: interop.ChainID(1 + r.IntN(64)), Size: 21_000 + r.Uint64N(480_000), Keys: []bundle.ConflictKey{k}})
		}
	}
	return p, cands
}

// BenchmarkPack compares the Packer with the floor of any greedy packer, ranking the
// candidates by fee density (Packer.Rank: input checks, densities, one sort), at n = 10k,
// 100k and 1M candidates over 64 rollups.
func BenchmarkPack(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		p, cands := packInstance(n)
		b.Run(fmt.Sprintf("n=%d/impl=sort", n), func(b *testing.B) {
			measure(b, func() {
				if _, err := p.Rank(cands); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("n=%d/impl=interop", n), func(b *testing.B) {
			measure(b, func() {
				if _, err := p.Pack(cands); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkVerdict4Legs: CheckExecution of a 4-leg bundle (two proofs per leg) against the
// bare mpt.VerifyProof calls it makes.
func BenchmarkVerdict4Legs(b *testing.B) {
	src := &lightclient.Memory{}
	var bd bundle.Bundle
	var chains []*bundletest.Chain
	for c := range 4 {
		ch := bundletest.NewChain(interop.ChainID(100 + c))
		var txs [][]byte
		var rcs []mpt.Receipt
		for i := range 200 {
			txs = append(txs, bytes.Repeat([]byte{byte(c), byte(i), byte(i >> 8)}, 40))
			rcs = append(rcs, mpt.Receipt{Type: 2, Status: 1, Logs: []mpt.Log{{Topics: []interop.Hash{{1}}, Data: make([]byte, 64)}}})
		}
		if err := ch.AddBlock(7, txs, rcs); err != nil {
			b.Fatal(err)
		}
		if err := ch.Publish(src, lightclient.Finalized); err != nil {
			b.Fatal(err)
		}
		chains = append(chains, ch)
		bd.Legs = append(bd.Legs, bundle.Leg{Chain: ch.ID, Tx: txs[123], Window: bundle.Window{MinHeight: 7, MaxHeight: 7}})
	}
	ev := make([]bundle.LegEvidence, 4)
	type bare struct {
		root  interop.Hash
		key   []byte
		proof [][]byte
	}
	var bares []bare
	for i, ch := range chains {
		ev[i] = ch.Evidence(&bd.Legs[i])
		tr, _ := src.Root(ch.ID, 7, lightclient.TransactionsRoot)
		rr, _ := src.Root(ch.ID, 7, lightclient.ReceiptsRoot)
		key := mpt.IndexKey(ev[i].Index)
		bares = append(bares, bare{tr.Value, key, ev[i].TxProof}, bare{rr.Value, key, ev[i].ReceiptProof})
	}
	v := bundle.ReceiptVerifier{Roots: src}
	b.Run("impl=verdict", func(b *testing.B) {
		measure(b, func() {
			res, err := bundle.CheckExecution(&bd, v, ev)
			if err != nil || res.Status != bundle.AllExecuted {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=bare-proofs", func(b *testing.B) {
		measure(b, func() {
			for _, x := range bares {
				if _, err := mpt.VerifyProof(x.root, x.key, x.proof); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
