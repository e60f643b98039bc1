package bench

import (
	"bytes"
	"crypto/rand"
	"math/big"
	"os"
	"testing"

	dcrd "github.com/decred/dcrd/dcrec/secp256k1/v4"
	dcrdecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
)

// secpFixture is one key, digest and signature shared by both libraries.
type secpFixture struct {
	key     *secp256k1.PrivateKey
	digest  interop.Hash
	sig     [65]byte
	pub     *secp256k1.PublicKey
	gethPub []byte // 65-byte 0x04‖X‖Y
}

func newSecpFixture(tb testing.TB) *secpFixture {
	tb.Helper()
	gk, err := crypto.ToECDSA(crypto.Keccak256([]byte("interop secp256k1 bench key")))
	if err != nil {
		tb.Fatal(err)
	}
	key, err := secp256k1.PrivateKeyFromBytes(crypto.FromECDSA(gk))
	if err != nil {
		tb.Fatal(err)
	}
	f := &secpFixture{key: key, pub: key.PublicKey(), gethPub: crypto.FromECDSAPub(&gk.PublicKey)}
	copy(f.digest[:], crypto.Keccak256([]byte("interop secp256k1 bench digest")))
	f.sig = key.Sign(f.digest)
	return f
}

// secpPair is one operation timed in interop, in go-ethereum as built, and in decred's
// pure-Go secp256k1 called the way go-ethereum's CGO_ENABLED=0 build calls it
// (crypto/signature_nocgo.go), so both of geth's backends are measured in one cgo build.
type secpPair struct {
	name                    string
	interop, theirs, decred func(*testing.B)
}

func secpPairs(f *secpFixture) []secpPair {
	kb := f.key.Bytes()
	gk, _ := crypto.ToECDSA(kb[:])
	dk := dcrd.PrivKeyFromBytes(kb[:])
	dpub, _ := dcrd.ParsePubKey(f.gethPub)
	btcsig := append([]byte{f.sig[64] + 27}, f.sig[:64]...)
	var dr, ds dcrd.ModNScalar
	dr.SetByteSlice(f.sig[:32])
	ds.SetByteSlice(f.sig[32:64])
	return []secpPair{
		{
			name:    "Sign",
			interop: func(b *testing.B) { measure(b, func() { f.key.Sign(f.digest) }) },
			theirs: func(b *testing.B) {
				measure(b, func() {
					if _, err := crypto.Sign(f.digest[:], gk); err != nil {
						b.Fatal(err)
					}
				})
			},
			decred: func(b *testing.B) { measure(b, func() { dcrdecdsa.SignCompact(dk, f.digest[:], false) }) },
		},
		{
			// Signature to address: what a bundle or intent verifier does per signer.
			name: "RecoverAddress",
			interop: func(b *testing.B) {
				measure(b, func() {
					if _, err := secp256k1.RecoverAddress(f.digest, f.sig); err != nil {
						b.Fatal(err)
					}
				})
			},
			theirs: func(b *testing.B) {
				measure(b, func() {
					pub, err := crypto.Ecrecover(f.digest[:], f.sig[:])
					if err != nil {
						b.Fatal(err)
					}
					crypto.Keccak256(pub[1:])
				})
			},
			decred: func(b *testing.B) {
				measure(b, func() {
					pub, _, err := dcrdecdsa.RecoverCompact(btcsig, f.digest[:])
					if err != nil {
						b.Fatal(err)
					}
					crypto.Keccak256(pub.SerializeUncompressed()[1:])
				})
			},
		},
		{
			name: "RecoverPublicKey",
			interop: func(b *testing.B) {
				measure(b, func() {
					if _, err := secp256k1.RecoverPublicKey(f.digest, f.sig); err != nil {
						b.Fatal(err)
					}
				})
			},
			theirs: func(b *testing.B) {
				measure(b, func() {
					if _, err := crypto.SigToPub(f.digest[:], f.sig[:]); err != nil {
						b.Fatal(err)
					}
				})
			},
			decred: func(b *testing.B) {
				measure(b, func() {
					if _, _, err := dcrdecdsa.RecoverCompact(btcsig, f.digest[:]); err != nil {
						b.Fatal(err)
					}
				})
			},
		},
		{
			name: "VerifyStrict",
			interop: func(b *testing.B) {
				rs := [64]byte(f.sig[:64])
				measure(b, func() {
					if err := secp256k1.VerifyStrict(f.pub, f.digest, rs); err != nil {
						b.Fatal(err)
					}
				})
			},
			theirs: func(b *testing.B) {
				measure(b, func() {
					if !crypto.VerifySignature(f.gethPub, f.digest[:], f.sig[:64]) {
						b.Fatal("rejected")
					}
				})
			},
			decred: func(b *testing.B) {
				measure(b, func() {
					if ds.IsOverHalfOrder() || !dcrdecdsa.NewSignature(&dr, &ds).Verify(f.digest[:], dpub) {
						b.Fatal("rejected")
					}
				})
			},
		},
	}
}

// BenchmarkSecp256k1 times every operation in interop, go-ethereum and decred side by side,
// with cpu-ns/op beside sec/op (see measure). go-ethereum uses libsecp256k1 through cgo when
// cgo is enabled (the default with a C compiler) and decred's pure-Go secp256k1 with
// CGO_ENABLED=0; gethSecpBackend names the one built, and TestSecp256k1Ratios logs it. This
// module cannot build without cgo (blst needs it), hence the decred column.
func BenchmarkSecp256k1(b *testing.B) {
	f := newSecpFixture(b)
	for _, p := range secpPairs(f) {
		b.Run(p.name+"/impl=interop", p.interop)
		b.Run(p.name+"/impl=geth", p.theirs)
		b.Run(p.name+"/impl=decred", p.decred)
	}
}

