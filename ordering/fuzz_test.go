package ordering

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/proof/nmt"
)

var sentinels = []error{ErrInvalidEncoding, ErrInvalidCommittee, ErrZeroStake, ErrStakeOverflow, ErrThreshold,
	ErrDuplicateSigner, ErrBitmap, ErrNoSigners, ErrNoQuorum, ErrInvalidSignature, ErrEpoch, ErrHeight, ErrFork,
	ErrTimestamp, ErrHandover, ErrInvalidProof, ErrInvalidTx, ErrUnknownRollup, ErrNotEquivocation,
	ErrInvalidPreconf, ErrNotBreach, ErrInvalidNsTable}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func fuzzCommittee(tb testing.TB, n int) (*Committee, []*bls.SecretKey) {
	sks := testKeys(n)
	ms := make([]Member, n)
	for i := range ms {
		ms[i] = Member{Key: sks[i].PublicKey(), Stake: *uint256.NewInt(uint64(10 + i))}
	}
	c, err := NewCommittee(0, interop.Hash{}, ms, Threshold{})
	if err != nil {
		tb.Fatal(err)
	}
	return c, sks
}

// FuzzDecodeCommitment: decoding never panics and round-trips.
func FuzzDecodeCommitment(f *testing.F) {
	c := Commitment{Height: 5, Timestamp: 9, Epoch: 1}
	f.Add(c.AppendBinary(nil))
	f.Add(make([]byte, CommitmentSize-1))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := DecodeCommitment(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if string(c.AppendBinary(nil)) != string(b) {
			t.Fatal("not canonical")
		}
	})
}

// FuzzVerifyQC: QC decoding and verification on arbitrary bitmaps and signatures never
// panic, and accept only a quorum of real signatures.
func FuzzVerifyQC(f *testing.F) {
	c, sks := fuzzCommittee(f, 11)
	msg := interop.Hash{7}
	var sigs []*bls.Signature
	for _, sk := range sks[:9] {
		sigs = append(sigs, sk.Sign(msg[:]))
	}
	qc, _ := NewQC(c, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}, sigs)
	good, _ := qc.AppendBinary(nil)
	f.Add(good)
	f.Add(append([]byte{0, 3, 0xff, 0xff, 0xff}, good[4:]...))
	f.Add(append([]byte{0, 1, 0x01}, good[4:]...))
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := DecodeQC(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if re, err := q.AppendBinary(nil); err != nil || string(re) != string(b) {
			t.Fatalf("decoded QC re-encodes to %x (%v), input %x", re, err, b)
		}
		err = c.VerifyQC(msg, &q)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if string(q.Signers) != string(qc.Signers) || !q.Signature.Equal(qc.Signature) {
			t.Fatalf("accepted a QC that was never made: %x", b)
		}
	})
}

// FuzzDecodeRollupBlock: decoding and verifying arbitrary rollup blocks never panics;
// whatever decodes re-encodes to the same bytes; whatever verifies is exactly the rollup's
// transactions, and verifies again after re-encoding.
func FuzzDecodeRollupBlock(f *testing.F) {
	b := NewBuilder()
	for i := 0; i < 9; i++ {
		_ = b.Add(interop.ChainID(i%3), []byte{byte(i), 1, 2})
	}
	blk, _ := b.Build(Header{Height: 1})
	for r := interop.ChainID(0); r < 4; r++ {
		rb, _ := blk.RollupBlock(r)
		enc, _ := rb.AppendBinary(nil)
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, enc []byte) {
		rb, err := DecodeRollupBlock(enc)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		re, err := rb.AppendBinary(nil)
		if err != nil || string(re) != string(enc) {
			t.Fatalf("decoded block re-encodes to %x (%v), input %x", re, err, enc)
		}
		if err := rb.Verify(&blk.Commitment); err != nil {
			if !isSentinel(err) || !errors.Is(err, ErrInvalidProof) && !errors.Is(err, ErrHeight) {
				t.Fatalf("unexpected %v", err)
			}
			return
		}
		back, err := DecodeRollupBlock(re)
		if err != nil {
			t.Fatal(err)
		}
		if err := back.Verify(&blk.Commitment); err != nil {
			t.Fatalf("verified, then not after re-encoding: %v", err)
		}
		want, _ := blk.RollupBlock(rb.Rollup)
		if len(want.Txs) != len(rb.Txs) {
			t.Fatalf("rollup %d: accepted %d txs, block has %d", rb.Rollup, len(rb.Txs), len(want.Txs))
		}
		for i := range want.Txs {
			if string(want.Txs[i]) != string(rb.Txs[i]) {
				t.Fatalf("rollup %d tx %d: accepted %x, block has %x", rb.Rollup, i, rb.Txs[i], want.Txs[i])
			}
		}
	})
}

