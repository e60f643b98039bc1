package ics23

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
)

// SDKSpecs are the specs of a Cosmos SDK chain's state, lowest tree first: a module's IAVL
// store, then the multistore's simple Merkle tree of store roots, whose root is the app
// hash (ibc-go 23-commitment GetSDKSpecs). The slice and the specs must not be modified.
var SDKSpecs = []*ProofSpec{IAVLSpec, TendermintSpec}

// MerklePath is ibc.core.commitment.v2.MerklePath: the keys from the root down, for an SDK
// chain the store key ("ibc") then the key inside that store. Keys are raw bytes (v1's
// string keys were URL-unescaped; v2 and this type take the bytes as they are).
type MerklePath struct {
	KeyPath [][]byte
}

// NewMerklePath returns the path of the keys, given from the root down.
func NewMerklePath(keys ...[]byte) MerklePath { return MerklePath{KeyPath: keys} }

// MerkleProof is ibc.core.commitment.v1.MerkleProof (the same message in v2): one
// CommitmentProof per tree, lowest first, each proving that the root of the tree below it
// (or, for the first, the value) is stored under its key of the path. Relayers carry it as
// the proof bytes of IBC messages; DecodeProofOps builds it from an ABCI query's proof.
type MerkleProof struct {
	Proofs []CommitmentProof
}

// DecodeMerkleProof decodes protobuf MerkleProof bytes (field 1, repeated
// CommitmentProof), each proof as DecodeCommitmentProof decodes it; unknown fields are skipped, as
// protobuf does. The result keeps slices into b; b must not change while it is in use.
// It decodes; VerifyMembership and VerifyNonMembership say whether it proves anything.
//
// Resource bound: O(len(b)) work; the proofs are counted before their slice is allocated
// once (48 bytes per proof, of at least 2 input bytes each); each proof then costs at most
// what DecodeCommitmentProof costs for its bytes (56 bytes per input byte).
func DecodeMerkleProof(b []byte) (MerkleProof, error) {
	n, err := countField(b, 1)
	if err != nil {
		return MerkleProof{}, err
	}
	m := MerkleProof{Proofs: make([]CommitmentProof, 0, n)}
	i := 0
	err = eachMessage(b, 1, func(v []byte) error {
		m.Proofs = append(m.Proofs, CommitmentProof{})
		if err := unmarshalInto(&m.Proofs[i], v, math.MaxInt); err != nil {
			return fmt.Errorf("merkle proof %d: %w", i, err)
		}
		i++
		return nil
	})
	if err != nil {
		return MerkleProof{}, err
	}
	return m, nil
}

// AppendBinary appends m's protobuf MerkleProof bytes to b, canonically: each proof as
// CommitmentProof.AppendBinary writes it, present even when it sets nothing.
//
// Resource bound: as CommitmentProof.AppendBinary, for each proof. It never fails.
func (m MerkleProof) AppendBinary(b []byte) ([]byte, error) {
	w := pbWriter{b: b}
	for i := range m.Proofs {
		p := &m.Proofs[i]
		w.message(1, func(w *pbWriter) { w.b, _ = p.AppendBinary(w.b) })
	}
	return w.b, nil
}

// checkChain is ibc-go's validateVerificationArgs: one spec and one key per proof, and
// something to verify.
func (m MerkleProof) checkChain(specs []*ProofSpec, root []byte, path MerklePath) error {
	if len(m.Proofs) == 0 {
		return fmt.Errorf("%w: no proofs", ErrPath)
	}
	if len(specs) != len(m.Proofs) {
		return fmt.Errorf("%w: %d specs for %d proofs", ErrPath, len(specs), len(m.Proofs))
	}
	if len(path.KeyPath) != len(m.Proofs) {
		return fmt.Errorf("%w: path of %d keys for %d proofs", ErrPath, len(path.KeyPath), len(m.Proofs))
	}
	for i, s := range specs {
		if s == nil || s.LeafSpec == nil || s.InnerSpec == nil {
			return fmt.Errorf("%w: spec %d is nil or incomplete", ErrSpec, i)
		}
	}
	if len(root) == 0 {
		return fmt.Errorf("%w: empty root", ErrInvalidProof)
	}
	return nil
}

