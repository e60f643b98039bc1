package bls

import (
	"crypto/rand"
	"encoding/binary"
	"io"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// maxBatch bounds the scratch VerifyBatch allocates from its argument lengths.
const maxBatch = 1 << 20

// VerifyBatch reports whether every sigs[i] is a valid signature of msgs[i] by pks[i], the
// same answer as Verify on each triple, at the cost of one multi-pairing instead of n.
//
// It draws a random 64-bit weight rᵢ per triple from rng (crypto/rand when rng is nil) and
// checks ∏ⱼ e(Σ_{i∈Mⱼ} rᵢ·PKᵢ, H(mⱼ)) · e(-P, Σᵢ rᵢ·σᵢ) == 1, where the Mⱼ group the triples
// by distinct message, so each distinct message is hashed and paired once. The weights are
// what make it sound: without them, moving a point X from one signature to another passes
// (the batch_verify_invalid_forged_signature_set vector). A batch with an invalid triple
// passes with probability at most about 2⁻⁶³ over the weights, so rng must be unpredictable
// to whoever chose the signatures.
//
// On failure it returns false without saying which triple is bad and does not fall back;
// call Verify on each triple to find it. Empty or mismatched lists, a nil key or signature,
// an infinity key, more than 2²⁰ triples, and a failing rng all give false.
//
// Cost: those checks before any allocation; then 8n random bytes, 64 doublings and up to
// 64 additions per triple, an O(n log n) sort of the messages and one hash to G2 and one
// Miller loop per distinct message; about 24n + 340d bytes for d distinct messages.
func VerifyBatch(pks []*PublicKey, msgs [][]byte, sigs []*Signature, rng io.Reader) bool {
	n := len(pks)
	if n == 0 || n > maxBatch || n != len(msgs) || n != len(sigs) {
		return false
	}
	for i := range n {
		if !pks[i].valid() || sigs[i] == nil {
			return false
		}
	}
	if rng == nil {
		rng = rand.Reader
	}
	raw := make([]byte, 8*n)
	if _, err := io.ReadFull(rng, raw); err != nil {
		return false
	}
	w := make([]uint64, n)
	for i := range w {
		w[i] = binary.LittleEndian.Uint64(raw[8*i:])
		if w[i] == 0 {
			// A zero weight would drop the triple from the check.
			w[i] = 1
		}
	}

	// Group the triples by message so equal messages share one hash and one Miller loop
	// (bilinearity: Σ e(rᵢPKᵢ, H) = e(Σ rᵢPKᵢ, H)).
	order, starts := byMessage(msgs)
	groups := make([]bls12381.G1Jac, len(starts)-1)
	qs := make([]bls12381.G2Affine, len(starts))
	for g := range groups {
		idx := order[starts[g]:starts[g+1]]
		weightedSumG1(&groups[g], pks, w, idx)
		qs[g] = hashToG2(msgs[idx[0]], dstSig)
	}

	var s bls12381.G2Jac
	weightedSumG2(&s, sigs, w)
	var sAff bls12381.G2Affine
	sAff.FromJacobian(&s)

	ps := make([]bls12381.G1Affine, len(groups)+1)
	batchToAffine(ps, groups)
	ps[len(groups)] = negG1
	qs[len(groups)] = sAff
	return pairingIsOne(ps, qs)
}

// weightedSumG1 sets acc to Σ w[i]·pks[i] over idx, interleaving the double-and-add of all
// the terms so they share the 64 doublings.
func weightedSumG1(acc *bls12381.G1Jac, pks []*PublicKey, w []uint64, idx []int) {
	for bit := 63; bit >= 0; bit-- {
		acc.DoubleAssign()
		for _, i := range idx {
			if w[i]>>bit&1 == 1 {
				acc.AddMixed(&pks[i].p)
			}
		}
	}
}

// weightedSumG2 sets acc to Σ w[i]·sigs[i], as weightedSumG1 does in G1.
func weightedSumG2(acc *bls12381.G2Jac, sigs []*Signature, w []uint64) {
	for bit := 63; bit >= 0; bit-- {
		acc.DoubleAssign()
		for i, s := range sigs {
			if w[i]>>bit&1 == 1 {
				acc.AddMixed(&s.p)
			}
		}
	}
}

// batchToAffine converts src to affine coordinates in dst with one field inversion
// (Montgomery's trick). gnark-crypto's BatchJacobianToAffineG1 does the same but spreads the
// last step over goroutines, and this package starts none.
func batchToAffine(dst []bls12381.G1Affine, src []bls12381.G1Jac) {
	// dst[i].X temporarily holds the product of the nonzero Z before i.
	acc := fp.One()
	for i := range src {
		dst[i].X = acc
		if !src[i].Z.IsZero() {
			acc.Mul(&acc, &src[i].Z)
		}
	}
	var inv fp.Element
	inv.Inverse(&acc)
	for i := len(src) - 1; i >= 0; i-- {
		if src[i].Z.IsZero() {
			dst[i].X.SetZero()
			dst[i].Y.SetZero() // (0, 0) is gnark-crypto's affine infinity
			continue
		}
		var zInv, zInv2 fp.Element
		zInv.Mul(&dst[i].X, &inv)
		inv.Mul(&inv, &src[i].Z)
		zInv2.Square(&zInv)
		dst[i].X.Mul(&src[i].X, &zInv2)
		dst[i].Y.Mul(&src[i].Y, &zInv2).Mul(&dst[i].Y, &zInv)
	}
}
