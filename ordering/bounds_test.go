package ordering

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/nmt"
)

// bigCommitteeSize is the committee the bounds and concurrency tests use: large enough
// that per-signer costs dominate (key generation, about 0.25 ms a member, keeps it below
// MaxCommitteeSize).
const bigCommitteeSize = 1024

var (
	bigOnce sync.Once
	bigC    *Committee
	bigSKs  []*bls.SecretKey
)

// bigCommittee returns a committee of bigCommitteeSize members with stakes 1..n.
func bigCommittee(tb testing.TB) (*Committee, []*bls.SecretKey) {
	bigOnce.Do(func() {
		bigSKs = testKeys(bigCommitteeSize)
		ms := make([]Member, len(bigSKs))
		for i, sk := range bigSKs {
			ms[i] = Member{Key: sk.PublicKey(), Stake: *uint256.NewInt(uint64(i + 1))}
		}
		c, err := NewCommittee(0, interop.Hash{}, ms, Threshold{})
		if err != nil {
			panic(err)
		}
		bigC = c
	})
	return bigC, bigSKs
}

// allSign returns the QC of every member of c over msg: one signature by the sum of the
// secret keys, which is the aggregate of all of theirs.
func allSign(tb testing.TB, c *Committee, sks []*bls.SecretKey, msg interop.Hash) QC {
	var sum fr.Element
	for _, sk := range sks {
		var e fr.Element
		b := sk.Bytes()
		e.SetBytes(b[:])
		sum.Add(&sum, &e)
	}
	sb := sum.Bytes()
	agg, err := bls.SecretKeyFromBytes(sb[:])
	if err != nil {
		tb.Fatal(err)
	}
	bm := bytes.Repeat([]byte{0xff}, (c.Len()+7)/8)
	if r := c.Len() % 8; r != 0 {
		bm[len(bm)-1] = 1<<r - 1
	}
	return QC{Signers: bm, Signature: agg.Sign(msg[:])}
}

func qcSize(q *QC) int { return 2 + len(q.Signers) + bls.SignatureSize }

