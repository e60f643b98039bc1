package bench

import (
	"crypto/sha256"
	"encoding/binary"

	"math/bits"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/proof/nmt"
)

// The workload: 64 rollups × 2,000 transactions of 200 bytes.
const (
	ordRollups = 64
	ordTxs     = 2000
	ordTxSize  = 200
)

func ordMempools() [][][]byte {
	out := make([][][]byte, ordRollups)
	for r := range out {
		out[r] = make([][]byte, ordTxs)
		for i := range out[r] {
			tx := make([]byte, ordTxSize)
			binary.BigEndian.PutUint32(tx, uint32(r))
			binary.BigEndian.PutUint32(tx[4:], uint32(i))
			out[r][i] = tx
		}
	}
	return out
}

// ordFloorInputs holds exactly the byte strings the NMT hashes for the workload: every
// leaf input 0x00 ‖ ns(8) ‖ tx(200), and every inner-node input 0x01 ‖ left(48) ‖
// right(48), n-1 of them for n leaves. Hashing them with sha256.Sum256, nothing else, is
// the physical floor of building the commitment.
type ordFloorInputs struct {
	leaves [][]byte
	inner  [][]byte
}

func newOrdFloor(pools [][][]byte) *ordFloorInputs {
	f := &ordFloorInputs{}
	n := 0
	for r, txs := range pools {
		for _, tx := range txs {
			in := make([]byte, 0, 1+8+len(tx))
			in = append(in, 0)
			in = binary.BigEndian.AppendUint64(in, uint64(r))
			f.leaves = append(f.leaves, append(in, tx...))
			n++
		}
	}
	for i := 0; i < n-1; i++ {
		in := make([]byte, 1+2*(2*8+32))
		in[0] = 1
		binary.BigEndian.PutUint64(in[1:], uint64(i))
		f.inner = append(f.inner, in)
	}
	return f
}

func (f *ordFloorInputs) hashAll() (acc byte) {
	for _, in := range f.leaves {
		d := sha256.Sum256(in)
		acc ^= d[0]
	}
	for _, in := range f.inner {
		d := sha256.Sum256(in)
		acc ^= d[0]
	}
	return acc
}

// ordBuild builds the commitment and every rollup's namespace proof.
func ordBuild(tb testing.TB, pools [][][]byte) (*ordering.Block, []ordering.RollupBlock) {
	bl := ordering.NewBuilder()
	for r, txs := range pools {
		if err := bl.AddMempool(interop.ChainID(r), txs); err != nil {
			tb.Fatal(err)
		}
	}
	blk, err := bl.Build(ordering.Header{Height: 1})
	if err != nil {
		tb.Fatal(err)
	}
	rbs, err := blk.RollupBlocks()
	if err != nil {
		tb.Fatal(err)
	}
	return blk, rbs
}

// BenchmarkOrderingBuild: building a commitment and all 64 per-rollup proofs against the
// sha256 floor over the same bytes.
func BenchmarkOrderingBuild(b *testing.B) {
	pools := ordMempools()
	floor := newOrdFloor(pools)
	b.Run("impl=sha256-floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			floor.hashAll()
		}
	})
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ordBuild(b, pools)
		}
	})
}

type ordQCFixture struct {
	com *ordering.Committee
	msg interop.Hash
	qc  ordering.QC
	pks []*bls.PublicKey
}

// newOrdQC is a 100-member committee with stakes 1..100 and a QC by the 75 largest.
func newOrdQC(tb testing.TB) *ordQCFixture {
	f := &ordQCFixture{msg: interop.Hash{0x51}}
	members := make([]ordering.Member, 100)
	sks := make([]*bls.SecretKey, 100)
	for i := range members {
		sk, err := bls.SecretKeyFromBytes(blsKeyBytes([]byte("ordering-qc"), i))
		if err != nil {
			tb.Fatal(err)
		}
		sks[i] = sk
		members[i] = ordering.Member{Key: sk.PublicKey(), Stake: *uint256.NewInt(uint64(i + 1))}
	}
	com, err := ordering.NewCommittee(0, interop.Hash{}, members, ordering.Threshold{})
	if err != nil {
		tb.Fatal(err)
	}
	var idx []int
	var sigs []*bls.Signature
	for i := 25; i < 100; i++ {
		idx = append(idx, i)
		sigs = append(sigs, sks[i].Sign(f.msg[:]))
		f.pks = append(f.pks, members[i].Key)
	}
	qc, err := ordering.NewQC(com, idx, sigs)
	if err != nil {
		tb.Fatal(err)
	}
	f.com, f.qc = com, qc
	if err := com.VerifyQC(f.msg, &qc); err != nil {
		tb.Fatal(err)
	}
	return f
}

