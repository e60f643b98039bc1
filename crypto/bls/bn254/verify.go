package bn254

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
)

// Verify reports whether sig is pk's signature on msg: e(σ, g₂) = e(H(msg ‖ CSID), pk), as
// jellyfish's VerKey::verify(msg, sig, CS_ID_BLS_BN254) and BLSSig.sol's verifyBlsSig. Nil
// arguments and a key at infinity (only reachable by aggregation) are false.
func Verify(pk *PublicKey, msg []byte, sig *Signature) bool {
	if pk == nil || sig == nil || pk.p.IsInfinity() {
		return false
	}
	return verify(&pk.p, msg, &sig.p)
}

// verify checks e(−σ, g₂)·e(H, pk) = 1 as one two-pair Miller loop and one final
// exponentiation (gnark-crypto's PairingCheck).
func verify(pk *bn254.G2Affine, msg []byte, sig *bn254.G1Affine) bool {
	h := hashMessage(msg)
	var neg bn254.G1Affine
	neg.Neg(sig)
	ok, err := bn254.PairingCheck([]bn254.G1Affine{neg, h}, []bn254.G2Affine{g2Gen, *pk})
	return err == nil && ok
}

// Aggregate sums signatures, jellyfish's aggregate. An empty list is ErrEmpty, a nil entry ErrNil.
func Aggregate(sigs []*Signature) (*Signature, error) {
	if len(sigs) == 0 {
		return nil, ErrEmpty
	}
	var acc bn254.G1Jac
	for i, s := range sigs {
		if s == nil {
			return nil, fmt.Errorf("signature %d: %w", i, ErrNil)
		}
		acc.AddMixed(&s.p)
	}
	out := new(Signature)
	out.p.FromJacobian(&acc)
	return out, nil
}

// AggregatePublicKeys sums keys, as jellyfish's multi_sig_verify does before verifying. An
// empty list is ErrEmpty, a nil entry ErrNil; a sum at infinity is ErrInfinity.
func AggregatePublicKeys(pks []*PublicKey) (*PublicKey, error) {
	if len(pks) == 0 {
		return nil, ErrEmpty
	}
	var acc bn254.G2Jac
	for i, pk := range pks {
		if pk == nil {
			return nil, fmt.Errorf("public key %d: %w", i, ErrNil)
		}
		acc.AddMixed(&pk.p)
	}
	out := new(PublicKey)
	out.p.FromJacobian(&acc)
	if out.p.IsInfinity() {
		return nil, fmt.Errorf("aggregate of %d keys: %w", len(pks), ErrInfinity)
	}
	return out, nil
}

// FastAggregateVerify reports whether sig is the aggregate of every key's signature on msg,
// jellyfish's multi_sig_verify (the check a HotShot QC makes): Verify against the sum of the
// keys. An empty list, a nil entry, or keys summing to infinity are false. Keys must come from
// a trusted stake table: without proofs of possession, a rogue key could cancel the others.
func FastAggregateVerify(pks []*PublicKey, msg []byte, sig *Signature) bool {
	agg, err := AggregatePublicKeys(pks)
	if err != nil || sig == nil {
		return false
	}
	return verify(&agg.p, msg, &sig.p)
}
