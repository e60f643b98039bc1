package groth16

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// EVMProofSize is the length of a Groth16 proof as Solidity verifiers take it: uint256[8].
const EVMProofSize = 256

// decodeG1EVM decodes an EIP-196 G1 point x ‖ y (32-byte big-endian each, both below p,
// (0, 0) the point at infinity) and checks it is on the curve.
func decodeG1EVM(b []byte) (bn254.G1Affine, error) {
	return g1FromCoords(b[0:32], b[32:64])
}

// decodeG2EVM decodes an EIP-197 G2 point x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (imaginary part
// first), each below p, all zero for infinity, and checks it is in the order-r subgroup.
func decodeG2EVM(b []byte) (bn254.G2Affine, error) {
	return g2FromCoords(b[32:64], b[0:32], b[96:128], b[64:96])
}

// ParseEVMProof decodes the uint256[8] proof of a Solidity Groth16 verifier (snarkjs's
// generatecall, gnark's ExportSolidity, SP1): A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0,
// C.x, C.y, each a 32-byte big-endian word, G2 in EIP-197 order. Coordinates must be below
// p, the points on the curve and B in the order-r subgroup.
func ParseEVMProof(b []byte) (*Proof, error) {
	if len(b) != EVMProofSize {
		return nil, fmt.Errorf("%w: EVM proof is %d bytes, want %d", ErrMalformed, len(b), EVMProofSize)
	}
	a, err := decodeG1EVM(b[0:64])
	if err != nil {
		return nil, fmt.Errorf("proof A: %w", err)
	}
	bb, err := decodeG2EVM(b[64:192])
	if err != nil {
		return nil, fmt.Errorf("proof B: %w", err)
	}
	c, err := decodeG1EVM(b[192:256])
	if err != nil {
		return nil, fmt.Errorf("proof C: %w", err)
	}
	return &Proof{a: a, b: bb, c: c}, nil
}

// EVMBytes encodes A, B and C as the uint256[8] a Solidity verifier takes. Commitments,
// which Solidity verifiers take as separate arguments, are not included.
func (p *Proof) EVMBytes() [EVMProofSize]byte {
	var out [EVMProofSize]byte
	putG1EVM(out[0:64], &p.a)
	putG2EVM(out[64:192], &p.b)
	putG1EVM(out[192:256], &p.c)
	return out
}

func putG1EVM(dst []byte, p *bn254.G1Affine) {
	x, y := p.X.Bytes(), p.Y.Bytes()
	copy(dst[0:32], x[:])
	copy(dst[32:64], y[:])
}

func putG2EVM(dst []byte, p *bn254.G2Affine) {
	for i, e := range []*[32]byte{ptr(p.X.A1.Bytes()), ptr(p.X.A0.Bytes()), ptr(p.Y.A1.Bytes()), ptr(p.Y.A0.Bytes())} {
		copy(dst[32*i:], e[:])
	}
}

func ptr(b [32]byte) *[32]byte { return &b }

// The BN254 precompiles of EIP-196 (0x06 ecAdd, 0x07 ecMul) and EIP-197 (0x08
// ecPairing), with the input rules of the EVM: a returned error is a failed call (all gas
// consumed); otherwise the output is the call's return data.

// PrecompileAdd is the 0x06 precompile: input x1 ‖ y1 ‖ x2 ‖ y2, right-padded with zeros
// to 128 bytes and truncated beyond; output x ‖ y of the sum, infinity as 64 zero bytes.
func PrecompileAdd(input []byte) ([64]byte, error) {
	var in [128]byte
	copy(in[:], input) // EIP-196: missing bytes are zero, extra bytes are ignored
	var out [64]byte
	p1, err := decodeG1EVM(in[0:64])
	if err != nil {
		return out, fmt.Errorf("first point: %w", err)
	}
	p2, err := decodeG1EVM(in[64:128])
	if err != nil {
		return out, fmt.Errorf("second point: %w", err)
	}
	var s bn254.G1Jac
	s.FromAffine(&p1)
	s.AddMixed(&p2)
	var r bn254.G1Affine
	r.FromJacobian(&s)
	putG1EVM(out[:], &r)
	return out, nil
}

// PrecompileScalarMul is the 0x07 precompile: input x ‖ y ‖ s, right-padded to 96 bytes
// and truncated beyond; s is any 256-bit big-endian integer (not reduced, as EIP-196 says;
// G1 has order r so s·P = (s mod r)·P).
func PrecompileScalarMul(input []byte) ([64]byte, error) {
	var in [96]byte
	copy(in[:], input)
	var out [64]byte
	p, err := decodeG1EVM(in[0:64])
	if err != nil {
		return out, fmt.Errorf("point: %w", err)
	}
	var s big.Int
	s.SetBytes(in[64:96])
	var r bn254.G1Affine
	r.ScalarMultiplication(&p, &s)
	putG1EVM(out[:], &r)
	return out, nil
}

// MaxPairingPairs bounds PrecompilePairing's input so that its allocation is bounded; at
// 34,000 gas per pair, 2¹⁶ pairs exceed any block's gas.
const MaxPairingPairs = 1 << 16

// PrecompilePairing is the 0x08 precompile: k pairs of G1 x ‖ y (64 bytes) and G2
// x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (128 bytes). The input length must be a multiple of 192 (zero
// pairs is valid and true); coordinates below p, points on their curves, G2 points in the
// order-r subgroup. It reports whether Π e(Pᵢ, Qᵢ) = 1; the call returns that as a
// 32-byte word 0 or 1.
func PrecompilePairing(input []byte) (bool, error) {
	if len(input)%192 != 0 {
		return false, fmt.Errorf("%w: pairing input of %d bytes is not a multiple of 192", ErrMalformed, len(input))
	}
	k := len(input) / 192
	if k == 0 {
		return true, nil
	}
	if k > MaxPairingPairs {
		return false, fmt.Errorf("%w: %d pairs, at most %d", ErrMalformed, k, MaxPairingPairs)
	}
	ps := make([]bn254.G1Affine, 0, k)
	qs := make([]bn254.G2Affine, 0, k)
	for i := range k {
		pair := input[192*i : 192*(i+1)]
		p, err := decodeG1EVM(pair[0:64])
		if err != nil {
			return false, fmt.Errorf("pair %d G1: %w", i, err)
		}
		q, err := decodeG2EVM(pair[64:192])
		if err != nil {
			return false, fmt.Errorf("pair %d G2: %w", i, err)
		}
		// A pair with infinity contributes 1; gnark-crypto skips such pairs too, but
		// filtering here keeps an all-infinity input away from its empty-input error.
		if p.IsInfinity() || q.IsInfinity() {
			continue
		}
		ps = append(ps, p)
		qs = append(qs, q)
	}
	if len(ps) == 0 {
		return true, nil
	}
	ok, err := bn254.PairingCheck(ps, qs)
	if err != nil {
		return false, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return ok, nil
}
