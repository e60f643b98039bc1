package main

import (
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/groth16"
	"github.com/interopkit/interop/proof/kzg"
)

//go:embed data/sp1-v6.0.0-groth16_vk.bin
var sp1VK []byte

//go:embed data/sp1-v6.0.0-fibonacci.json
var sp1Fixture []byte

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	fmt.Fprintln(w, "interop zkproofs: a Groth16 proof and a KZG blob proof, verified")
	if err := groth16Part(w); err != nil {
		return fmt.Errorf("groth16: %w", err)
	}
	return kzgPart(w)
}

func groth16Part(w io.Writer) error {
	var fx struct {
		ProgramVKey  string `json:"program_vkey"`
		PublicValues string `json:"public_values"`
		ProofBytes   string `json:"proof_bytes"`
		VKRoot       string `json:"vk_root"`
	}
	if err := json.Unmarshal(sp1Fixture, &fx); err != nil {
		return err
	}
	program, err := interop.HashFromHex(fx.ProgramVKey)
	if err != nil {
		return err
	}
	vkRoot, err := interop.HashFromHex(fx.VKRoot)
	if err != nil {
		return err
	}
	publicValues, err := interop.DecodeHex(fx.PublicValues)
	if err != nil {
		return err
	}
	proof, err := interop.DecodeHex(fx.ProofBytes)
	if err != nil {
		return err
	}
	v, err := groth16.NewSP1Verifier(sp1VK, vkRoot)
	if err != nil {
		return err
	}
	h := v.VerifierHash()
	fmt.Fprintf(w, "\n[1] SP1 v6.0.0 Groth16 verifier: gnark key of %d bytes, %d public inputs, VERIFIER_HASH %x…\n", len(sp1VK), v.Key().NumPublic(), h[:4])
	if err := v.Verify(program, publicValues, proof); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(publicValues[28:32])
	a := binary.BigEndian.Uint32(publicValues[60:64])
	b := binary.BigEndian.Uint32(publicValues[92:96])
	fmt.Fprintf(w, "    ✓ program %s… ran and committed (n, a, b) = (%d, %d, %d): fib(%d) = %d, fib(%d) = %d\n", program.String()[:10], n, a, b, n, a, n+1, b)

	tampered := append([]byte(nil), publicValues...)
	tampered[len(tampered)-1] ^= 1
	err = v.Verify(program, tampered, proof)
	fmt.Fprintf(w, "    ✗ the same proof for b = %d: %v\n", b^1, err)
	if !errors.Is(err, groth16.ErrVerification) {
		return fmt.Errorf("tampered public values: %v", err)
	}
	return nil
}

func kzgPart(w io.Writer) error {
	// A blob is 4096 field elements; each 32-byte element carries 31 bytes of data after a
	// zero byte, so every element is below the BLS12-381 scalar modulus.
	var blob kzg.Blob
	msg := []byte("interop: this data was posted to Ethereum as an EIP-4844 blob.")
	for i := 0; len(msg) > 0; i++ {
		n := copy(blob[32*i+1:32*i+32], msg)
		msg = msg[n:]
	}
	c, err := kzg.BlobToKZGCommitment(&blob)
	if err != nil {
		return err
	}
	p, err := kzg.ComputeBlobKZGProof(&blob, c)
	if err != nil {
		return err
	}
	vh := kzg.KZGToVersionedHash(c)
	fmt.Fprintf(w, "\n[2] EIP-4844 blob, commitment %x…, versioned hash %s…\n", c[:6], vh.String()[:14])
	if err := kzg.VerifyBlobKZGProof(&blob, c, p); err != nil {
		return err
	}
	fmt.Fprintln(w, "    ✓ verify_blob_kzg_proof: the blob is the polynomial behind the commitment")

	var z [32]byte
	z[31] = 42
	pz, y, err := kzg.ComputeKZGProof(&blob, z)
	if err != nil {
		return err
	}
	input := make([]byte, 0, kzg.PointEvaluationInputLength)
	input = append(input, vh[:]...)
	input = append(input, z[:]...)
	input = append(input, y[:]...)
	input = append(input, c[:]...)
	input = append(input, pz[:]...)
	out, err := kzg.PointEvaluationPrecompile(input)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "    ✓ point evaluation (0x0a): p(42) = %x…, returns FIELD_ELEMENTS_PER_BLOB = %d\n", y[:6], binary.BigEndian.Uint64(out[24:32]))
	input[len(input)-48-1] ^= 1 // the commitment's last byte
	_, err = kzg.PointEvaluationPrecompile(input)
	fmt.Fprintf(w, "    ✗ a different commitment under the same versioned hash: %v\n", err)
	if err == nil {
		return errors.New("tampered precompile input accepted")
	}
	return nil
}
