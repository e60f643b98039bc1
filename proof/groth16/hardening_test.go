package groth16

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/vectors"
)

// hostileGnarkKey writes a well-formed compressed gnark key with nIC IC points (all the
// G1 generator) and nc Pedersen commitment keys (all the G2 generator), each committed
// list empty: the cheapest bytes that reach every allocation of the parser.
func hostileGnarkKey(nIC, nc int) []byte {
	_, _, g1, g2 := bn254.Generators()
	c1, c2 := g1.Bytes(), g2.Bytes()
	var b []byte
	b = append(b, c1[:]...) // α
	b = append(b, c1[:]...) // β₁
	b = append(b, c2[:]...) // β₂
	b = append(b, c2[:]...) // γ
	b = append(b, c1[:]...) // δ₁
	b = append(b, c2[:]...) // δ₂
	b = binary.BigEndian.AppendUint32(b, uint32(nIC))
	for range nIC {
		b = append(b, c1[:]...)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(nc))
	for range nc {
		b = binary.BigEndian.AppendUint32(b, 0)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(nc))
	for range nc {
		b = append(b, c2[:]...)
		b = append(b, c2[:]...)
	}
	return b
}

// TestHardeningGnarkKeyTables: a gnark key of 64 IC points (2.4 KB compressed) made the
// parser build a 61 KiB fixed-base table per point, 13.7 MB in all (1.47 MB for SP1's
// 6-point key); the tables must stay within the project's 100 bytes per input byte.
func TestHardeningGnarkKeyTables(t *testing.T) {
	for _, n := range []int{1, 7, maxTabledIC, maxTabledIC + 1} {
		b := hostileGnarkKey(n, 0)
		var err error
		u := hostile.Bounded(t, fmt.Sprintf("gnark key with %d IC points", n), len(b), func() { _, err = ParseGnarkVerifyingKey(b) })
		if err != nil {
			t.Fatalf("%d IC points: %v", n, err)
		}
		t.Logf("%d IC points: %d bytes in, %d allocated (%.1f per byte)", n, len(b), u.Bytes, float64(u.Bytes)/float64(len(b)))
	}
}

// TestHardeningGnarkKeyCommitmentLines: each Pedersen commitment key (128 bytes
// compressed) made the parser precompute 16.9 KiB of Miller-loop lines, 132 bytes per
// input byte; 64 such keys cost 1.1 MB.
func TestHardeningGnarkKeyCommitmentLines(t *testing.T) {
	for _, nc := range []int{1, 16, MaxCommitments} {
		b := hostileGnarkKey(nc+1, nc)
		var err error
		u := hostile.Bounded(t, fmt.Sprintf("gnark key with %d commitments", nc), len(b), func() { _, err = ParseGnarkVerifyingKey(b) })
		if err != nil {
			t.Fatalf("%d commitments: %v", nc, err)
		}
		t.Logf("%d commitments: %d bytes in, %d allocated (%.1f per byte)", nc, len(b), u.Bytes, float64(u.Bytes)/float64(len(b)))
	}
}