// VerifyMembership checks that m proves value stored under path in the state whose root
// (a CometBFT app hash, for SDKSpecs) is given, as ibc-go's MerkleProof.VerifyMembership
// (23-commitment/types/merkle.go) does:
//
//	a) there is at least one proof, and as many specs and path keys as proofs (ErrPath);
//	   no spec is nil (ErrSpec); root and value are not empty (ErrInvalidProof);
//	b) proof i, lowest first, is a single existence proof (not a non-existence proof or a
//	   batch: ErrInvalidProof) for the i-th key from the end of the path
//	   (ErrNoProofForKey), of value for the first proof and of the root computed by proof
//	   i-1 after it (ErrValueMismatch), matching specs[i] (ErrSpec);
//	c) the last proof computes root (ErrRootMismatch).
//
// ibc-go computes each proof's root twice (CommitmentProof.Calculate, then
// ExistenceProof.Verify against it); this computes it once, with the spec's checks, which
// accepts and refuses the same proofs.
//
// Resource bound: no allocation beyond scratch and error values; per proof, hashing at
// most its spec's max depth + 1 preimages, each at most its size + 64 bytes.
func (m MerkleProof) VerifyMembership(specs []*ProofSpec, root []byte, path MerklePath, value []byte) error {
	if err := m.checkChain(specs, root, path); err != nil {
		return err
	}
	if len(value) == 0 {
		return fmt.Errorf("%w: empty value", ErrInvalidProof)
	}
	var s state
	var sub digest
	return m.chain(&s, specs, root, path, value, &sub, 0)
}

// VerifyNonMembership checks that m proves nothing stored under path in the state whose
// root is given, as ibc-go's MerkleProof.VerifyNonMembership does:
//
//	a) as VerifyMembership a (no value);
//	b) the first proof is a single non-existence proof (ErrInvalidProof) for the last key
//	   of the path (ErrNoProofForKey), proving it absent (as the package function
//	   VerifyNonMembership, its errors) from the tree whose root its left neighbour (else
//	   its right one) computes;
//	c) the proofs after it prove that subroot up to root, as VerifyMembership b and c.
//
// One check is stricter than ibc-go's: a non-existence proof that names a key (its key
// field, which ibc-go and ics23/go ignore) must name the path's key. IAVL and the SDK
// stores set it to the queried key, so this refuses only proofs edited after the fact.
//
// Resource bound: as VerifyMembership, with two neighbours for the first proof.
func (m MerkleProof) VerifyNonMembership(specs []*ProofSpec, root []byte, path MerklePath) error {
	if err := m.checkChain(specs, root, path); err != nil {
		return err
	}
	np := m.Proofs[0].Nonexist
	if np == nil {
		return fmt.Errorf("%w: proof 0 is %s, want a non-existence proof", ErrInvalidProof, m.Proofs[0].kind())
	}
	key := path.KeyPath[len(path.KeyPath)-1]
	if len(np.Key) > 0 && !bytes.Equal(np.Key, key) {
		return fmt.Errorf("%w: proof 0 is a non-existence proof of key %x, the path's key is %x", ErrNoProofForKey, np.Key, key)
	}
	var s state
	sub, err := np.calculate(&s)
	if err != nil {
		return fmt.Errorf("proof 0: %w", err)
	}
	if err := np.verify(&s, specs[0], sub.bytes(), key); err != nil {
		return fmt.Errorf("proof 0, absence of key %x: %w", key, err)
	}
	value := bytes.Clone(sub.bytes())
	return m.chain(&s, specs, root, path, value, &sub, 1)
}