// BenchmarkOrderingQC: a 100-member weighted QC against a bare FastAggregateVerify over
// the same 75 signers' keys.
func BenchmarkOrderingQC(b *testing.B) {
	f := newOrdQC(b)
	b.Run("impl=FastAggregateVerify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !bls.FastAggregateVerify(f.pks, f.msg[:], f.qc.Signature) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := f.com.VerifyQC(f.msg, &f.qc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func ordCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ordMedianCPU runs fn rounds times, interleaved by the caller, and returns CPU times.
func ordTime(fn func()) time.Duration {
	start := ordCPU()
	fn()
	return ordCPU() - start
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// TestOrderingRatios measures, in one process and interleaved, the floor and our build,
// and bare FastAggregateVerify and our QC verification, in CPU time (the machine is
// shared, so wall time is noise), and logs the medians and ratios.
func TestOrderingRatios(t *testing.T) {
	if testing.Short() {
		t.Skip("timing run")
	}
	pools := ordMempools()
	floor := newOrdFloor(pools)
	var fl, us []time.Duration
	for round := 0; round < 7; round++ {
		fl = append(fl, ordTime(func() { floor.hashAll() }))
		us = append(us, ordTime(func() { ordBuild(t, pools) }))
	}
	mf, mu := median(fl), median(us)
	t.Logf("build 64×2000×200 B + all proofs: floor %v, interop %v, ratio %.3f (target ≤ 1.3)", mf, mu, float64(mu)/float64(mf))
	t.Logf("  floor hashes %d leaf inputs of %d B and %d inner inputs of %d B",
		len(floor.leaves), len(floor.leaves[0]), len(floor.inner), len(floor.inner[0]))

	f := newOrdQC(t)
	var fa, qc []time.Duration
	const reps = 20
	for round := 0; round < 7; round++ {
		fa = append(fa, ordTime(func() {
			for i := 0; i < reps; i++ {
				bls.FastAggregateVerify(f.pks, f.msg[:], f.qc.Signature)
			}
		})/reps)
		qc = append(qc, ordTime(func() {
			for i := 0; i < reps; i++ {
				_ = f.com.VerifyQC(f.msg, &f.qc)
			}
		})/reps)
	}
	ma, mq := median(fa), median(qc)
	t.Logf("QC, 100 members, 75 signers: FastAggregateVerify %v, VerifyQC %v, ratio %.3f", ma, mq, float64(mq)/float64(ma))
}

// TestOrderingProofSizes prints namespace proof sizes for trees of 2^10…2^16 leaves whose
// namespaces start at pseudo-random leaves (one in 32 on average), so ranges are not
// aligned to subtrees: the worst case. Sizes grow with log n, not with n.
func TestOrderingProofSizes(t *testing.T) {
	h, _ := nmt.NewHasher(ordering.NamespaceSize, false)
	for k := 10; k <= 16; k++ {
		n := 1 << k
		tree := nmt.NewTree(h)
		tree.Grow(n)
		var ns [8]byte
		cur := uint64(0)
		for i := 0; i < n; i++ {
			var ib [8]byte
			binary.BigEndian.PutUint64(ib[:], uint64(i))
			if d := sha256.Sum256(ib[:]); d[0] < 8 {
				cur++
			}
			binary.BigEndian.PutUint64(ns[:], cur)
			if err := tree.PushData(ns[:], []byte{byte(i), byte(i >> 8)}); err != nil {
				t.Fatal(err)
			}
		}
		var maxNodes, maxBytes, sumBytes, count int
		step := max(cur/256, 1)
		for q := uint64(0); q <= cur+1; q += step { // present namespaces and one past the end
			binary.BigEndian.PutUint64(ns[:], q)
			p, err := tree.ProveNamespace(ns[:])
			if err != nil {
				t.Fatal(err)
			}
			enc, err := p.AppendBinary(nil, ordering.NamespaceSize)
			if err != nil {
				t.Fatal(err)
			}
			maxNodes, maxBytes = max(maxNodes, len(p.Nodes)), max(maxBytes, len(enc))
			sumBytes += len(enc)
			count++
		}
		if bound := 2 * bits.Len(uint(n)); maxNodes > bound {
			t.Errorf("n=2^%d: %d proof nodes, above 2·log2 n = %d", k, maxNodes, bound)
		}
		t.Logf("n=2^%-2d (%6d leaves, %4d namespaces): proof ≤ %2d nodes, ≤ %4d bytes, mean %4d bytes",
			k, n, cur+1, maxNodes, maxBytes, sumBytes/count)
	}
}
