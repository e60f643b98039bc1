package bls

import (
	"crypto/rand"
	"encoding/binary"
	"io"
	"slices"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/parallel"
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
// opts set how many goroutines it may use (interop.Workers; default GOMAXPROCS). The
// weights are read from rng on the caller's goroutine first, in triple order, so the
// answer, and what is read from rng, do not depend on the worker count.
//
// Cost: those checks before any allocation; then 8n random bytes, 64 doublings and up to
// 64 additions per triple, an O(n log n) sort of the messages and one hash to G2 and one
// Miller loop per distinct message; about 24n + 340d bytes for d distinct messages. In
// parallel: the triples, sorted by message, are cut into contiguous pieces of about equal
// cost, at most one per worker and none smaller than about half a millisecond of work (a
// triple counts 1, the first triple of a message 4 more for its hash and Miller loop);
// each worker sums its weighted keys per message and its weighted signatures, hashes its
// messages and runs the Miller loop of its pairs, its share of the signatures paired
// with -P in the same loop (e(-P, Σσ) = ∏ₖ e(-P, Σ_{piece k} σ)). The caller multiplies
// the pieces' results and runs the one final exponentiation. A
// message whose triples straddle two pieces is hashed in both, so w workers cost at most
// w-1 extra hashes and w-1 extra Miller-loop pairs. A batch over one message (a
// committee's signatures of one claim) is cut without those extras: its pieces, from
// four triples each, only sum their weighted keys and signatures (the first, shorter,
// also hashes the message); then one worker runs the Miller loop of each of the two
// pairs (one loop over both on a single worker).
func VerifyBatch(pks []*PublicKey, msgs [][]byte, sigs []*Signature, rng io.Reader, opts ...interop.BatchOption) bool {
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
	workers := interop.Batch(opts...).Workers
	b := batch{pks: pks, msgs: msgs, sigs: sigs, w: w, order: order, starts: starts}
	if len(starts) == 2 {
		return b.oneMessage(workers)
	}
	cuts := costCuts(starts, workers)
	pieces := len(cuts) - 1
	fs := make([]bls12381.GT, pieces)
	oks := make([]bool, pieces)
	parallel.Chunks(pieces, pieces, func(k, _, _ int) {
		fs[k], oks[k] = b.millerLoop(cuts[k], cuts[k+1])
	})
	if slices.Contains(oks, false) {
		return false
	}
	f := fs[0]
	for k := 1; k < pieces; k++ {
		f.Mul(&f, &fs[k])
	}
	f = bls12381.FinalExponentiation(&f)
	return f.IsOne()
}

// batch is VerifyBatch's input with the weights drawn and the triples sorted by message:
// position j of the sorted order is triple order[j], and the messages' runs start at
// starts (followed by n).
type batch struct {
	pks    []*PublicKey
	msgs   [][]byte
	sigs   []*Signature
	w      []uint64
	order  []int
	starts []int
}

// millerLoop returns the Miller loop of the pieces' pairs for the sorted positions
// [lo, hi): (Σ rᵢ·PKᵢ, H(m)) for each message m with triples in the range, summed over
// those triples only, and (-P, Σ rᵢ·σᵢ) over the range. ok is false when gnark-crypto
// refuses the pairs (it does not for these inputs).
func (b *batch) millerLoop(lo, hi int) (f bls12381.GT, ok bool) {
	// The runs of equal messages that meet [lo, hi): from the one holding lo on.
	g, _ := slices.BinarySearch(b.starts, lo+1)
	g-- // starts[g] ≤ lo < starts[g+1]
	var runs [][2]int
	for a := lo; a < hi; g++ {
		e := min(b.starts[g+1], hi)
		runs = append(runs, [2]int{a, e})
		a = e
	}
	groups := make([]bls12381.G1Jac, len(runs))
	qs := make([]bls12381.G2Affine, len(runs)+1)
	for r, run := range runs {
		idx := b.order[run[0]:run[1]]
		weightedSumG1(&groups[r], b.pks, b.w, idx)
		qs[r] = hashToG2(b.msgs[idx[0]], dstSig)
	}
	var s bls12381.G2Jac
	weightedSumG2(&s, b.sigs, b.w, b.order[lo:hi])
	qs[len(runs)].FromJacobian(&s)

	ps := make([]bls12381.G1Affine, len(runs)+1)
	batchToAffine(ps, groups)
	ps[len(runs)] = negG1
	f, err := bls12381.MillerLoop(ps, qs)
	return f, err == nil
}

// oneMessage checks a batch whose triples all sign one message m:
// e(Σ rᵢ·PKᵢ, H(m)) · e(-P, Σ rᵢ·σᵢ) == 1. Cut as costCuts cuts, every piece would hash m
// and run a Miller loop; here the pieces only sum their weighted keys and signatures, the
// first of them, hashTriples shorter, also hashes m, and then each pair gets a Miller loop
// of its own on a worker of its own (with one worker, one loop over both pairs). A piece
// pays its own 64 doublings in G1 and G2, about two triples' additions, so no piece is
// cut below minPieceCost/2 triples. Each piece sums into
// accumulators of its own and stores them once: pieces adding into neighbouring entries
// of one slice shared cache lines and ran a third slower side by side.
func (b *batch) oneMessage(workers int) bool {
	n := len(b.order)
	minTriples := max(1, minPieceCost/2)
	p := min(parallel.Pieces(n, workers), max(1, (n+hashTriples)/minTriples))
	// Piece k covers the sorted positions [cuts[k], cuts[k+1]), each about
	// (n+hashTriples)/p triples' cost, the first hashTriples triples fewer.
	cuts := make([]int, p+1)
	for k := 1; k < p; k++ {
		cuts[k] = min(n, max(0, k*(n+hashTriples)/p-hashTriples))
	}
	cuts[p] = n
	pkSums := make([]bls12381.G1Jac, p)
	sigSums := make([]bls12381.G2Jac, p)
	var h bls12381.G2Affine
	parallel.Blocks(p, 1, workers, nil, func(k, _, _ int) {
		if k == 0 {
			h = hashToG2(b.msgs[b.order[0]], dstSig)
		}
		idx := b.order[cuts[k]:cuts[k+1]]
		var pk bls12381.G1Jac
		var sig bls12381.G2Jac
		weightedSumG1(&pk, b.pks, b.w, idx)
		weightedSumG2(&sig, b.sigs, b.w, idx)
		pkSums[k], sigSums[k] = pk, sig
	})
	for k := 1; k < p; k++ {
		pkSums[0].AddAssign(&pkSums[k])
		sigSums[0].AddAssign(&sigSums[k])
	}
	var pk bls12381.G1Affine
	var sig bls12381.G2Affine
	pk.FromJacobian(&pkSums[0])
	sig.FromJacobian(&sigSums[0])
	if workers < 2 {
		f, err := bls12381.MillerLoop([]bls12381.G1Affine{pk, negG1}, []bls12381.G2Affine{h, sig})
		return err == nil && finalIsOne(&f)
	}
	// Two workers run a Miller loop each: one pair's loop takes about 250 µs, both pairs
	// in one loop 395 µs, so the critical path is about 150 µs shorter.
	var fs [2]bls12381.GT
	var errs [2]error
	parallel.Blocks(2, 1, workers, nil, func(k, _, _ int) {
		if k == 0 {
			fs[0], errs[0] = bls12381.MillerLoop([]bls12381.G1Affine{pk}, []bls12381.G2Affine{h})
		} else {
			fs[1], errs[1] = bls12381.MillerLoop([]bls12381.G1Affine{negG1}, []bls12381.G2Affine{sig})
		}
	})
	if errs[0] != nil || errs[1] != nil {
		return false
	}
	fs[0].Mul(&fs[0], &fs[1])
	return finalIsOne(&fs[0])
}

// finalIsOne reports whether the final exponentiation of the Miller loop's value f is 1.
func finalIsOne(f *bls12381.GT) bool {
	e := bls12381.FinalExponentiation(f)
	return e.IsOne()
}

// hashTriples is a hash to G2 in triples' cost: one weighted key and signature each.
const hashTriples = 4

// minPieceCost is the least cost (in costCuts' units: one weighted triple, about 80 µs)
// worth a piece of its own. A piece over messages of its own costs only another Miller
// loop's squarings and one more pair on top of its share; one that shares a message with
// its neighbour also another hash and pair, about 8 units, which a busy second core makes
// the caller pay in series (a dozen triples over one message, cut so, ran 35% slower when
// the other core was busy; oneMessage cuts those without the extras). Four triples over
// distinct messages (20 units) are cut: on two idle cores they took 1.43 ms instead of
// 2.21 ms, six 1.82 ms instead of 2.84 ms. 64 distinct messages (320 units) may use 40
// workers. Tests lower it to cut small batches too.
var minPieceCost = 8

// costCuts cuts the sorted positions [0, n) (n = starts[len(starts)-1]) into at most
// workers contiguous pieces of about equal cost, each of at least minPieceCost, and
// returns their bounds: piece k is [cuts[k], cuts[k+1]). A position costs 1 (its two
// weighted additions), plus 4 when it starts a message (one hash to G2 and one
// Miller-loop pair, each about twice the additions). The cuts depend only on the
// messages and workers, never on timing.
func costCuts(starts []int, workers int) []int {
	n := starts[len(starts)-1]
	total := n + 4*(len(starts)-1)
	p := min(parallel.Pieces(n, workers), max(1, total/minPieceCost))
	cuts := make([]int, 1, p+1)
	if p > 1 {
		cost, g := 0, 0
		for j := range n {
			if g < len(starts)-1 && starts[g] == j {
				cost += 4
				g++
			}
			cost++
			// Close piece k after position j once the cost reaches (k+1)/p of the total.
			if k := len(cuts) - 1; k < p-1 && cost*p >= (k+1)*total && j+1 < n {
				cuts = append(cuts, j+1)
			}
		}
	}
	return append(cuts, n)
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

// weightedSumG2 sets acc to Σ w[i]·sigs[i] over idx, as weightedSumG1 does in G1.
func weightedSumG2(acc *bls12381.G2Jac, sigs []*Signature, w []uint64, idx []int) {
	for bit := 63; bit >= 0; bit-- {
		acc.DoubleAssign()
		for _, i := range idx {
			if w[i]>>bit&1 == 1 {
				acc.AddMixed(&sigs[i].p)
			}
		}
	}
}

// batchToAffine converts src to affine coordinates in dst with one field inversion
// (Montgomery's trick). gnark-crypto's BatchJacobianToAffineG1 does the same but spreads the
// last step over goroutines of its own, and this package starts only the workers its batch
// options allow.
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
