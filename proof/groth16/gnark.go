package groth16

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// ParseGnarkVerifyingKey decodes a key written by gnark's backend/groth16/bn254
// VerifyingKey.WriteTo (compressed points) or WriteRawTo (uncompressed); each point may
// be in either form, as gnark's reader allows. The layout (gnark marshal.go, after
// bellman's):
//
//	[α]₁ [β]₁ [β]₂ [γ]₂ [δ]₁ [δ]₂
//	uint32 n, K[0..n)                          (IC; K[0] is the constant term)
//	uint32 m, m × (uint32 k, k × uint64 index) (PublicAndCommitmentCommitted)
//	uint32 c, c × ([G]₂ [−σG]₂)                (Pedersen commitment keys)
//
// All integers are big-endian. Every point is checked on the curve and in its subgroup,
// [β]₁ and [δ]₁ included although verification does not use them. Trailing bytes, a
// number of commitment keys that differs from m, and committed-input indices out of
// range are rejected (gnark would panic on the last when verifying).
//
// Bound: every count is checked against the remaining bytes before its slice is made, at
// most MaxPublicInputs+1+MaxCommitments IC points and MaxCommitments commitments; memory
// about 100 bytes per input byte beyond 80 KiB (see the package's resource bounds).
func ParseGnarkVerifyingKey(b []byte) (*VerifyingKey, error) {
	r := reader{b: b}
	vk := new(VerifyingKey)
	var err error
	if vk.alpha, err = r.g1("α₁"); err != nil {
		return nil, err
	}
	var g1 [2]bn254.G1Affine
	if g1[0], err = r.g1("β₁"); err != nil {
		return nil, err
	}
	if vk.beta, err = r.g2("β₂"); err != nil {
		return nil, err
	}
	if vk.gamma, err = r.g2("γ₂"); err != nil {
		return nil, err
	}
	if g1[1], err = r.g1("δ₁"); err != nil {
		return nil, err
	}
	if vk.delta, err = r.g2("δ₂"); err != nil {
		return nil, err
	}
	n, err := r.count("IC length", 32)
	if err != nil {
		return nil, err
	}
	if n == 0 || n > MaxPublicInputs+1+MaxCommitments {
		return nil, fmt.Errorf("%w: %d IC points", ErrInvalidKey, n)
	}
	vk.g1Beta = &g1
	vk.ic = make([]bn254.G1Affine, n)
	for i := range vk.ic {
		if vk.ic[i], err = r.g1(fmt.Sprintf("K[%d]", i)); err != nil {
			return nil, err
		}
	}
	m, err := r.count("committed-input lists", 4)
	if err != nil {
		return nil, err
	}
	if m > MaxCommitments {
		return nil, fmt.Errorf("%w: %d commitments, at most %d", ErrInvalidKey, m, MaxCommitments)
	}
	vk.committed = make([][]int, m)
	for i := range vk.committed {
		k, err := r.count("committed-input list length", 8)
		if err != nil {
			return nil, err
		}
		vk.committed[i] = make([]int, k)
		for j := range vk.committed[i] {
			v, err := r.uint64("committed-input index")
			if err != nil {
				return nil, err
			}
			if v > math.MaxInt32 {
				return nil, fmt.Errorf("%w: commitment %d binds input %d", ErrInvalidKey, i, v)
			}
			vk.committed[i][j] = int(v)
		}
	}
	c, err := r.count("commitment keys", 128)
	if err != nil {
		return nil, err
	}
	if c != m {
		return nil, fmt.Errorf("%w: %d commitment keys for %d committed-input lists", ErrInvalidKey, c, m)
	}
	vk.commitments = make([]commitmentKey, c)
	for i := range vk.commitments {
		if vk.commitments[i].g, err = r.g2(fmt.Sprintf("commitment key %d G", i)); err != nil {
			return nil, err
		}
		if vk.commitments[i].gSigmaNeg, err = r.g2(fmt.Sprintf("commitment key %d −σG", i)); err != nil {
			return nil, err
		}
	}
	if err := r.end("verifying key"); err != nil {
		return nil, err
	}
	if err := vk.precompute(); err != nil {
		return nil, err
	}
	return vk, nil
}