// FuzzDecodeNsTable: namespace tables never panic the parser; an accepted table re-encodes
// to its bytes, covers the payload, and Range gives each namespace its own slice.
func FuzzDecodeNsTable(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 1, 0, 0, 0, 100, 0, 0, 0}, uint64(100))
	f.Fuzz(func(t *testing.T, b []byte, payload uint64) {
		tab, err := DecodeNsTable(b, payload)
		if err != nil {
			if !errors.Is(err, ErrInvalidNsTable) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if len(tab.Entries) > 0 && uint64(tab.Entries[len(tab.Entries)-1].End) != payload {
			t.Fatal("table does not cover the payload")
		}
		re := binary.LittleEndian.AppendUint32(nil, uint32(len(tab.Entries)))
		prev := uint32(0)
		for _, e := range tab.Entries {
			re = binary.LittleEndian.AppendUint32(re, e.ID)
			re = binary.LittleEndian.AppendUint32(re, e.End)
			if s, end, ok := tab.Range(e.ID); !ok || s != prev || end != e.End || s >= end {
				t.Fatalf("namespace %d: range [%d, %d) %t, want [%d, %d)", e.ID, s, end, ok, prev, e.End)
			}
			prev = e.End
		}
		if string(re) != string(b) || tab.Commitment() != NsTableCommitment(b) {
			t.Fatalf("table re-encodes to %x, input %x", re, b)
		}
	})
}

// TestBadInput guards each rejection of the bad-input list with its sentinel.
func TestBadInput(t *testing.T) {
	c, sks := fuzzCommittee(t, 3)
	pk := sks[0].PublicKey()
	one := *uint256.NewInt(1)
	msg := interop.Hash{1}
	sig := sks[0].Sign(msg[:])
	qc, _ := NewQC(c, []int{0, 1, 2}, []*bls.Signature{sig, sks[1].Sign(msg[:]), sks[2].Sign(msg[:])})
	long := QC{Signers: []byte{7, 0}, Signature: qc.Signature}
	pad := QC{Signers: []byte{0x0F}, Signature: qc.Signature}
	max := new(uint256.Int).SetAllOne()
	rb := RollupBlock{Rollup: 1, Txs: [][]byte{{1}}, Proof: nmt.Proof{Start: 0, End: 1}}
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"wrong namespace size", func() error { _, err := DecodeCommitment(make([]byte, CommitmentSize+1)); return err }(), ErrInvalidEncoding},
		{"proof against another root", rb.Verify(&Commitment{Root: Root{}}), nmt.ErrInvalidProof},
		{"wrong namespace size in proof", func() error {
			p := nmt.Proof{Start: 0, End: 1, Nodes: [][]byte{make([]byte, 2*29+32)}}
			enc, _ := (&RollupBlock{Rollup: 1, Txs: [][]byte{{1}}}).AppendBinary(nil)
			enc = enc[:len(enc)-10]
			enc, _ = p.AppendBinary(enc, 29)
			_, err := DecodeRollupBlock(enc)
			return err
		}(), ErrInvalidEncoding},
		{"unsorted namespaces in root", func() error {
			var r Commitment
			r.Root[0] = 1
			_, err := DecodeCommitment(r.AppendBinary(nil))
			return err
		}(), ErrInvalidEncoding},
		{"bitmap longer than committee", c.VerifyQC(msg, &long), ErrBitmap},
		{"bits past the last member", c.VerifyQC(msg, &pad), ErrBitmap},
		{"zero-stake committee", func() error {
			_, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk}}, Threshold{})
			return err
		}(), ErrZeroStake},
		{"stake overflow", func() error {
			_, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk, Stake: *max}, {Key: sks[1].PublicKey(), Stake: one}}, Threshold{})
			return err
		}(), ErrStakeOverflow},
		{"threshold zero", func() error {
			_, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk, Stake: one}}, Threshold{Num: 0, Den: 3})
			return err
		}(), ErrThreshold},
		{"threshold above one", func() error {
			_, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk, Stake: one}}, Threshold{Num: 4, Den: 3})
			return err
		}(), ErrThreshold},
		{"duplicate member", func() error {
			_, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk, Stake: one}, {Key: pk, Stake: one}}, Threshold{})
			return err
		}(), ErrDuplicateSigner},
		{"duplicate signer", func() error { _, err := NewQC(c, []int{1, 1}, []*bls.Signature{sig, sig}); return err }(), ErrDuplicateSigner},
		{"empty committee", func() error { _, err := NewCommittee(0, interop.Hash{}, nil, Threshold{}); return err }(), ErrInvalidCommittee},
		{"no signers", c.VerifyQC(msg, &QC{Signers: []byte{0}, Signature: sig}), ErrNoSigners},
		{"wrong message", c.VerifyQC(interop.Hash{2}, &qc), ErrInvalidSignature},
		{"empty tx", NewBuilder().Add(1, nil), ErrInvalidTx},
		{"short QC", func() error { _, err := DecodeQC([]byte{0}); return err }(), ErrInvalidEncoding},
		{"QC bad signature", func() error { _, err := DecodeQC(append([]byte{0, 1, 1}, make([]byte, 96)...)); return err }(), ErrInvalidEncoding},
		{"preconf window reversed", (&Breach{Promise: SignedPreconf{Preconf: Preconf{First: 5, Deadline: 4}}}).Verify(pk, c), ErrInvalidPreconf},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	thr := []Threshold{{Num: 1, Den: 1}, {Num: 2, Den: 3}, {Num: 1, Den: 2}, {Num: 9, Den: 10}, {Num: 1, Den: 1 << 63}}
	for _, th := range thr {
		com, err := NewCommittee(0, interop.Hash{}, []Member{{Key: pk, Stake: *max}}, th)
		if err != nil {
			t.Fatalf("threshold %v: %v", th, err)
		}
		q := com.QuorumStake()
		if q.IsZero() || q.Gt(max) {
			t.Errorf("threshold %v: quorum %s", th, q.Dec())
		}
	}
}
