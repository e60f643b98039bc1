package ics23

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
)

// defaultMaxDepth is the path length limit of a spec whose MaxDepth is 0 (ics23/go v0.11).
const defaultMaxDepth = 128

// maxDepth is the longest path the spec admits: MaxDepth, or defaultMaxDepth when it is 0.
// A negative MaxDepth admits no path, as in ics23/go.
func (spec *ProofSpec) maxDepth() int {
	if spec.MaxDepth == 0 {
		return defaultMaxDepth
	}
	return int(spec.MaxDepth)
}

// decodeFor decodes proof building no path longer than spec admits, so that the memory
// a hostile path costs is bounded by the spec before anything is built.
func decodeFor(spec *ProofSpec, proof []byte) (*CommitmentProof, error) {
	limit := defaultMaxDepth
	if spec != nil {
		limit = max(spec.maxDepth(), 0)
	}
	return unmarshal(proof, limit)
}

// VerifyMembership checks that proof, protobuf CommitmentProof bytes, proves key maps to
// value in the tree with the given root, in spec's format. It is ics23/go
// VerifyMembership with an error in place of false:
//
//	a) the bytes decode (ErrMalformed);
//	b) the proof is, or is a batch holding, an existence proof for key (ErrNoProofForKey);
//	c) its leaf and path match spec (ErrSpec);
//	d) it is for value (ErrValueMismatch);
//	e) it evaluates (ErrInvalidProof, ErrUnsupported) to root (ErrRootMismatch).
//
// Resource bound: work O(len(proof)) to decode; no path longer than the spec's max depth
// (MaxDepth, or 128 when it is 0) is built (longer ones are counted, checked and refused
// with ErrSpec), so memory is at most 56 bytes per proof byte for a batch and nothing but
// scratch for a canonical single existence proof; hashing at most max depth + 1
// preimages, each at most len(proof) + 64 bytes (a compressed lookup op named at every
// step).
func VerifyMembership(spec *ProofSpec, root, proof, key, value []byte) error {
	if verifyExistFast(spec, root, proof, key, value) {
		return nil
	}
	p, err := decodeFor(spec, proof)
	if err != nil {
		return err
	}
	return named(proof, p.VerifyMembership(spec, root, key, value))
}

// named adds ErrIsMerkleProof or ErrIsProofOps to a verification error when the proof
// bytes are such a wrapper that happened to decode as a CommitmentProof (one proof or one
// op: the wrapper's field 1 read as an existence proof).
func named(proof []byte, err error) error {
	if err != nil {
		if werr := wrapper(proof); werr != nil {
			return fmt.Errorf("%w (%w)", werr, err)
		}
	}
	return err
}

// VerifyNonMembership checks that proof, protobuf CommitmentProof bytes, proves key
// absent from the tree with the given root, in spec's format. It is ics23/go
// VerifyNonMembership with an error in place of false:
//
//	a) the bytes decode (ErrMalformed);
//	b) the proof is, or is a batch holding, a non-existence proof whose left neighbour
//	   sorts below key and whose right neighbour sorts above it (ErrNoProofForKey);
//	c) each neighbour present is a valid existence proof under root (as VerifyMembership
//	   c to e);
//	d) at least one neighbour is present, and the two are adjacent in the tree, or the one
//	   present is the left-most or right-most leaf (ErrInvalidProof).
//
// The proof's own key field is ignored, as ics23/go ignores it.
//
// Resource bound: as VerifyMembership, for two neighbours, plus one key comparison (and
// for hashed-key specs one prehash) per batch entry.
func VerifyNonMembership(spec *ProofSpec, root, proof, key []byte) error {
	p, err := decodeFor(spec, proof)
	if err != nil {
		return err
	}
	return named(proof, p.VerifyNonMembership(spec, root, key))
}

// KeyValue is one item of a batch membership check.
type KeyValue struct {
	Key, Value []byte
}

