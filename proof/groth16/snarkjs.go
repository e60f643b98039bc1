package groth16

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// snarkjsKey is verification_key.json as snarkjs zkey export verificationkey writes it.
// vk_alphabeta_12 is ignored: it is recomputed from α and β.
type snarkjsKey struct {
	Protocol string     `json:"protocol"`
	Curve    string     `json:"curve"`
	NPublic  *int       `json:"nPublic"`
	Alpha    []string   `json:"vk_alpha_1"`
	Beta     [][]string `json:"vk_beta_2"`
	Gamma    [][]string `json:"vk_gamma_2"`
	Delta    [][]string `json:"vk_delta_2"`
	IC       [][]string `json:"IC"`
}

// snarkjsProof is proof.json as snarkjs groth16 prove writes it.
type snarkjsProof struct {
	Protocol string     `json:"protocol"`
	Curve    string     `json:"curve"`
	A        []string   `json:"pi_a"`
	B        [][]string `json:"pi_b"`
	C        []string   `json:"pi_c"`
}

// ParseSnarkJS decodes snarkjs's verification_key.json, proof.json and public.json (any of
// them may be nil to skip it). Numbers are decimal strings; points are projective with
// Z = 1 ([x, y, "1"], G2 [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]], real part first), or
// the point at infinity with Z = 0 ([0, 1, 0]). The protocol must be "groth16" and the
// curve, when given, "bn128" or "bn254"; nPublic must match the IC points. Public inputs
// are returned as 32-byte big-endian values, each checked below r.
//
// Bound: encoding/json decodes each document in linear time; then at most
// MaxPublicInputs+1 IC points and MaxPublicInputs inputs are refused by count before any
// is parsed; numbers are at most 78 digits. Memory under 90 bytes per input byte.
func ParseSnarkJS(vk, proof, public []byte) (*VerifyingKey, *Proof, [][32]byte, error) {
	var (
		key *VerifyingKey
		p   *Proof
		pub [][32]byte
		err error
	)
	if vk != nil {
		if key, err = parseSnarkJSKey(vk); err != nil {
			return nil, nil, nil, fmt.Errorf("verification key: %w", err)
		}
	}
	if proof != nil {
		if p, err = parseSnarkJSProof(proof); err != nil {
			return nil, nil, nil, fmt.Errorf("proof: %w", err)
		}
	}
	if public != nil {
		if pub, err = parseSnarkJSPublic(public); err != nil {
			return nil, nil, nil, fmt.Errorf("public inputs: %w", err)
		}
	}
	if key != nil && pub != nil && len(pub) != key.NumPublic() {
		return nil, nil, nil, fmt.Errorf("%w: public.json has %d, key has %d", ErrInputCount, len(pub), key.NumPublic())
	}
	return key, p, pub, nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: trailing JSON", ErrMalformed)
	}
	return nil
}

func checkHeader(protocol, curve string) error {
	if protocol != "groth16" {
		return fmt.Errorf("%w: protocol %q, want groth16", ErrMalformed, protocol)
	}
	if curve != "" && curve != "bn128" && curve != "bn254" {
		return fmt.Errorf("%w: curve %q, want bn128", ErrMalformed, curve)
	}
	return nil
}

func parseSnarkJSKey(b []byte) (*VerifyingKey, error) {
	var k snarkjsKey
	if err := strictUnmarshal(b, &k); err != nil {
		return nil, err
	}
	if err := checkHeader(k.Protocol, k.Curve); err != nil {
		return nil, err
	}
	if len(k.IC) == 0 || len(k.IC) > MaxPublicInputs+1 {
		return nil, fmt.Errorf("%w: %d IC points", ErrInvalidKey, len(k.IC))
	}
	if k.NPublic == nil || *k.NPublic != len(k.IC)-1 {
		return nil, fmt.Errorf("%w: nPublic %v for %d IC points", ErrInvalidKey, k.NPublic, len(k.IC))
	}
	alpha, err := snarkjsG1(k.Alpha)
	if err != nil {
		return nil, fmt.Errorf("vk_alpha_1: %w", err)
	}
	var g2 [3]bn254.G2Affine
	for i, s := range [][][]string{k.Beta, k.Gamma, k.Delta} {
		if g2[i], err = snarkjsG2(s); err != nil {
			return nil, fmt.Errorf("%s: %w", [...]string{"vk_beta_2", "vk_gamma_2", "vk_delta_2"}[i], err)
		}
	}
	ic := make([]bn254.G1Affine, len(k.IC))
	for i := range ic {
		if ic[i], err = snarkjsG1(k.IC[i]); err != nil {
			return nil, fmt.Errorf("IC[%d]: %w", i, err)
		}
	}
	return NewVerifyingKey(alpha, g2[0], g2[1], g2[2], ic)
}