// TestBoundsAllocPerInputByte feeds every decoder and verifier of the package input at its
// bounds and holds it to hostile.Bounded (100 bytes allocated per input byte + 64 KiB), or
// tighter where the bound is tighter.
func TestBoundsAllocPerInputByte(t *testing.T) {
	t.Run("DecodeCommitment", func(t *testing.T) {
		enc := (&Commitment{Height: 1}).AppendBinary(nil)
		if got := perCall(func() {
			if _, err := DecodeCommitment(enc); err != nil {
				t.Error(err)
			}
		}); got > 32 { // it allocates nothing; the average carries a little noise
			t.Errorf("DecodeCommitment allocated %d bytes a call", got)
		}
	})

	c, sks := bigCommittee(t)
	msg := interop.Hash{0x5a}
	full := allSign(t, c, sks, msg)

	t.Run("DecodeQC", func(t *testing.T) {
		enc, err := full.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		bounded(t, "QC of 1024 signers", len(enc), func() {
			if _, err := DecodeQC(enc); err != nil {
				t.Error(err)
			}
		})
		// The largest bitmap the decoder takes (MaxCommitteeSize members).
		huge := binary.BigEndian.AppendUint16(nil, MaxCommitteeSize/8)
		huge = append(huge, make([]byte, MaxCommitteeSize/8)...)
		sig := full.Signature.Bytes()
		huge = append(huge, sig[:]...)
		bounded(t, "QC bitmap of MaxCommitteeSize", len(huge), func() {
			if _, err := DecodeQC(huge); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("VerifyQC", func(t *testing.T) {
		bounded(t, "1024 signers", qcSize(&full), func() {
			if err := c.VerifyQC(msg, &full); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("Equivocation.Verify", func(t *testing.T) {
		a := Commitment{Height: 9, Epoch: c.Epoch()}
		b := Commitment{Height: 9, Epoch: c.Epoch(), Timestamp: 1}
		e := Equivocation{A: Certified{a, allSign(t, c, sks, a.Hash())}, B: Certified{b, allSign(t, c, sks, b.Hash())}}
		in := 2 * (CommitmentSize + qcSize(&e.A.QC))
		bounded(t, "every member twice", in, func() {
			off, err := e.Verify(c)
			if err != nil || len(off.Signers) != c.Len() {
				t.Errorf("%d signers, %v", len(off.Signers), err)
			}
		})
	})

	// A block of 2^16 one-byte transactions over 64 rollups.
	bld := NewBuilder()
	for i := range 1 << 16 {
		if err := bld.Add(interop.ChainID(i%64), []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	blk, err := bld.Build(Header{Height: 3})
	if err != nil {
		t.Fatal(err)
	}
	rb, err := blk.RollupBlock(5)
	if err != nil {
		t.Fatal(err)
	}
	rbEnc, err := rb.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("DecodeRollupBlock", func(t *testing.T) {
		bounded(t, "1024 one-byte transactions", len(rbEnc), func() {
			if _, err := DecodeRollupBlock(rbEnc); err != nil {
				t.Error(err)
			}
		})
		// A count of 2^22 transactions with nothing behind it: refused before the list
		// is allocated (it would cost 96 MiB).
		hdr := binary.BigEndian.AppendUint32(make([]byte, 16), MaxTxsPerHeight)
		hdr = append(hdr, make([]byte, 64)...)
		if got := perCall(func() {
			if _, err := DecodeRollupBlock(hdr); !errors.Is(err, ErrInvalidEncoding) {
				t.Errorf("count without transactions: %v", err)
			}
		}); got > uint64(8*len(hdr)+512) {
			t.Errorf("count without transactions: %d input bytes allocated %d a call", len(hdr), got)
		}
	})

	t.Run("RollupBlock.Verify", func(t *testing.T) {
		bounded(t, "1024 one-byte transactions", len(rbEnc), func() {
			if err := rb.Verify(&blk.Commitment); err != nil {
				t.Error(err)
			}
		})
		all, err := blk.RollupBlocks()
		if err != nil {
			t.Fatal(err)
		}
		in := 0
		for i := range all {
			enc, _ := all[i].AppendBinary(nil)
			in += len(enc)
		}
		bounded(t, "every rollup of 2^16 transactions", in, func() {
			for i := range all {
				if err := all[i].Verify(&blk.Commitment); err != nil {
					t.Error(err)
				}
			}
		})
	})

	t.Run("Inclusion.Verify", func(t *testing.T) {
		in, err := blk.Inclusion(5, 100)
		if err != nil {
			t.Fatal(err)
		}
		enc, _ := in.Proof.AppendBinary(nil, NamespaceSize)
		bounded(t, "one of 2^16", len(enc)+len(in.Tx)+16, func() {
			if err := in.Verify(&blk.Commitment); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("DecodeNsTable", func(t *testing.T) {
		const k = 1 << 17
		b := binary.LittleEndian.AppendUint32(nil, k)
		for i := range k {
			b = binary.LittleEndian.AppendUint32(b, uint32(i)*7919)
			b = binary.LittleEndian.AppendUint32(b, uint32(i+1))
		}
		bounded(t, "2^17 entries", len(b), func() {
			if _, err := DecodeNsTable(b, k); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("AstriaRoots", func(t *testing.T) {
		var rs []AstriaRollup
		in := 0
		for i := range 4096 {
			r := AstriaRollup{ID: interop.Hash{byte(i >> 8), byte(i)}}
			for j := range 16 {
				r.Txs = append(r.Txs, []byte{byte(j)})
			}
			rs = append(rs, r)
			in += 32 + 16*(4+1)
		}
		bounded(t, "4096 rollups of 16 transactions", in, func() {
			if _, _, err := AstriaRoots(rs); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("NewCommittee", func(t *testing.T) {
		ms := make([]Member, c.Len())
		for i := range ms {
			ms[i] = c.Member(i)
		}
		bounded(t, "1024 members", len(ms)*(bls.PublicKeySize+32), func() {
			if _, err := NewCommittee(1, c.Hash(), ms, Threshold{Num: 1, Den: 2}); err != nil {
				t.Error(err)
			}
		})
	})

	t.Run("VerifyChain and Breach.Verify", func(t *testing.T) {
		// A one-member committee certifies 128 heights; the breach evidence spans them all.
		one, ks := fuzzCommittee(t, 1)
		seqKey := testKeys(2)[1]
		genesis := Commitment{Epoch: one.Epoch()}
		prev, prevHash := genesis, genesis.Hash()
		var run []Certified
		var heights []BreachHeight
		in := 0
		for h := uint64(1); h <= 128; h++ {
			b := NewBuilder()
			if err := b.Add(7, []byte{byte(h), 1, 2, 3}); err != nil {
				t.Fatal(err)
			}
			blk, err := b.Build(Header{Height: h, Parent: prevHash, Timestamp: prev.Timestamp + 1, Epoch: one.Epoch()})
			if err != nil {
				t.Fatal(err)
			}
			hh := blk.Hash()
			qc, err := NewQC(one, []int{0}, []*bls.Signature{ks[0].Sign(hh[:])})
			if err != nil {
				t.Fatal(err)
			}
			cert := Certified{Commitment: blk.Commitment, QC: qc}
			run = append(run, cert)
			rb, err := blk.RollupBlock(7)
			if err != nil {
				t.Fatal(err)
			}
			heights = append(heights, BreachHeight{Certified: cert, Block: rb})
			enc, _ := rb.AppendBinary(nil)
			in += CommitmentSize + qcSize(&qc) + len(enc)
			prev, prevHash = blk.Commitment, hh
		}
		bounded(t, "chain of 128 heights", 128*(CommitmentSize+qcSize(&run[0].QC)), func() {
			if _, err := VerifyChain(genesis, one, run); err != nil {
				t.Error(err)
			}
		})
		br := Breach{Promise: SignPreconf(seqKey, Preconf{Tx: TxHash([]byte{0xee}), Rollup: 7, First: 1, Deadline: 128}), Heights: heights}
		bounded(t, "breach over 128 heights", in+bls.SignatureSize+64, func() {
			if err := br.Verify(seqKey.PublicKey(), one); err != nil {
				t.Error(err)
			}
		})
		// A promise over more than MaxPreconfWindow heights is refused before any entry is
		// looked at.
		long := Breach{Promise: SignPreconf(seqKey, Preconf{First: 1, Deadline: MaxPreconfWindow + 1})}
		if got := perCall(func() {
			if err := long.Verify(seqKey.PublicKey(), one); !errors.Is(err, ErrInvalidPreconf) {
				t.Errorf("long window: %v", err)
			}
		}); got > 1024 {
			t.Errorf("window past MaxPreconfWindow: %d bytes a call", got)
		}
	})
	_ = nmt.ErrInvalidProof
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
