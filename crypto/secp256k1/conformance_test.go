package secp256k1_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/vectors"
)

func keccak(b ...[]byte) (h interop.Hash) {
	d := sha3.NewLegacyKeccak256()
	for _, x := range b {
		d.Write(x)
	}
	d.Sum(h[:0])
	return h
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := json.Unmarshal(vectors.Read(t, path), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestConformanceEthereum runs the Ethereum signing vectors: the files are told apart by their
// shape, so further files of either kind are picked up.
func TestConformanceEthereum(t *testing.T) {
	var personal, eip155 int
	for _, path := range vectors.Files(t, "intent", "secp256k1/*.json") {
		var f struct {
			Cases []struct {
				Name, PrivateKey, Message, Signature, Address string
			}
			SigningData, SigningHash, PrivateKey, R, S, SignedTx string
			V                                                    uint64
			Tx                                                   struct{ ChainID uint64 }
		}
		readJSON(t, path, &f)
		for _, c := range f.Cases {
			t.Run(c.Name, func(t *testing.T) {
				msg := mustHex(t, c.Message)
				digest := keccak([]byte("\x19Ethereum Signed Message:\n"+strconv.Itoa(len(msg))), msg)
				checkSignature(t, mustHex(t, c.PrivateKey), digest, [65]byte(mustHex(t, c.Signature)), 27, c.Address)
			})
			personal++
		}
		if f.SigningHash != "" {
			t.Run(path, func(t *testing.T) {
				digest := interop.Hash(mustHex(t, f.SigningHash))
				if got := keccak(mustHex(t, f.SigningData)); got != digest {
					t.Fatalf("signing hash %x, want %x", got, digest)
				}
				r, _ := new(big.Int).SetString(f.R, 10)
				s, _ := new(big.Int).SetString(f.S, 10)
				var want [65]byte
				r.FillBytes(want[:32])
				s.FillBytes(want[32:64])
				// EIP-155: v = recid + 35 + 2·chainId.
				want[64] = byte(f.V - 35 - 2*f.Tx.ChainID + 27)
				checkSignature(t, mustHex(t, f.PrivateKey), digest, want, 27, "")
				if !strings.Contains(f.SignedTx, hex.EncodeToString(want[:32])) || !strings.Contains(f.SignedTx, hex.EncodeToString(want[32:64])) {
					t.Errorf("signed tx does not carry r and s")
				}
			})
			eip155++
		}
	}
	t.Logf("%d personal_sign cases, %d EIP-155 transactions", personal, eip155)
	if personal+eip155 == 0 {
		t.Fatal("no Ethereum signing vectors recognised")
	}
}

// checkSignature signs digest with key, compares with want (v offset by vOffset), and
// recovers the signer from want.
func checkSignature(t *testing.T, key []byte, digest interop.Hash, want [65]byte, vOffset byte, address string) {
	t.Helper()
	k, err := secp256k1.PrivateKeyFromBytes(key)
	if err != nil {
		t.Fatal(err)
	}
	got := k.Sign(digest)
	got[64] += vOffset
	if got != want {
		t.Errorf("Sign = %x, want %x", got, want)
	}
	addr, err := secp256k1.RecoverAddress(digest, want)
	if err != nil {
		t.Fatal(err)
	}
	if addr != k.Address() {
		t.Errorf("RecoverAddress = %v, key address %v", addr, k.Address())
	}
	if address != "" && !strings.EqualFold(addr.String(), address) {
		t.Errorf("RecoverAddress = %v, want %s", addr, address)
	}
	if _, err := secp256k1.RecoverAddressStrict(digest, want); err != nil {
		t.Errorf("RecoverAddressStrict: %v", err)
	}
	if err := secp256k1.VerifyStrict(k.PublicKey(), digest, [64]byte(want[:64])); err != nil {
		t.Errorf("VerifyStrict: %v", err)
	}
}

type wycheproofFile struct {
	Schema     string
	TestGroups []struct {
		PublicKey struct{ Uncompressed, Wx, Wy string }
		Sha       string
		Tests     []struct {
			TcID    int
			Comment string
			Msg     string
			Sig     string
			Result  string
		}
	}
}

// TestConformanceWycheproof runs Wycheproof's ECDSA secp256k1/SHA-256 verification vectors:
// P1363 (r‖s) files against Verify, which accepts high s as SEC 1 does, and the Bitcoin (DER,
// low-s) files against VerifyStrict after a strict DER parse.
func TestConformanceWycheproof(t *testing.T) {
	counts := map[string]int{}
	for _, path := range vectors.Files(t, "intent", "secp256k1/wycheproof/*.json") {
		var f wycheproofFile
		readJSON(t, path, &f)
		var p1363 bool
		switch {
		case strings.HasPrefix(f.Schema, "ecdsa_p1363_verify"):
			p1363 = true
		case strings.HasPrefix(f.Schema, "ecdsa_bitcoin_verify"):
		default:
			t.Logf("%s: schema %q not handled", path, f.Schema)
			continue
		}
		for _, g := range f.TestGroups {
			if g.Sha != "SHA-256" {
				t.Fatalf("%s: hash %s", path, g.Sha)
			}
			pub, err := secp256k1.PublicKeyFromBytes(mustHex(t, g.PublicKey.Uncompressed))
			if err != nil {
				t.Fatalf("%s: public key: %v", path, err)
			}
			checkPublicKeyEncodings(t, pub)
			for _, tc := range g.Tests {
				digest := interop.Hash(sha256.Sum256(mustHex(t, tc.Msg)))
				raw := mustHex(t, tc.Sig)
				var err error
				if p1363 {
					if len(raw) != 64 {
						err = errors.New("signature length")
					} else {
						err = secp256k1.Verify(pub, digest, [64]byte(raw))
					}
				} else {
					var rs [64]byte
					if rs, err = parseDER(raw); err == nil {
						err = secp256k1.VerifyStrict(pub, digest, rs)
					}
				}
				switch {
				case tc.Result == "valid" && err != nil:
					t.Errorf("%s tc %d (%s): valid signature rejected: %v", path, tc.TcID, tc.Comment, err)
				case tc.Result == "invalid" && err == nil:
					t.Errorf("%s tc %d (%s): invalid signature accepted", path, tc.TcID, tc.Comment)
				}
				counts[f.Schema]++
			}
		}
	}
	t.Logf("cases per schema: %v", counts)
}

// checkPublicKeyEncodings re-parses every encoding of pub.
func checkPublicKeyEncodings(t interface{ Fatalf(string, ...any) }, pub *secp256k1.PublicKey) {
	xy, unc, cmp := pub.Bytes(), pub.BytesUncompressed(), pub.BytesCompressed()
	for _, enc := range [][]byte{xy[:], unc[:], cmp[:]} {
		p, err := secp256k1.PublicKeyFromBytes(enc)
		if err != nil || !p.Equal(pub) {
			t.Fatalf("re-parse of %x: %v", enc, err)
		}
	}
}

// parseDER reads a strict DER ECDSA-Sig-Value (BIP 66): SEQUENCE of two minimal positive
// INTEGERs, short-form lengths, nothing trailing.
func parseDER(b []byte) (rs [64]byte, err error) {
	bad := errors.New("not strict DER")
	if len(b) < 2 || b[0] != 0x30 || b[1] >= 0x80 || int(b[1]) != len(b)-2 {
		return rs, bad
	}
	rest := b[2:]
	for i := range 2 {
		if len(rest) < 2 || rest[0] != 0x02 || rest[1] >= 0x80 || int(rest[1]) > len(rest)-2 {
			return rs, bad
		}
		v := rest[2 : 2+int(rest[1])]
		rest = rest[2+int(rest[1]):]
		if len(v) == 0 || v[0]&0x80 != 0 || (len(v) > 1 && v[0] == 0 && v[1]&0x80 == 0) {
			return rs, bad
		}
		if v[0] == 0 {
			v = v[1:]
		}
		if len(v) > 32 {
			return rs, bad
		}
		copy(rs[32*i+32-len(v):32*i+32], v)
	}
	if len(rest) != 0 {
		return rs, bad
	}
	return rs, nil
}

// TestConformancePrecompile runs go-ethereum's ecRecover precompile vectors through Ecrecover.
func TestConformancePrecompile(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "zk", "evm-precompiles/ecRecover*.json") {
		var cases []struct{ Input, Expected, Name string }
		readJSON(t, path, &cases)
		for _, c := range cases {
			got := secp256k1.Ecrecover(mustHex(t, c.Input))
			if hex.EncodeToString(got) != c.Expected {
				t.Errorf("%s: Ecrecover = %x, want %s", c.Name, got, c.Expected)
			}
			n++
		}
	}
	t.Logf("%d precompile cases", n)
}
