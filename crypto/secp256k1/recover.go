package secp256k1

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"

	"github.com/interopkit/interop"
)

// RecoverAddress returns the address of the key that produced sig = r‖s‖v over digest, with
// the semantics of go-ethereum's crypto.Ecrecover and libsecp256k1's ecdsa_recover:
//
//	a) v must be 0, 1, 27 or 28 (27/28 are read as 0/1), else ErrInvalidRecoveryID;
//	b) r and s must be in [1, n-1], else ErrInvalidSignature; s > n/2 is accepted;
//	c) R is the point with x = r and y of parity v; when x³+7 has no square root, ErrInvalidSignature;
//	d) Q = r⁻¹·(s·R - e·G) with e = digest mod n; Q at infinity is ErrInvalidSignature.
//
// The recovery id's second bit (R.x = r + n, possible when r < p - n) is not representable in
// Ethereum's v, so x = r always, as in every Ethereum client. Cost: one double-scalar
// multiplication; no allocation beyond an error.
func RecoverAddress(digest interop.Hash, sig [65]byte) (interop.Address, error) {
	q, err := recoverPoint(&digest, &sig, false)
	if err != nil {
		return interop.Address{}, err
	}
	return addressOfFe(&q), nil
}

// RecoverAddressStrict is RecoverAddress that also rejects s > n/2 with ErrHighS, as EIP-2
// requires of transaction signatures and OpenZeppelin's ECDSA.recover of any signature.
func RecoverAddressStrict(digest interop.Hash, sig [65]byte) (interop.Address, error) {
	q, err := recoverPoint(&digest, &sig, true)
	if err != nil {
		return interop.Address{}, err
	}
	return addressOfFe(&q), nil
}

// RecoverPublicKey is RecoverAddress returning the public key instead of its address.
func RecoverPublicKey(digest interop.Hash, sig [65]byte) (*PublicKey, error) {
	q, err := recoverPoint(&digest, &sig, false)
	if err != nil {
		return nil, err
	}
	return &PublicKey{p: q.toCurve()}, nil
}

func recoverPoint(digest *interop.Hash, sig *[65]byte, strict bool) (affPt, error) {
	var q affPt
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return q, fmt.Errorf("%w: %w: v = %d, want 0, 1, 27 or 28", ErrInvalidSignature, ErrInvalidRecoveryID, sig[64])
	}
	r, s, err := parseRS(sig[:64], strict)
	if err != nil {
		return q, err
	}
	// SEC 1 section 4.1.6 step 1.2-1.3: x = r (j = 0), R = (x, y) with y of parity v.
	x := fe(r) // r < n < p
	R, ok := liftXFe(&x, v == 1)
	if !ok {
		return q, fmt.Errorf("%w: no curve point with x = r = %x", ErrInvalidSignature, r.bytes())
	}

	// Step 1.6.1: Q = r⁻¹(s·R - e·G) = (-e·r⁻¹)·G + (s·r⁻¹)·R.
	e := reduceDigest((*[32]byte)(digest))
	var u1f, u2f fr.Element
	rf := r.toFr()
	rinv := invVarN(&rf) // r is public
	ef := e.toFr()
	sf := s.toFr()
	u1f.Mul(&ef, &rinv).Neg(&u1f)
	u2f.Mul(&sf, &rinv)
	u1, u2 := frToLimbs(&u1f), frToLimbs(&u2f)
	qj := mulGenAdd(&u1, &u2, &R)
	if !qj.toAff(&q) {
		return q, fmt.Errorf("%w: recovered key is the point at infinity", ErrInvalidSignature)
	}
	return q, nil
}

// parseRS reads r‖s and checks 0 < r, s < n, and s ≤ n/2 when strict.
func parseRS(b []byte, strict bool) (r, s limbs, err error) {
	r = limbsFromBytes((*[32]byte)(b[:32]))
	s = limbsFromBytes((*[32]byte)(b[32:64]))
	// The errors format copies, so that b does not escape and callers' arrays stay on the stack.
	if !r.inScalarRange() {
		return r, s, fmt.Errorf("%w: r = %x not in [1, n-1]", ErrInvalidSignature, r.bytes())
	}
	if !s.inScalarRange() {
		return r, s, fmt.Errorf("%w: s = %x not in [1, n-1]", ErrInvalidSignature, s.bytes())
	}
	if strict && s.cmp(&halfN) > 0 {
		return r, s, fmt.Errorf("%w: %w: s = %x", ErrInvalidSignature, ErrHighS, s.bytes())
	}
	return r, s, nil
}

// Ecrecover runs the ECRECOVER precompile at address 0x01 (yellow paper, Appendix E) on its
// call data. The input is read as 128 bytes hash‖v‖r‖s, right-padded with zeros or truncated.
// v is a 32-byte big-endian word that must equal 27 or 28 exactly; r and s must be in
// [1, n-1] (high s is accepted). The result is the signer's address left-padded to 32 bytes,
// or empty (nil) for any input that does not recover: the precompile signals failure by
// returning no data, not by reverting. Input of any length costs the same: the first 128
// bytes are copied, the rest is not read.
func Ecrecover(input []byte) []byte {
	var in [128]byte
	copy(in[:], input)
	for _, b := range in[32:63] {
		if b != 0 {
			return nil
		}
	}
	if in[63] != 27 && in[63] != 28 {
		return nil
	}
	var digest interop.Hash
	var sig [65]byte
	copy(digest[:], in[:32])
	copy(sig[:64], in[64:128])
	sig[64] = in[63] - 27
	q, err := recoverPoint(&digest, &sig, false)
	if err != nil {
		return nil
	}
	out := make([]byte, 32)
	a := addressOfFe(&q)
	copy(out[12:], a[:])
	return out
}
