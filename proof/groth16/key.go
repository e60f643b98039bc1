package groth16

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// MaxPublicInputs bounds the number of public inputs (and IC points) a key may have, so
// that a hostile length prefix or JSON array cannot make a parser allocate without limit.
const MaxPublicInputs = 1 << 16

// MaxCommitments bounds the number of Pedersen commitments (gnark's BSB22 extension) a
// key or proof may carry.
const MaxCommitments = 64

// VerifyingKey is a Groth16 verifying key over BN254, with the precomputation Verify
// needs: e(α, β), and the Miller-loop lines of −γ and −δ (and of the commitment keys).
// Every point in it has been checked on the curve and in its subgroup. It is safe for
// concurrent use.
type VerifyingKey struct {
	alpha              bn254.G1Affine
	g1Beta             *[2]bn254.G1Affine // [β]₁ and [δ]₁, kept only to re-encode gnark keys
	beta, gamma, delta bn254.G2Affine
	// ic is gnark's K: ic[0] is the constant term, ic[1..nPublic] weigh the public
	// inputs and the last len(commitments) weigh the commitment hashes.
	ic          []bn254.G1Affine
	commitments []commitmentKey
	// committed[i] lists, 1-based as gnark writes them, the public inputs (and earlier
	// commitment hashes) that commitment i binds (gnark's PublicAndCommitmentCommitted).
	committed [][]int

	eAlphaBeta bn254.GT
	// fixedLines are the Miller-loop lines of −γ and −δ, in the order Verify pairs them.
	// The commitment keys' points are paired as variable points (knowledgeG2): their
	// lines would cost 16.9 KiB per 128-byte key.
	fixedLines []lines
	// knowledgeG2 is, for keys with commitments, −σⱼG for each key j and then G: the G2
	// side of the folded proof of knowledge.
	knowledgeG2 []bn254.G2Affine
	// tables[i] is the window table of ic[i]; nil for keys with more than maxTabledIC
	// IC points.
	tables windowTables
}

// commitmentKey is the verifying half of a gnark-crypto Pedersen key: G and −σ·G.
type commitmentKey struct {
	g, gSigmaNeg bn254.G2Affine
}

type lines = [2][len(bn254.LoopCounter)]bn254.LineEvaluationAff

// NewVerifyingKey builds a key from its points: [α]₁, [β]₂, [γ]₂, [δ]₂ and the IC points
// (IC[0] the constant term, IC[i] the weight of public input i). It checks G2 subgroup
// membership and refuses infinity for α, β, γ and δ, with which anyone can forge proofs.
// Use it for keys published in other forms (Solidity constants, custom storage).
func NewVerifyingKey(alpha bn254.G1Affine, beta, gamma, delta bn254.G2Affine, ic []bn254.G1Affine) (*VerifyingKey, error) {
	if len(ic) == 0 || len(ic) > MaxPublicInputs+1 {
		return nil, fmt.Errorf("%w: %d IC points, want 1 to %d", ErrInvalidKey, len(ic), MaxPublicInputs+1)
	}
	if !alpha.IsOnCurve() {
		return nil, fmt.Errorf("%w: alpha", ErrNotOnCurve)
	}
	for i := range ic {
		if !ic[i].IsOnCurve() {
			return nil, fmt.Errorf("%w: IC[%d]", ErrNotOnCurve, i)
		}
	}
	for _, g := range []*bn254.G2Affine{&beta, &gamma, &delta} {
		if err := checkG2(g); err != nil {
			return nil, err
		}
	}
	vk := &VerifyingKey{alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: append([]bn254.G1Affine(nil), ic...)}
	if err := vk.precompute(); err != nil {
		return nil, err
	}
	return vk, nil
}