// TestBoundsAllocPerInputByte feeds every decoder of the package input at its bounds.
func TestBoundsAllocPerInputByte(t *testing.T) {
	logU := func(name string, n int, u hostile.Usage) {
		t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, n, u.Bytes, float64(u.Bytes)/float64(n))
	}
	// Declared counts of 2^32-1 with nothing behind them: refused before allocating.
	for _, name := range []string{"IC", "commitments"} {
		b := hostileGnarkKey(1, 0)
		if name == "IC" {
			b = append(hostileGnarkKey(0, 0)[:288], 0xff, 0xff, 0xff, 0xff)
		} else {
			b = append(b[:len(b)-8], 0xff, 0xff, 0xff, 0xff)
		}
		var err error
		u := hostile.Bounded(t, "gnark key, "+name+" 2^32-1", len(b), func() { _, err = ParseGnarkVerifyingKey(b) })
		if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s count 2^32-1: %v", name, err)
		}
		logU("gnark key, "+name+" 2^32-1", len(b), u)
	}
	// The most IC points a key may have, compressed.
	{
		b := hostileGnarkKey(MaxPublicInputs+1, 0)
		var err error
		u := hostile.Bounded(t, "gnark key at MaxPublicInputs", len(b), func() { _, err = ParseGnarkVerifyingKey(b) })
		if err != nil {
			t.Fatal(err)
		}
		logU("gnark key at MaxPublicInputs", len(b), u)
	}
	// A committed-input list as long as the input allows.
	{
		b := hostileGnarkKey(3, 1)
		k := 1 << 16
		head := b[:len(b)-4-128-4]
		var nb []byte
		nb = append(nb, head...)
		nb = binary.BigEndian.AppendUint32(nb, uint32(k))
		for range k {
			nb = binary.BigEndian.AppendUint64(nb, 1)
		}
		nb = append(nb, b[len(b)-4-128:]...)
		// The single public input is 1, bound by the commitment: the key is valid.
		var err error
		u := hostile.Bounded(t, "gnark key with a long committed list", len(nb), func() { _, err = ParseGnarkVerifyingKey(nb) })
		if err != nil {
			t.Fatal(err)
		}
		logU("gnark key with a long committed list", len(nb), u)
	}
	// Gnark proofs: commitments at the bound and a count of 2^32-1.
	{
		_, _, g1, g2 := bn254.Generators()
		c1, c2 := g1.Bytes(), g2.Bytes()
		p := append(append(append([]byte{}, c1[:]...), c2[:]...), c1[:]...)
		big := binary.BigEndian.AppendUint32(append([]byte{}, p...), 0xffffffff)
		var err error
		u := hostile.Bounded(t, "gnark proof, 2^32-1 commitments", len(big), func() { _, err = ParseGnarkProof(big) })
		if err == nil {
			t.Error("proof with 2^32-1 commitments accepted")
		}
		logU("gnark proof, 2^32-1 commitments", len(big), u)
		full := binary.BigEndian.AppendUint32(append([]byte{}, p...), MaxCommitments)
		for range MaxCommitments + 1 {
			full = append(full, c1[:]...)
		}
		u = hostile.Bounded(t, "gnark proof at MaxCommitments", len(full), func() { _, err = ParseGnarkProof(full) })
		if err != nil {
			t.Fatal(err)
		}
		logU("gnark proof at MaxCommitments", len(full), u)
	}
	// snarkjs: 10^6 IC points (refused after JSON decoding, which is linear), and the
	// largest accepted key.
	for _, n := range []int{MaxPublicInputs + 1, 1_000_000} {
		var sb strings.Builder
		fmt.Fprintf(&sb, `{"protocol":"groth16","curve":"bn128","nPublic":%d,"vk_alpha_1":["1","2","1"],`, n-1)
		g2 := `[["10857046999023057135944570762232829481370756359578518086990519993285655852781","11559732032986387107991004021392285783925812861821192530917403151452391805634"],["8495653923123431417604973247489272438418190587263600148770280649306958101930","4082367875863433681332203403145435568316851327593401208105741076214120093531"],["1","0"]]`
		fmt.Fprintf(&sb, `"vk_beta_2":%s,"vk_gamma_2":%s,"vk_delta_2":%s,"IC":[`, g2, g2, g2)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`["1","2","1"]`)
		}
		sb.WriteString("]}")
		b := []byte(sb.String())
		var err error
		name := fmt.Sprintf("snarkjs key with %d IC points", n)
		u := hostile.Bounded(t, name, len(b), func() { _, _, _, err = ParseSnarkJS(b, nil, nil) })
		if (n <= MaxPublicInputs+1) != (err == nil) {
			t.Errorf("%s: %v", name, err)
		}
		logU(name, len(b), u)
	}
	{
		b := []byte("[" + strings.Repeat(`"0",`, 1_000_000) + `"0"]`)
		var err error
		u := hostile.Bounded(t, "snarkjs public.json with 10^6 inputs", len(b), func() { _, _, _, err = ParseSnarkJS(nil, nil, b) })
		if err == nil {
			t.Error("10^6 public inputs accepted")
		}
		logU("snarkjs public.json with 10^6 inputs", len(b), u)
	}
	// The pairing precompile at its bound.
	{
		_, _, g1, g2 := bn254.Generators()
		var pair []byte
		x, y := g1.X.Bytes(), g1.Y.Bytes()
		pair = append(append(pair, x[:]...), y[:]...)
		var q [EVMProofSize]byte
		putG2EVM(q[:128], &g2)
		pair = append(pair, q[:128]...)
		b := []byte(strings.Repeat(string(pair), 64))
		u := hostile.Bounded(t, "pairing precompile, 64 pairs", len(b), func() { _, _ = PrecompilePairing(b) })
		logU("pairing precompile, 64 pairs", len(b), u)
	}
}

