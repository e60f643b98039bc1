package groth16_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/groth16/groth16test"
)

// TestPropProofs: a proof of the toy setup verifies, also through an encoding that
// carries it (gnark compressed or raw, EVM calldata without commitments); changing any
// public input to another value below r fails the pairing, adding r to it is refused as
// out of range, a wrong count is refused; with commitments, replacing the proof of
// knowledge fails.
func TestPropProofs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := groth16test.NewSetupGen(4, 2).Draw(t, "setup")
		n := s.Key.NumPublic()
		pub := groth16test.Inputs(n).Draw(t, "public")
		p, enc, err := s.Prove(groth16test.Draws(t), pub)
		if err != nil {
			t.Fatal(err)
		}
		if err := groth16.Verify(s.Key, p, pub); err != nil {
			t.Fatalf("valid proof: %v", err)
		}
		compressed := rapid.Bool().Draw(t, "compressed")
		vk, err := groth16.ParseGnarkVerifyingKey(s.Key.GnarkBytes(compressed))
		if err != nil {
			t.Fatal(err)
		}
		q, err := groth16.ParseGnarkProof(p.GnarkBytes(compressed))
		if err != nil {
			t.Fatal(err)
		}
		if s.Key.NumCommitments() == 0 {
			evm := q.EVMBytes()
			if q, err = groth16.ParseEVMProof(evm[:]); err != nil {
				t.Fatal(err)
			}
		}
		if err := groth16.Verify(vk, q, pub); err != nil {
			t.Fatalf("re-encoded (compressed %v): %v", compressed, err)
		}
		if err := groth16.Verify(s.Key, p, append(pub, [32]byte{})); !errors.Is(err, groth16.ErrInputCount) {
			t.Fatalf("extra input: %v", err)
		}
		if n > 0 {
			i := rapid.IntRange(0, n-1).Draw(t, "i")
			other := groth16test.Input().Filter(func(v [32]byte) bool { return v != pub[i] }).Draw(t, "other")
			mod := append([][32]byte(nil), pub...)
			mod[i] = other
			if err := groth16.Verify(s.Key, p, mod); !errors.Is(err, groth16.ErrVerification) {
				t.Fatalf("input %d changed: %v", i, err)
			}
			var v big.Int
			v.SetBytes(pub[i][:])
			v.Add(&v, fr.Modulus())
			mod[i] = [32]byte(v.FillBytes(make([]byte, 32)))
			if err := groth16.Verify(s.Key, p, mod); !errors.Is(err, groth16.ErrInputRange) {
				t.Fatalf("input %d + r: %v", i, err)
			}
		}
		if s.Key.NumCommitments() > 0 {
			k := groth16test.Scalar().Draw(t, "k")
			var g bn254.G1Affine
			var kb big.Int
			g.ScalarMultiplicationBase(k.BigInt(&kb))
			gb := g.Bytes()
			bad := append(append([]byte(nil), enc[:len(enc)-32]...), gb[:]...)
			if string(bad) != string(enc) {
				fp, err := groth16.ParseGnarkProof(bad)
				if err != nil {
					t.Fatal(err)
				}
				if err := groth16.Verify(s.Key, fp, pub); !errors.Is(err, groth16.ErrVerification) {
					t.Fatalf("forged knowledge proof: %v", err)
				}
			}
		}
	})
}

// TestPropForeignKey: a proof does not verify under another setup's key.
func TestPropForeignKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 3).Draw(t, "n")
		s1, err := groth16test.NewSetup(groth16test.Draws(t), n, nil)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := groth16test.NewSetup(groth16test.Draws(t), n, nil)
		if err != nil {
			t.Fatal(err)
		}
		pub := groth16test.Inputs(n).Draw(t, "public")
		p, _, err := s1.Prove(groth16test.Draws(t), pub)
		if err != nil {
			t.Fatal(err)
		}
		if string(s1.GnarkKey) == string(s2.GnarkKey) {
			return
		}
		if err := groth16.Verify(s2.Key, p, pub); !errors.Is(err, groth16.ErrVerification) {
			t.Fatalf("foreign key: %v", err)
		}
	})
}

