package ordering

import (
	"encoding/binary"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
)

// benchMempools is 64 rollups × 2,000 transactions of 200 bytes, the workload.
func benchMempools(rollups, txs int) [][][]byte {
	out := make([][][]byte, rollups)
	for r := range out {
		out[r] = make([][]byte, txs)
		for i := range out[r] {
			tx := make([]byte, 200)
			binary.BigEndian.PutUint32(tx, uint32(r))
			binary.BigEndian.PutUint32(tx[4:], uint32(i))
			out[r][i] = tx
		}
	}
	return out
}

func BenchmarkBuild(b *testing.B) {
	pools := benchMempools(64, 2000)
	b.ReportAllocs()
	b.SetBytes(64 * 2000 * 200)
	for b.Loop() {
		bl := NewBuilder()
		for r, txs := range pools {
			for _, tx := range txs {
				_ = bl.Add(interop.ChainID(r), tx)
			}
		}
		blk, err := bl.Build(Header{Height: 1})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := blk.RollupBlocks(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRollupBlockVerify(b *testing.B) {
	pools := benchMempools(64, 2000)
	bl := NewBuilder()
	for r, txs := range pools {
		for _, tx := range txs {
			_ = bl.Add(interop.ChainID(r), tx)
		}
	}
	blk, _ := bl.Build(Header{Height: 1})
	rb, _ := blk.RollupBlock(17)
	b.ReportAllocs()
	b.SetBytes(2000 * 200)
	for b.Loop() {
		if err := rb.Verify(&blk.Commitment); err != nil {
			b.Fatal(err)
		}
	}
}

func benchQC(tb testing.TB, n int) (*Committee, interop.Hash, QC) {
	c, sks := fuzzCommittee(tb, n)
	msg := interop.Hash{0x42}
	var idx []int
	var sigs []*bls.Signature
	for i := n / 4; i < n; i++ { // the larger stakes: a quorum
		idx = append(idx, i)
		sigs = append(sigs, sks[i].Sign(msg[:]))
	}
	qc, err := NewQC(c, idx, sigs)
	if err != nil {
		tb.Fatal(err)
	}
	return c, msg, qc
}

func BenchmarkVerifyQC(b *testing.B) {
	c, msg, qc := benchQC(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.VerifyQC(msg, &qc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommitmentHash(b *testing.B) {
	c := Commitment{Height: 1}
	b.ReportAllocs()
	for b.Loop() {
		c.Hash()
	}
}