// TestConcurrentSP1Verifier runs the SP1 fixtures' cases from 16 goroutines through one
// verifier per key.
func TestConcurrentSP1Verifier(t *testing.T) {
	type sp1Case struct {
		v             *SP1Verifier
		vkey          [32]byte
		values, proof []byte
		valid         bool
	}
	var cases []sp1Case
	for _, path := range vectors.Files(t, "zk", "**/fixture.json") {
		var fx sp1Fixture
		if err := json.Unmarshal(vectors.Read(t, path), &fx); err != nil {
			t.Fatal(err)
		}
		bin, err := os.ReadFile(filepath.Join(filepath.Dir(path), "groth16_vk.bin"))
		if err != nil {
			continue
		}
		var root [32]byte
		if fx.VKRoot != "" {
			root = hash32(t, fx.VKRoot)
		} else if len(fx.Cases) > 0 && len(unhex(t, fx.Cases[0].ProofBytes)) == SP1ProofSizeV6 {
			// As TestConformanceSP1: a pre-release has no VK_ROOT; its valid proof carries it.
			root = [32]byte(unhex(t, fx.Cases[0].ProofBytes)[36:68])
		}
		v, err := NewSP1Verifier(bin, root)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range fx.Cases {
			pk, pv := fx.ProgramVKey, fx.PublicValues
			if c.ProgramVKey != "" {
				pk = c.ProgramVKey
			}
			if c.PublicValues != "" {
				pv = c.PublicValues
			}
			cases = append(cases, sp1Case{v, hash32(t, pk), unhex(t, pv), unhex(t, c.ProofBytes), c.Expected == "valid"})
		}
	}
	if len(cases) == 0 {
		t.Skip("no SP1 fixtures")
	}
	hostile.Concurrent(t, 1, func(g int) {
		c := cases[g%len(cases)]
		if err := c.v.Verify(c.vkey, c.values, c.proof); (err == nil) != c.valid {
			t.Errorf("goroutine %d: case valid=%v: %v", g, c.valid, err)
		}
	})
}

// TestHardeningSnarkJSKeyTables: snarkjs keys get the same window tables; with its IC
// points written as ["1","2","1"] (14 bytes each) a 64-point key is the most tables per
// input byte. With 61 KiB tables it cost 14 MB; with 15-point tables built through a
// temporary Jacobian batch, 137 bytes per input byte.
func TestHardeningSnarkJSKeyTables(t *testing.T) {
	g2 := `[["10857046999023057135944570762232829481370756359578518086990519993285655852781","11559732032986387107991004021392285783925812861821192530917403151452391805634"],["8495653923123431417604973247489272438418190587263600148770280649306958101930","4082367875863433681332203403145435568316851327593401208105741076214120093531"],["1","0"]]`
	for _, n := range []int{2, maxTabledIC} {
		var sb strings.Builder
		fmt.Fprintf(&sb, `{"protocol":"groth16","nPublic":%d,"vk_alpha_1":["1","2","1"],"vk_beta_2":%s,"vk_gamma_2":%s,"vk_delta_2":%s,"IC":[`, n-1, g2, g2, g2)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`["1","2","1"]`)
		}
		sb.WriteString("]}")
		b := []byte(sb.String())
		var err error
		name := fmt.Sprintf("snarkjs key with %d compact IC points", n)
		u := hostile.Bounded(t, name, len(b), func() { _, _, _, err = ParseSnarkJS(b, nil, nil) })
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes in, %d allocated (%.1f per byte)", name, len(b), u.Bytes, float64(u.Bytes)/float64(len(b)))
	}
}