// TestSecp256k1Ratios logs interop/go-ethereum and interop/decred CPU-time ratios (above 1
// means interop is slower). It is a measurement, not a check, so it runs only with
// BENCH_RATIOS=1.
func TestSecp256k1Ratios(t *testing.T) {
	if os.Getenv("BENCH_RATIOS") != "1" {
		t.Skip("set BENCH_RATIOS=1 to measure")
	}
	f := newSecpFixture(t)
	t.Logf("go-ethereum backend: %s", gethSecpBackend)
	for _, p := range secpPairs(f) {
		ours, theirs, dcr := testing.Benchmark(p.interop), testing.Benchmark(p.theirs), testing.Benchmark(p.decred)
		cpu := func(r testing.BenchmarkResult) float64 { return r.Extra["cpu-ns/op"] }
		t.Logf("%-16s interop %6.0f cpu-ns/op %d allocs | geth %6.0f cpu-ns/op %2d allocs, ratio %.2f | decred %6.0f cpu-ns/op %2d allocs, ratio %.2f",
			p.name, cpu(ours), ours.AllocsPerOp(),
			cpu(theirs), theirs.AllocsPerOp(), cpu(ours)/cpu(theirs),
			cpu(dcr), dcr.AllocsPerOp(), cpu(ours)/cpu(dcr))
	}
}

var secpN = crypto.S256().Params().N

// TestDifferentialSecp256k1Geth signs random digests with random keys in both libraries and
// recovers random, mostly malformed, signatures in both.
func TestDifferentialSecp256k1Geth(t *testing.T) {
	rounds := 300
	if testing.Short() {
		rounds = 50
	}
	for i := range rounds {
		gk, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		key, err := secp256k1.PrivateKeyFromBytes(crypto.FromECDSA(gk))
		if err != nil {
			t.Fatal(err)
		}
		if a := key.Address(); !bytes.Equal(a[:], crypto.PubkeyToAddress(gk.PublicKey).Bytes()) {
			t.Fatalf("address %v, geth %v", a, crypto.PubkeyToAddress(gk.PublicKey))
		}
		var digest interop.Hash
		rand.Read(digest[:])
		if i%10 == 0 {
			// Digests at or above n: libsecp256k1 reduces them like we do; decred does not.
			new(big.Int).Add(secpN, big.NewInt(int64(i))).FillBytes(digest[:])
		}
		ours := key.Sign(digest)
		theirs, err := crypto.Sign(digest[:], gk)
		if err != nil {
			t.Fatal(err)
		}
		aboveN := new(big.Int).SetBytes(digest[:]).Cmp(secpN) >= 0
		if !bytes.Equal(ours[:], theirs) && (gethSecpBackend == "libsecp256k1" || !aboveN) {
			t.Fatalf("key %x digest %x: Sign %x, geth %x", crypto.FromECDSA(gk), digest, ours, theirs)
		}
		// decred, go-ethereum's CGO_ENABLED=0 signer, feeds the unreduced digest to RFC 6979,
		// so it agrees below n and not at or above it.
		dsig := dcrdecdsa.SignCompact(dcrd.PrivKeyFromBytes(crypto.FromECDSA(gk)), digest[:], false)
		dsig = append(dsig[1:], dsig[0]-27)
		if same := bytes.Equal(ours[:], dsig); same == aboveN {
			t.Fatalf("key %x digest %x (≥ n: %v): Sign %x, decred %x", crypto.FromECDSA(gk), digest, aboveN, ours, dsig)
		}
		compareRecover(t, digest, ours)

		// Random r‖s, valid r‖s with a flipped bit, and edge values, v in {0, 1}.
		var sig [65]byte
		rand.Read(sig[:64])
		sig[64] = byte(i & 1)
		compareRecover(t, digest, sig)
		sig = ours
		sig[i%64] ^= 1 << (i % 8)
		compareRecover(t, digest, sig)
		for _, edge := range [][]byte{make([]byte, 32), secpN.Bytes(), new(big.Int).Sub(secpN, big.NewInt(1)).Bytes()} {
			sig = ours
			copy(sig[32:64], edge)
			compareRecover(t, digest, sig)
		}
	}
}

func compareRecover(t *testing.T, digest interop.Hash, sig [65]byte) {
	t.Helper()
	ours, err := secp256k1.RecoverAddress(digest, sig)
	pub, gerr := crypto.Ecrecover(digest[:], sig[:])
	if (err == nil) != (gerr == nil) {
		t.Fatalf("digest %x sig %x: RecoverAddress error %v, geth %v", digest, sig, err, gerr)
	}
	if err == nil {
		if want := crypto.Keccak256(pub[1:])[12:]; !bytes.Equal(ours[:], want) {
			t.Fatalf("digest %x sig %x: address %v, geth %x", digest, sig, ours, want)
		}
	}
	strictOK := err == nil && new(big.Int).SetBytes(sig[32:64]).Cmp(new(big.Int).Rsh(secpN, 1)) <= 0
	if _, err := secp256k1.RecoverAddressStrict(digest, sig); (err == nil) != strictOK {
		t.Fatalf("digest %x sig %x: RecoverAddressStrict %v", digest, sig, err)
	}
	if gerr == nil {
		xy := pub[1:]
		p, err := secp256k1.PublicKeyFromBytes(xy)
		if err != nil {
			t.Fatal(err)
		}
		verr := secp256k1.VerifyStrict(p, digest, [64]byte(sig[:64]))
		if gv := crypto.VerifySignature(pub, digest[:], sig[:64]); gv != (verr == nil) {
			t.Fatalf("digest %x sig %x: VerifyStrict %v, geth %v", digest, sig, verr, gv)
		}
	}
}