// chain is ibc-go's verifyChainedMembershipProof from proof index on, with value proven
// by the proof at index; sub holds the root the chain has reached so far.
func (m MerkleProof) chain(s *state, specs []*ProofSpec, root []byte, path MerklePath, value []byte, sub *digest, index int) error {
	cur := value
	var next digest
	for i := index; i < len(m.Proofs); i++ {
		ep := m.Proofs[i].Exist
		if ep == nil {
			return fmt.Errorf("%w: proof %d is %s, want an existence proof", ErrInvalidProof, i, m.Proofs[i].kind())
		}
		key := path.KeyPath[len(path.KeyPath)-1-i]
		if err := ep.checkAgainstSpec(specs[i]); err != nil {
			return fmt.Errorf("proof %d: %w", i, err)
		}
		if err := ep.checkKeyValue(key, cur); err != nil {
			return fmt.Errorf("proof %d: %w", i, err)
		}
		var err error
		if next, err = ep.calculate(s, specs[i]); err != nil {
			return fmt.Errorf("proof %d: %w", i, err)
		}
		*sub = next
		cur = sub.bytes()
	}
	if !bytes.Equal(root, cur) {
		return fmt.Errorf("%w: chain of %d proofs computes %s, want %x", ErrRootMismatch, len(m.Proofs), hex.EncodeToString(cur), root)
	}
	return nil
}

// kind names the variant a CommitmentProof sets, for errors.
func (p *CommitmentProof) kind() string {
	switch {
	case p.Exist != nil:
		return "an existence proof"
	case p.Nonexist != nil:
		return "a non-existence proof"
	case p.IsBatch:
		return "a batch proof"
	}
	return "empty"
}

// VerifyMerkleMembership checks MerkleProof bytes, as IBC messages carry them: it is
// DecodeMerkleProof, then MerkleProof.VerifyMembership, with the same errors (a to c
// there, and ErrMalformed). The common case, canonically encoded single existence
// proofs, is checked and hashed as it is read, allocating nothing; anything else is
// decided by the general path, so the two never disagree.
//
// Resource bound: as DecodeMerkleProof and MerkleProof.VerifyMembership; nothing beyond
// scratch when the proofs are canonical existence proofs.
func VerifyMerkleMembership(specs []*ProofSpec, root, proof []byte, path MerklePath, value []byte) error {
	if verifyChainFast(specs, root, proof, path, value) {
		return nil
	}
	m, err := DecodeMerkleProof(proof)
	if err != nil {
		return err
	}
	return m.VerifyMembership(specs, root, path, value)
}

// VerifyMerkleNonMembership is DecodeMerkleProof, then MerkleProof.VerifyNonMembership.
//
// Resource bound: as DecodeMerkleProof and MerkleProof.VerifyNonMembership.
func VerifyMerkleNonMembership(specs []*ProofSpec, root, proof []byte, path MerklePath) error {
	m, err := DecodeMerkleProof(proof)
	if err != nil {
		return err
	}
	return m.VerifyNonMembership(specs, root, path)
}

// verifyChainFast is MerkleProof.VerifyMembership on the encoded chain when every proof is
// a canonical single existence proof (existRootFast): each proof's computed root is the
// value of the next, the last must be root. It reports true only when the chain verifies.
func verifyChainFast(specs []*ProofSpec, root, proof []byte, path MerklePath, value []byte) bool {
	if len(specs) == 0 || len(path.KeyPath) != len(specs) || len(root) == 0 || len(value) == 0 {
		return false
	}
	r := pbReader{b: proof}
	var cur digest
	v := value
	i := 0
	for !r.done() {
		f, w, err := r.tag()
		if err != nil || f != 1 || w != wireLen || i >= len(specs) {
			return false
		}
		msg, err := r.bytes()
		if err != nil {
			return false
		}
		spec := specs[i]
		if spec == nil || spec.LeafSpec == nil || spec.InnerSpec == nil {
			return false
		}
		d, ok := existRootFast(spec, msg, path.KeyPath[len(path.KeyPath)-1-i], v)
		if !ok {
			return false
		}
		cur = d
		v = cur.bytes()
		i++
	}
	return i == len(specs) && bytes.Equal(cur.bytes(), root)
}
