package groth16

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/interopkit/interop/internal/vectors"
)

type precompileCase struct {
	Input    string
	Expected string
	Name     string
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatalf("hex %q: %v", s, err)
	}
	return b
}

func hash32(t testing.TB, s string) [32]byte {
	t.Helper()
	b := unhex(t, s)
	if len(b) != 32 {
		t.Fatalf("want 32 bytes, got %d", len(b))
	}
	return [32]byte(b)
}

// TestConformancePrecompiles runs go-ethereum's bn256Add, bn256ScalarMul and bn256Pairing
// precompile vectors through the EIP-196/197 helpers.
func TestConformancePrecompiles(t *testing.T) {
	run := map[string]func([]byte) ([]byte, error){
		"bn256Add": func(in []byte) ([]byte, error) {
			out, err := PrecompileAdd(in)
			return out[:], err
		},
		"bn256ScalarMul": func(in []byte) ([]byte, error) {
			out, err := PrecompileScalarMul(in)
			return out[:], err
		},
		"bn256Pairing": func(in []byte) ([]byte, error) {
			ok, err := PrecompilePairing(in)
			var out [32]byte
			if ok {
				out[31] = 1
			}
			return out[:], err
		},
	}
	n := 0
	for _, path := range vectors.Files(t, "zk", "bn256*.json") {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		f, ok := run[name]
		if !ok {
			t.Errorf("%s: unknown precompile file", path)
			continue
		}
		var cases []precompileCase
		if err := json.Unmarshal(vectors.Read(t, path), &cases); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range cases {
			t.Run(name+"/"+c.Name, func(t *testing.T) {
				got, err := f(unhex(t, c.Input))
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				if want := unhex(t, c.Expected); !bytes.Equal(got, want) {
					t.Fatalf("got %x, want %x", got, want)
				}
			})
			n++
		}
	}
	t.Logf("%d precompile cases", n)
}

// TestConformanceSnarkJS verifies every snarkjs (verification_key, proof, public) set,
// and checks that changing any public input, or adding r to it, is refused.
func TestConformanceSnarkJS(t *testing.T) {
	for _, path := range vectors.Files(t, "zk", "**/verification_key.json") {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			vkJSON := vectors.Read(t, path)
			proofJSON := vectors.Read(t, filepath.Join(dir, "proof.json"))
			pubJSON := vectors.Read(t, filepath.Join(dir, "public.json"))
			vk, p, pub, err := ParseSnarkJS(vkJSON, proofJSON, pubJSON)
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(vk, p, pub); err != nil {
				t.Fatalf("valid proof: %v", err)
			}
			// The same proof through the EVM calldata encoding.
			evm := p.EVMBytes()
			p2, err := ParseEVMProof(evm[:])
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(vk, p2, pub); err != nil {
				t.Fatalf("calldata round trip: %v", err)
			}
			checkTampering(t, vk, p, pub)
		})
	}
}

// checkTampering asserts that each public input changed by one, or increased by r, is
// refused, and that wrong input counts are refused.
func checkTampering(t *testing.T, vk *VerifyingKey, p *Proof, pub [][32]byte) {
	t.Helper()
	r := fr.Modulus()
	for i := range pub {
		mod := append([][32]byte(nil), pub...)
		mod[i][31] ^= 1
		if err := Verify(vk, p, mod); !errors.Is(err, ErrVerification) {
			t.Errorf("input %d flipped: got %v, want ErrVerification", i, err)
		}
		var v big.Int
		v.SetBytes(pub[i][:])
		v.Add(&v, r)
		if v.BitLen() <= 256 {
			mod[i] = [32]byte(v.FillBytes(make([]byte, 32)))
			if err := Verify(vk, p, mod); !errors.Is(err, ErrInputRange) {
				t.Errorf("input %d + r: got %v, want ErrInputRange", i, err)
			}
		}
	}
	if err := Verify(vk, p, append(append([][32]byte(nil), pub...), [32]byte{})); !errors.Is(err, ErrInputCount) {
		t.Errorf("extra input: got %v, want ErrInputCount", err)
	}
	if len(pub) > 0 {
		if err := Verify(vk, p, pub[:len(pub)-1]); !errors.Is(err, ErrInputCount) {
			t.Errorf("missing input: got %v, want ErrInputCount", err)
		}
	}
}

