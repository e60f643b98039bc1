package bench

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	blst "github.com/supranational/blst/bindings/go"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
)

// blsDST is the Ethereum ciphersuite's signing DST; both libraries hash with it.
var blsDST = []byte(bls.DST)

// blsKeyBytes derives a 32-byte secret key below r from seed and i (the top two bits are
// cleared, and r > 2^254).
func blsKeyBytes(seed []byte, i int) []byte {
	h := sha256.Sum256(binary.BigEndian.AppendUint64(append([]byte{}, seed...), uint64(i)))
	h[0] &= 0x3f
	if h == [32]byte{} {
		h[31] = 1
	}
	return h[:]
}

type blsFixture struct {
	ours      []*bls.SecretKey
	theirs    []*blst.SecretKey
	pks       []*bls.PublicKey
	pkAff     []*blst.P1Affine
	pkBytes   [][]byte
	msg       []byte
	agg       *bls.Signature
	aggAff    *blst.P2Affine
	aggBytes  []byte
	sig0      *bls.Signature
	sig0Aff   *blst.P2Affine
	sig0Bytes []byte
}

// newBLSFixture builds n keys, each one's signature of a fixed message, and the aggregate,
// decoded in both libraries. A nil tb panics on failure (for the lazily built globals).
func newBLSFixture(tb testing.TB, n int) *blsFixture {
	fail := func(v ...any) {
		if tb == nil {
			panic(fmt.Sprint(v...))
		}
		tb.Fatal(v...)
	}
	f := &blsFixture{msg: []byte("signing root of an attested header.")}
	sigs := make([]*bls.Signature, n)
	for i := range n {
		kb := blsKeyBytes([]byte("bench"), i)
		sk, err := bls.SecretKeyFromBytes(kb)
		if err != nil {
			fail(err)
		}
		bsk := new(blst.SecretKey).Deserialize(kb)
		if bsk == nil {
			fail("blst rejected key")
		}
		pk := sk.PublicKey()
		pkb := pk.Bytes()
		f.ours, f.theirs, f.pks = append(f.ours, sk), append(f.theirs, bsk), append(f.pks, pk)
		f.pkBytes = append(f.pkBytes, pkb[:])
		f.pkAff = append(f.pkAff, new(blst.P1Affine).Uncompress(pkb[:]))
		sigs[i] = sk.Sign(f.msg)
	}
	var err error
	if f.agg, err = bls.Aggregate(sigs); err != nil {
		fail(err)
	}
	ab := f.agg.Bytes()
	f.aggBytes = ab[:]
	f.aggAff = new(blst.P2Affine).Uncompress(f.aggBytes)
	f.sig0 = sigs[0]
	sb := sigs[0].Bytes()
	f.sig0Bytes = sb[:]
	f.sig0Aff = new(blst.P2Affine).Uncompress(f.sig0Bytes)
	return f
}

