package bls

import (
	"bytes"
	"slices"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
)

// negG1 is -P, the negated G1 generator. Every check below is written as a product of
// pairings equal to one, so e(PK, Q) == e(P, R) becomes e(PK, Q)·e(-P, R) == 1 and costs a
// single final exponentiation.
var negG1 = func() bls12381.G1Affine {
	_, _, g1, _ := bls12381.Generators()
	var n bls12381.G1Affine
	n.Neg(&g1)
	return n
}()

// pairingIsOne reports whether ∏ e(ps[i], qs[i]) == 1 with one multi-Miller loop and one
// final exponentiation.
func pairingIsOne(ps []bls12381.G1Affine, qs []bls12381.G2Affine) bool {
	f, err := bls12381.MillerLoop(ps, qs)
	if err != nil {
		return false
	}
	f = bls12381.FinalExponentiation(&f)
	return f.IsOne()
}

// coreVerify is CoreVerify (draft-irtf-cfrg-bls-signature-05 §2.7) for a point pk that
// already passed KeyValidate and a signature already subgroup-checked:
// e(PK, hash_to_point(msg)) == e(P, R).
func coreVerify(pk *bls12381.G1Affine, msg, dst []byte, sig *bls12381.G2Affine) bool {
	ps := [2]bls12381.G1Affine{*pk, negG1}
	qs := [2]bls12381.G2Affine{hashToG2(msg, dst), *sig}
	return pairingIsOne(ps[:], qs[:])
}

// Verify reports whether sig is a valid signature of msg by pk (CoreVerify,
// draft-irtf-cfrg-bls-signature-05 §2.7, with DST). It returns false for a nil argument and
// for an infinity key. The decoders already ran the signature subgroup check and KeyValidate.
// Cost: one hash to G2 of msg (linear in its length, no copy) and two Miller loops.
func Verify(pk *PublicKey, msg []byte, sig *Signature) bool {
	if !pk.valid() || sig == nil {
		return false
	}
	return coreVerify(&pk.p, msg, dstSig, &sig.p)
}

// FastAggregateVerify reports whether sig is a valid aggregate signature of the same msg by
// all of pks (draft-irtf-cfrg-bls-signature-05 §3.3.4). An empty list, a nil or infinity key
// and an aggregate key that sums to infinity all give false; the last is CoreVerify's
// KeyValidate of the aggregate, which keeps pk and -pk from vouching for anything.
// Cost: one point addition per key, without allocating, then as Verify.
func FastAggregateVerify(pks []*PublicKey, msg []byte, sig *Signature) bool {
	if len(pks) == 0 || sig == nil {
		return false
	}
	var agg bls12381.G1Affine
	if !aggregateG1(&agg, pks) {
		return false
	}
	return coreVerify(&agg, msg, dstSig, &sig.p)
}

// EthFastAggregateVerify is eth_fast_aggregate_verify (consensus-specs
// specs/altair/bls.md): FastAggregateVerify, except that no keys together with the infinity
// signature is valid, which is how a sync aggregate with no participants verifies.
func EthFastAggregateVerify(pks []*PublicKey, msg []byte, sig *Signature) bool {
	if len(pks) == 0 && sig != nil && sig.p.IsInfinity() {
		return true
	}
	return FastAggregateVerify(pks, msg, sig)
}

// AggregateVerify reports whether sig is a valid aggregate of signatures of msgs[i] by
// pks[i] (CoreAggregateVerify, draft-irtf-cfrg-bls-signature-05 §2.9). Messages may repeat:
// the proof-of-possession scheme (§3.3) drops the distinct-messages rule of the basic scheme.
// Empty or mismatched lists, and a nil or infinity key, give false.
//
// Pairs with equal messages share one hash to G2 and one Miller loop
// (e(PK₁, H(m))·e(PK₂, H(m)) = e(PK₁+PK₂, H(m))), so n pairs over d distinct messages cost
// n point additions, an O(n log n) sort of the messages, and d hashes and Miller loops;
// memory is about 8n + 340d bytes.
func AggregateVerify(pks []*PublicKey, msgs [][]byte, sig *Signature) bool {
	n := len(pks)
	if n == 0 || n != len(msgs) || sig == nil {
		return false
	}
	for _, pk := range pks {
		if !pk.valid() {
			return false
		}
	}
	order, starts := byMessage(msgs)
	groups := make([]bls12381.G1Jac, len(starts)-1)
	qs := make([]bls12381.G2Affine, len(starts))
	for g := range groups {
		idx := order[starts[g]:starts[g+1]]
		for _, i := range idx {
			groups[g].AddMixed(&pks[i].p)
		}
		qs[g] = hashToG2(msgs[idx[0]], dstSig)
	}
	ps := make([]bls12381.G1Affine, len(groups)+1)
	batchToAffine(ps, groups)
	ps[len(groups)] = negG1
	qs[len(groups)] = sig.p
	return pairingIsOne(ps, qs)
}

// byMessage returns the indices of msgs sorted by message, and the start of each run of
// equal messages in that order followed by len(msgs): group g is
// order[starts[g]:starts[g+1]].
func byMessage(msgs [][]byte) (order, starts []int) {
	order = make([]int, len(msgs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(msgs[a], msgs[b]) })
	for i := range order {
		if i == 0 || !bytes.Equal(msgs[order[i]], msgs[order[i-1]]) {
			starts = append(starts, i)
		}
	}
	return order, append(starts, len(order))
}

// PopVerify reports whether proof is a valid proof of possession for pk
// (draft-irtf-cfrg-bls-signature-05 §3.3.3): a signature of PK's 48-byte encoding under
// PopDST. Cost: as Verify on a 48-byte message.
func PopVerify(pk *PublicKey, proof *Signature) bool {
	if !pk.valid() || proof == nil {
		return false
	}
	b := pk.Bytes()
	return coreVerify(&pk.p, b[:], dstPop, &proof.p)
}