// precompute checks the key's invariants and fills in e(α, β) and the fixed lines.
func (vk *VerifyingKey) precompute() error {
	if vk.alpha.IsInfinity() || vk.beta.IsInfinity() || vk.gamma.IsInfinity() || vk.delta.IsInfinity() {
		return fmt.Errorf("%w: α, β, γ or δ is the point at infinity", ErrInvalidKey)
	}
	nc := len(vk.commitments)
	if len(vk.committed) != nc {
		return fmt.Errorf("%w: %d committed-input lists for %d commitment keys", ErrInvalidKey, len(vk.committed), nc)
	}
	if len(vk.ic) < 1+nc {
		return fmt.Errorf("%w: %d IC points cannot cover the constant and %d commitments", ErrInvalidKey, len(vk.ic), nc)
	}
	nPublic := len(vk.ic) - 1 - nc
	for i, list := range vk.committed {
		// gnark indexes its public witness (without the constant one) 1-based, and each
		// commitment may also bind the hashes of the commitments before it. gnark panics
		// on anything else; here it is a key error.
		for _, idx := range list {
			if idx < 1 || idx > nPublic+i {
				return fmt.Errorf("%w: commitment %d binds input %d, want 1 to %d", ErrInvalidKey, i, idx, nPublic+i)
			}
		}
	}
	var gn, dn bn254.G2Affine
	gn.Neg(&vk.gamma)
	dn.Neg(&vk.delta)
	vk.fixedLines = make([]lines, 2)
	vk.fixedLines[0], vk.fixedLines[1] = bn254.PrecomputeLines(gn), bn254.PrecomputeLines(dn)
	if nc > 0 {
		vk.knowledgeG2 = make([]bn254.G2Affine, 0, nc+1)
	}
	for i := range vk.commitments {
		ck := &vk.commitments[i]
		// gnark-crypto's BatchVerifyMultiVk folds the knowledge proofs into one, which is
		// sound only when every key shares G.
		if ck.g != vk.commitments[0].g {
			return fmt.Errorf("%w: commitment key %d has a different G", ErrInvalidKey, i)
		}
		if ck.g.IsInfinity() || ck.gSigmaNeg.IsInfinity() {
			return fmt.Errorf("%w: commitment key %d has a point at infinity", ErrInvalidKey, i)
		}
		vk.knowledgeG2 = append(vk.knowledgeG2, ck.gSigmaNeg)
	}
	if nc > 0 {
		vk.knowledgeG2 = append(vk.knowledgeG2, vk.commitments[0].g)
	}
	e, err := bn254.Pair([]bn254.G1Affine{vk.alpha}, []bn254.G2Affine{vk.beta})
	if err != nil {
		return fmt.Errorf("%w: e(α, β): %v", ErrInvalidKey, err)
	}
	vk.eAlphaBeta = e
	if len(vk.ic) <= maxTabledIC {
		vk.tables = newWindowTables(vk.ic)
	}
	return nil
}

// NumPublic returns the number of public inputs Verify expects.
func (vk *VerifyingKey) NumPublic() int { return len(vk.ic) - 1 - len(vk.commitments) }

// NumCommitments returns the number of Pedersen commitments (gnark's BSB22 extension) a
// proof for this key carries.
func (vk *VerifyingKey) NumCommitments() int { return len(vk.commitments) }

// Proof is a Groth16 proof (A, B, C) over BN254, with the Pedersen commitments and the
// folded proof of knowledge of gnark's commitment extension when the circuit uses it.
// Every point in it has been checked on the curve and in its subgroup.
type Proof struct {
	a, c        bn254.G1Affine
	b           bn254.G2Affine
	commitments []bn254.G1Affine
	pok         bn254.G1Affine
}

// NewProof builds a proof without commitments from its points, checking B's subgroup.
func NewProof(a bn254.G1Affine, b bn254.G2Affine, c bn254.G1Affine) (*Proof, error) {
	if !a.IsOnCurve() {
		return nil, fmt.Errorf("%w: proof A", ErrNotOnCurve)
	}
	if !c.IsOnCurve() {
		return nil, fmt.Errorf("%w: proof C", ErrNotOnCurve)
	}
	if err := checkG2(&b); err != nil {
		return nil, fmt.Errorf("proof B: %w", err)
	}
	return &Proof{a: a, b: b, c: c}, nil
}

// Points returns the proof's A, B and C.
func (p *Proof) Points() (a bn254.G1Affine, b bn254.G2Affine, c bn254.G1Affine) {
	return p.a, p.b, p.c
}