func parseSnarkJSProof(b []byte) (*Proof, error) {
	var p snarkjsProof
	if err := strictUnmarshal(b, &p); err != nil {
		return nil, err
	}
	if err := checkHeader(p.Protocol, p.Curve); err != nil {
		return nil, err
	}
	a, err := snarkjsG1(p.A)
	if err != nil {
		return nil, fmt.Errorf("pi_a: %w", err)
	}
	bb, err := snarkjsG2(p.B)
	if err != nil {
		return nil, fmt.Errorf("pi_b: %w", err)
	}
	c, err := snarkjsG1(p.C)
	if err != nil {
		return nil, fmt.Errorf("pi_c: %w", err)
	}
	return &Proof{a: a, b: bb, c: c}, nil
}

func parseSnarkJSPublic(b []byte) ([][32]byte, error) {
	var ss []string
	if err := strictUnmarshal(b, &ss); err != nil {
		return nil, err
	}
	if len(ss) > MaxPublicInputs {
		return nil, fmt.Errorf("%w: %d public inputs", ErrInputCount, len(ss))
	}
	out := make([][32]byte, len(ss))
	for i, s := range ss {
		v, err := decimal(s)
		if err != nil {
			return nil, fmt.Errorf("input %d: %w", i, err)
		}
		if !belowModulus(v[:], rBytes) {
			return nil, fmt.Errorf("input %d: %w: %s", i, ErrInputRange, s)
		}
		out[i] = v
	}
	return out, nil
}

// decimal parses a canonical unsigned decimal string (no sign, no leading zeros) that
// fits in 256 bits into 32 big-endian bytes.
func decimal(s string) ([32]byte, error) {
	var out [32]byte
	if len(s) == 0 || len(s) > 78 || (len(s) > 1 && s[0] == '0') {
		return out, fmt.Errorf("%w: number %q", ErrMalformed, s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return out, fmt.Errorf("%w: number %q", ErrMalformed, s)
		}
	}
	var v big.Int
	v.SetString(s, 10)
	if v.BitLen() > 256 {
		return out, fmt.Errorf("%w: number %q exceeds 256 bits", ErrMalformed, s)
	}
	v.FillBytes(out[:])
	return out, nil
}

func decimals(ss []string, want int) ([][32]byte, error) {
	if len(ss) != want {
		return nil, fmt.Errorf("%w: %d coordinates, want %d", ErrMalformed, len(ss), want)
	}
	out := make([][32]byte, want)
	for i, s := range ss {
		v, err := decimal(s)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// snarkjsG1 decodes [x, y, z]: z = 1 for an affine point, or [0, 1, 0] for infinity.
func snarkjsG1(ss []string) (bn254.G1Affine, error) {
	v, err := decimals(ss, 3)
	if err != nil {
		return bn254.G1Affine{}, err
	}
	if isInt(v[2], 0) {
		if !isInt(v[0], 0) || !isInt(v[1], 1) {
			return bn254.G1Affine{}, fmt.Errorf("%w: Z = 0 but not [0, 1, 0]", ErrMalformed)
		}
		return bn254.G1Affine{}, nil
	}
	if !isInt(v[2], 1) {
		return bn254.G1Affine{}, fmt.Errorf("%w: Z = %s, want 1", ErrMalformed, ss[2])
	}
	if isInt(v[0], 0) && isInt(v[1], 0) {
		return bn254.G1Affine{}, fmt.Errorf("%w: (0, 0) with Z = 1", ErrNotOnCurve)
	}
	return g1FromCoords(v[0][:], v[1][:])
}

// snarkjsG2 decodes [[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]], z = [1, 0], or
// [[0, 0], [1, 0], [0, 0]] for infinity.
func snarkjsG2(sss [][]string) (bn254.G2Affine, error) {
	if len(sss) != 3 {
		return bn254.G2Affine{}, fmt.Errorf("%w: %d coordinates, want 3", ErrMalformed, len(sss))
	}
	var c [3][][32]byte
	for i := range c {
		var err error
		if c[i], err = decimals(sss[i], 2); err != nil {
			return bn254.G2Affine{}, err
		}
	}
	if isInt(c[2][0], 0) && isInt(c[2][1], 0) {
		if !isInt(c[0][0], 0) || !isInt(c[0][1], 0) || !isInt(c[1][0], 1) || !isInt(c[1][1], 0) {
			return bn254.G2Affine{}, fmt.Errorf("%w: Z = 0 but not the point at infinity", ErrMalformed)
		}
		return bn254.G2Affine{}, nil
	}
	if !isInt(c[2][0], 1) || !isInt(c[2][1], 0) {
		return bn254.G2Affine{}, fmt.Errorf("%w: Z = %v, want [1, 0]", ErrMalformed, sss[2])
	}
	p, err := g2FromCoords(c[0][0][:], c[0][1][:], c[1][0][:], c[1][1][:])
	if err == nil && p.IsInfinity() {
		return p, fmt.Errorf("%w: (0, 0) with Z = 1", ErrNotOnCurve)
	}
	return p, err
}

func isInt(v [32]byte, x byte) bool {
	return allZero(v[:31]) && v[31] == x
}