// TestConformanceGnarkKeys parses every gnark groth16_vk.bin and checks that the
// encoders give back the same bytes, compressed and raw.
func TestConformanceGnarkKeys(t *testing.T) {
	for _, path := range vectors.Files(t, "zk", "**/groth16_vk.bin") {
		b := vectors.Read(t, path)
		vk, err := ParseGnarkVerifyingKey(b)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := vk.GnarkBytes(true); !bytes.Equal(got, b) {
			t.Errorf("%s: compressed re-encoding differs", path)
		}
		raw := vk.GnarkBytes(false)
		vk2, err := ParseGnarkVerifyingKey(raw)
		if err != nil {
			t.Fatalf("%s raw: %v", path, err)
		}
		if !bytes.Equal(vk2.GnarkBytes(true), b) {
			t.Errorf("%s: raw round trip differs", path)
		}
		for _, cut := range []int{1, 4, len(b) / 2, len(b) - 1} {
			if _, err := ParseGnarkVerifyingKey(b[:len(b)-cut]); err == nil {
				t.Errorf("%s: truncated by %d accepted", path, cut)
			}
		}
		if _, err := ParseGnarkVerifyingKey(append(append([]byte(nil), b...), 0)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: trailing byte: %v", path, err)
		}
	}
}

type sp1Fixture struct {
	Version      string            `json:"sp1_version"`
	ProgramVKey  string            `json:"program_vkey"`
	PublicValues string            `json:"public_values"`
	VerifierHash string            `json:"verifier_hash"`
	VKRoot       string            `json:"vk_root"`
	Constants    map[string]string `json:"solidity_vk_constants"`
	Cases        []struct {
		Name         string `json:"name"`
		ProgramVKey  string `json:"program_vkey"`
		PublicValues string `json:"public_values"`
		ProofBytes   string `json:"proof_bytes"`
		Expected     string `json:"expected"`
	} `json:"cases"`
	Derived *struct {
		PublicInputs []string `json:"public_inputs"`
		ProofEVM     string   `json:"groth16_proof_evm"`
	} `json:"derived"`
}

// keyFromSolidity builds a key from the constants of an sp1-contracts Groth16Verifier.sol:
// decimal coordinates, G2 points negated (BETA_NEG etc.), *_X_0 the real part.
func keyFromSolidity(t *testing.T, c map[string]string) *VerifyingKey {
	t.Helper()
	num := func(k string) []byte {
		s, ok := c[k]
		if !ok {
			t.Fatalf("constant %s missing", k)
		}
		v, err := decimal(s)
		if err != nil {
			t.Fatalf("constant %s: %v", k, err)
		}
		return v[:]
	}
	g1 := func(prefix string) bn254.G1Affine {
		p, err := g1FromCoords(num(prefix+"_X"), num(prefix+"_Y"))
		if err != nil {
			t.Fatalf("%s: %v", prefix, err)
		}
		return p
	}
	g2neg := func(prefix string) bn254.G2Affine {
		p, err := g2FromCoords(num(prefix+"_X_0"), num(prefix+"_X_1"), num(prefix+"_Y_0"), num(prefix+"_Y_1"))
		if err != nil {
			t.Fatalf("%s: %v", prefix, err)
		}
		p.Neg(&p)
		return p
	}
	ic := []bn254.G1Affine{g1("CONSTANT")}
	for i := 0; ; i++ {
		k := "PUB_" + strconv.Itoa(i)
		if _, ok := c[k+"_X"]; !ok {
			break
		}
		ic = append(ic, g1(k))
	}
	vk, err := NewVerifyingKey(g1("ALPHA"), g2neg("BETA_NEG"), g2neg("GAMMA_NEG"), g2neg("DELTA_NEG"), ic)
	if err != nil {
		t.Fatal(err)
	}
	return vk
}