// TestDifferentialBLSBlst: on random keys and messages, our public keys and signatures are
// byte-equal to blst's, each library verifies the other's output, and the decoders agree
// on random and mutated encodings.
func TestDifferentialBLSBlst(t *testing.T) {
	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed %x", seed)
	for i := range 64 {
		kb := blsKeyBytes(seed, i)
		sk, err := bls.SecretKeyFromBytes(kb)
		if err != nil {
			t.Fatal(err)
		}
		bsk := new(blst.SecretKey).Deserialize(kb)
		msg := blsKeyBytes(append(seed, 'm'), i)[:i%33]
		pk, sig := sk.PublicKey().Bytes(), sk.Sign(msg).Bytes()
		bpk := new(blst.P1Affine).From(bsk).Compress()
		bsig := new(blst.P2Affine).Sign(bsk, msg, blsDST).Compress()
		if !bytes.Equal(pk[:], bpk) {
			t.Fatalf("key %x: public key %x, blst %x", kb, pk, bpk)
		}
		if !bytes.Equal(sig[:], bsig) {
			t.Fatalf("key %x msg %x: signature %x, blst %x", kb, msg, sig, bsig)
		}
		ok := new(blst.P2Affine).VerifyCompressed(sig[:], true, pk[:], true, msg, blsDST)
		if !ok {
			t.Fatal("blst rejects our signature")
		}
		// Tampered: flip one bit of the signature; both must agree on the verdict.
		bad := append([]byte{}, sig[:]...)
		bad[10+i] ^= 1
		ourSig, err := bls.SignatureFromBytes(bad)
		ours := err == nil && bls.Verify(sk.PublicKey(), msg, ourSig)
		theirs := new(blst.P2Affine).VerifyCompressed(bad, true, pk[:], true, msg, blsDST)
		if ours != theirs {
			t.Fatalf("tampered signature: ours %v, blst %v", ours, theirs)
		}
	}
	// Decoders on mutated and random encodings.
	f := newBLSFixture(t, 4)
	var buf [96]byte
	for i := range 4000 {
		if _, err := rand.Read(buf[:]); err != nil {
			t.Fatal(err)
		}
		pkb := append([]byte{}, f.pkBytes[i%4]...)
		sigb := append([]byte{}, f.aggBytes...)
		switch i % 4 {
		case 0: // one bit flipped
			pkb[int(buf[0])%48] ^= 1 << (buf[1] % 8)
			sigb[int(buf[2])%96] ^= 1 << (buf[3] % 8)
		case 1: // random x with the compression flag, mostly canonical
			copy(pkb, buf[:48])
			pkb[0] = pkb[0]&0x1f | 0x80 | pkb[0]&0x20
			copy(sigb, buf[:])
			sigb[0] = sigb[0]&0x1f | 0x80 | sigb[0]&0x20
			sigb[48] &= 0x1f
		case 2: // flags rewritten
			pkb[0] = pkb[0]&0x1f | buf[0]&0xe0
			sigb[0] = sigb[0]&0x1f | buf[1]&0xe0
		default: // random
			copy(pkb, buf[:48])
			copy(sigb, buf[:])
		}
		_, err := bls.PublicKeyFromBytes(pkb)
		bp := new(blst.P1Affine).Uncompress(pkb)
		if (err == nil) != (bp != nil && bp.KeyValidate()) {
			t.Fatalf("public key %x: ours %v, blst accepts %v", pkb, err, bp != nil && bp.KeyValidate())
		}
		_, err = bls.SignatureFromBytes(sigb)
		bs := new(blst.P2Affine).Uncompress(sigb)
		if (err == nil) != (bs != nil && bs.SigValidate(false)) {
			t.Fatalf("signature %x: ours %v, blst accepts %v", sigb, err, bs != nil && bs.SigValidate(false))
		}
	}
}

var (
	blsFixture1   = sync.OnceValue(func() *blsFixture { return newBLSFixture(nil, 1) })
	blsFixture512 = sync.OnceValue(func() *blsFixture { return newBLSFixture(nil, 512) })
)

// blsPair is one operation timed in both libraries on the same inputs.
type blsPair struct {
	name            string
	interop, theirs func(*testing.B)
}

