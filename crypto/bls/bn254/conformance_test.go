package bn254

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// hotshotFixture is a set of real HotShot keys and aggregate signatures (testdata/*.json,
// facts read from espresso-network's recorded chains; see testdata/SOURCES.md).
type hotshotFixture struct {
	Keys       []string `json:"keys"`
	Aggregates []struct {
		Message   string `json:"message"`
		Signature string `json:"signature"`
		Signers   []int  `json:"signers"`
	} `json:"aggregates"`
}

func loadFixtures(t *testing.T) map[string]hotshotFixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	out := map[string]hotshotFixture{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f hotshotFixture
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[filepath.Base(p)] = f
	}
	return out
}

// sentinels are the errors a refused key, signature or string must name.
var sentinels = []error{ErrInvalidLength, ErrInvalidEncoding, ErrNotCanonical, ErrNotOnCurve,
	ErrNotInSubgroup, ErrInfinity, ErrTaggedBase64, ErrTag, ErrChecksum}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestConformanceHotShotQCSignatures verifies real HotShot QC signatures (jellyfish
// BLS over BN254, aggregated over the signers the QC's bit vector names) against the real
// stake keys, re-encodes every key and signature to its upstream string, and refuses the
// same signatures over another signer set or a changed message.
func TestConformanceHotShotQCSignatures(t *testing.T) {
	for name, f := range loadFixtures(t) {
		t.Run(name, func(t *testing.T) {
			pks := make([]*PublicKey, len(f.Keys))
			for i, s := range f.Keys {
				pk, err := ParsePublicKey(s)
				if err != nil {
					t.Fatalf("key %d: %v", i, err)
				}
				if pk.String() != s {
					t.Fatalf("key %d re-encodes as %s", i, pk)
				}
				pks[i] = pk
			}
			for j, a := range f.Aggregates {
				msg, err := hex.DecodeString(a.Message)
				if err != nil {
					t.Fatal(err)
				}
				sig, err := ParseSignature(a.Signature)
				if err != nil {
					t.Fatalf("aggregate %d: %v", j, err)
				}
				if sig.String() != a.Signature {
					t.Fatalf("aggregate %d re-encodes as %s", j, sig)
				}
				var signers, others []*PublicKey
				in := map[int]bool{}
				for _, i := range a.Signers {
					signers = append(signers, pks[i])
					in[i] = true
				}
				for i := range pks {
					if !in[i] {
						others = append(others, pks[i])
					}
				}
				if !FastAggregateVerify(signers, msg, sig) {
					t.Fatalf("aggregate %d does not verify", j)
				}
				if len(signers) == 1 && !Verify(signers[0], msg, sig) {
					t.Fatalf("signature %d does not verify", j)
				}
				if FastAggregateVerify(signers, append(msg, 0), sig) {
					t.Fatalf("aggregate %d verifies with a byte appended", j)
				}
				// The signer set matters: swap one signer for a non-signer.
				if len(others) > 0 {
					swapped := append([]*PublicKey{others[0]}, signers[1:]...)
					if FastAggregateVerify(swapped, msg, sig) {
						t.Fatalf("aggregate %d verifies with a non-signer", j)
					}
				}
				for k := range msg {
					m := append([]byte(nil), msg...)
					m[k] ^= 1
					if FastAggregateVerify(signers, m, sig) {
						t.Fatalf("aggregate %d verifies with message byte %d flipped", j, k)
					}
				}
			}
		})
	}
}

// TestConformanceTamper changes each character of every real key and signature string in
// turn, and each byte of its decoded payload (with the checksum recomputed, so the point
// decoder is what refuses): every change is refused with a named sentinel, or, where the
// payload still decodes to a valid point, the signature no longer verifies.
func TestConformanceTamper(t *testing.T) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for name, f := range loadFixtures(t) {
		t.Run(name, func(t *testing.T) {
			strs := append([]string(nil), f.Keys...)
			for _, a := range f.Aggregates {
				strs = append(strs, a.Signature)
			}
			for _, s := range strs {
				for i := range s {
					b := []byte(s)
					if b[i] == '~' {
						continue
					}
					for _, c := range []byte{alphabet[(indexOf(alphabet, b[i])+1)%64], '=', '+'} {
						b[i] = c
						var err error
						if s[:7] == "BLS_SIG" {
							_, err = ParseSignature(string(b))
						} else {
							_, err = ParsePublicKey(string(b))
						}
						if !isSentinel(err) {
							t.Fatalf("%s with %q at %d: %v", s[:20], c, i, err)
						}
					}
				}
			}
			// Payload tampering with a valid checksum.
			for _, s := range f.Keys {
				pk, _ := ParsePublicKey(s)
				raw := pk.Bytes()
				for i := range raw {
					b := raw
					b[i] ^= 1
					_, err := ParsePublicKey(formatTagged(TagPublicKey, b[:]))
					if !isSentinel(err) {
						t.Fatalf("key byte %d flipped: %v", i, err)
					}
				}
			}
			for _, a := range f.Aggregates {
				sig, _ := ParseSignature(a.Signature)
				msg, _ := hex.DecodeString(a.Message)
				var signers []*PublicKey
				for _, i := range a.Signers {
					pk, _ := ParsePublicKey(f.Keys[i])
					signers = append(signers, pk)
				}
				raw := sig.Bytes()
				for i := range raw {
					b := raw
					b[i] ^= 1
					got, err := ParseSignature(formatTagged(TagSignature, b[:]))
					if err == nil {
						if FastAggregateVerify(signers, msg, got) {
							t.Fatalf("signature byte %d flipped still verifies", i)
						}
						continue
					}
					if !isSentinel(err) {
						t.Fatalf("signature byte %d flipped: %v", i, err)
					}
				}
			}
		})
	}
}

func indexOf(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return 0
}