func sameKey(a, b *VerifyingKey) bool {
	if a.alpha != b.alpha || a.beta != b.beta || a.gamma != b.gamma || a.delta != b.delta || len(a.ic) != len(b.ic) {
		return false
	}
	for i := range a.ic {
		if a.ic[i] != b.ic[i] {
			return false
		}
	}
	return true
}

// TestConformanceSP1 verifies every SP1 fixture with every key form it comes with (the
// gnark groth16_vk.bin and the Solidity constants), checks that both forms agree and that
// the .bin hashes to VERIFIER_HASH, and that every case marked invalid is refused.
func TestConformanceSP1(t *testing.T) {
	cases := 0
	for _, path := range vectors.Files(t, "zk", "**/fixture.json") {
		dir := filepath.Dir(path)
		var fx sp1Fixture
		if err := json.Unmarshal(vectors.Read(t, path), &fx); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		verifierHash := hash32(t, fx.VerifierHash)
		var keys []*VerifyingKey
		if bin, err := os.ReadFile(filepath.Join(dir, "groth16_vk.bin")); err == nil {
			if sha256.Sum256(bin) != verifierHash {
				t.Errorf("%s: sha256(groth16_vk.bin) is not the verifier hash", path)
			}
			vk, err := ParseGnarkVerifyingKey(bin)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			keys = append(keys, vk)
		}
		if fx.Constants != nil {
			keys = append(keys, keyFromSolidity(t, fx.Constants))
		}
		if len(keys) == 0 {
			t.Fatalf("%s: no verifying key", path)
		}
		if len(keys) == 2 && !sameKey(keys[0], keys[1]) {
			t.Errorf("%s: groth16_vk.bin and the Solidity constants differ", path)
		}
		for ki, vk := range keys {
			var vkRoot [32]byte
			if fx.VKRoot != "" {
				vkRoot = hash32(t, fx.VKRoot)
			} else if vk.NumPublic() == 5 {
				// A pre-release without a deployed verifier: no VK_ROOT constant exists,
				// so the root is the one the valid proof carries (README 3.4).
				vkRoot = [32]byte(unhex(t, fx.Cases[0].ProofBytes)[36:68])
			}
			v, err := NewSP1VerifierFromKey(vk, verifierHash, vkRoot)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range fx.Cases {
				name := filepath.Base(dir) + "/" + c.Name + "/key" + strconv.Itoa(ki)
				pv, pvk := fx.PublicValues, fx.ProgramVKey
				if c.PublicValues != "" {
					pv = c.PublicValues
				}
				if c.ProgramVKey != "" {
					pvk = c.ProgramVKey
				}
				err := v.Verify(hash32(t, pvk), unhex(t, pv), unhex(t, c.ProofBytes))
				switch c.Expected {
				case "valid":
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
				case "invalid":
					if err == nil {
						t.Errorf("%s: invalid proof accepted", name)
					}
				default:
					t.Fatalf("%s: expected %q", name, c.Expected)
				}
				cases++
			}
			if fx.Derived != nil {
				p, err := ParseEVMProof(unhex(t, fx.Derived.ProofEVM))
				if err != nil {
					t.Fatal(err)
				}
				var pub [][32]byte
				for _, s := range fx.Derived.PublicInputs {
					pub = append(pub, hash32(t, s))
				}
				if err := Verify(vk, p, pub); err != nil {
					t.Errorf("%s derived: %v", path, err)
				}
				checkTampering(t, vk, p, pub)
				// The gnark proof encodings carry the same proof.
				for _, compressed := range []bool{true, false} {
					gp, err := ParseGnarkProof(p.GnarkBytes(compressed))
					if err != nil {
						t.Fatal(err)
					}
					if err := Verify(vk, gp, pub); err != nil {
						t.Errorf("%s gnark proof (compressed %v): %v", path, compressed, err)
					}
				}
			}
		}
	}
	t.Logf("%d SP1 cases", cases)
}