var blsPairs = []blsPair{
	{
		// Decompression with the subgroup check: what a light client does for 512 keys once
		// per sync-committee period.
		name: "PublicKeyFromBytes",
		interop: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bls.PublicKeyFromBytes(f.pkBytes[0]); err != nil {
					b.Fatal(err)
				}
			}
		},
		theirs: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				p := new(blst.P1Affine).Uncompress(f.pkBytes[0])
				if p == nil || !p.KeyValidate() {
					b.Fatal("rejected")
				}
			}
		},
	},
	{
		name: "SignatureFromBytes",
		interop: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bls.SignatureFromBytes(f.sig0Bytes); err != nil {
					b.Fatal(err)
				}
			}
		},
		theirs: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				p := new(blst.P2Affine).Uncompress(f.sig0Bytes)
				if p == nil || !p.SigValidate(false) {
					b.Fatal("rejected")
				}
			}
		},
	},
	{
		// Verify on decoded, already validated inputs: hash to G2 and a 2-pairing in both.
		name: "Verify",
		interop: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				if !bls.Verify(f.pks[0], f.msg, f.sig0) {
					b.Fatal("rejected")
				}
			}
		},
		theirs: func(b *testing.B) {
			f := blsFixture1()
			b.ReportAllocs()
			for b.Loop() {
				if !f.sig0Aff.Verify(false, f.pkAff[0], false, f.msg, blsDST) {
					b.Fatal("rejected")
				}
			}
		},
	},
	{
		// A sync-committee update: 512 decoded keys; the aggregate signature as received,
		// decoded and subgroup-checked inside the timed loop by both libraries.
		name: "FastAggregateVerify512",
		interop: func(b *testing.B) {
			f := blsFixture512()
			b.ReportAllocs()
			for b.Loop() {
				sig, err := bls.SignatureFromBytes(f.aggBytes)
				if err != nil || !bls.FastAggregateVerify(f.pks, f.msg, sig) {
					b.Fatal("rejected")
				}
			}
		},
		theirs: func(b *testing.B) {
			f := blsFixture512()
			b.ReportAllocs()
			for b.Loop() {
				sig := new(blst.P2Affine).Uncompress(f.aggBytes)
				if sig == nil || !sig.FastAggregateVerify(true, f.pkAff, f.msg, blsDST) {
					b.Fatal("rejected")
				}
			}
		},
	},
}

// BenchmarkBLS times every pair, interop and blst side by side. blst runs single-threaded
// (SetMaxProcs(1)) so both do the same work on one core.
func BenchmarkBLS(b *testing.B) {
	blst.SetMaxProcs(1)
	for _, p := range blsPairs {
		b.Run(p.name+"/interop", p.interop)
		b.Run(p.name+"/blst", p.theirs)
	}
}

// TestBLSRatios logs interop/blst time ratios (above 1 means interop is slower). It is a
// measurement, not a check, so it runs only with BENCH_RATIOS=1.
func TestBLSRatios(t *testing.T) {
	if os.Getenv("BENCH_RATIOS") != "1" {
		t.Skip("set BENCH_RATIOS=1 to measure")
	}
	blst.SetMaxProcs(1)
	for _, p := range blsPairs {
		ours, theirs := testing.Benchmark(p.interop), testing.Benchmark(p.theirs)
		t.Logf("%-24s interop %10d ns/op %3d allocs  blst %10d ns/op  ratio %.2f",
			p.name, ours.NsPerOp(), ours.AllocsPerOp(), theirs.NsPerOp(),
			float64(ours.NsPerOp())/float64(theirs.NsPerOp()))
	}
}

// blsBatchFixture is n triples over n distinct messages, each key and signature decoded
// (and validated) by both libraries from the same bytes.
type blsBatchFixture struct {
	pks    []*bls.PublicKey
	sigs   []*bls.Signature
	msgs   [][]byte
	bPKs   []*blst.P1Affine
	bSigs  []*blst.P2Affine
	bMsgs  []blst.Message
	tamper []*bls.Signature // sigs with two signatures swapped
	bTamp  []*blst.P2Affine
}

func newBLSBatchFixture(tb testing.TB, n int) *blsBatchFixture {
	tb.Helper()
	f := &blsBatchFixture{}
	for i := range n {
		sk, err := bls.SecretKeyFromBytes(blsKeyBytes([]byte("batch"), i))
		if err != nil {
			tb.Fatal(err)
		}
		msg := fmt.Appendf(nil, "attestation signing root %d", i)
		pkb, sigb := sk.PublicKey().Bytes(), sk.Sign(msg).Bytes()
		pk, err := bls.PublicKeyFromBytes(pkb[:])
		if err != nil {
			tb.Fatal(err)
		}
		sig, err := bls.SignatureFromBytes(sigb[:])
		if err != nil {
			tb.Fatal(err)
		}
		bpk := new(blst.P1Affine).Uncompress(pkb[:])
		bsig := new(blst.P2Affine).Uncompress(sigb[:])
		if bpk == nil || !bpk.KeyValidate() || bsig == nil || !bsig.SigValidate(false) {
			tb.Fatal("blst rejects the fixture")
		}
		f.pks, f.sigs, f.msgs = append(f.pks, pk), append(f.sigs, sig), append(f.msgs, msg)
		f.bPKs, f.bSigs, f.bMsgs = append(f.bPKs, bpk), append(f.bSigs, bsig), append(f.bMsgs, msg)
	}
	f.tamper = append([]*bls.Signature(nil), f.sigs...)
	f.tamper[1], f.tamper[n-1] = f.tamper[n-1], f.tamper[1]
	f.bTamp = append([]*blst.P2Affine(nil), f.bSigs...)
	f.bTamp[1], f.bTamp[n-1] = f.bTamp[n-1], f.bTamp[1]
	return f
}