// BatchVerifyMembership checks that proof proves every item (ics23/go
// BatchVerifyMembership): each as VerifyMembership, against the same decoded proof. The
// existence proofs are indexed by key once, so the work is O((n + m) log n) lookups for
// n batch entries and m items, plus one verification (at most the spec's max depth of
// hashes) per item; memory as VerifyMembership, plus 8 bytes per entry.
func BatchVerifyMembership(spec *ProofSpec, root, proof []byte, items []KeyValue) error {
	p, err := decodeFor(spec, proof)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	if spec == nil {
		return fmt.Errorf("item 0: %w: nil spec", ErrSpec)
	}
	idx := p.existIndex()
	// Each proof is checked against the spec and evaluated once, however many items name
	// it: the work is then bounded by the proof, not by the number of items.
	type once struct {
		done       bool
		spec, root error
	}
	memo := make([]once, len(p.Batch)+1) // the last slot is p.Exist's
	var s state
	for i, it := range items {
		ep, at := idx.lookup(p, it.Key)
		if ep == nil {
			return fmt.Errorf("item %d: %w: no existence proof for key %x", i, ErrNoProofForKey, it.Key)
		}
		m := &memo[at]
		if !m.done {
			m.done = true
			if m.spec = ep.checkAgainstSpec(spec); m.spec == nil {
				m.root = ep.checkRoot(&s, spec, root)
			}
		}
		err := m.spec
		if err == nil {
			err = ep.checkKeyValue(it.Key, it.Value)
		}
		if err == nil {
			err = m.root
		}
		if err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

// existIndex lists the batch entries that hold existence proofs, sorted by key and, for
// equal keys, by position, so that lookup finds the first, as existFor does. It is nil
// for a proof that is not a batch.
type existIndex []int

func (p *CommitmentProof) existIndex() existIndex {
	if p.Exist != nil {
		return nil
	}
	var idx existIndex
	for i := range p.Batch {
		if p.Batch[i].Exist != nil {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(p.Batch[a].Exist.Key, p.Batch[b].Exist.Key) })
	return idx
}

// lookup is existFor through the index; at is the proof's batch position, or
// len(p.Batch) for p.Exist.
func (idx existIndex) lookup(p *CommitmentProof, key []byte) (ep *ExistenceProof, at int) {
	if p.Exist != nil {
		return p.existFor(key), len(p.Batch)
	}
	i, found := slices.BinarySearchFunc(idx, key, func(e int, k []byte) int { return bytes.Compare(p.Batch[e].Exist.Key, k) })
	if !found {
		return nil, 0
	}
	return p.Batch[idx[i]].Exist, idx[i]
}

// BatchVerifyNonMembership checks that proof proves every key absent (ics23/go
// BatchVerifyNonMembership): each as VerifyNonMembership, against the same decoded proof.
// Each key is matched to the first entry that brackets it in one sweep over the entries
// (keys sorted, each matched once), so the work is O((n + m) log m) for n batch entries
// and m keys, plus one verification (two neighbours, at most the spec's max depth of
// hashes each) per key; memory as VerifyNonMembership, plus O(m).
func BatchVerifyNonMembership(spec *ProofSpec, root, proof []byte, keys [][]byte) error {
	p, err := decodeFor(spec, proof)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	if spec == nil || spec.LeafSpec == nil || spec.InnerSpec == nil {
		return fmt.Errorf("key 0: %w: incomplete spec", ErrSpec)
	}
	var s state
	match := p.matchNonexist(&s, spec, keys)
	// Each proof's neighbours are verified, and their adjacency checked, once however
	// many keys it covers; only the ordering check is per key. A matched key sorts
	// between the neighbours, so the order of the checks gives verify's errors.
	type once struct {
		done bool
		err  error
	}
	memo := make(map[*NonExistenceProof]*once)
	for i, k := range keys {
		np := match[i]
		if np == nil {
			return fmt.Errorf("key %d: %w: no non-existence proof around key %x", i, ErrNoProofForKey, k)
		}
		m := memo[np]
		if m == nil {
			m = &once{}
			memo[np] = m
		}
		if !m.done {
			m.done = true
			if m.err = np.checkNeighbours(&s, spec, root); m.err == nil {
				m.err = np.checkAdjacent(spec)
			}
		}
		err := m.err
		if err == nil {
			err = np.checkBetween(&s, spec, k)
		}
		if err != nil {
			return fmt.Errorf("key %d: %w", i, err)
		}
	}
	return nil
}

// matchNonexist returns, for each key, nonexistFor(key): the first non-existence proof
// whose neighbours bracket it, or nil. The keys are sorted in comparable form; each
// entry brackets a run of them, found by binary search, and assigns itself to those of
// the run still unmatched, which a skip list (next) finds without visiting a matched key
// twice.
func (p *CommitmentProof) matchNonexist(s *state, spec *ProofSpec, keys [][]byte) []*NonExistenceProof {
	match := make([]*NonExistenceProof, len(keys))
	if p.Nonexist != nil {
		for i, k := range keys {
			match[i] = p.nonexistFor(s, spec, k)
		}
		return match
	}
	ck := make([][]byte, len(keys))
	for i, k := range keys {
		var d digest
		ck[i] = bytes.Clone(s.comparable(spec, k, &d)) // a prehash lives in d: keep a copy
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(ck[a], ck[b]) })
	// next[j] leads, through unmatched positions, to the first unmatched position >= j.
	next := make([]int, len(keys)+1)
	for j := range next {
		next[j] = j
	}
	find := func(j int) int {
		for next[j] != j {
			next[j] = next[next[j]]
			j = next[j]
		}
		return j
	}
	for e := range p.Batch {
		np := p.Batch[e].Nonexist
		if np == nil {
			continue
		}
		// The keys strictly above the left neighbour and strictly below the right one.
		lo, hi := 0, len(order)
		var d digest
		if np.Left != nil {
			l := s.comparable(spec, np.Left.Key, &d)
			lo = sort.Search(len(order), func(j int) bool { return bytes.Compare(l, ck[order[j]]) < 0 })
		}
		if np.Right != nil {
			r := s.comparable(spec, np.Right.Key, &d)
			hi = sort.Search(len(order), func(j int) bool { return bytes.Compare(r, ck[order[j]]) <= 0 })
		}
		for j := find(lo); j < hi; j = find(j) {
			match[order[j]] = np
			next[j] = j + 1
		}
	}
	return match
}

// VerifyMembership is the package function VerifyMembership on a decoded proof. The path
// is checked against the spec's max depth before it is evaluated: at most max depth + 1
// hashes; it allocates nothing but scratch.
func (p *CommitmentProof) VerifyMembership(spec *ProofSpec, root, key, value []byte) error {
	if spec == nil {
		return fmt.Errorf("%w: nil spec", ErrSpec)
	}
	ep := p.existFor(key)
	if ep == nil {
		return fmt.Errorf("%w: no existence proof for key %x", ErrNoProofForKey, key)
	}
	var s state
	return ep.verify(&s, spec, root, key, value)
}

// VerifyNonMembership is the package function VerifyNonMembership on a decoded proof,
// bounded as VerifyMembership for each neighbour, plus one comparison per batch entry.
func (p *CommitmentProof) VerifyNonMembership(spec *ProofSpec, root, key []byte) error {
	if spec == nil || spec.LeafSpec == nil || spec.InnerSpec == nil {
		return fmt.Errorf("%w: incomplete spec", ErrSpec)
	}
	var s state
	np := p.nonexistFor(&s, spec, key)
	if np == nil {
		return fmt.Errorf("%w: no non-existence proof around key %x", ErrNoProofForKey, key)
	}
	return np.verify(&s, spec, root, key)
}

// maxCalculateDepth bounds the path that Calculate, which has no spec to take a depth
// limit from, evaluates: the deepest of the standard specs (SMTSpec). Without it, a
// compressed proof naming one large lookup op at each of many steps would cost hashing
// quadratic in its size.
const maxCalculateDepth = 256

// Calculate returns the root the proof commits to: that of its existence proof, of its
// non-existence proof's left (else right) neighbour, or of a batch's first entry. It
// checks nothing against a spec; use it to learn which root to ask for, then verify.
//
// Resource bound: a path longer than 256 inner ops (the deepest standard spec, SMTSpec)
// is ErrSpec, so at most 257 hashes, each of at most the proof's size plus 64 bytes.
func (p *CommitmentProof) Calculate() ([]byte, error) {
	var s state
	var d digest
	var err error
	switch {
	case p.Exist != nil:
		d, err = p.Exist.calculate(&s, nil)
	case p.Nonexist != nil:
		d, err = p.Nonexist.calculate(&s)
	case p.IsBatch:
		if len(p.Batch) == 0 {
			return nil, fmt.Errorf("%w: empty batch", ErrInvalidProof)
		}
		switch e := p.Batch[0]; {
		case e.Exist != nil:
			d, err = e.Exist.calculate(&s, nil)
		case e.Nonexist != nil:
			d, err = e.Nonexist.calculate(&s)
		default:
			return nil, fmt.Errorf("%w: empty batch entry", ErrInvalidProof)
		}
	default:
		return nil, fmt.Errorf("%w: commitment proof sets no proof", ErrInvalidProof)
	}
	if err != nil {
		return nil, err
	}
	return bytes.Clone(d.bytes()), nil
}

// existFor is ics23/go getExistProofForKey.
func (p *CommitmentProof) existFor(key []byte) *ExistenceProof {
	if p.Exist != nil {
		if bytes.Equal(p.Exist.Key, key) {
			return p.Exist
		}
		return nil
	}
	for i := range p.Batch {
		if e := p.Batch[i].Exist; e != nil && bytes.Equal(e.Key, key) {
			return e
		}
	}
	return nil
}

// nonexistFor is ics23/go getNonExistProofForKey: the first non-existence proof whose
// neighbours bracket key.
func (p *CommitmentProof) nonexistFor(s *state, spec *ProofSpec, key []byte) *NonExistenceProof {
	var kd digest
	ck := s.comparable(spec, key, &kd)
	if p.Nonexist != nil {
		if s.brackets(spec, p.Nonexist, ck) {
			return p.Nonexist
		}
		return nil
	}
	for i := range p.Batch {
		if np := p.Batch[i].Nonexist; np != nil && s.brackets(spec, np, ck) {
			return np
		}
	}
	return nil
}

// brackets reports whether np's neighbours sort below and above ck, a key in comparable
// form (ics23/go's check in getNonExistProofForKey).
func (s *state) brackets(spec *ProofSpec, np *NonExistenceProof, ck []byte) bool {
	var d digest
	if np.Left != nil && bytes.Compare(s.comparable(spec, np.Left.Key, &d), ck) >= 0 {
		return false
	}
	return np.Right == nil || bytes.Compare(s.comparable(spec, np.Right.Key, &d), ck) > 0
}

// comparable is ics23/go keyForComparison: the key, or its prehash (held in d) when the
// spec orders keys by hash. A prehash that fails gives nil, as in ics23/go.
func (s *state) comparable(spec *ProofSpec, key []byte, d *digest) []byte {
	if !spec.PrehashKeyBeforeComparison || spec.LeafSpec.PrehashKey == NoHash {
		return key
	}
	var err error
	if *d, err = s.hash(spec.LeafSpec.PrehashKey, key); err != nil {
		return nil
	}
	return d.bytes()
}

// checkAgainstSpec is ExistenceProof.CheckAgainstSpec.
func (p *ExistenceProof) checkAgainstSpec(spec *ProofSpec) error {
	if p.Leaf == nil {
		return fmt.Errorf("%w: existence proof needs a leaf op", ErrSpec)
	}
	if err := checkLeaf(p.Leaf, spec); err != nil {
		return fmt.Errorf("leaf: %w", err)
	}
	depth := max(len(p.Path), p.depth)
	if spec.MinDepth > 0 && depth < int(spec.MinDepth) {
		return fmt.Errorf("%w: path of %d inner ops, min %d", ErrSpec, depth, spec.MinDepth)
	}
	if maxDepth := spec.maxDepth(); depth > maxDepth {
		return fmt.Errorf("%w: path of %d inner ops, max %d", ErrSpec, depth, maxDepth)
	}
	for i := range p.Path {
		if err := checkInner(&p.Path[i], spec, i+1); err != nil {
			return fmt.Errorf("inner op %d: %w", i, err)
		}
	}
	return nil
}

// calculate is ExistenceProof.calculate: the root from the leaf through the path. With a
// spec, an intermediate hash longer than a child slot of at least 32 bytes is refused.
func (p *ExistenceProof) calculate(s *state, spec *ProofSpec) (digest, error) {
	if p.Leaf == nil {
		return digest{}, fmt.Errorf("%w: existence proof needs a leaf op", ErrInvalidProof)
	}
	if p.depth > len(p.Path) {
		return digest{}, fmt.Errorf("%w: path of %d inner ops was not built", ErrSpec, p.depth)
	}
	if spec == nil && len(p.Path) > maxCalculateDepth {
		return digest{}, fmt.Errorf("%w: path of %d inner ops, max %d without a spec", ErrSpec, len(p.Path), maxCalculateDepth)
	}
	res, err := s.applyLeaf(p.Leaf, p.Key, p.Value)
	if err != nil {
		return digest{}, fmt.Errorf("leaf: %w", err)
	}
	for i := range p.Path {
		if res, err = s.applyInner(&p.Path[i], res.bytes()); err != nil {
			return digest{}, fmt.Errorf("inner op %d: %w", i, err)
		}
		if spec != nil && spec.InnerSpec != nil {
			if cs := int(spec.InnerSpec.ChildSize); res.n > cs && cs >= 32 {
				return digest{}, fmt.Errorf("%w: inner op %d yields %d bytes, child size %d", ErrInvalidProof, i, res.n, cs)
			}
		}
	}
	return res, nil
}

// verify is ExistenceProof.Verify.
func (p *ExistenceProof) verify(s *state, spec *ProofSpec, root, key, value []byte) error {
	if err := p.checkAgainstSpec(spec); err != nil {
		return err
	}
	if err := p.checkKeyValue(key, value); err != nil {
		return err
	}
	return p.checkRoot(s, spec, root)
}

// checkKeyValue is the middle of ExistenceProof.Verify: the proof is for key and value.
func (p *ExistenceProof) checkKeyValue(key, value []byte) error {
	if !bytes.Equal(key, p.Key) {
		return fmt.Errorf("%w: key %x, proof is for %x", ErrNoProofForKey, key, p.Key)
	}
	if !bytes.Equal(value, p.Value) {
		return fmt.Errorf("%w: value %x, proof is for %x", ErrValueMismatch, value, p.Value)
	}
	return nil
}

// checkRoot is the end of ExistenceProof.Verify: the proof evaluates to root. It does not
// depend on the key and value checked, so a batch check evaluates each proof once.
func (p *ExistenceProof) checkRoot(s *state, spec *ProofSpec, root []byte) error {
	calc, err := p.calculate(s, spec)
	if err != nil {
		return err
	}
	if !bytes.Equal(root, calc.bytes()) {
		// hex.EncodeToString keeps calc on the stack on the success path.
		return fmt.Errorf("%w: computed %s, want %x", ErrRootMismatch, hex.EncodeToString(calc.bytes()), root)
	}
	return nil
}

// calculate is NonExistenceProof.Calculate.
func (p *NonExistenceProof) calculate(s *state) (digest, error) {
	switch {
	case p.Left != nil:
		return p.Left.calculate(s, nil)
	case p.Right != nil:
		return p.Right.calculate(s, nil)
	}
	return digest{}, fmt.Errorf("%w: non-existence proof has neither neighbour", ErrInvalidProof)
}

// verify is NonExistenceProof.Verify.
func (p *NonExistenceProof) verify(s *state, spec *ProofSpec, root, key []byte) error {
	if err := p.checkNeighbours(s, spec, root); err != nil {
		return err
	}
	if err := p.checkBetween(s, spec, key); err != nil {
		return err
	}
	return p.checkAdjacent(spec)
}

// checkNeighbours is the start of NonExistenceProof.Verify: each neighbour present is a
// valid existence proof under root, and one is present.
func (p *NonExistenceProof) checkNeighbours(s *state, spec *ProofSpec, root []byte) error {
	if p.Left != nil {
		if err := p.Left.verify(s, spec, root, p.Left.Key, p.Left.Value); err != nil {
			return fmt.Errorf("left neighbour: %w", err)
		}
	}
	if p.Right != nil {
		if err := p.Right.verify(s, spec, root, p.Right.Key, p.Right.Value); err != nil {
			return fmt.Errorf("right neighbour: %w", err)
		}
	}
	if p.Left == nil && p.Right == nil {
		return fmt.Errorf("%w: both neighbours missing", ErrInvalidProof)
	}
	return nil
}

// checkBetween is the middle of NonExistenceProof.Verify: key sorts strictly between the
// neighbours present.
func (p *NonExistenceProof) checkBetween(s *state, spec *ProofSpec, key []byte) error {
	var kd, nd digest
	ck := s.comparable(spec, key, &kd)
	if p.Right != nil && bytes.Compare(ck, s.comparable(spec, p.Right.Key, &nd)) >= 0 {
		return fmt.Errorf("%w: key %x is not left of the right neighbour %x", ErrInvalidProof, key, p.Right.Key)
	}
	if p.Left != nil && bytes.Compare(ck, s.comparable(spec, p.Left.Key, &nd)) <= 0 {
		return fmt.Errorf("%w: key %x is not right of the left neighbour %x", ErrInvalidProof, key, p.Left.Key)
	}
	return nil
}

// checkAdjacent is the end of NonExistenceProof.Verify: the neighbours are adjacent
// leaves, or the one present is the left-most or right-most. It does not depend on the
// key, so a batch check evaluates it (and checkNeighbours) once per proof.
func (p *NonExistenceProof) checkAdjacent(spec *ProofSpec) error {
	is := spec.InnerSpec
	switch {
	case p.Left == nil:
		if !isLeftMost(is, p.Right.Path) {
			return fmt.Errorf("%w: left neighbour missing and the right one is not left-most", ErrInvalidProof)
		}
	case p.Right == nil:
		if !isRightMost(is, p.Left.Path) {
			return fmt.Errorf("%w: right neighbour missing and the left one is not right-most", ErrInvalidProof)
		}
	default:
		if !isLeftNeighbor(is, p.Left.Path, p.Right.Path) {
			return fmt.Errorf("%w: neighbours are not adjacent", ErrInvalidProof)
		}
	}
	return nil
}

// position is ics23/go getPosition: where branch sits in the child order, or -1 where
// ics23/go panics (a branch out of range or missing from the order).
func position(order []int32, branch int32) int {
	if branch < 0 || int(branch) >= len(order) {
		return -1
	}
	for i, item := range order {
		if item == branch {
			return i
		}
	}
	return -1
}

// padding is ics23/go getPadding: the prefix bounds and suffix length of an inner op
// whose child is branch; ok is false where ics23/go panics.
func padding(spec *InnerSpec, branch int32) (minPrefix, maxPrefix, suffix int, ok bool) {
	idx := position(spec.ChildOrder, branch)
	if idx < 0 {
		return 0, 0, 0, false
	}
	prefix := idx * int(spec.ChildSize)
	minPrefix = prefix + int(spec.MinPrefixLength)
	maxPrefix = prefix + int(spec.MaxPrefixLength)
	suffix = (len(spec.ChildOrder) - 1 - idx) * int(spec.ChildSize)
	return minPrefix, maxPrefix, suffix, true
}

func hasPadding(op *InnerOp, minPrefix, maxPrefix, suffix int) bool {
	return len(op.Prefix) >= minPrefix && len(op.Prefix) <= maxPrefix && len(op.Suffix) == suffix
}

// orderFromPadding is ics23/go orderFromPadding: which child slot the op's padding
// puts the path in.
func orderFromPadding(spec *InnerSpec, op *InnerOp) (int32, bool) {
	for branch := int32(0); int(branch) < len(spec.ChildOrder); branch++ {
		minp, maxp, suf, ok := padding(spec, branch)
		if !ok {
			return 0, false
		}
		if hasPadding(op, minp, maxp, suf) {
			return branch, true
		}
	}
	return 0, false
}

// isLeftMost is ics23/go IsLeftMost: every step is in the left-most slot, or is a
// placeholder whose left siblings are all empty children.
func isLeftMost(spec *InnerSpec, path []InnerOp) bool {
	minp, maxp, suf, ok := padding(spec, 0)
	if !ok {
		return false
	}
	for i := range path {
		if !hasPadding(&path[i], minp, maxp, suf) && !leftBranchesAreEmpty(spec, &path[i]) {
			return false
		}
	}
	return true
}

// isRightMost is ics23/go IsRightMost.
func isRightMost(spec *InnerSpec, path []InnerOp) bool {
	minp, maxp, suf, ok := padding(spec, int32(len(spec.ChildOrder)-1))
	if !ok {
		return false
	}
	for i := range path {
		if !hasPadding(&path[i], minp, maxp, suf) && !rightBranchesAreEmpty(spec, &path[i]) {
			return false
		}
	}
	return true
}

// isLeftNeighbor is ics23/go IsLeftNeighbor: strip the common steps near the root, then
// the first divergent steps must be adjacent slots of one node, the left path right-most
// below it and the right path left-most. Where ics23/go indexes past an empty path and
// panics (paths that are empty or identical), the answer here is false.
func isLeftNeighbor(spec *InnerSpec, left, right []InnerOp) bool {
	if len(left) == 0 || len(right) == 0 {
		return false
	}
	l, r := len(left)-1, len(right)-1
	for bytes.Equal(left[l].Prefix, right[r].Prefix) && bytes.Equal(left[l].Suffix, right[r].Suffix) {
		if l == 0 || r == 0 {
			return false
		}
		l, r = l-1, r-1
	}
	if !isLeftStep(spec, &left[l], &right[r]) {
		return false
	}
	return isRightMost(spec, left[:l]) && isLeftMost(spec, right[:r])
}

// isLeftStep is ics23/go isLeftStep; an op whose padding fits no slot, where ics23/go
// panics, is not a left step.
func isLeftStep(spec *InnerSpec, left, right *InnerOp) bool {
	li, ok := orderFromPadding(spec, left)
	if !ok {
		return false
	}
	ri, ok := orderFromPadding(spec, right)
	if !ok {
		return false
	}
	return ri == li+1
}

// leftBranchesAreEmpty is ics23/go leftBranchesAreEmpty: the op's prefix ends in empty
// children for every slot left of its own, so it is a placeholder on a left-most path.
func leftBranchesAreEmpty(spec *InnerSpec, op *InnerOp) bool {
	idx, ok := orderFromPadding(spec, op)
	if !ok {
		return false
	}
	leftBranches := int(idx)
	if leftBranches == 0 {
		return false
	}
	cs := int(spec.ChildSize)
	actualPrefix := len(op.Prefix) - leftBranches*cs
	if actualPrefix < 0 {
		return false
	}
	for i := range leftBranches {
		pos := position(spec.ChildOrder, int32(i))
		if pos < 0 {
			return false
		}
		from := actualPrefix + pos*cs
		if from+cs > len(op.Prefix) || !bytes.Equal(spec.EmptyChild, op.Prefix[from:from+cs]) {
			return false
		}
	}
	return true
}

// rightBranchesAreEmpty is ics23/go rightBranchesAreEmpty, with its indexing: the
// suffix slot of child i is read at getPosition(order, i), which for a binary tree is the
// single right sibling.
func rightBranchesAreEmpty(spec *InnerSpec, op *InnerOp) bool {
	idx, ok := orderFromPadding(spec, op)
	if !ok {
		return false
	}
	rightBranches := len(spec.ChildOrder) - 1 - int(idx)
	if rightBranches == 0 {
		return false
	}
	cs := int(spec.ChildSize)
	if len(op.Suffix) != rightBranches*cs {
		return false
	}
	for i := range rightBranches {
		pos := position(spec.ChildOrder, int32(i))
		if pos < 0 {
			return false
		}
		from := pos * cs
		if from+cs > len(op.Suffix) || !bytes.Equal(spec.EmptyChild, op.Suffix[from:from+cs]) {
			return false
		}
	}
	return true
}