// ParseGnarkProof decodes a proof written by gnark's backend/groth16/bn254 Proof.WriteTo
// (compressed) or WriteRawTo (uncompressed):
//
//	Ar [A]₁ | Bs [B]₂ | Krs [C]₁ | uint32 c, c × [D]₁ (commitments) | [PoK]₁
//
// Points are checked on the curve and in their subgroups; trailing bytes are rejected.
// Bound: at most MaxCommitments commitments, checked against the remaining bytes first;
// 64 bytes of memory per commitment.
func ParseGnarkProof(b []byte) (*Proof, error) {
	r := reader{b: b}
	p := new(Proof)
	var err error
	if p.a, err = r.g1("Ar"); err != nil {
		return nil, err
	}
	if p.b, err = r.g2("Bs"); err != nil {
		return nil, err
	}
	if p.c, err = r.g1("Krs"); err != nil {
		return nil, err
	}
	c, err := r.count("commitments", 32)
	if err != nil {
		return nil, err
	}
	if c > MaxCommitments {
		return nil, fmt.Errorf("%w: %d commitments, at most %d", ErrInvalidProof, c, MaxCommitments)
	}
	if c > 0 {
		p.commitments = make([]bn254.G1Affine, c)
	}
	for i := range p.commitments {
		if p.commitments[i], err = r.g1(fmt.Sprintf("commitment %d", i)); err != nil {
			return nil, err
		}
	}
	if p.pok, err = r.g1("commitment PoK"); err != nil {
		return nil, err
	}
	if err := r.end("proof"); err != nil {
		return nil, err
	}
	return p, nil
}

// GnarkBytes encodes the key as gnark's WriteTo (compressed) or WriteRawTo does, so that
// gnark's ReadFrom and ParseGnarkVerifyingKey read it back. [β]₁ and [δ]₁ are not kept by
// this package's keys; a key not read from gnark's encoding cannot be written in it, and
// GnarkBytes returns nil then.
func (vk *VerifyingKey) GnarkBytes(compressed bool) []byte {
	if vk.g1Beta == nil {
		return nil
	}
	var out []byte
	out = appendG1(out, &vk.alpha, compressed)
	out = appendG1(out, &vk.g1Beta[0], compressed)
	out = appendG2(out, &vk.beta, compressed)
	out = appendG2(out, &vk.gamma, compressed)
	out = appendG1(out, &vk.g1Beta[1], compressed)
	out = appendG2(out, &vk.delta, compressed)
	out = binary.BigEndian.AppendUint32(out, uint32(len(vk.ic)))
	for i := range vk.ic {
		out = appendG1(out, &vk.ic[i], compressed)
	}
	out = binary.BigEndian.AppendUint32(out, uint32(len(vk.committed)))
	for _, l := range vk.committed {
		out = binary.BigEndian.AppendUint32(out, uint32(len(l)))
		for _, v := range l {
			out = binary.BigEndian.AppendUint64(out, uint64(v))
		}
	}
	out = binary.BigEndian.AppendUint32(out, uint32(len(vk.commitments)))
	for i := range vk.commitments {
		out = appendG2(out, &vk.commitments[i].g, compressed)
		out = appendG2(out, &vk.commitments[i].gSigmaNeg, compressed)
	}
	return out
}

// GnarkBytes encodes the proof as gnark's Proof.WriteTo (compressed) or WriteRawTo does.
func (p *Proof) GnarkBytes(compressed bool) []byte {
	var out []byte
	out = appendG1(out, &p.a, compressed)
	out = appendG2(out, &p.b, compressed)
	out = appendG1(out, &p.c, compressed)
	out = binary.BigEndian.AppendUint32(out, uint32(len(p.commitments)))
	for i := range p.commitments {
		out = appendG1(out, &p.commitments[i], compressed)
	}
	return appendG1(out, &p.pok, compressed)
}

func appendG1(out []byte, p *bn254.G1Affine, compressed bool) []byte {
	if compressed {
		b := p.Bytes()
		return append(out, b[:]...)
	}
	b := p.RawBytes()
	return append(out, b[:]...)
}

func appendG2(out []byte, p *bn254.G2Affine, compressed bool) []byte {
	if compressed {
		b := p.Bytes()
		return append(out, b[:]...)
	}
	b := p.RawBytes()
	return append(out, b[:]...)
}
