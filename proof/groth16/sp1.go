package groth16

import (
	"bytes"
	"crypto/sha256"
	"fmt"
)

// SP1 Groth16 envelope sizes (sp1-contracts SP1VerifierGroth16.sol).
const (
	// SP1SelectorSize is the prefix of every SP1 proof: the first 4 bytes of
	// VERIFIER_HASH = sha256(groth16_vk.bin).
	SP1SelectorSize = 4
	// SP1ProofSizeV4 is selector ‖ uint256[8], the layout up to SP1 v4 (2 public inputs).
	SP1ProofSizeV4 = SP1SelectorSize + EVMProofSize
	// SP1ProofSizeV6 is selector ‖ exitCode ‖ vkRoot ‖ nonce ‖ uint256[8], the layout from
	// SP1 v5/v6 (5 public inputs).
	SP1ProofSizeV6 = SP1SelectorSize + 3*32 + EVMProofSize
)

// SP1Verifier verifies SP1 Groth16 proofs as sp1-contracts' SP1VerifierGroth16 does:
// verifyProof(programVKey, publicValues, proofBytes). The layout follows from the key:
// two public inputs [programVKey, digest(publicValues)] for SP1 up to v4, five
// [programVKey, digest, exitCode, vkRoot, nonce] from v5. It is safe for concurrent use.
type SP1Verifier struct {
	key          *VerifyingKey
	verifierHash [32]byte
	vkRoot       [32]byte
}

// NewSP1Verifier builds a verifier from SP1's groth16_vk.bin (gnark's compressed key);
// its sha256 is the VERIFIER_HASH whose first 4 bytes every proof must start with.
// vkRoot is the recursion vk root that v5+ proofs must carry (VK_ROOT in the contract);
// it is ignored for two-input (pre-v5) keys.
func NewSP1Verifier(vkBin []byte, vkRoot [32]byte) (*SP1Verifier, error) {
	vk, err := ParseGnarkVerifyingKey(vkBin)
	if err != nil {
		return nil, err
	}
	return NewSP1VerifierFromKey(vk, sha256.Sum256(vkBin), vkRoot)
}

// NewSP1VerifierFromKey builds a verifier from a key obtained otherwise (for instance the
// constants of a deployed Groth16Verifier.sol) and its published VERIFIER_HASH.
func NewSP1VerifierFromKey(vk *VerifyingKey, verifierHash, vkRoot [32]byte) (*SP1Verifier, error) {
	if vk == nil {
		return nil, fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if n := vk.NumPublic(); n != 2 && n != 5 || vk.NumCommitments() != 0 {
		return nil, fmt.Errorf("%w: SP1 keys have 2 or 5 public inputs and no commitments, got %d and %d", ErrInvalidKey, n, vk.NumCommitments())
	}
	return &SP1Verifier{key: vk, verifierHash: verifierHash, vkRoot: vkRoot}, nil
}

// VerifierHash returns the key's VERIFIER_HASH.
func (v *SP1Verifier) VerifierHash() [32]byte { return v.verifierHash }

// Key returns the Groth16 key.
func (v *SP1Verifier) Key() *VerifyingKey { return v.key }

// SP1PublicValuesDigest is sp1-contracts' hashPublicValues: sha256(publicValues) with the
// top three bits cleared, so that it is below r.
func SP1PublicValuesDigest(publicValues []byte) [32]byte {
	d := sha256.Sum256(publicValues)
	d[0] &= 0x1f
	return d
}

// Decode checks the envelope of proofBytes and returns the Groth16 proof and the public
// inputs it is to be verified against. Errors: ErrMalformed for a wrong length, ErrSP1
// for a selector that is not the verifier hash's, a nonzero exit code or a foreign vk
// root, and the ParseEVMProof errors.
func (v *SP1Verifier) Decode(programVKey [32]byte, publicValues, proofBytes []byte) (*Proof, [][32]byte, error) {
	long := v.key.NumPublic() == 5
	want := SP1ProofSizeV4
	if long {
		want = SP1ProofSizeV6
	}
	if len(proofBytes) != want {
		return nil, nil, fmt.Errorf("%w: SP1 proof is %d bytes, want %d", ErrMalformed, len(proofBytes), want)
	}
	// SP1VerifierGroth16: bytes4(proofBytes[:4]) == bytes4(VERIFIER_HASH()), checked
	// before anything else so that a proof for another verifier is refused cheaply.
	if !bytes.Equal(proofBytes[:SP1SelectorSize], v.verifierHash[:SP1SelectorSize]) {
		return nil, nil, fmt.Errorf("%w: selector %x, verifier hash starts %x", ErrSP1, proofBytes[:SP1SelectorSize], v.verifierHash[:SP1SelectorSize])
	}
	public := make([][32]byte, 0, 5)
	public = append(public, programVKey, SP1PublicValuesDigest(publicValues))
	body := proofBytes[SP1SelectorSize:]
	if long {
		var exitCode, vkRoot, nonce [32]byte
		copy(exitCode[:], body[0:32])
		copy(vkRoot[:], body[32:64])
		copy(nonce[:], body[64:96])
		if exitCode != ([32]byte{}) {
			return nil, nil, fmt.Errorf("%w: exit code %x", ErrSP1, exitCode)
		}
		if vkRoot != v.vkRoot {
			return nil, nil, fmt.Errorf("%w: vk root %x, want %x", ErrSP1, vkRoot, v.vkRoot)
		}
		public = append(public, exitCode, vkRoot, nonce)
		body = body[96:]
	}
	p, err := ParseEVMProof(body)
	if err != nil {
		return nil, nil, err
	}
	return p, public, nil
}

// Verify checks an SP1 Groth16 proof of the program with verification-key hash
// programVKey that committed publicValues: the envelope (Decode), then the Groth16
// proof (Verify, which also rejects a programVKey ≥ r).
func (v *SP1Verifier) Verify(programVKey [32]byte, publicValues, proofBytes []byte) error {
	p, public, err := v.Decode(programVKey, publicValues, proofBytes)
	if err != nil {
		return err
	}
	return Verify(v.key, p, public)
}