// blstRand draws blst's 64-bit batch weights from crypto/rand, as VerifyBatch does; blst
// calls it from its worker goroutines, and crypto/rand is safe for that.
func blstRand(s *blst.Scalar) {
	var b [32]byte
	if _, err := rand.Read(b[:8]); err != nil {
		panic(err)
	}
	s.FromLEndian(b[:])
}

// blstBatch is blst's batch API for distinct messages: MultipleAggregateVerify with
// 64-bit random weights, keys and signatures already validated (as VerifyBatch takes them).
func blstBatch(pks []*blst.P1Affine, msgs []blst.Message, sigs []*blst.P2Affine) bool {
	return new(blst.P2Affine).MultipleAggregateVerify(sigs, false, pks, false, msgs, blsDST, blstRand, 64)
}

// onCores runs b with GOMAXPROCS and blst's thread count pinned to cores, restoring
// GOMAXPROCS after (blst's count goes back to the GOMAXPROCS it started from).
func onCores(b *testing.B, cores int, body func()) {
	old := runtime.GOMAXPROCS(cores)
	blst.SetMaxProcs(cores)
	defer func() {
		runtime.GOMAXPROCS(old)
		blst.SetMaxProcs(old)
	}()
	b.ReportAllocs()
	for b.Loop() {
		body()
	}
}

// TestBLSBatchAgreesWithBlst: both batch verifiers accept the 64 valid triples and reject
// the batch with two signatures swapped, at 1 and 2 workers.
func TestBLSBatchAgreesWithBlst(t *testing.T) {
	f := newBLSBatchFixture(t, 64)
	for _, w := range []int{1, 2} {
		if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil, interop.Workers(w)) || !blstBatch(f.bPKs, f.bMsgs, f.bSigs) {
			t.Fatalf("workers %d: valid batch refused", w)
		}
		if bls.VerifyBatch(f.pks, f.msgs, f.tamper, nil, interop.Workers(w)) || blstBatch(f.bPKs, f.bMsgs, f.bTamp) {
			t.Fatalf("workers %d: swapped signatures accepted", w)
		}
	}
}

// BenchmarkBLSVerifyBatch64 verifies 64 signatures over 64 distinct messages in one batch:
// blst's MultipleAggregateVerify against VerifyBatch, both on the same decoded triples,
// with 64-bit weights from crypto/rand, and with GOMAXPROCS (and blst's thread pool, and
// VerifyBatch's workers) pinned to 1 and to 2 cores. cores=1 against cores=2 of one impl
// is its scaling.
func BenchmarkBLSVerifyBatch64(b *testing.B) {
	f := newBLSBatchFixture(b, 64)
	for _, cores := range []int{1, 2} {
		b.Run(fmt.Sprintf("cores=%d/impl=blst", cores), func(b *testing.B) {
			onCores(b, cores, func() {
				if !blstBatch(f.bPKs, f.bMsgs, f.bSigs) {
					b.Fatal("rejected")
				}
			})
		})
		b.Run(fmt.Sprintf("cores=%d/impl=interop", cores), func(b *testing.B) {
			onCores(b, cores, func() {
				if !bls.VerifyBatch(f.pks, f.msgs, f.sigs, nil, interop.Workers(cores)) {
					b.Fatal("rejected")
				}
			})
		})
	}
}
