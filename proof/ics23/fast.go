package ics23

import "bytes"

// verifyExistFast is VerifyMembership for the common case, a canonically encoded
// CommitmentProof holding one ExistenceProof (fields 1, 2, 3 and then 4 repeated, as
// every encoder writes them), checked and hashed while it is read, with no
// intermediate structs. It reports true only when the proof verifies; on anything else
// the caller runs the general path, which decides and says why, so the two can never
// disagree on an answer or an error.
func verifyExistFast(spec *ProofSpec, root, proof, key, value []byte) bool {
	d, ok := existRootFast(spec, proof, key, value)
	return ok && bytes.Equal(d.bytes(), root)
}

// existRootFast is verifyExistFast but for the root: it returns the root the proof
// computes, and true only when every check before the root comparison passes.
func existRootFast(spec *ProofSpec, proof, key, value []byte) (digest, bool) {
	var none digest
	if spec == nil || spec.LeafSpec == nil {
		return none, false
	}
	top := pbReader{b: proof}
	f, w, err := top.tag()
	if err != nil || f != 1 || w != wireLen {
		return none, false
	}
	msg, err := top.bytes()
	if err != nil || !top.done() {
		return none, false
	}
	r := pbReader{b: msg}
	var pk, pv, leafBytes []byte
	want := uint64(1)
	var s state
	var cur digest
	depth := 0
	maxDepth := spec.maxDepth()
	for !r.done() {
		f, w, err := r.tag()
		if err != nil || w != wireLen || f < want || f > 4 || f < 4 && f == want-1 {
			return none, false
		}
		v, err := r.bytes()
		if err != nil {
			return none, false
		}
		switch f {
		case 1:
			pk = v
		case 2:
			pv = v
		case 3:
			leafBytes = v
		case 4:
			if depth == 0 {
				// The leaf must be complete before the first step.
				if !bytes.Equal(pk, key) || !bytes.Equal(pv, value) || leafBytes == nil {
					return none, false
				}
				var leaf LeafOp
				if decodeLeafOpInto(leafBytes, &leaf) != nil || checkLeaf(&leaf, spec) != nil {
					return none, false
				}
				if cur, err = s.applyLeaf(&leaf, pk, pv); err != nil {
					return none, false
				}
			}
			depth++
			if depth > maxDepth {
				return none, false
			}
			var op InnerOp
			if decodeInnerOp(v, &op) != nil || checkInner(&op, spec, depth) != nil {
				return none, false
			}
			if cur, err = s.applyInner(&op, cur.bytes()); err != nil {
				return none, false
			}
			if spec.InnerSpec != nil {
				if cs := int(spec.InnerSpec.ChildSize); cur.n > cs && cs >= 32 {
					return none, false
				}
			}
		}
		want = f + 1
		if f == 4 {
			want = 4
		}
	}
	if depth == 0 {
		return none, false // a leaf-only proof: rare; the general path handles it
	}
	if spec.MinDepth > 0 && depth < int(spec.MinDepth) {
		return none, false
	}
	return cur, true
}
