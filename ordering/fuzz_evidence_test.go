package ordering

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/proof/nmt"
)

// hashKeys returns n secret keys derived by sha256, with no linear relation between them.
// (testKeys' keys are K+1, K+2, ...: two signer sets with equal size and index sum have the
// same aggregate key, so "who really signed" cannot be told from an aggregate over them.)
func hashKeys(seed string, n int) []*bls.SecretKey {
	out := make([]*bls.SecretKey, n)
	for i := range out {
		d := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", seed, i)))
		d[0] &= 0x3f // below r
		sk, err := bls.SecretKeyFromBytes(d[:])
		if err != nil {
			panic(err)
		}
		out[i] = sk
	}
	return out
}

// hashCommittee is a committee over hashKeys with stakes 10, 11, ...
func hashCommittee(tb testing.TB, seed string, n int) (*Committee, []*bls.SecretKey) {
	sks := hashKeys(seed, n)
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

// sigCache memoizes member signatures of commitments, so fuzz targets pay for a BLS
// signature once per (member, message).
type sigCache struct {
	mu  sync.Mutex
	sks []*bls.SecretKey
	m   map[[33]byte]*bls.Signature
}

func (c *sigCache) sign(member int, msg interop.Hash) *bls.Signature {
	var k [33]byte
	k[0] = byte(member)
	copy(k[1:], msg[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[k]; ok {
		return s
	}
	s := c.sks[member].Sign(msg[:])
	c.m[k] = s
	return s
}

// qc claims the members in claimed and aggregates the signatures of those in real (over
// msg), or of member 0 when real is empty (see signed): a QC whose claim may be a lie.
// signed is who really signed a QC from qc with the given real set.
func signed(real byte, n int) byte {
	if real &= 1<<n - 1; real == 0 {
		return 1
	}
	return real
}

func (c *sigCache) qc(claimed, real byte, n int, msg interop.Hash) QC {
	claimed &= 1<<n - 1
	var sigs []*bls.Signature
	for m := 0; m < n; m++ {
		if real&(1<<m) != 0 {
			sigs = append(sigs, c.sign(m, msg))
		}
	}
	if len(sigs) == 0 {
		sigs = append(sigs, c.sign(0, msg))
	}
	agg, _ := bls.Aggregate(sigs)
	return QC{Signers: []byte{claimed}, Signature: agg}
}

// FuzzEquivocationVerify: whatever bitmaps are claimed and whoever really signed, an
// accepted offence names exactly the members claimed on both sides, each of whom really
// signed both commitments, which differ at one height.
func FuzzEquivocationVerify(f *testing.F) {
	const n = 6
	c, sks := hashCommittee(f, "equivocation", n)
	cache := &sigCache{sks: sks, m: map[[33]byte]*bls.Signature{}}
	f.Add(byte(0b111), byte(0b111), byte(0b110), byte(0b110), byte(1), byte(1), byte(0), byte(1))
	f.Add(byte(0b011), byte(0b001), byte(0b110), byte(0b110), byte(1), byte(1), byte(0), byte(1))
	f.Fuzz(func(t *testing.T, claimA, realA, claimB, realB, hA, hB, tsA, tsB byte) {
		a := Commitment{Height: uint64(hA % 3), Timestamp: uint64(tsA % 3)}
		b := Commitment{Height: uint64(hB % 3), Timestamp: uint64(tsB % 3)}
		e := Equivocation{
			A: Certified{a, cache.qc(claimA, realA, n, a.Hash())},
			B: Certified{b, cache.qc(claimB, realB, n, b.Hash())},
		}
		off, err := e.Verify(c)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if a.Height != b.Height || a.Hash() == b.Hash() {
			t.Fatalf("offence for commitments at %d and %d (same: %t)", a.Height, b.Height, a.Hash() == b.Hash())
		}
		both := claimA & claimB & (1<<n - 1)
		if len(off.Signers) != bits.OnesCount8(both) {
			t.Fatalf("offence %v for claimed-both %06b", off.Signers, both)
		}
		for _, m := range off.Signers {
			if both&(1<<m) == 0 {
				t.Fatalf("member %d named but not claimed on both sides", m)
			}
			if sa, sb := signed(realA, n), signed(realB, n); sa&sb&(1<<m) == 0 {
				t.Fatalf("member %d named, but signed A %t, B %t", m, sa&(1<<m) != 0, sb&(1<<m) != 0)
			}
		}
	})
}

// FuzzChainAppend: from a trusted head at any height, a certified next commitment is
// accepted only if it is at the next height (none after 2^64-1), links to the head, keeps
// time, names the epoch, and a quorum really signed it.
func FuzzChainAppend(f *testing.F) {
	const n = 4
	c, sks := hashCommittee(f, "chain", n)
	cache := &sigCache{sks: sks, m: map[[33]byte]*bls.Signature{}}
	f.Add(uint64(5), uint64(6), true, uint64(10), uint64(11), uint64(0), byte(0b1111), byte(0b1111))
	f.Add(uint64(math.MaxUint64), uint64(0), true, uint64(10), uint64(11), uint64(0), byte(0b1111), byte(0b1111))
	f.Fuzz(func(t *testing.T, headH, nextH uint64, link bool, headTS, nextTS, epoch uint64, claimed, real byte) {
		head := Commitment{Height: headH, Timestamp: headTS}
		ch, err := NewChain(head, c)
		if err != nil {
			t.Fatal(err)
		}
		next := Commitment{Height: nextH, Timestamp: nextTS, Epoch: epoch}
		if link {
			next.Parent = head.Hash()
		}
		cert := Certified{next, cache.qc(claimed, real, n, next.Hash())}
		if err := ch.Append(&cert); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			if h, _ := ch.Head(); h != head {
				t.Fatal("a refused commitment moved the head")
			}
			return
		}
		switch {
		case headH == math.MaxUint64 || nextH != headH+1:
			t.Fatalf("height %d accepted after %d", nextH, headH)
		case !link:
			t.Fatal("unlinked commitment accepted")
		case nextTS < headTS:
			t.Fatalf("time %d accepted after %d", nextTS, headTS)
		case epoch != c.Epoch():
			t.Fatalf("epoch %d accepted", epoch)
		case claimed&(1<<n-1)&^signed(real, n) != 0:
			t.Fatalf("claimed %04b, only %04b signed", claimed, signed(real, n))
		}
		var stake, q = c.TotalStake(), c.QuorumStake()
		stake.Clear()
		for m := 0; m < n; m++ {
			if claimed&(1<<m) != 0 {
				s := c.Member(m).Stake
				stake.Add(&stake, &s)
			}
		}
		if stake.Lt(&q) {
			t.Fatalf("stake %s below quorum %s accepted", stake.Dec(), q.Dec())
		}
		if h, hh := ch.Head(); h != next || hh != next.Hash() {
			t.Fatal("head not moved to the accepted commitment")
		}
	})
}

// breachWorld is a one-member committee's chain of heights 1..4; at height h rollup 7
// holds transactions {h, 0} and {h, 1}, rollup 8 holds {h, 2}.
type breachWorld struct {
	c       *Committee
	seq     *bls.SecretKey
	heights []BreachHeight      // for rollup 7
	other   []RollupBlock       // rollup 8's blocks
	txs     map[uint64][][]byte // rollup 7's transactions by height
}

func newBreachWorld(tb testing.TB) *breachWorld {
	c, sks := fuzzCommittee(tb, 1)
	w := &breachWorld{c: c, seq: testKeys(3)[2], txs: map[uint64][][]byte{}}
	prev := Commitment{Epoch: c.Epoch()}
	prevHash := prev.Hash()
	for h := uint64(1); h <= 4; h++ {
		b := NewBuilder()
		w.txs[h] = [][]byte{{byte(h), 0}, {byte(h), 1}}
		_ = b.AddMempool(7, w.txs[h])
		_ = b.Add(8, []byte{byte(h), 2})
		blk, err := b.Build(Header{Height: h, Parent: prevHash, Timestamp: h, Epoch: c.Epoch()})
		if err != nil {
			tb.Fatal(err)
		}
		hh := blk.Hash()
		qc, err := NewQC(c, []int{0}, []*bls.Signature{sks[0].Sign(hh[:])})
		if err != nil {
			tb.Fatal(err)
		}
		rb, _ := blk.RollupBlock(7)
		ob, _ := blk.RollupBlock(8)
		w.heights = append(w.heights, BreachHeight{Certified: Certified{blk.Commitment, qc}, Block: rb})
		w.other = append(w.other, ob)
		prev, prevHash = blk.Commitment, hh
	}
	return w
}

// FuzzBreachVerify: breach evidence is accepted only for a promise that was really broken:
// over heights the chain has, the promised transaction is at none of them (at the promised
// position, if one was promised), whatever the evidence leaves out, swaps or rewrites.
func FuzzBreachVerify(f *testing.F) {
	w := newBreachWorld(f)
	f.Add(byte(0x30), uint64(1), uint64(4), false, uint32(0), []byte{})
	f.Add(byte(0x21), uint64(2), uint64(3), true, uint32(0), []byte{})
	f.Add(byte(0x20), uint64(1), uint64(2), false, uint32(0), []byte{0, 1})
	f.Fuzz(func(t *testing.T, which byte, first, deadline uint64, hasPos bool, pos uint32, mut []byte) {
		tx := []byte{which >> 4, which & 3}
		p := Preconf{Tx: TxHash(tx), Rollup: 7, First: first, Deadline: deadline, HasPosition: hasPos, Position: pos % 4}
		br := Breach{Promise: SignPreconf(w.seq, p)}
		for h := first; h >= 1 && h <= 4 && h <= deadline; h++ {
			br.Heights = append(br.Heights, w.heights[h-1])
		}
		for k := 0; k+1 < len(mut) && len(br.Heights) > 0; k += 2 {
			j := int(mut[k]) % len(br.Heights)
			switch mut[k+1] % 4 {
			case 0:
				br.Heights = slices.Delete(slices.Clone(br.Heights), j, j+1)
			case 1: // another rollup's block, relabelled
				ob := w.other[br.Heights[j].Block.Height-1]
				ob.Rollup = 7
				br.Heights = slices.Clone(br.Heights)
				br.Heights[j].Block = ob
			case 2: // the promised transaction taken out of the list
				br.Heights = slices.Clone(br.Heights)
				br.Heights[j].Block.Txs = slices.DeleteFunc(slices.Clone(br.Heights[j].Block.Txs), func(x []byte) bool { return bytes.Equal(x, tx) })
			case 3: // proof node altered
				br.Heights = slices.Clone(br.Heights)
				pr := br.Heights[j].Block.Proof
				if len(pr.Nodes) > 0 {
					pr.Nodes = slices.Clone(pr.Nodes)
					pr.Nodes[0] = slices.Clone(pr.Nodes[0])
					pr.Nodes[0][len(pr.Nodes[0])-1] ^= mut[k+1] | 1
				}
				br.Heights[j].Block.Proof = pr
			}
		}
		if err := br.Verify(w.seq.PublicKey(), w.c); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		if first < 1 || deadline > 4 || first > deadline {
			t.Fatalf("breach over [%d, %d], heights the chain does not have", first, deadline)
		}
		for h := first; h <= deadline; h++ {
			for i, x := range w.txs[h] {
				if bytes.Equal(x, tx) && (!hasPos || uint32(i) == p.Position) {
					t.Fatalf("breach accepted, but the promise was kept at height %d index %d", h, i)
				}
			}
		}
	})
}

// FuzzInclusionVerify: an accepted inclusion names a transaction that really is the
// rollup's in the block, and it verifies again after its proof is re-encoded.
func FuzzInclusionVerify(f *testing.F) {
	b := NewBuilder()
	for i := range 24 {
		_ = b.Add(interop.ChainID(i%4), []byte{byte(i), byte(i % 4)})
	}
	blk, err := b.Build(Header{Height: 2})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint64(1), uint8(2), uint8(0), int64(0), int64(0), []byte{})
	f.Add(uint64(3), uint8(5), uint8(1), int64(1), int64(0), []byte{7})
	f.Fuzz(func(t *testing.T, rollup uint64, index, field uint8, dStart, dEnd int64, tx []byte) {
		in, err := blk.Inclusion(interop.ChainID(rollup%5), int(index%7))
		if err != nil {
			return
		}
		switch field % 4 {
		case 1:
			in.Rollup = interop.ChainID(rollup)
		case 2:
			in.Tx = tx
		case 3:
			in.Proof.Start += int(dStart % 64)
			in.Proof.End += int(dEnd % 64)
		}
		if err := in.Verify(&blk.Commitment); err != nil {
			if !isSentinel(err) {
				t.Fatalf("unwrapped %v", err)
			}
			return
		}
		l, ok := blk.find(in.Rollup)
		if !ok || !slices.ContainsFunc(l.txs, func(x []byte) bool { return bytes.Equal(x, in.Tx) }) {
			t.Fatalf("inclusion of %x for rollup %d accepted, not in the block", in.Tx, in.Rollup)
		}
		enc, err := in.Proof.AppendBinary(nil, NamespaceSize)
		if err != nil {
			t.Fatal(err)
		}
		p, err := nmt.DecodeProof(enc, NamespaceSize)
		if err != nil {
			t.Fatal(err)
		}
		in.Proof = p
		if err := in.Verify(&blk.Commitment); err != nil {
			t.Fatalf("verified, then not after re-encoding: %v", err)
		}
	})
}