// TestPropBatch: a batch of valid proofs verifies; with one input changed it does not.
func TestPropBatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := groth16test.NewSetupGen(3, 1).Draw(t, "setup")
		n := s.Key.NumPublic()
		k := rapid.IntRange(0, 3).Draw(t, "k")
		proofs, pubs := provedBatch(t, s, k)
		if err := groth16.BatchVerify(s.Key, proofs, pubs); err != nil {
			t.Fatalf("valid batch: %v", err)
		}
		if k == 0 || n == 0 {
			return
		}
		i := rapid.IntRange(0, k-1).Draw(t, "proof")
		j := rapid.IntRange(0, n-1).Draw(t, "input")
		mod := append([][32]byte(nil), pubs[i]...)
		mod[j] = groth16test.Input().Filter(func(v [32]byte) bool { return v != pubs[i][j] }).Draw(t, "other")
		pubs[i] = mod
		if err := groth16.BatchVerify(s.Key, proofs, pubs); !errors.Is(err, groth16.ErrVerification) {
			t.Fatalf("tampered batch: %v", err)
		}
	})
}

// TestPropPrecompiles: the EIP-196 helpers agree with each other and with EIP-197:
// add(P, P) = mul(P, 2), mul(P, s + r) = mul(P, s), and e(aG₁, bG₂)·e(−abG₁, G₂) = 1.
func TestPropPrecompiles(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := groth16test.Scalar().Draw(t, "a")
		b := groth16test.Scalar().Draw(t, "b")
		var ai, bi, abi big.Int
		a.BigInt(&ai)
		b.BigInt(&bi)
		var pa bn254.G1Affine
		pa.ScalarMultiplicationBase(&ai)
		xb, yb := pa.X.Bytes(), pa.Y.Bytes()
		pt := append(xb[:], yb[:]...)
		sum, err := groth16.PrecompileAdd(append(append([]byte(nil), pt...), pt...))
		if err != nil {
			t.Fatal(err)
		}
		two := make([]byte, 32)
		two[31] = 2
		dbl, err := groth16.PrecompileScalarMul(append(append([]byte(nil), pt...), two...))
		if err != nil {
			t.Fatal(err)
		}
		if sum != dbl {
			t.Fatal("P + P != 2P")
		}
		bPlusR := new(big.Int).Add(&bi, fr.Modulus()).FillBytes(make([]byte, 32))
		m1, err1 := groth16.PrecompileScalarMul(append(append([]byte(nil), pt...), bi.FillBytes(make([]byte, 32))...))
		m2, err2 := groth16.PrecompileScalarMul(append(append([]byte(nil), pt...), bPlusR...))
		if err1 != nil || err2 != nil || m1 != m2 {
			t.Fatalf("mul by s and s + r differ: %v %v", err1, err2)
		}
		var g2 bn254.G2Affine
		g2.ScalarMultiplicationBase(&bi)
		_, _, _, g2gen := bn254.Generators()
		var e fr.Element
		e.Mul(&a, &b).Neg(&e)
		var q bn254.G1Affine
		q.ScalarMultiplicationBase(e.BigInt(&abi))
		in := append(append([]byte(nil), pt...), g2EVM(&g2)...)
		qx, qy := q.X.Bytes(), q.Y.Bytes()
		in = append(append(append(in, qx[:]...), qy[:]...), g2EVM(&g2gen)...)
		ok, err := groth16.PrecompilePairing(in)
		if err != nil || !ok {
			t.Fatalf("e(aG1, bG2)·e(-abG1, G2) != 1: %v", err)
		}
	})
}

func g2EVM(p *bn254.G2Affine) []byte {
	var out []byte
	for _, b := range [][32]byte{p.X.A1.Bytes(), p.X.A0.Bytes(), p.Y.A1.Bytes(), p.Y.A0.Bytes()} {
		out = append(out, b[:]...)
	}
	return out
}

// provedBatch draws k public input vectors for s's circuit and proves each.
func provedBatch(t *rapid.T, s *groth16test.Setup, k int) ([]*groth16.Proof, [][][32]byte) {
	n := s.Key.NumPublic()
	proofs := make([]*groth16.Proof, k)
	pubs := make([][][32]byte, k)
	for i := range proofs {
		pubs[i] = groth16test.Inputs(n).Draw(t, "public")
		var err error
		if proofs[i], _, err = s.Prove(groth16test.Draws(t), pubs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return proofs, pubs
}
