package groth16

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// A point on the twist outside the order-r subgroup: the SVDW map without cofactor
// clearing.
func twistPoint(t *testing.T) bn254.G2Affine {
	t.Helper()
	var u bn254.E2
	u.A0.SetUint64(5)
	u.A1.SetUint64(7)
	q := bn254.MapToCurve2(&u)
	if !q.IsOnCurve() || q.IsInSubGroup() {
		t.Fatal("test point not on the twist outside the subgroup")
	}
	return q
}

func rawG2(p *bn254.G2Affine) []byte { b := p.RawBytes(); return b[:] }

func evmG2(p *bn254.G2Affine) []byte {
	out := make([]byte, 128)
	putG2EVM(out, p)
	return out
}

// TestBadInput names each kind of malformed input and the sentinel it must give.
func TestBadInput(t *testing.T) {
	_, _, g1, g2 := bn254.Generators()
	tw := twistPoint(t)
	g1b := g1.Bytes()
	pOnes := append([]byte(nil), pBytes...) // x = p: not canonical
	validEVM := make([]byte, 256)
	putG1EVM(validEVM[0:64], &g1)
	putG2EVM(validEVM[64:192], &g2)
	putG1EVM(validEVM[192:256], &g1)

	gnarkKey := func(committed [][]uint64, nKeys int) []byte {
		var out []byte
		for _, part := range [][]byte{g1b[:], g1b[:], rawG2(&g2), rawG2(&g2), g1b[:], rawG2(&g2)} {
			out = append(out, part...)
		}
		out = binary.BigEndian.AppendUint32(out, 3)
		for range 3 {
			out = append(out, g1b[:]...)
		}
		out = binary.BigEndian.AppendUint32(out, uint32(len(committed)))
		for _, l := range committed {
			out = binary.BigEndian.AppendUint32(out, uint32(len(l)))
			for _, v := range l {
				out = binary.BigEndian.AppendUint64(out, v)
			}
		}
		out = binary.BigEndian.AppendUint32(out, uint32(nKeys))
		var ng2 bn254.G2Affine
		ng2.Neg(&g2)
		for range nKeys {
			out = append(out, rawG2(&g2)...)
			out = append(out, rawG2(&ng2)...)
		}
		return out
	}
	if _, err := ParseGnarkVerifyingKey(gnarkKey([][]uint64{{1}}, 1)); err != nil {
		t.Fatalf("well-formed key with a commitment: %v", err)
	}

	for _, c := range []struct {
		name string
		run  func() error
		want error
	}{
		{"evm proof short", func() error { _, err := ParseEVMProof(validEVM[:255]); return err }, ErrMalformed},
		{"evm coordinate = p", func() error {
			b := append([]byte(nil), validEVM...)
			copy(b[0:32], pOnes)
			_, err := ParseEVMProof(b)
			return err
		}, ErrFieldRange},
		{"evm A off curve", func() error {
			b := append([]byte(nil), validEVM...)
			b[63] ^= 1
			_, err := ParseEVMProof(b)
			return err
		}, ErrNotOnCurve},
		{"evm B outside subgroup", func() error {
			b := append([]byte(nil), validEVM...)
			copy(b[64:192], evmG2(&tw))
			_, err := ParseEVMProof(b)
			return err
		}, ErrNotInSubgroup},
		{"gnark key committed index 0", func() error { _, err := ParseGnarkVerifyingKey(gnarkKey([][]uint64{{0}}, 1)); return err }, ErrInvalidKey},
		{"gnark key committed index past inputs", func() error { _, err := ParseGnarkVerifyingKey(gnarkKey([][]uint64{{2}}, 1)); return err }, ErrInvalidKey},
		{"gnark key commitment count mismatch", func() error { _, err := ParseGnarkVerifyingKey(gnarkKey([][]uint64{{1}}, 0)); return err }, ErrInvalidKey},
		{"gnark key huge IC count", func() error {
			b := gnarkKey(nil, 0)
			binary.BigEndian.PutUint32(b[480:], 0xffffffff) // raw G2 points: the IC count is at 32+32+128+128+32+128
			_, err := ParseGnarkVerifyingKey(b)
			return err
		}, ErrMalformed},
		{"gnark key α at infinity", func() error {
			b := gnarkKey(nil, 0)
			b[0] = 0x40
			copy(b[1:32], make([]byte, 31))
			_, err := ParseGnarkVerifyingKey(b)
			return err
		}, ErrInvalidKey},
		{"gnark infinity with garbage", func() error {
			b := gnarkKey(nil, 0)
			b[0] = 0x41
			_, err := ParseGnarkVerifyingKey(b)
			return err
		}, ErrMalformed},
		{"gnark G2 outside subgroup", func() error {
			b := gnarkKey(nil, 0)
			copy(b[64:192], rawG2(&tw))
			_, err := ParseGnarkVerifyingKey(b)
			return err
		}, ErrNotInSubgroup},
		{"gnark compressed G2 outside subgroup", func() error {
			b := gnarkKey(nil, 0)
			tb := tw.Bytes()
			b = append(append(append([]byte(nil), b[:64]...), tb[:]...), b[192:]...)
			_, err := ParseGnarkVerifyingKey(b)
			return err
		}, ErrNotInSubgroup},
		{"gnark proof huge commitment count", func() error {
			p, _ := ParseEVMProof(validEVM)
			b := p.GnarkBytes(true)
			binary.BigEndian.PutUint32(b[128:], 1000)
			_, err := ParseGnarkProof(b)
			return err
		}, ErrMalformed},
		{"snarkjs Z = 2", func() error { _, err := snarkjsG1([]string{"1", "2", "2"}); return err }, ErrMalformed},
		{"snarkjs leading zero", func() error { _, err := snarkjsG1([]string{"01", "2", "1"}); return err }, ErrMalformed},
		{"snarkjs negative", func() error { _, err := snarkjsG1([]string{"-1", "2", "1"}); return err }, ErrMalformed},
		{"snarkjs (0,0) with Z = 1", func() error { _, err := snarkjsG1([]string{"0", "0", "1"}); return err }, ErrNotOnCurve},
		{"snarkjs public ≥ r", func() error {
			_, _, _, err := ParseSnarkJS(nil, nil, []byte(`["21888242871839275222246405745257275088548364400416034343698204186575808495617"]`))
			return err
		}, ErrInputRange},
		{"snarkjs wrong protocol", func() error {
			_, _, _, err := ParseSnarkJS(nil, []byte(`{"protocol":"plonk"}`), nil)
			return err
		}, ErrMalformed},
		{"pairing length not multiple of 192", func() error { _, err := PrecompilePairing(make([]byte, 191)); return err }, ErrMalformed},
		{"pairing G2 outside subgroup", func() error {
			in := append(append([]byte(nil), validEVM[0:64]...), evmG2(&tw)...)
			_, err := PrecompilePairing(in)
			return err
		}, ErrNotInSubgroup},
		{"add coordinate = p", func() error { _, err := PrecompileAdd(pOnes); return err }, ErrFieldRange},
		{"mul off curve", func() error { _, err := PrecompileScalarMul([]byte{0: 0, 31: 1, 63: 1}); return err }, ErrNotOnCurve},
		{"verify nil key", func() error { return Verify(nil, &Proof{}, nil) }, ErrInvalidKey},
		{"batch length mismatch", func() error { return BatchVerify(nil, make([]*Proof, 1), nil) }, ErrInputCount},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
	if !bytes.Equal(pOnes, pBytes) {
		t.Fatal("modulus bytes modified")
	}
}
